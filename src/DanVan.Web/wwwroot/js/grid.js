// The figure grid (/campaigns/{id}/entries): Enter moves to the same indicator of the next unit, as in a
// spreadsheet, instead of sending a half-filled grid; Shift+Enter moves up. The form works without this.
document.addEventListener('keydown', event => {
    const input = event.target;
    if (event.key !== 'Enter' || !(input instanceof HTMLInputElement) || !input.classList.contains('grid__input')) {
        return;
    }

    event.preventDefault();
    const column = [...input.form.querySelectorAll('.grid__input')].filter(i => i.dataset.column === input.dataset.column);
    const next = column[column.indexOf(input) + (event.shiftKey ? -1 : 1)];
    if (next) {
        next.focus();
        next.select();
    } else if (!event.shiftKey) {
        input.form.querySelector('.grid-form__save')?.focus();
    }
});

// An error summary's link puts the focus in the field, not only the view, so the person can type at once. Captured
// before Blazor's own link handling, which would otherwise treat the link as a navigation.
document.addEventListener('click', event => {
    const link = event.target instanceof Element ? event.target.closest('.error-summary a[href*="#"]') : null;
    const href = link?.getAttribute('href') ?? '';
    const field = link ? document.getElementById(decodeURIComponent(href.slice(href.indexOf('#') + 1))) : null;
    if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement) {
        event.preventDefault();
        field.scrollIntoView({ block: 'center' });
        field.focus();
    }
}, true);

// The exports page (/exports) while a job waits or is being written: every five seconds the list is read again and
// swapped in, its statuses announced politely (no page refresh that moves the reader: WCAG 2.2.1). Without this the
// page is current when it is opened or reloaded.
setInterval(async () => {
    const list = document.querySelector('[data-export-jobs]');
    if (!list?.querySelector('[data-status="Queued"], [data-status="Running"]')) {
        return;
    }

    try {
        const response = await fetch(location.href, { credentials: 'same-origin' });
        const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('[data-export-jobs]');
        if (fresh && document.contains(list)) {
            list.replaceWith(fresh);
        }
    } catch {
        // Offline or signed out: the next tick tries again.
    }
}, 5000);
