// signaturkontroll.js: the tenant's requests to check someone's signing rights. A caseworker or
// decision maker confirms (saying what was checked against) or refuses with reasons; the person is
// told by e-mail, and the check is shown on every receipt the person signs.

import { getJson, apiSend, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, showMessage, param, staffTenant } from './lib/page.js';
import { formatDateTime } from './lib/format.js';

const STATUS = { pending: 'Venter', confirmed: 'Bekreftet', refused: 'Avslått', superseded: 'Erstattet av en nyere' };

/** The confirm-or-refuse form of a pending request. */
function decisionForm(slug, r, render) {
  const against = h('select', { class: 'ds-input', id: `against-${r.id}`, 'aria-label': 'Kontrollert mot' },
    h('option', { value: 'register_roles', text: 'Rollene i Enhetsregisteret' }), h('option', { value: 'authorisation_document', text: 'Fullmakt fra styreleder eller daglig leder' }));
  const note = h('textarea', { class: 'ds-input', id: `note-${r.id}`, rows: '2', 'aria-label': 'Merknad (begrunnelse ved avslag)' });
  const send = (outcome) => async () => {
    try {
      const body = outcome === 'confirm' ? { outcome, checked_against: against.value, note: note.value.trim() } : { outcome, note: note.value.trim() };
      await apiSend('POST', `/api/v1/tenants/${slug}/signer-requests/${r.id}`, body);
      showMessage('success', outcome === 'confirm' ? 'Signaturretten er bekreftet' : 'Forespørselen er avslått', `${r.name} har fått beskjed på e-post.`);
      await render();
    } catch (err) {
      showMessage('danger', 'Det gikk ikke', describeError(err));
    }
  };
  const ok = h('button', { type: 'button', class: 'ds-button', 'data-size': 'sm', 'data-testid': `signer-confirm-${r.id}`, text: 'Bekreft' });
  const no = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm', 'data-testid': `signer-refuse-${r.id}`, text: 'Avslå' });
  ok.addEventListener('click', send('confirm'));
  no.addEventListener('click', send('refuse'));
  return [against, note, h('div', { class: 'portal-actions' }, ok, no)];
}

startPage(async () => {
  const session = await staffTenant();
  if (!session) return;
  const { slug } = session;
  const all = param('status') === 'all';
  const toggle = byId('toggle');
  toggle.textContent = all ? 'Vis bare de som venter' : 'Vis alle';
  toggle.href = `/signaturkontroll.html?tenant=${slug}${all ? '' : '&status=all'}`;
  const canDecide = (session.tenant?.roles || []).some((r) => r === 'caseworker' || r === 'decision_maker');
  async function render() {
    const { items } = await getJson(`/api/v1/tenants/${slug}/signer-requests`, { status: all ? 'all' : 'pending' });
    replaceChildren(byId('requests'), items.length ? h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'signer-requests' },
      h('thead', {}, h('tr', {}, ['Organisasjon', 'Person', 'Enhetsregisteret', 'Spurt', 'Status', ''].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, items.map((r) => h('tr', { 'data-testid': `signer-request-${r.id}` },
        h('td', {}, r.organisation, h('br'), `org.nr. ${r.orgnr}`),
        h('td', {}, r.name, h('br'), r.email),
        h('td', { text: r.in_register ? `Organisasjonsform ${r.register_form}${r.register_email ? `, e-post ${r.register_email}` : ''}` : 'Ikke i registeret slik portalen har det' }),
        h('td', { text: formatDateTime(r.requested_at) }),
        h('td', {}, STATUS[r.status] || r.status, r.decided_by ? [h('br'), `${r.decided_by}, ${formatDateTime(r.decided_at)}`] : null, r.note ? [h('br'), r.note] : null),
        h('td', {}, r.status === 'pending' && canDecide ? decisionForm(slug, r, render) : null))))) : h('p', { class: 'ds-paragraph', text: 'Ingen forespørsler.' }));
    byId('requests').removeAttribute('aria-busy');
  }
  await render();
});
