// forms.js: form fields with Designsystemet markup, and showing a problem+json's field errors
// both in an error summary at the top (each linking to its field) and beside each field.

import { h, replaceChildren } from './dom.js';
import { ApiError, describeError } from './api.js';

let seq = 0;

/**
 * A labelled field: { name, label, type ('text'|'email'|'password'|'number'|'date'|'textarea'|'select'),
 * description, max (characters, shows a counter), options ([[value, label]]), value, autocomplete, required }.
 * The input's id is "field-" + name with dots and brackets turned into dashes; data-field-name keeps the name.
 */
export function field(opts) {
  const id = fieldId(opts.name);
  const descId = `${id}-desc`;
  const errId = `${id}-error`;
  let input;
  if (opts.type === 'textarea') {
    input = h('textarea', { class: 'ds-input', id, name: opts.name, rows: opts.rows || 4 });
    input.value = opts.value ?? '';
  } else if (opts.type === 'select') {
    input = h('select', { class: 'ds-input', id, name: opts.name },
      opts.options.map(([v, l]) => h('option', { value: v, selected: String(opts.value ?? '') === String(v), text: l })));
  } else {
    input = h('input', { class: 'ds-input', id, name: opts.name, type: opts.type || 'text', autocomplete: opts.autocomplete || null,
      inputmode: opts.type === 'number' ? 'numeric' : null, min: opts.min ?? null });
    input.value = opts.value ?? '';
  }
  input.dataset.fieldName = opts.name;
  if (opts.required) input.setAttribute('aria-required', 'true');
  const describedBy = [];
  const parts = [h('label', { class: 'ds-label', for: id, text: opts.label + (opts.required ? ' *' : '') })];
  if (opts.description) {
    parts.push(h('p', { 'data-field': 'description', id: descId, class: 'ds-paragraph', 'data-size': 'sm', text: opts.description }));
    describedBy.push(descId);
  }
  parts.push(input);
  if (opts.max) {
    const counterId = `${id}-count`;
    const counter = h('p', { class: 'ds-paragraph', 'data-size': 'sm', id: counterId, 'aria-live': 'polite' });
    const update = () => {
      const left = opts.max - [...input.value].length;
      counter.textContent = left >= 0 ? `${left} tegn igjen av ${opts.max}` : `${-left} tegn for mye (høyst ${opts.max})`;
      counter.dataset.state = left >= 0 ? 'under' : 'over';
    };
    input.addEventListener('input', update);
    update();
    parts.push(counter);
    describedBy.push(counterId);
  }
  parts.push(h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: errId, hidden: true }));
  describedBy.push(errId);
  input.setAttribute('aria-describedby', describedBy.join(' '));
  return h('div', { class: 'ds-field', 'data-size': 'md' }, ...parts);
}

/** A checkbox with a label. */
export function checkbox({ name, label, checked = false }) {
  const id = fieldId(name);
  const input = h('input', { class: 'ds-input', type: 'checkbox', id, name });
  input.checked = Boolean(checked);
  input.dataset.fieldName = name;
  return h('div', { class: 'ds-field' }, input, h('label', { class: 'ds-label', for: id, text: label }),
    h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: `${id}-error`, hidden: true }));
}

export function fieldId(name) {
  return 'field-' + String(name).replace(/[.[\]]+/g, '-').replace(/-+$/, '');
}

/** Remove every error shown in a form and its summary. */
export function clearErrors(form, summary) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.ds-validation-message')) {
    el.hidden = true;
    el.textContent = '';
  }
  if (summary) {
    replaceChildren(summary);
    summary.hidden = true;
  }
}

/**
 * Show errors [{field, detail}] beside their fields and in the summary, which gets focus.
 * An error whose field has no input on the page is listed in the summary only.
 * labelFor(field) may give a readable name for the summary.
 */
export function showErrors(form, summary, errors, { title = 'Dette må rettes før du kan gå videre', labelFor } = {}) {
  clearErrors(form, summary);
  const items = [];
  for (const err of errors) {
    const input = form.querySelector(`#${cssEscape(fieldId(err.field))}`) || closestField(form, err.field);
    const label = (labelFor && labelFor(err.field)) || (input && input.labels && input.labels[0] ? input.labels[0].textContent.replace(/ \*$/, '') : err.field);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const msg = document.getElementById(`${input.id}-error`);
      if (msg) {
        msg.textContent = err.detail;
        msg.hidden = false;
      }
      items.push(h('li', {}, h('a', { class: 'ds-link', href: `#${input.id}`, text: `${label}: ${err.detail}` })));
    } else {
      items.push(h('li', { text: `${label}: ${err.detail}` }));
    }
  }
  if (summary) {
    replaceChildren(summary,
      h('h2', { class: 'ds-heading', 'data-size': 'xs', id: 'error-summary-heading', text: title }),
      h('ul', { class: 'ds-list' }, items));
    summary.hidden = false;
    summary.focus();
  }
}

/** The nearest input for a nested field ("budget.costs[2].amount" falls back to "budget-costs"). */
function closestField(form, name) {
  let n = String(name);
  while (n.includes('.') || n.includes('[')) {
    n = n.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
    const el = form.querySelector(`#${cssEscape(fieldId(n))}`);
    if (el) return el;
  }
  return null;
}

function cssEscape(s) {
  return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/[^\w-]/g, '\\$&');
}

/** An error summary container (role=alert, focusable) to put at the top of a form. */
export function errorSummary() {
  return h('div', { class: 'ds-error-summary', tabindex: '-1', role: 'alert', 'aria-labelledby': 'error-summary-heading', hidden: true, 'data-testid': 'error-summary' });
}

/**
 * Show what an ApiError means in a form: field errors from a 422 in the summary, anything else as
 * one line in the summary.
 */
export function showApiError(form, summary, err, opts) {
  if (err instanceof ApiError && err.problem && Array.isArray(err.problem.errors) && err.problem.errors.length) {
    showErrors(form, summary, err.problem.errors, opts);
  } else {
    showErrors(form, summary, [{ field: 'form', detail: describeError(err) }], { ...opts, labelFor: () => 'Feil' });
  }
}

/** The values of a form's named inputs as an object (checkboxes as booleans). */
export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    out[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  }
  return out;
}
