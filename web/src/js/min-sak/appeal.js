// min-sak/appeal.js: the appeals filed against the decision, and the form to file one.

import { h } from '../lib/dom.js';
import { formatDateTime } from '../lib/format.js';
import { section, para, btn, area, val, onClick } from './parts.js';

const APPEAL_STATUS = { filed: 'Mottatt', changed: 'Vedtaket endret', forwarded: 'Sendt klageinstansen', upheld: 'Ikke tatt til følge', reversed: 'Tatt til følge' };

function appealItem(a) {
  return h('li', {},
    `${formatDateTime(a.filed_at)}: ${APPEAL_STATUS[a.status] || a.status}${a.late ? ' (mottatt etter fristen)' : ''}. ${a.reasons}`,
    a.handled_reasons ? ` Svar: ${a.handled_reasons}` : '', a.ruling_reasons ? ` Klageinstansen: ${a.ruling_reasons}` : '');
}

/** The appeal form: when the deadline has passed, the appeal is still taken but marked late. */
function appealForm({ act }, c) {
  const late = c.appeal_deadline && new Date(c.appeal_deadline) < new Date();
  return [para(late ? 'Klagefristen er ute. En klage blir likevel registrert, men merket som for sen.' : 'Du kan klage på vedtaket innen tre uker etter at brevet ble sendt.'),
    area('appeal-reasons', 'Hva klager dere på, og hvorfor?'),
    onClick(btn('Send klage', 'file-appeal'), () => act('POST', 'appeals', { reasons: val('appeal-reasons') }, 'Klagen er sendt'))];
}

/** The appeals and, when one may be filed now, the form; null when neither. */
export function appealSection(ctx, c, can) {
  const appeals = (c.appeals || []).map(appealItem);
  if (!appeals.length && !can('appeal')) return null;
  const ap = [appeals.length ? h('ul', { class: 'ds-list' }, appeals) : null];
  if (can('appeal')) ap.push(...appealForm(ctx, c));
  return section('Klage', ...ap);
}
