// sak/notices.js: the alerts at the top of the case page's main column: what happens next, and
// possible duplicates (the same organisation elsewhere the same year).

import { h } from '../lib/dom.js';
import { formatDateTime, formatDate } from '../lib/format.js';
import { caseStatusLabel } from '../lib/casework.js';
import { para } from './parts.js';

const STEP = {
  submitted: 'Søknaden er mottatt. Saksbehandleren erklærer habilitet og starter behandlingen.',
  in_review: 'Saksbehandleren vurderer søknaden og lager en innstilling.',
  recommended: 'Innstillingen venter på vedtak fra en beslutter (ikke den som innstilte).',
  granted: 'Vedtaket er fattet. Send brevet til søkeren.',
  accepted: 'Søkeren har akseptert vilkårene. Marker terminene som utbetalt når pengene er sendt.',
  report_received: 'Rapporten er mottatt. Gå gjennom den, og godkjenn eller be om endringer.',
  changes_asked: 'Søkeren er bedt om å endre rapporten.',
  report_approved: 'Rapporten er godkjent. Saken kan avsluttes.',
  declined: 'Søkeren har takket nei til tilskuddet. Saken kan avsluttes.',
  appealed: 'Søkeren har klaget. En beslutter behandler klagen som førsteinstans.',
  appeal_forwarded: 'Klagen er sendt til klageinstansen for endelig avgjørelse.',
  reclaim: 'Tilskuddet kreves tilbake. Saken kan avsluttes når kravet er gjort opp.',
  closed: 'Saken er avsluttet.',
  withdrawn: 'Søkeren har trukket søknaden.',
};
const SAME_STEP = { partly_granted: 'granted', rejected: 'granted', partly_paid: 'accepted' };

/** What happens next in the case, in a sentence ('' when nothing is said). */
export function nextStep(c) {
  const deadline = c.appeal_deadline ? ` Klagefrist ${formatDateTime(c.appeal_deadline)}.` : '';
  switch (c.status) {
    case 'letter_sent': return c.granted_amount > 0
      ? `Brevet er sendt. Søkeren må akseptere vilkårene før tilskuddet utbetales.${deadline}`
      : `Avslaget er sendt.${deadline} Saken kan avsluttes når klagefristen er ute.`;
    case 'paid': case 'report_due': return `Tilskuddet er utbetalt. Rapport og regnskap ventes${c.report_due ? ` innen ${formatDate(c.report_due)}` : ''}.`;
    default: return STEP[SAME_STEP[c.status] || c.status] || '';
  }
}

export function nextStepNotice({ c }) {
  const next = nextStep(c);
  return next ? h('div', { class: 'ds-alert', 'data-color': 'info', 'data-testid': 'next-step' },
    h('h2', { class: 'ds-heading', 'data-size': 'xs', text: 'Neste steg' }), para(next)) : null;
}

export function duplicatesNotice({ c }) {
  if (!c.possible_duplicates || !c.possible_duplicates.length) return null;
  return h('div', { class: 'ds-alert', 'data-color': 'warning', 'data-testid': 'duplicates' },
    h('h2', { class: 'ds-heading', 'data-size': 'xs', text: 'Mulig dobbeltfinansiering' }),
    para('Samme organisasjon har søkt om tilskudd samme år andre steder, eller med lignende tittel her. Et tiltak kan ikke få tilskudd både fra IMDi og en kommune. Vurder om det gjelder samme aktivitet.'),
    h('ul', { class: 'ds-list' }, c.possible_duplicates.map((d) => h('li', {}, h('strong', { text: d.tenant }), `: «${d.title}» – ${caseStatusLabel(d.status)}`))));
}
