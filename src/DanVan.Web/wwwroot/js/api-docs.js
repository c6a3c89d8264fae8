// The interactive API reference (Scalar), started from this file rather than an inline script so the page
// keeps a content security policy without 'unsafe-inline' scripts. No fonts or proxies from other hosts.
Scalar.createApiReference('#app', {
  url: '/openapi/v1.json',
  withDefaultFonts: false,
  hideClientButton: false,
  telemetry: false,
  metaData: { title: 'DanVan API' },
});
