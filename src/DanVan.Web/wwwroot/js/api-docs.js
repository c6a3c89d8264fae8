// The interactive API reference (Scalar), started from this file rather than an inline script so the page
// keeps a content security policy without 'unsafe-inline' scripts. No fonts or proxies from other hosts.
Scalar.createApiReference('#app', {
  url: '/openapi/v1.json',
  withDefaultFonts: false,
  hideClientButton: false,
  telemetry: false,
  metaData: { title: 'DanVan API' },
  // Scalar's HTTP-method colours and faint grey text are too light on its panels (WCAG AA needs 4.5:1, axe-core
  // flags them), and its "more clients" button is narrower than a 24 px target on a phone: DanVan's palette instead.
  customCss: `
    .light-mode {
      --scalar-color-3: #666666;
      --scalar-color-green: #00703c; --scalar-color-orange: #8a4b00; --scalar-color-yellow: #7a5c00;
      --scalar-color-blue: #1d4f91; --scalar-color-red: #b3121b; --scalar-color-purple: #6b2c91;
    }
    .client-libraries__select { min-width: 24px; }`,
});
