// page.js: what most pages share: the header, a form that sends itself and shows the API's
// field errors, and the page's status/alert area.

import { h, replaceChildren } from './dom.js';
import { field, errorSummary, showApiError, showErrors, clearErrors, formValues } from './forms.js';
import { renderHeader } from './header.js';
import { alertBox } from './ui.js';
import { describeError } from './api.js';
import { userOrLogin, activeTenant } from './session.js';

/** Starts a page: renders the header and runs main(), turning a thrown error into an alert. */
export function startPage(main) {
  renderHeader();
  main().catch((err) => showMessage('danger', 'Noe gikk galt', describeError(err)));
}

/** Shows an alert in the page's #message area (created at the top of <main> when missing). */
export function showMessage(color, heading, text, ...extra) {
  let box = document.getElementById('message');
  if (!box) {
    box = h('div', { id: 'message' });
    document.querySelector('main .portal-container').prepend(box);
  }
  replaceChildren(box, alertBox(color, heading, text, ...extra));
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

/**
 * Builds a form from field descriptions into container. submit(values) runs on submit; an error it
 * throws is shown (field errors beside the fields, in the summary at the top).
 * check(values) may return client-side errors [{field, detail}] to show before sending.
 */
export function mountForm(container, { fields, submitLabel, submit, check, testid }) {
  const summary = errorSummary();
  const button = h('button', { type: 'submit', class: 'ds-button', 'data-variant': 'primary', text: submitLabel });
  const form = h('form', { class: 'portal-form', novalidate: true, 'data-testid': testid || null }, summary,
    fields.map((f) => (f instanceof Node ? f : field(f))), h('div', { class: 'portal-actions' }, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = formValues(form);
    const local = check ? check(values) : [];
    if (local && local.length) {
      showErrors(form, summary, local);
      return;
    }
    clearErrors(form, summary);
    button.disabled = true;
    try {
      await submit(values, form);
    } catch (err) {
      showApiError(form, summary, err);
    } finally {
      button.disabled = false;
    }
  });
  replaceChildren(container, form);
  return form;
}

/** The page's query parameter, or null. */
export function param(name) {
  return new URLSearchParams(window.location.search).get(name);
}

/** A positive integer query parameter, or null. */
export function idParam(name = 'id') {
  const v = param(name);
  return v && /^[1-9]\d{0,15}$/.test(v) ? Number(v) : null;
}

/**
 * The logged-in user and the tenant the page is for (?tenant=SLUG, else the one the user works in
 * now): { user, slug, tenant } (tenant undefined when the user is not staff there), or null while
 * the visitor is sent to the login page.
 */
export async function staffTenant() {
  const user = await userOrLogin();
  if (!user) return null;
  const slug = param('tenant') || activeTenant(user)?.slug;
  return { user, slug, tenant: user.tenants.find((t) => t.slug === slug) };
}
