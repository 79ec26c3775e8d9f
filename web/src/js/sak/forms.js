// sak/forms.js: the case page's form building blocks, with room for the API's field errors, and
// actionForm(): one form per case step that sends, then has the page fetch the case and draw anew.
// The API's problem+json answers are shown in the form: field errors beside the fields, anything
// else (a 409 over the budget frame, a 403 for the four-eyes rule) in the form's error summary.

import { describeError, ApiError } from '../lib/api.js';
import { h, replaceChildren } from '../lib/dom.js';
import { clearErrors } from '../lib/forms.js';
import { para } from './parts.js';

function fieldBox(id, label, control, description) {
  const parts = [h('label', { class: 'ds-label', for: id, text: label })];
  const describedBy = [];
  if (description) {
    parts.push(h('p', { class: 'ds-paragraph', 'data-size': 'sm', 'data-field': 'description', id: `${id}-desc`, text: description }));
    describedBy.push(`${id}-desc`);
  }
  parts.push(control, validationMessage(id));
  describedBy.push(`${id}-error`);
  control.setAttribute('aria-describedby', describedBy.join(' '));
  return h('div', { class: 'ds-field' }, ...parts);
}
const validationMessage = (id) => h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: `${id}-error`, hidden: true });

export function amountInput(id, label, value, description) {
  const el = h('input', { class: 'ds-input portal-amount', id, type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  el.value = value === null || value === undefined ? '' : String(value);
  return fieldBox(id, label, el, description);
}
export function textArea(id, label, description, rows = 3) {
  return fieldBox(id, label, h('textarea', { class: 'ds-input', id, rows: String(rows) }), description);
}
export function selectBox(id, label, options, value, description) {
  return fieldBox(id, label, h('select', { class: 'ds-input', id },
    options.map(([v, t]) => h('option', { value: v, selected: String(value ?? '') === String(v), text: t }))), description);
}
export function checkBox(id, label, checked) {
  const input = h('input', { class: 'ds-input', type: 'checkbox', id });
  input.checked = Boolean(checked);
  return h('div', { class: 'ds-field' }, input, h('label', { class: 'ds-label', for: id, text: label }), validationMessage(id));
}
export function button(label, testid, variant = 'primary', type = 'button') {
  return h('button', { type, class: 'ds-button', 'data-variant': variant, 'data-testid': testid, text: label });
}

/** The trimmed value of the input with this id ('' when there is none). */
export const value = (id) => (document.getElementById(id) ? document.getElementById(id).value.trim() : '');
/** "60 000", "60000" or "60 000 kr" -> 60000; '' -> null; anything else -> NaN */
export function amountOf(id) {
  const s = value(id).replace(/[\s\u00a0.]/g, '').replace(/(kr|,-)$/i, '');
  if (s === '') return null;
  return /^\d{1,12}$/.test(s) ? Number(s) : NaN;
}

class LocalErrors extends Error {
  constructor(errors) {
    super('local');
    this.errors = errors;
  }
}
/** Throws the client-side errors [{field, detail}] of a form before anything is sent. */
export function check(errors) {
  const list = errors.filter(Boolean);
  if (list.length) throw new LocalErrors(list);
}
/** The error of an amount field that is empty (when required) or not whole kroner, else null. */
export const needAmount = (id, field = 'amount', required = true) => {
  const n = amountOf(id);
  if (n === null) return required ? { field, detail: 'Skriv et beløp i hele kroner.' } : null;
  return Number.isNaN(n) ? { field, detail: 'Skriv beløpet i hele kroner, bare med sifre (for eksempel 60000).' } : null;
};
/** The error of a text field left empty, else null. */
export const needText = (id, field, detail) => (!value(id) ? { field, detail } : null);

let summarySeq = 0;
export function errorBox() {
  const id = `form-error-${++summarySeq}`;
  return h('div', { class: 'ds-error-summary', tabindex: '-1', role: 'alert', 'aria-labelledby': `${id}-heading`, hidden: true, 'data-testid': 'form-error', id });
}

/** Marks one field error beside its input; returns the summary's line for it. */
function markField(form, e, id) {
  const input = id ? form.querySelector(`#${CSS.escape(id)}`) : null;
  if (!input) return h('li', { text: e.detail });
  input.setAttribute('aria-invalid', 'true');
  const msg = document.getElementById(`${id}-error`);
  if (msg) {
    msg.textContent = e.detail;
    msg.hidden = false;
  }
  const label = form.querySelector(`label[for="${CSS.escape(id)}"]`);
  return h('li', {}, h('a', { class: 'ds-link', href: `#${id}`, text: `${label ? label.textContent : e.field}: ${e.detail}` }));
}

/** Shows an error in a form: field errors beside their inputs (map: API field -> input id) and in the summary. */
export function showFormError(form, summary, err, map) {
  clearErrors(form, summary);
  const local = err instanceof LocalErrors;
  const problem = err instanceof ApiError ? err.problem : null;
  const errors = local ? err.errors : problem && Array.isArray(problem.errors) ? problem.errors : [];
  const idFor = (field) => (typeof map === 'function' ? map(field) : map[field] || map[String(field).split(/[.[]/)[0]]);
  const items = errors.map((e) => markField(form, e, idFor(e.field)));
  const heading = local ? 'Dette må rettes' : (problem && problem.title) || 'Det gikk ikke';
  replaceChildren(summary, h('h3', { class: 'ds-heading', 'data-size': 'xs', id: `${summary.id}-heading`, text: heading }),
    items.length ? h('ul', { class: 'ds-list' }, items) : para(describeError(err)));
  summary.hidden = false;
  summary.focus();
}

/**
 * A form for one step. fields: nodes; map: API field -> input id (or a function); buttons:
 * [{label, testid, variant, run: async () => body sent, done}] (the first is the submit button);
 * done: the success message (or a function giving it); refresh(flash, sectionId): draws the page
 * anew after a step was taken. Returns the <form>.
 */
export function actionForm(name, { fields = [], map = {}, buttons, done, intro }, refresh) {
  const summary = errorBox();
  const btns = buttons.map((b, i) => button(b.label, b.testid, b.variant || (i === 0 ? 'primary' : 'secondary'), i === 0 ? 'submit' : 'button'));
  const form = h('form', { class: 'portal-action portal-noprint', 'data-action': name, novalidate: true }, summary,
    intro ? para(intro) : null, ...fields, h('div', { class: 'portal-actions' }, ...btns));
  const run = async (b, el) => {
    clearErrors(form, summary);
    for (const x of btns) x.disabled = true;
    el.setAttribute('aria-busy', 'true');
    try {
      await b.run();
    } catch (err) {
      for (const x of btns) x.disabled = false;
      el.removeAttribute('aria-busy');
      showFormError(form, summary, err, map);
      return;
    }
    await refresh(typeof done === 'function' ? done() : b.done || done, form.closest('section')?.id);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run(buttons[0], btns[0]);
  });
  buttons.slice(1).forEach((b, i) => btns[i + 1].addEventListener('click', () => run(b, btns[i + 1])));
  return form;
}
