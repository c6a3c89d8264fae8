// Working without a network (docs/OFFLINE.md). Three forms may be filled in offline — a campaign's figure grid, a new
// petition, a dialogue's record — marked data-offline on the <form>. Offline (or on "Lưu trên thiết bị"), the form's
// fields are kept in this device's IndexedDB with the account they belong to and a key of their own; when the network
// returns (or on "Gửi ngay") each is posted as the form itself would have been, with a fresh antiforgery token, under
// the same account only. The server's answer decides: saved, refused with its messages (kept, to correct and send
// again), or in conflict (the figure saved meanwhile shown beside the person's, who chooses). Sent entries keep no
// field; signing out empties the store. Without this script the forms post as they always do.
(() => {
    const account = document.querySelector('meta[name="danvan-account"]')?.content ?? null;
    const text = document.getElementById('offline-text')?.dataset ?? {};
    const say = (name, ...values) => values.reduce((s, v, i) => s.replace(`{${i}}`, v), text[name] ?? name);
    const cap = word => word.charAt(0).toUpperCase() + word.slice(1);
    // Dates as the app writes them (dd/MM/yyyy HH:mm, Vietnam's time), whatever the browser's own language.
    const clock = new Intl.DateTimeFormat('en-GB', {
        day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh',
    });
    const when = iso => iso ? clock.format(new Date(iso)).replace(',', '') : '';

    if ('serviceWorker' in navigator && account) {
        navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => { });
    }

    // ---- the store ----
    const open = () => new Promise((resolve, reject) => {
        const request = indexedDB.open('danvan', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('entries', { keyPath: 'id' });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });
    const store = async (mode, work) => {
        const db = await open();
        return new Promise((resolve, reject) => {
            const transaction = db.transaction('entries', mode);
            const request = work(transaction.objectStore('entries'));
            transaction.oncomplete = () => { db.close(); resolve(request?.result); };
            transaction.onerror = transaction.onabort = () => { db.close(); reject(transaction.error); };
        });
    };
    const entries = async () => ((await store('readonly', s => s.getAll())) ?? [])
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const save = entry => store('readwrite', s => s.put(entry));
    const remove = id => store('readwrite', s => s.delete(id));
    const newId = () => crypto.randomUUID ? crypto.randomUUID()
        : Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');

    const clearDevice = async () => {
        try {
            await new Promise(resolve => {
                const request = indexedDB.deleteDatabase('danvan');
                request.onsuccess = request.onerror = request.onblocked = resolve;
            });
            for (const name of await caches.keys()) {
                await caches.delete(name);
            }
        } catch {
            // Nothing kept, or no access: nothing to clear.
        }
    };

    // ---- keeping a form on the device ----
    const banner = (form, message, kind) => {
        let box = form.querySelector(':scope > .offline-notice');
        if (!box) {
            box = document.createElement('div');
            box.setAttribute('role', 'status');
            form.prepend(box);
        }
        box.className = `offline-notice offline-notice--${kind}`;
        box.innerHTML = '';
        box.append(message, ' ');
        const link = document.createElement('a');
        link.href = '/offline';
        link.textContent = say('waitingLink');
        box.append(link);
        box.scrollIntoView({ block: 'nearest' });
    };

    const keep = async (form, submitter) => {
        const data = new FormData(form, submitter?.name ? submitter : undefined);
        data.delete('__RequestVerificationToken');
        const editing = form.dataset.offlineEntry ? (await entries()).find(e => e.id === form.dataset.offlineEntry) : null;
        const keyField = form.dataset.offlineKey;
        const entry = editing ?? { id: newId(), createdAt: new Date().toISOString() };
        if (keyField) {
            // A key of the entry's own, kept through every retry: a form page saved once can record many petitions,
            // and the same entry sent twice records one.
            entry.key ??= newId();
            data.set(keyField, entry.key);
        }

        const path = (form.getAttribute('action') || location.pathname + location.search);
        const titleField = form.dataset.offlineTitleField;
        Object.assign(entry, {
            account,
            kind: form.dataset.offline,
            url: new URL(path, location.href).pathname + new URL(path, location.href).search,
            title: (titleField && data.get(titleField)) || form.dataset.offlineTitle || document.title,
            fields: [...data.entries()].filter(([, v]) => typeof v === 'string'),
            status: 'waiting',
            errors: [],
            conflicts: [],
            keptAt: new Date().toISOString(),
        });
        if (form.dataset.offlineMerge !== undefined) {
            // The grid: a later save of the same page replaces the one still waiting (it carries every cell).
            for (const other of await entries()) {
                if (other.id !== entry.id && other.url === entry.url && other.account === account && other.status === 'waiting') {
                    await remove(other.id);
                }
            }
        }

        try {
            await save(entry);
        } catch (error) {
            banner(form, error?.name === 'QuotaExceededError' ? say('full') : say('notKept'), 'error');
            return;
        }

        if (form.dataset.offlineReset !== undefined) {
            // A new petition: the form is emptied for the next citizen at a reception day; the entry is on the device
            // and reopens from the waiting list.
            delete form.dataset.offlineEntry;
            form.reset();
        } else {
            form.dataset.offlineEntry = entry.id;
        }
        banner(form, say('kept', when(entry.keptAt)), 'kept');
        await showCount();
        if (navigator.onLine) {
            sync().catch(() => { });
        }
    };

    document.addEventListener('submit', event => {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.matches('form[data-offline]') || !account) {
            return;
        }

        const onDevice = event.submitter?.hasAttribute('data-offline-keep');
        if (navigator.onLine && !onDevice) {
            // Sent now: an entry it was corrected from is done with.
            if (form.dataset.offlineEntry) {
                remove(form.dataset.offlineEntry).catch(() => { });
            }
            return;
        }

        event.preventDefault();
        event.stopImmediatePropagation();
        keep(form, event.submitter).catch(() => banner(form, say('notKept'), 'error'));
    }, true);

    // Signing out empties the store first (the server's Clear-Site-Data does it too, where the browser honours it).
    document.addEventListener('submit', event => {
        const form = event.target;
        if (form instanceof HTMLFormElement && /\/account\/logout/.test(form.getAttribute('action') ?? '') && !form.dataset.cleared) {
            event.preventDefault();
            event.stopImmediatePropagation();
            navigator.serviceWorker?.controller?.postMessage('clear');
            clearDevice().finally(() => {
                form.dataset.cleared = 'true';
                form.submit();
            });
        }
    }, true);

    // ---- sending ----
    const parse = html => new DOMParser().parseFromString(html, 'text/html');
    const signInPage = url => new URL(url).pathname.startsWith('/account/login');

    const sendOne = async entry => {
        // The page the form came from, read now: its antiforgery token, and that this account is still signed in.
        let page;
        try {
            page = await fetch(entry.url, { credentials: 'same-origin' });
        } catch {
            return false;
        }

        const fresh = page.ok && !signInPage(page.url) ? parse(await page.text()) : null;
        if (!fresh || fresh.querySelector('meta[name="danvan-account"]')?.content !== entry.account) {
            entry.status = 'signin';
            await save(entry);
            return true;
        }

        const body = new URLSearchParams(entry.fields);
        const token = fresh.querySelector('input[name="__RequestVerificationToken"]')?.value;
        if (token) {
            body.set('__RequestVerificationToken', token);
        }

        entry.status = 'sending';
        await save(entry);
        let response;
        try {
            response = await fetch(entry.url, { method: 'POST', body, credentials: 'same-origin' });
        } catch {
            entry.status = 'waiting';
            await save(entry);
            return false;
        }

        const answer = parse(await response.text());
        const receipt = answer.querySelector('[data-offline-result]');
        if ((response.redirected && !signInPage(response.url)) || receipt) {
            // Saved: nothing typed stays on the device; a petition's receipt (code and PIN, shown once) is kept until
            // the officer has handed it over.
            entry.status = 'saved';
            entry.fields = [];
            entry.sentAt = new Date().toISOString();
            entry.result = {
                url: receipt?.dataset.offlineResult ?? new URL(response.url).pathname,
                code: receipt?.querySelector('[data-testid="receipt-code"]')?.textContent.trim() ?? null,
                pin: receipt?.querySelector('[data-testid="receipt-pin"]')?.textContent.trim() ?? null,
            };
            await save(entry);
            return true;
        }

        if (response.redirected && signInPage(response.url)) {
            entry.status = 'signin';
            await save(entry);
            return true;
        }

        const conflicts = [...answer.querySelectorAll('.grid__conflict')].map(p => {
            const cell = p.closest('td');
            const input = cell.querySelector('input.grid__input');
            const key = input.name.slice(2, -1);
            return {
                key,
                label: cell.querySelector('label')?.textContent.trim() ?? key,
                mine: input.value,
                saved: cell.querySelector(`input[name="o[${key}]"]`)?.value ?? '',
                version: cell.querySelector(`input[name="r[${key}]"]`)?.value ?? '',
                message: p.textContent.trim(),
            };
        });
        const errors = [...answer.querySelectorAll('.error-summary li, .grid__error')].map(e => e.textContent.trim()).filter(Boolean);
        entry.status = conflicts.length > 0 ? 'conflict' : 'refused';
        entry.conflicts = conflicts;
        entry.errors = [...new Set(errors.length > 0 ? errors : [say('refusedUnknown', response.status)])];
        await save(entry);
        return true;
    };

    let syncing = false;
    const sync = async () => {
        if (!account || !navigator.onLine || syncing) {
            return;
        }

        syncing = true;
        const run = async () => {
            for (const entry of await entries()) {
                // Never under another account; refused and conflicting entries wait for the person.
                if (entry.account === account && ['waiting', 'signin', 'sending'].includes(entry.status)) {
                    if (!await sendOne(entry)) {
                        break;
                    }
                }
            }
        };
        try {
            // Two tabs of the same device send one after the other, never the same entry at once.
            await (navigator.locks ? navigator.locks.request('danvan-offline-sync', run) : run());
        } catch {
            // The next chance (online again, a page opened, "Gửi ngay") tries again.
        } finally {
            syncing = false;
            await showCount().catch(() => { });
            await renderQueue();
        }
    };

    // ---- what the person sees ----
    const showCount = async () => {
        const link = document.getElementById('offline-queue-link');
        if (!link || !account) {
            return;
        }

        let waiting = 0;
        try {
            waiting = (await entries()).filter(e => e.account === account && e.status !== 'saved').length;
        } catch {
            return;
        }

        link.hidden = waiting === 0;
        link.querySelector('[data-count]').textContent = waiting;
    };

    const element = (tag, className, content) => {
        const e = document.createElement(tag);
        if (className) {
            e.className = className;
        }
        if (content !== undefined) {
            e.append(content);
        }
        return e;
    };
    const button = (label, action) => {
        const b = element('button', 'button button--secondary button--small', label);
        b.type = 'button';
        b.addEventListener('click', action);
        return b;
    };

    const resolve = async (entry, conflict, keepMine) => {
        const fields = new Map(entry.fields);
        fields.set(`r[${conflict.key}]`, conflict.version);
        fields.set(`o[${conflict.key}]`, conflict.saved);
        if (!keepMine) {
            fields.set(`v[${conflict.key}]`, conflict.saved);
        }
        entry.fields = [...fields.entries()];
        entry.conflicts = entry.conflicts.filter(c => c.key !== conflict.key);
        if (entry.conflicts.length === 0) {
            entry.status = 'waiting';
            entry.errors = [];
        }
        await save(entry);
        await renderQueue();
        if (entry.status === 'waiting') {
            sync().catch(() => { });
        }
    };

    const renderQueue = async () => {
        const list = document.getElementById('offline-entries');
        if (!list) {
            return;
        }

        let mine;
        try {
            mine = (await entries()).filter(e => e.account === account);
        } catch {
            // The store is being emptied (signing out): nothing to show.
            return;
        }
        list.replaceChildren(...mine.map(entry => {
            const card = element('li', `offline-entry offline-entry--${entry.status}`);
            card.dataset.entry = entry.id;
            card.append(element('h3', 'offline-entry__title', entry.title));
            card.append(element('p', 'caption', `${say('kind' + cap(entry.kind))} · ${say('keptAt', when(entry.keptAt))}`));
            card.append(element('p', 'offline-entry__status', say('status' + cap(entry.status))));
            if (entry.errors?.length) {
                const errors = element('ul', 'offline-entry__errors');
                errors.append(...entry.errors.map(e => element('li', null, e)));
                card.append(errors);
            }
            for (const conflict of entry.conflicts ?? []) {
                const box = element('div', 'offline-conflict');
                box.append(element('p', null, conflict.label));
                box.append(element('p', 'offline-conflict__values', say('conflictValues', conflict.mine || '—', conflict.saved || '—')));
                box.append(button(say('keepMine'), () => resolve(entry, conflict, true)));
                box.append(' ', button(say('useSaved'), () => resolve(entry, conflict, false)));
                card.append(box);
            }
            if (entry.result) {
                const result = element('p', 'offline-entry__result');
                if (entry.result.code) {
                    result.append(say('receipt', entry.result.code, entry.result.pin ?? '—'), ' ');
                }
                const link = element('a', null, say('openRecord'));
                link.href = entry.result.url;
                result.append(link);
                card.append(result);
            }
            const actions = element('p', 'button-row');
            if (entry.status === 'refused') {
                const link = element('a', 'button button--secondary button--small', say('correct'));
                link.href = `${entry.url}#offline-entry=${entry.id}`;
                link.dataset.enhanceNav = 'false';
                actions.append(link);
            }
            actions.append(button(entry.status === 'saved' ? say('dismiss') : say('discard'), async () => {
                await remove(entry.id);
                await renderQueue();
                await showCount();
            }));
            card.append(actions);
            return card;
        }));
        const empty = document.getElementById('offline-empty');
        if (empty) {
            empty.hidden = mine.length > 0;
        }
    };

    // A refused entry opened to be corrected: all its fields back in the form, the versions it was made from included,
    // so that a change saved meanwhile by someone else is still found when it is sent.
    const restore = async () => {
        const id = /#offline-entry=([\w-]+)/.exec(location.hash)?.[1];
        const form = document.querySelector('form[data-offline]');
        if (!id || !form) {
            return;
        }

        const entry = (await entries()).find(e => e.id === id && e.account === account);
        if (!entry) {
            return;
        }

        for (const [name, value] of entry.fields) {
            if (name === '_handler') {
                continue;
            }
            const field = form.elements.namedItem(name);
            if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
                field.checked = field.value === value;
            } else if (field && 'value' in field) {
                field.value = value;
                if (field.dataset?.date !== undefined) {
                    // A date field (site.js) shows the kept yyyy-MM-dd the way the interface writes dates.
                    field.dispatchEvent(new Event('change', { bubbles: true }));
                }
            }
        }

        form.dataset.offlineEntry = entry.id;
        banner(form, say('correcting', entry.errors.join(' ')), 'error');
    };

    // A page opened from the device's copy: say so, with its time, and keep it read only (the offline forms keep).
    const savedAt = document.documentElement.dataset.offlineSaved;
    if (savedAt !== undefined) {
        const entry = document.querySelector('form[data-offline]') !== null;
        const notice = element('div', 'offline-banner',
            savedAt ? say(entry ? 'savedPageEntry' : 'savedPage', when(savedAt)) : say('offlinePage'));
        notice.setAttribute('role', 'status');
        document.querySelector('main')?.prepend(notice);
        document.querySelectorAll('form:not([data-offline]) :is(button, input[type=submit])').forEach(b => b.disabled = true);
    }

    // Offline forms get a second button: keep on this device now, send later.
    document.querySelectorAll('form[data-offline]').forEach(form => {
        const primary = form.querySelector('button[type=submit]:not([name])') ?? form.querySelector('button[type=submit]');
        if (primary && !form.querySelector('[data-offline-keep]')) {
            const keepButton = element('button', 'button button--secondary', say('keepButton'));
            keepButton.type = 'submit';
            keepButton.setAttribute('data-offline-keep', '');
            primary.after(' ', keepButton);
        }
    });

    document.getElementById('offline-send')?.addEventListener('click', () => sync().catch(() => { }));
    window.addEventListener('online', () => sync().catch(() => { }));
    const quietly = promise => promise.catch(() => { });
    // A sent petition's receipt (its code and PIN, shown once) stays no longer than a session lasts
    // (AuthSetup.AbsoluteTimeout): the officer has handed it over by then.
    const KEEP_SENT_HOURS = 12;
    const forgetSent = async () => {
        for (const entry of await entries()) {
            if (entry.status === 'saved' && Date.now() - Date.parse(entry.sentAt ?? '') > KEEP_SENT_HOURS * 3600 * 1000) {
                await remove(entry.id);
            }
        }
    };
    // Signed out, the device's store is not opened at all (that would create it again).
    const forgotten = account ? forgetSent().catch(() => { }) : Promise.resolve();
    quietly(forgotten.then(showCount));
    quietly(forgotten.then(renderQueue));
    quietly(restore());
    if (navigator.onLine) {
        quietly(sync());
    }

    // The pages of the next days of a grid, kept while online so that several days can be entered offline: the service
    // worker keeps them (sw.js), only where it is in charge of the tab, and fetches a copy at most once every six hours —
    // on a slow network the grid's own page is what a visit costs. This page too: it was opened before the service
    // worker took charge of the tab.
    const prefetch = document.querySelector('[data-offline-prefetch]')?.dataset.offlinePrefetch;
    const worker = navigator.serviceWorker?.controller;
    if (prefetch !== undefined && navigator.onLine && worker) {
        const here = location.pathname + location.search;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { document.documentElement.dataset.offlineKept = 'true'; };
        worker.postMessage({ keep: [here, ...prefetch.split(' ').filter(Boolean)], again: here }, [channel.port2]);
    }
})();
