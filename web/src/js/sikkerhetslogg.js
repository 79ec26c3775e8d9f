// sikkerhetslogg.js: the security log of a tenant (IMDi's national admins see every tenant), paged.

import { getJson } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, param } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { formatDateTime } from './lib/format.js';
import { pagination } from './lib/ui.js';

const EVENTS = {
  login: 'Innlogging', login_failed: 'Mislykket innlogging', login_unverified: 'Innlogging uten bekreftet e-post', logout: 'Utlogging',
  logout_everywhere: 'Utlogging på alle enheter', password_changed: 'Passord byttet', password_reset: 'Passord tilbakestilt',
  password_reset_requested: 'Ba om nytt passord', register: 'Registrert', register_existing: 'Registrering med eksisterende adresse',
  email_verified: 'E-post bekreftet', role_added: 'Rolle gitt', role_removed: 'Rolle fjernet', org_registered: 'Organisasjon registrert',
  org_changed: 'Organisasjon endret', org_invited: 'Invitasjon sendt', org_access_requested: 'Ba om tilgang',
  login_second_step: 'Riktig passord, venter på andre trinn', totp_enrolment_started: 'Begynte å ta i bruk totrinnsinnlogging',
  totp_enrolled: 'Totrinnsinnlogging tatt i bruk', totp_verified: 'Innlogging med engangskode', totp_failed: 'Feil engangskode',
  totp_recovery_used: 'Innlogging med gjenopprettingskode', totp_recovery_renewed: 'Nye gjenopprettingskoder', totp_disabled: 'Totrinnsinnlogging slått av',
  signer_requested: 'Ba om signaturrett', signer_refused: 'Signaturrett avslått', register_imported: 'Registerdata importert',
};

startPage(async () => {
  if (!(await userOrLogin())) return;
  const slug = param('tenant') || '';
  let page = Math.max(1, Number(param('page')) || 1);
  async function load() {
    const { items } = await getJson(`/api/v1/tenants/${encodeURIComponent(slug)}/security-log`, { page, per_page: 50 });
    replaceChildren(byId('log'), h('div', { class: 'portal-table-wrap' }, h('table', { class: 'ds-table', 'data-testid': 'security-log' },
      h('caption', { class: 'ds-sr-only', text: 'Sikkerhetshendelser, nyeste først' }),
      h('thead', {}, h('tr', {}, ['Tid', 'Hendelse', 'Gjelder', 'Utført av', 'Forvalter', 'Adresse', 'Detaljer'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, items.map((e) => h('tr', {}, h('td', { text: formatDateTime(e.at) }), h('td', { text: EVENTS[e.event] || e.event }),
        h('td', { text: e.user_email || '–' }), h('td', { text: e.actor_email || '–' }), h('td', { text: e.tenant || '–' }),
        h('td', { text: e.ip || '–' }), h('td', { text: e.detail || '' })))))));
    byId('log').removeAttribute('aria-busy');
    replaceChildren(byId('pager'), pagination({ page, hasNext: items.length >= 50, go: (p) => {
      page = p;
      load();
    } }));
  }
  await load();
});
