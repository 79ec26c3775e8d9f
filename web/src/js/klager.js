// klager.js: the tenant's appeals as first instance and, at IMDi, the municipalities' appeals
// forwarded to IMDi, where IMDi's decision maker upholds or changes the decision.

import { getJson, apiSend, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, showMessage, param, staffTenant } from './lib/page.js';
import { formatDateTime } from './lib/format.js';

const STATUS = { filed: 'Mottatt', changed: 'Endret av førsteinstans', forwarded: 'Oversendt klageinstans', upheld: 'Stadfestet', reversed: 'Omgjort' };

startPage(async () => {
  const session = await staffTenant();
  if (!session) return;
  const { slug } = session;
  const all = param('status') === 'all';
  byId('intro').textContent = slug === 'imdi'
    ? 'IMDis egne klagesaker, og klager på kommunenes vedtak som er oversendt IMDi som klageinstans.'
    : 'Klager på forvalterens vedtak. Førsteinstansen kan endre vedtaket eller opprettholde det og sende klagen til IMDi.';
  const toggle = byId('toggle');
  toggle.textContent = all ? 'Vis bare åpne klager' : 'Vis alle klager';
  toggle.href = `/klager.html?tenant=${slug}${all ? '' : '&status=all'}`;
  async function render() {
    const { items } = await getJson(`/api/v1/tenants/${slug}/appeals`, { status: all ? 'all' : 'open' });
    replaceChildren(byId('appeals'), items.length ? h('table', { class: 'ds-table', 'data-size': 'sm' },
      h('thead', {}, h('tr', {}, ['Sak', 'Forvalter', 'Organisasjon', 'Mottatt', 'Status', 'Klagen', ''].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, items.map((a) => {
        const own = a.tenant_slug === slug;
        const ruling = slug === 'imdi' && !own && a.status === 'forwarded' && a.appeal_body === 'imdi';
        let form = null;
        if (ruling) {
          const sel = h('select', { class: 'ds-input', id: `ruling-outcome-${a.id}`, 'aria-label': 'Avgjørelse' },
            h('option', { value: 'uphold', text: 'Stadfeste vedtaket' }), h('option', { value: 'change', text: 'Endre vedtaket' }));
          const reasons = h('textarea', { class: 'ds-input', id: `ruling-reasons-${a.id}`, rows: '2', 'aria-label': 'Begrunnelse' });
          const b = h('button', { type: 'button', class: 'ds-button', 'data-size': 'sm', 'data-testid': `ruling-${a.id}`, text: 'Avgjør klagen' });
          b.addEventListener('click', async () => {
            try {
              await apiSend('POST', `/api/v1/tenants/${slug}/appeals/${a.id}/ruling`, { outcome: sel.value, reasons: reasons.value.trim() });
              showMessage('success', 'Klagen er avgjort', '');
              await render();
            } catch (err) {
              showMessage('danger', 'Det gikk ikke', describeError(err));
            }
          });
          form = [sel, reasons, b];
        }
        return h('tr', { 'data-testid': `appeal-row-${a.id}` },
          h('td', {}, own ? h('a', { class: 'ds-link', href: `/sak.html?tenant=${slug}&id=${a.application_id}`, text: a.reference }) : a.reference, h('br'), a.title),
          h('td', { text: a.tenant }), h('td', { text: a.organisation }),
          h('td', {}, formatDateTime(a.filed_at), a.late ? [' ', h('span', { class: 'ds-tag', 'data-color': 'warning', text: 'For sent' })] : null),
          h('td', { text: `${STATUS[a.status] || a.status}${a.appeal_body === 'ministry' ? ' (departementet)' : ''}` }),
          h('td', { class: 'portal-prewrap', text: a.reasons }), h('td', {}, form));
      }))) : h('p', { class: 'ds-paragraph', text: 'Ingen klager.' }));
    byId('appeals').removeAttribute('aria-busy');
  }
  await render();
});
