// min-konto.js: who I am, my organisations and tenants with roles, change password, the second
// factor (lib/totp.js), log out here or everywhere; links to the administration pages my roles give.

import { apiSend } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, mountForm, showMessage } from './lib/page.js';
import { userOrLogin, roleNames } from './lib/session.js';
import { mountTotpSettings } from './lib/totp.js';

startPage(async () => {
  const user = await userOrLogin();
  if (!user) return;
  const el = byId('account');
  const orgs = user.organisations.length
    ? h('ul', { class: 'ds-list' }, user.organisations.map((o) => h('li', {},
      h('a', { class: 'ds-link', href: `/organisasjon.html?id=${o.id}`, text: `${o.name} (org.nr. ${o.orgnr})` }), ` – ${roleNames(o.roles)}`)))
    : h('p', { class: 'ds-paragraph', text: 'Du er ikke med i noen organisasjon ennå.' });
  const tenants = user.tenants.map((t) => h('li', {}, `${t.name} – ${roleNames(t.roles)}`,
    t.roles.includes('tenant_admin') ? [' · ', h('a', { class: 'ds-link', href: `/ansatte.html?tenant=${t.slug}`, text: 'Ansatte og roller' }),
      ' · ', h('a', { class: 'ds-link', href: `/sikkerhetslogg.html?tenant=${t.slug}`, text: 'Sikkerhetslogg' })] : null,
    t.roles.includes('national_admin') ? [' · ', h('a', { class: 'ds-link', href: '/utboks.html', text: 'Utboks (e-post)' }),
      ' · ', h('a', { class: 'ds-link', href: '/import.html', text: 'Import av tidligere tilskudd' })] : null));
  const passwordBox = h('div');
  const totpBox = h('div', { 'data-testid': 'totp-settings' });
  const logoutAll = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-testid': 'logout-everywhere', text: 'Logg ut på alle enheter' });
  logoutAll.addEventListener('click', async () => {
    await apiSend('POST', '/api/v1/auth/logout-everywhere', {});
    window.location.assign('/logg-inn.html');
  });
  const logout = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', text: 'Logg ut' });
  logout.addEventListener('click', async () => {
    await apiSend('POST', '/api/v1/auth/logout', {});
    window.location.assign('/');
  });
  replaceChildren(el,
    h('dl', { class: 'portal-facts' }, h('dt', { text: 'Navn' }), h('dd', { 'data-testid': 'account-name', text: user.name }),
      h('dt', { text: 'E-post' }), h('dd', { text: user.email })),
    h('h2', { class: 'ds-heading', 'data-size': 'md', text: 'Organisasjoner' }), orgs,
    h('p', { class: 'ds-paragraph' }, h('a', { class: 'ds-link', href: '/organisasjon-ny.html', text: 'Registrer en organisasjon' }), ' · ',
      h('a', { class: 'ds-link', href: '/mine-soknader.html', text: 'Mine søknader' })),
    user.tenants.length ? [h('h2', { class: 'ds-heading', 'data-size': 'md', text: 'Forvaltere du arbeider for' }), h('ul', { class: 'ds-list' }, tenants)] : null,
    h('h2', { class: 'ds-heading', 'data-size': 'md', text: 'Bytt passord' }), passwordBox,
    h('h2', { class: 'ds-heading', 'data-size': 'md', text: 'Totrinnsinnlogging' }), totpBox,
    h('h2', { class: 'ds-heading', 'data-size': 'md', text: 'Logg ut' }), h('div', { class: 'portal-actions' }, logout, logoutAll));
  el.removeAttribute('aria-busy');
  await mountTotpSettings(totpBox);
  const form = mountForm(passwordBox, {
    submitLabel: 'Bytt passord',
    fields: [
      { name: 'current_password', label: 'Nåværende passord', type: 'password', autocomplete: 'current-password', required: true },
      { name: 'new_password', label: 'Nytt passord', type: 'password', autocomplete: 'new-password', required: true, max: 256, description: 'Minst 12 tegn. Du blir logget ut på andre enheter.' },
      { name: 'new_password2', label: 'Gjenta nytt passord', type: 'password', autocomplete: 'new-password', required: true },
    ],
    check: (v) => (v.new_password !== v.new_password2 ? [{ field: 'new_password2', detail: 'Passordene er ikke like.' }] : []),
    submit: async (v) => {
      await apiSend('POST', '/api/v1/me/password', { current_password: v.current_password, new_password: v.new_password });
      form.reset();
      showMessage('success', 'Passordet er byttet', 'Andre enheter er logget ut.');
    },
  });
});
