// sak.js: one case of the tenant for its staff: the summary and what happens next, possible
// duplicates, assignment and impartiality, the application exactly as signed, and a section per
// step (review, assessment, recommendation, decision, letter, payments, appeals, report, change
// requests, closing and reclaim, internal comments and the case log), each drawn by a component
// in sak/. A form is shown only when the state machine allows the step now (`actions`) and the
// user's role may take it; every change is sent, the case fetched again and the page drawn anew.

import { getJson, apiSend, describeError, ApiError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, showMessage, idParam, staffTenant } from './lib/page.js';
import { actionForm } from './sak/forms.js';
import { para } from './sak/parts.js';
import { casePage } from './sak/layout.js';

/** What the page knows of the user and the tenant, and the helpers every section uses. */
async function pageContext(user, tenant, id, refresh) {
  const api = `/api/v1/tenants/${encodeURIComponent(tenant.slug)}`;
  const base = `${api}/applications/${id}`;
  const roles = tenant.roles || [];
  const isCw = roles.includes('caseworker');
  const isDm = roles.includes('decision_maker');
  // the staff list is the tenant admin's; others assign to themselves or keep the current assignee
  const staff = roles.includes('tenant_admin') ? await getJson(`${api}/staff`).then((r) => r.items).catch(() => []) : [];
  return { user, slug: tenant.slug, api, base, staff, isCw, isDm, handler: isCw || isDm, refresh,
    post: (path, body) => apiSend('POST', `${base}/${path}`, body ?? {}),
    form: (name, opts) => actionForm(name, opts, refresh) };
}

/** The page context with one case and the user's standing in it. */
function caseContext(page, c) {
  const mine = c.my_impartiality;
  return { ...page, c, mine, declared: mine === true, recused: mine === false, rec: c.recommendation,
    can: (a) => (c.actions || []).includes(a) };
}

/** The success message of a step, in its section when it is still on the page. */
function flashDone(flash, sectionId) {
  const target = sectionId && document.getElementById(sectionId);
  if (!target) {
    showMessage('success', flash, '');
    return;
  }
  target.querySelector('h2').after(h('div', { class: 'ds-alert', 'data-color': 'success', role: 'status', 'data-testid': 'action-done' }, para(flash)));
  target.scrollIntoView({ block: 'nearest' });
}

function notFound(root, message, slug) {
  root.removeAttribute('aria-busy');
  replaceChildren(root);
  showMessage('warning', 'Fant ikke saken', message, ...(slug
    ? [h('a', { class: 'ds-link', href: `/saker.html?tenant=${encodeURIComponent(slug)}`, text: 'Til sakene' })] : []));
}

startPage(async () => {
  const session = await staffTenant();
  if (!session) return;
  const { slug, user, tenant } = session;
  const id = idParam('id');
  const root = byId('case');
  if (slug) byId('back').href = `/saker.html?tenant=${encodeURIComponent(slug)}`;
  if (!tenant || !id) {
    notFound(root, !id ? 'Lenken mangler saksnummeret.' : 'Du er ikke ansatt hos denne forvalteren og kan ikke se saken.');
    return;
  }
  let page;
  async function render() {
    const c = await getJson(page.base);
    document.title = `${c.reference || 'Sak'}: ${c.title || ''} – Tilskuddsportalen`;
    replaceChildren(root, ...casePage(caseContext(page, c)));
    root.removeAttribute('aria-busy');
  }
  async function refresh(flash, sectionId) {
    try {
      await render();
    } catch (err) {
      showMessage('danger', 'Kunne ikke hente saken på nytt', describeError(err));
      return;
    }
    if (flash) flashDone(flash, sectionId);
  }
  page = await pageContext(user, tenant, id, refresh);
  try {
    await render();
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      notFound(root, 'Saken finnes ikke hos denne forvalteren, eller den er ikke sendt inn.', slug);
    } else {
      root.removeAttribute('aria-busy');
      replaceChildren(root);
      showMessage('danger', 'Kunne ikke hente saken', describeError(err));
    }
  }
});
