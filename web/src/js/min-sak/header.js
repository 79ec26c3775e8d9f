// min-sak/header.js: the top of the organisation's case page: the links back, the title, the
// status and the grant's facts (amount, appeal deadline, report deadline, audit).

import { h } from '../lib/dom.js';
import { formatDateTime, formatDate } from '../lib/format.js';
import { caseStatusLabel, caseStatusTag } from '../lib/casework.js';
import { kr, para } from './parts.js';

/** The links back, the heading and the status line. */
export function caseHeader({ id, app }, c) {
  return [
    h('p', { class: 'ds-paragraph' }, h('a', { class: 'ds-link', href: '/mine-soknader.html', text: '← Mine søknader' }), ' · ',
      h('a', { class: 'ds-link', href: `/kvittering.html?id=${id}`, text: 'Kvittering og signert søknad' })),
    h('h1', { class: 'ds-heading', 'data-size': 'lg', text: app.title || c.reference || 'Søknad' }),
    h('p', { class: 'ds-paragraph' }, `${c.reference || ''} · Status: `, h('strong', { 'data-testid': 'case-status', text: caseStatusLabel(c.status) }), ' ', caseStatusTag(c.status)),
  ];
}

/** The grant's facts in one paragraph, or null when there are none yet. */
export function caseFacts(c) {
  const facts = [];
  if (c.granted_amount != null) facts.push(`Innvilget: ${kr(c.granted_amount)}.`);
  if (c.appeal_deadline) facts.push(`Klagefrist: ${formatDateTime(c.appeal_deadline)}.`);
  if (c.report_due) facts.push(`Rapport og regnskap innen ${formatDate(c.report_due)}.`);
  if (c.audit_required) facts.push('Regnskapet må være revidert av statsautorisert eller registrert revisor (tilskudd på 100 000 kr eller mer).');
  return facts.length ? para(facts.join(' ')) : null;
}
