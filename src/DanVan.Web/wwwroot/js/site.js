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

// Spreadsheet uploads and commits (forms marked data-upload-progress, with an UploadProgress inside): the form is sent
// by XMLHttpRequest so the share of the file sent can be shown, then what the server is doing while it checks or
// writes; the answer's page replaces this one as a normal post would (and the address becomes the answer's, so a
// reload does not post again). Without this the form posts as it is.
document.addEventListener('submit', event => {
    const form = event.target;
    const status = form instanceof HTMLFormElement && form.matches('[data-upload-progress]')
        ? form.querySelector('[data-upload-status]')
        : null;
    if (!status || event.defaultPrevented) {
        return;
    }

    event.preventDefault();
    const data = new FormData(form);
    if (event.submitter?.name) {
        data.append(event.submitter.name, event.submitter.value);
    }

    const bar = status.querySelector('progress');
    const label = status.querySelector('[data-upload-label]');
    const buttons = form.querySelectorAll('button[type=submit]');
    const show = (text, percent) => {
        label.textContent = text;
        if (percent === undefined) {
            bar.removeAttribute('value');
        } else {
            bar.value = percent;
        }
    };
    status.hidden = false;
    buttons.forEach(b => b.disabled = true);
    show(status.dataset.uploading.replace('{0}', '0'), 0);

    const request = new XMLHttpRequest();
    request.open('POST', form.getAttribute('action') || location.href);
    request.upload.addEventListener('progress', e => {
        if (e.lengthComputable) {
            const percent = Math.floor(100 * e.loaded / e.total);
            show(status.dataset.uploading.replace('{0}', percent), percent);
        }
    });
    request.upload.addEventListener('load', () => show(status.dataset.working));
    request.addEventListener('load', () => {
        // The answer's body takes the place of this one (its scripts stay inert: those of this page already run), at
        // the answer's address, with the focus where a new page's would be useful: the error summary or the heading.
        const fresh = new DOMParser().parseFromString(request.responseText, 'text/html');
        history.replaceState(null, '', request.responseURL || location.href);
        document.title = fresh.title;
        document.body.replaceWith(document.adoptNode(fresh.body));
        window.scrollTo(0, 0);
        const target = document.querySelector('.error-summary') ?? document.querySelector('main h1');
        if (target) {
            target.tabIndex = -1;
            target.focus();
        }
    });
    request.addEventListener('error', () => {
        show(status.dataset.failed, 0);
        buttons.forEach(b => b.disabled = false);
    });
    request.send(data);
});

// Lists (RecordList, FilterPanel). On a phone a list's filters start folded once results are shown, so the first
// screen holds results; and "more" appends the next keyset page to the list instead of opening it (the link still
// opens it without this script, or if the fetch fails). The focus moves to the first record added.
const phone = window.matchMedia('(max-width: 40rem)');
const foldFilters = () => {
    if (phone.matches) {
        document.querySelectorAll('details[data-close-on-phone]').forEach(panel => panel.open = false);
    }
};
foldFilters();
window.Blazor?.addEventListener?.('enhancedload', foldFilters);

document.addEventListener('click', async event => {
    const link = event.target instanceof Element ? event.target.closest('a[data-more]') : null;
    const list = link?.closest('[data-record-list]');
    if (!list || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
    }

    event.preventDefault();
    event.stopPropagation();
    link.setAttribute('aria-disabled', 'true');
    try {
        const response = await fetch(link.href, { credentials: 'same-origin' });
        const fresh = response.ok
            ? new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('[data-record-list]')
            : null;
        const rows = fresh ? [...fresh.querySelectorAll('tbody > tr')] : [];
        if (rows.length === 0) {
            throw new Error('no rows');
        }

        list.querySelector('tbody').append(...rows.map(row => document.adoptNode(row)));
        const more = fresh.querySelector('.record-list__more');
        list.querySelector('.record-list__more').replaceWith(...(more ? [document.adoptNode(more)] : []));
        const count = list.querySelector('.record-list__count');
        const shown = list.querySelectorAll('tbody > tr').length;
        if (count) {
            count.textContent = (more ? count.dataset.countMore : count.dataset.countAll).replace('{0}', shown);
        }

        rows[0].querySelector('a')?.focus();
    } catch {
        location.href = link.href;
    }
}, true);

// Dates read as the interface's language writes them — dd/MM/yyyy in Vietnamese and English, dd.MM.yyyy in German —
// whatever the browser's own locale (a phone set to English would otherwise show a Vietnamese form's dates as
// MM/dd/yyyy). Each <input type=date> becomes a text field with the numeric keyboard, accepting d/M/yyyy, ddMMyyyy
// or yyyy-MM-dd, with a button beside it opening the browser's own calendar. The form still sends yyyy-MM-dd (the
// formdata event rewrites the field), so the server reads what it always read; a date that cannot be read stops the
// form with a message on the field. Without this script the browser's date input stays.
const dateText = document.getElementById('date-text')?.dataset;
const pad = n => String(n).padStart(2, '0');
const dateSeparator = dateText?.separator || '/';
const showDate = iso => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
    return m ? [m[3], m[2], m[1]].join(dateSeparator) : (iso ?? '');
};
const readDate = text => {
    const t = (text ?? '').trim();
    if (t === '') {
        return '';
    }
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
    let parts = m ? [+m[3], +m[2], +m[1]] : null;
    m = parts ? null : /^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
    parts ??= m ? [+m[1], +m[2], +m[3]] : null;
    if (!parts) {
        return null;
    }
    const [d, mo, y] = parts;
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (y < 1000 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
        return null;
    }
    return `${y}-${pad(mo)}-${pad(d)}`;
};
const checkDate = input => {
    const iso = readDate(input.value);
    let message = '';
    if (iso === null) {
        message = dateText.invalid;
    } else if (iso && ((input.dataset.min && iso < input.dataset.min) || (input.dataset.max && iso > input.dataset.max))) {
        message = dateText.range.replace('{0}', showDate(input.dataset.min || '')).replace('{1}', showDate(input.dataset.max || ''));
    } else if (iso) {
        input.value = showDate(iso);
    }
    input.setCustomValidity(message);
    return message === '';
};
const calendarIcon = () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', 'M7 2v2H4v18h16V4h-3V2h-2v2H9V2H7zm-1 8h12v10H6V10zm2 2v2h2v-2H8zm4 0v2h2v-2h-2zm-4 4v2h2v-2H8zm4 0v2h2v-2h-2z');
    svg.append(path);
    return svg;
};
const enhanceDates = () => {
    if (!dateText) {
        return;
    }
    document.querySelectorAll('input[type=date]:not([data-date-picker])').forEach(input => {
        const iso = input.value;
        const initial = input.defaultValue;
        for (const bound of ['min', 'max']) {
            if (input[bound]) {
                input.dataset[bound] = input[bound];
                input.removeAttribute(bound);
            }
        }
        input.type = 'text';
        input.dataset.date = '';
        input.inputMode = 'numeric';
        input.autocomplete = 'off';
        input.placeholder = dateText.placeholder;
        input.classList.add('input--date');
        input.defaultValue = showDate(initial);
        input.value = showDate(iso);

        const pick = document.createElement('span');
        pick.className = 'date-pick';
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'date-pick__button';
        button.disabled = input.disabled || input.readOnly;
        const label = input.labels?.[0]?.textContent?.trim();
        // Named by hidden text, not aria-label: the field's label stays the field's alone.
        const name = document.createElement('span');
        name.className = 'visually-hidden';
        name.textContent = label ? `${dateText.pick}: ${label}` : dateText.pick;
        button.append(calendarIcon(), name);
        const picker = document.createElement('input');
        picker.type = 'date';
        picker.tabIndex = -1;
        picker.setAttribute('aria-hidden', 'true');
        picker.dataset.datePicker = '';
        picker.className = 'date-pick__input';
        picker.min = input.dataset.min ?? '';
        picker.max = input.dataset.max ?? '';
        button.addEventListener('click', () => {
            picker.value = readDate(input.value) || '';
            try {
                picker.showPicker();
            } catch {
                input.focus();
            }
        });
        picker.addEventListener('change', () => {
            input.value = showDate(picker.value);
            checkDate(input);
            input.dispatchEvent(new Event('change', { bubbles: true }));
            input.focus();
        });
        pick.append(button, picker);
        input.after(pick);
    });
};
enhanceDates();
window.Blazor?.addEventListener?.('enhancedload', enhanceDates);

document.addEventListener('change', event => {
    if (event.target instanceof HTMLInputElement && event.target.dataset.date !== undefined) {
        checkDate(event.target);
    }
});
document.addEventListener('input', event => {
    if (event.target instanceof HTMLInputElement && event.target.dataset.date !== undefined) {
        event.target.setCustomValidity('');
    }
});
// Checked before anything else sends the form (Blazor's enhanced post, the offline queue).
window.addEventListener('submit', event => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.submitter?.formNoValidate) {
        return;
    }
    const wrong = [...form.querySelectorAll('input[data-date]')].filter(input => !input.disabled && !checkDate(input));
    if (wrong.length > 0) {
        event.preventDefault();
        event.stopImmediatePropagation();
        wrong[0].reportValidity();
    }
}, true);
document.addEventListener('formdata', event => {
    event.target.querySelectorAll?.('input[data-date][name]').forEach(input => {
        const iso = readDate(input.value);
        if (iso !== null && !input.disabled) {
            event.formData.set(input.name, iso);
        }
    });
});
