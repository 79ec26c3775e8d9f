// min-sak/changes.js: the organisation's change requests (purpose, activities or budget), which
// need the grant manager's written consent beforehand, and the form to send one.

import { h } from '../lib/dom.js';
import { formatDateTime } from '../lib/format.js';
import { section, para, btn, labelled, area, val, onClick } from './parts.js';

const CR_STATUS = { pending: 'Venter på svar', approved: 'Godkjent', refused: 'Avslått' };
const IN_FORCE = ['accepted', 'partly_paid', 'paid', 'report_due', 'changes_asked'];

function changeForm({ act }) {
  return [para('Endringer i formål, aktiviteter eller budsjett krever skriftlig samtykke fra forvalteren på forhånd.'),
    labelled('cr-kind', 'Hva vil dere endre?', h('select', { class: 'ds-input', id: 'cr-kind' },
      [['purpose', 'Formål'], ['activities', 'Aktiviteter'], ['budget', 'Budsjett']].map(([v, t]) => h('option', { value: v, text: t })))),
    area('cr-description', 'Beskriv endringen og hvorfor'),
    onClick(btn('Send endringsønske', 'send-change-request', 'secondary'), () => act('POST', 'change-requests', { kind: val('cr-kind'), description: val('cr-description') }, 'Endringsønsket er sendt'))];
}

/** The change requests and, while the grant is in force, the form; null when neither. */
export function changesSection(ctx, c) {
  const crs = (c.change_requests || []).map((cr) => h('li', { text: `${formatDateTime(cr.requested_at)}: ${cr.description} – ${CR_STATUS[cr.status] || cr.status}${cr.response ? `. Svar: ${cr.response}` : ''}` }));
  const inForce = IN_FORCE.includes(c.status);
  if (!crs.length && !inForce) return null;
  return section('Endringer i tilskuddet', crs.length ? h('ul', { class: 'ds-list' }, crs) : null, inForce ? changeForm(ctx) : null);
}
