// utboks.js: IMDi's national admins read the outbox (filter by recipient, paged): never the body of
// an email with a one-time link, and only the metadata when the portal sends the emails itself.

import { getJson } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { formatDateTime } from './lib/format.js';
import { pagination } from './lib/ui.js';

// What each kind of email is, in words.
const KINDS = {
  verify_email: 'Bekreft e-postadresse', register_exists: 'Kontoen finnes', password_reset: 'Nytt passord',
  org_invitation: 'Invitasjon', access_request: 'Forespørsel om tilgang', receipt: 'Kvittering', letter: 'Vedtaksbrev',
  appeal: 'Klage', report: 'Rapport', change: 'Endringsønske', reclaim: 'Tilbakebetaling', reminder: 'Påminnelse',
  signer_link: 'Bekreft signaturrett', signer_confirmed: 'Signaturrett gitt', signer_refused: 'Signaturrett avslått',
};

// The body, or why it is not shown: an email with a one-time link (to confirm an address, make a
// new password, accept an invitation or confirm signing rights) is for its recipient only, and when the portal sends the
// emails itself no body is shown at all.
function content(m, metadataOnly) {
  if (m.body !== null && m.body !== undefined) {
    return h('details', { class: 'ds-details' }, h('summary', { text: 'Vis innholdet' }), h('pre', { class: 'portal-mail', text: m.body }));
  }
  return h('p', { class: 'ds-paragraph', 'data-size': 'sm', 'data-testid': 'outbox-hidden',
    text: metadataOnly ? 'Innholdet vises ikke: e-posten er sendt til mottakeren.' : 'Innholdet vises ikke: e-posten har en lenke som bare mottakeren skal bruke.' });
}

startPage(async () => {
  if (!(await userOrLogin())) return;
  let page = 1;
  const to = byId('to');
  async function load() {
    const { items, metadata_only: metadataOnly } = await getJson('/api/v1/tenants/imdi/outbox', { page, per_page: 25, to: to.value.trim() || undefined });
    byId('intro').textContent = metadataOnly
      ? 'All e-post portalen sender, nyeste først: mottaker, emne, tid og status. Innholdet er bare for mottakeren.'
      : 'All e-post portalen sender, nyeste først. Uten konfigurert e-postkommando (demo) blir e-posten liggende her. E-post med en lenke som bare mottakeren skal bruke, vises uten innhold.';
    replaceChildren(byId('mail'), items.length ? h('ul', { class: 'portal-timeline', 'data-testid': 'outbox' }, items.map((m) => h('li', { class: 'ds-card' },
      h('p', { class: 'ds-paragraph' }, h('strong', { text: m.subject })),
      h('p', { class: 'ds-paragraph', 'data-size': 'sm', text: `Til ${m.to} · ${formatDateTime(m.created_at)} · ${KINDS[m.kind] || 'E-post'} · ` +
        (m.sent_at ? `sendt ${formatDateTime(m.sent_at)}` : `ikke sendt (${m.attempts} forsøk${m.last_error ? ': ' + m.last_error : ''})`) }),
      content(m, metadataOnly))))
      : h('p', { class: 'ds-paragraph', text: 'Ingen e-post.' }));
    byId('mail').removeAttribute('aria-busy');
    replaceChildren(byId('pager'), pagination({ page, hasNext: items.length >= 25, go: (p) => {
      page = p;
      load();
    } }));
  }
  byId('filter').addEventListener('submit', (e) => { e.preventDefault(); page = 1; load(); });
  await load();
});
