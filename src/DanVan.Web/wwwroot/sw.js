// DanVan's service worker (docs/OFFLINE.md): the pages an account opened recently open again without a network, read
// only and marked with the time they were saved; the app's own fingerprinted stylesheet, scripts and icons come from
// the cache. Only this origin's GET requests are handled. Nothing is sent from here: the entries made offline wait in
// the page's IndexedDB queue (js/offline.js), which sends them with the person's own session.
const PAGES = 'danvan-pages-v1';
const ASSETS = 'danvan-assets-v1';
const MAX_PAGES = 40;
// A copy is kept no longer than a session lasts (AuthSetup.AbsoluteTimeout): what a page showed stays on the device no
// longer than the person could have kept it open signed in.
const MAX_AGE_HOURS = 12;
// A grid's next days (kept ahead for offline entry) are fetched again at most this often.
const REFRESH_HOURS = 6;
const hours = n => n * 3600 * 1000;
const age = copy => Date.now() - Date.parse(copy?.headers.get('x-danvan-saved') ?? '');
// Never kept: sign-in and account pages, files, the API, the public tracking page, and what ends a session.
const NEVER = [/^\/account(\/|$)/, /^\/api\//, /\/export(\/|$|\?)/, /^\/exports(\/|$)/, /^\/track(\/|$)/, /^\/documents\//, /^\/health/, /^\/culture/, /^\/notifications\/\d+\/open/];

self.addEventListener('install', event => {
    event.waitUntil(caches.open(PAGES).then(cache => cache.add(new Request('/offline', { credentials: 'same-origin' })).catch(() => {})));
    self.skipWaiting();
});

self.addEventListener('activate', event => {
    event.waitUntil((async () => {
        for (const name of await caches.keys()) {
            if (name !== PAGES && name !== ASSETS) {
                await caches.delete(name);
            }
        }
        await self.clients.claim();
    })());
});

self.addEventListener('message', event => {
    // Signing out empties the device's copies (the server also sends Clear-Site-Data).
    if (event.data === 'clear') {
        event.waitUntil(Promise.all([caches.delete(PAGES), caches.delete(ASSETS)]));
    } else if (Array.isArray(event.data?.keep)) {
        // A grid opened online asks for its next days to be kept (js/offline.js), and is told when they are.
        event.waitUntil(keepAhead(event.data.keep, event.data.again).then(() => event.ports[0]?.postMessage('kept')));
    }
});

async function keepAhead(paths, again) {
    const cache = await caches.open(PAGES);
    for (const path of paths) {
        const url = new URL(path, self.location.origin);
        if (url.origin !== self.location.origin || NEVER.some(pattern => pattern.test(url.pathname))) {
            continue;
        }
        if (path !== again && age(await cache.match(url.pathname + url.search)) < hours(REFRESH_HOURS)) {
            continue;
        }
        const answer = await page(new Request(url, { credentials: 'same-origin' }), url);
        if (answer.headers.has('x-danvan-copy') || answer.type === 'error') {
            return;
        }
    }
}

self.addEventListener('fetch', event => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== self.location.origin || NEVER.some(pattern => pattern.test(url.pathname))) {
        return;
    }

    if (request.mode === 'navigate') {
        event.respondWith(page(request, url));
    } else if ((request.headers.get('accept') ?? '').includes('blazor-enhanced-nav')) {
        // A link followed by Blazor's enhanced navigation: kept like a page; offline it fails, and Blazor then opens
        // the address as a whole page, which the copy answers with its banner.
        event.respondWith(page(request, url).then(response => response.headers.has('x-danvan-copy') ? Response.error() : response));
    } else if (/^\/(_framework|css|js|icons)\/|^\/favicon/.test(url.pathname)) {
        event.respondWith(asset(request));
    }
});

async function page(request, url) {
    try {
        const response = await fetch(request);
        const type = response.headers.get('content-type') ?? '';
        if (response.ok && !response.redirected && type.startsWith('text/html') && url.pathname !== '/offline') {
            const body = await response.clone().text();
            // Only a signed-in page says whose it is; a page for someone signed out is not kept.
            if (/<meta name="danvan-account"/.test(body)) {
                const cache = await caches.open(PAGES);
                await cache.put(url.pathname + url.search, new Response(body, {
                    headers: { 'content-type': type, 'x-danvan-saved': new Date().toISOString() },
                }));
                await trim(cache);
            }
        }
        return response;
    } catch {
        const cache = await caches.open(PAGES);
        let saved = await cache.match(url.pathname + url.search);
        if (saved && age(saved) > hours(MAX_AGE_HOURS)) {
            await cache.delete(url.pathname + url.search);
            saved = undefined;
        }
        saved ??= await cache.match('/offline');
        if (!saved) {
            return Response.error();
        }

        // The copy says when it was saved; the page's script shows it and keeps the page read only.
        const at = saved.headers.get('x-danvan-saved') ?? '';
        const body = (await saved.text()).replace('<html ', `<html data-offline-saved="${at}" `);
        return new Response(body, {
            headers: { 'content-type': saved.headers.get('content-type') ?? 'text/html', 'x-danvan-copy': 'true' },
        });
    }
}

// The oldest copies beyond the last 40, and every copy older than a session.
async function trim(cache) {
    const keys = (await cache.keys()).filter(key => new URL(key.url).pathname !== '/offline');
    for (const [i, key] of keys.entries()) {
        if (i < keys.length - MAX_PAGES || age(await cache.match(key)) > hours(MAX_AGE_HOURS)) {
            await cache.delete(key);
        }
    }
}

async function asset(request) {
    const cached = await caches.match(request, { cacheName: ASSETS });
    if (cached) {
        return cached;
    }

    const response = await fetch(request);
    // Kept only while an account's pages are (not after signing out, which empties both).
    if (response.ok && await caches.has(PAGES)) {
        await (await caches.open(ASSETS)).put(request, response.clone());
    }
    return response;
}
