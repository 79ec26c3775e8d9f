// header.js: the right-hand side of every page's header: who is logged in (with a link to
// "Min konto" and a logout button) and, for staff, the tenant they work in with a switch when
// they have several; or a "Logg inn" link.

import { apiSend } from './api.js';
import { h, replaceChildren } from './dom.js';
import { currentUser, activeTenant, chooseTenant } from './session.js';

export async function renderHeader() {
  const slot = document.getElementById('header-user');
  if (!slot) return;
  let user = null;
  try {
    user = await currentUser();
  } catch {
    return; // the page itself reports the outage
  }
  if (!user) {
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    replaceChildren(slot, h('a', { class: 'ds-link', href: `/logg-inn.html?next=${next}`, 'data-testid': 'header-login', text: 'Logg inn' }));
    return;
  }
  const parts = [];
  const tenant = activeTenant(user);
  if (tenant && user.tenants.length > 1) {
    const select = h('select', { class: 'ds-input', 'data-size': 'sm', id: 'header-tenant-switch', 'data-testid': 'header-tenant-switch' },
      user.tenants.map((t) => h('option', { value: t.slug, selected: t.slug === tenant.slug, text: t.name })));
    select.addEventListener('change', () => {
      chooseTenant(select.value);
      window.location.reload();
    });
    parts.push(h('span', { class: 'portal-header__tenant' },
      h('label', { class: 'ds-label', for: 'header-tenant-switch', 'data-size': 'sm', text: 'Arbeider i' }), select,
      h('span', { class: 'ds-sr-only', 'data-testid': 'header-tenant', text: tenant.name })));
  } else if (tenant) {
    parts.push(h('span', { class: 'ds-paragraph', 'data-size': 'sm', 'data-testid': 'header-tenant', text: tenant.name }));
  }
  const logout = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm', 'data-testid': 'header-logout', text: 'Logg ut' });
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    try {
      await apiSend('POST', '/api/v1/auth/logout', {});
    } catch {
      // already logged out: fine
    }
    window.location.assign('/');
  });
  if (tenant) {
    // the casework pages of the tenant one works in now
    parts.push(h('a', { class: 'ds-link', href: `/saker.html?tenant=${tenant.slug}`, 'data-testid': 'nav-inbox', text: 'Saker' }));
    parts.push(h('a', { class: 'ds-link', href: `/budsjett.html?tenant=${tenant.slug}`, 'data-testid': 'nav-budget', text: 'Budsjett' }));
    parts.push(h('a', { class: 'ds-link', href: `/tildeling.html?tenant=${tenant.slug}`, 'data-testid': 'nav-allocations', text: 'Tildeling' }));
    parts.push(h('a', { class: 'ds-link', href: `/utbetalinger.html?tenant=${tenant.slug}`, 'data-testid': 'nav-payments', text: 'Utbetalinger' }));
    parts.push(h('a', { class: 'ds-link', href: `/klager.html?tenant=${tenant.slug}`, 'data-testid': 'nav-appeals', text: 'Klager' }));
    parts.push(h('a', { class: 'ds-link', href: `/signaturkontroll.html?tenant=${tenant.slug}`, 'data-testid': 'nav-signers', text: 'Signaturrett' }));
    // the tenant's own round: its calls (tenant admins, and IMDi's national admins) and publishing a year
    const roles = tenant.roles || [];
    if (roles.includes('tenant_admin') || roles.includes('national_admin'))
      parts.push(h('a', { class: 'ds-link', href: `/utlysninger-admin.html?tenant=${tenant.slug}`, 'data-testid': 'nav-calls-admin', text: 'Utlysninger' }));
    if (roles.includes('tenant_admin') || roles.includes('decision_maker'))
      parts.push(h('a', { class: 'ds-link', href: `/publisering.html?tenant=${tenant.slug}`, 'data-testid': 'nav-publication', text: 'Publisering' }));
  }
  if (user.organisations.length || !tenant) parts.push(h('a', { class: 'ds-link', href: '/mine-soknader.html', text: 'Mine søknader' }));
  parts.push(h('a', { class: 'ds-link', href: '/min-konto.html', 'data-testid': 'header-user', text: user.name }));
  parts.push(logout);
  replaceChildren(slot, ...parts);
}
