// callrules.js: a call's rules in words, the same on the public call page and in the staff's call
// form: the labels of the kinds of applicant, budget, payment, audit and appeal rules and of the
// attachments, the name of a goal code (sub-goal or priority area), the sentences a call's rules
// read as, and the contact persons as a list.

import { h } from './dom.js';
import { formatDate, formatDays, formatKroner } from './format.js';

export const APPLICANT_KINDS = [
  ['voluntary', 'Frivillige organisasjoner'],
  ['immigrant', 'Innvandrerorganisasjoner'],
  ['foundation', 'Stiftelser'],
  ['municipality', 'Kommuner'],
  ['county', 'Fylkeskommuner'],
];
export const BUDGET_RULES = [
  ['file_or_form', 'Budsjett som vedlegg eller i skjemaet'],
  ['file', 'Budsjett som vedlegg'],
  ['form', 'Budsjett i skjemaet'],
  ['none', 'Ingen prosjektbudsjett (driftstilskudd)'],
];
export const PAYMENT_RULES = [
  ['threshold', 'To terminer over et beløp, ellers samlet'],
  ['two_terms', 'Alltid to terminer (vår og høst)'],
  ['one_term', 'Alltid samlet'],
];
export const AUDIT_SCOPES = [
  ['grant', 'Per tilskudd'],
  ['org_year', 'Per organisasjon og år (alle tilskudd samlet)'],
];
export const APPEAL_RULES = [
  ['all', 'Alle vedtak kan påklages'],
  ['dismissal_and_reactions', 'Bare avvisning og reaksjoner (tilbakekreving, tilbakeholdelse) kan påklages'],
];
export const ATTACHMENTS = [
  ['budget', 'Budsjett'],
  ['tax_certificate', 'Skatteattest (for organisasjoner med ansatte)'],
];
/** The goal codes: the voluntary and operating schemes' sub-goals, the public scheme's priority areas. */
export const GOAL_CODES = ['A', 'B', 'C', 'D', '1', '2', '4', '5'];

const labelOf = (list, v) => (list.find(([k]) => k === v) || [null, ''])[1];

/** "Delmål A" or "Satsingsområde 4" ({ lower: true }: "delmål A", inside a sentence). */
export function goalLabel(code, { lower = false } = {}) {
  const word = /^\d$/.test(String(code)) ? 'Satsingsområde' : 'Delmål';
  return `${lower ? word.toLowerCase() : word} ${code}`;
}

function listWords(words) {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} og ${words.at(-1)}`;
}

/** Who may apply and what they must meet, in sentences (only what the call says). */
function eligibility(c) {
  const out = [];
  if (Array.isArray(c.applicant_kinds) && c.applicant_kinds.length) {
    const kinds = c.applicant_kinds.map((k) => labelOf(APPLICANT_KINDS, k).toLowerCase()).filter(Boolean);
    out.push(`Disse kan søke: ${listWords(kinds)}.`);
  }
  if (c.joint_applications) out.push('Flere kan søke sammen. Én søker står ansvarlig og signerer, de andre oppgis som samarbeidspartnere.');
  if (c.requires_volunteer_register) out.push('Organisasjonen må være registrert i Frivillighetsregisteret.');
  if (c.requires_business_register) out.push('Organisasjonen må være registrert i Enhetsregisteret.');
  if (c.requires_local_activity) out.push('Aktiviteten må foregå i kommunen.');
  if (c.requires_local_members) out.push('Flertallet av medlemmene må bo i kommunen.');
  if (c.requires_national_reach) out.push('Organisasjonen må ha nasjonal virksomhet.');
  if (c.requires_own_contribution) out.push('Søkeren må bidra med egenandel, og den skal vises i budsjettet.');
  if (c.min_participants) out.push(`Tiltaket må ha minst ${c.min_participants} deltakere.`);
  if (c.one_per_org) out.push('Hver organisasjon kan sende én søknad.');
  return out;
}

function attachments(c) {
  const out = [];
  const req = Array.isArray(c.required_attachments) ? c.required_attachments : [];
  if (req.includes('tax_certificate')) out.push('Organisasjoner med ansatte må legge ved skatteattest.');
  const budget = c.budget_rule ? labelOf(BUDGET_RULES, c.budget_rule) : '';
  if (c.budget_rule === 'none') out.push('Søknaden skal ikke ha prosjektbudsjett.');
  else if (budget) out.push(`${budget}.`);
  else if (req.includes('budget')) out.push('Budsjett skal legges ved.');
  return out;
}

function money(c) {
  const out = [];
  if (c.payment_rule === 'two_terms') out.push('Tilskuddet utbetales i to terminer (vår og høst).');
  else if (c.payment_rule === 'one_term') out.push('Tilskuddet utbetales samlet.');
  else if (c.payment_split_threshold != null) {
    out.push(`Tilskudd over ${formatKroner(c.payment_split_threshold)} utbetales i to terminer (vår og høst). Mindre tilskudd utbetales samlet.`);
  }
  if (c.spring_due && c.autumn_due) out.push(`Terminene utbetales ${formatDate(c.spring_due)} og ${formatDate(c.autumn_due)}.`);
  if (c.audit_threshold != null) {
    out.push(c.audit_scope === 'org_year'
      ? `Når en organisasjons tilskudd i året til sammen er ${formatKroner(c.audit_threshold)} eller mer, kreves revisorbekreftet regnskap.`
      : `Tilskudd på ${formatKroner(c.audit_threshold)} eller mer krever revisorbekreftet regnskap.`);
  }
  return out;
}

function reportsAndAppeals(c) {
  const out = [];
  if (c.status_report_due) out.push(`Statusrapport skal sendes innen ${formatDate(c.status_report_due)}.`);
  if (c.report_due) out.push(`Rapport og regnskap skal sendes innen ${formatDate(c.report_due)}.`);
  if (c.appeal_rule === 'dismissal_and_reactions') {
    out.push('Tilskudd og avslag kan ikke påklages. Avvisning og reaksjoner som tilbakekreving eller tilbakeholdelse kan påklages.');
  }
  if (c.appeal_window_days) out.push(`Klagefrist: ${formatDays(c.appeal_window_days)} etter at vedtaket er mottatt.`);
  return out;
}

/** Every rule of the call the answer holds, as sentences. */
export function ruleTexts(c) {
  const years = c.max_years > 1 ? `Det kan søkes for opptil ${c.max_years} år.` : (c.max_years === 1 ? 'Det kan bare søkes for ett år.' : null);
  return [
    ...eligibility(c),
    c.one_project_per_application
      ? 'Hver søknad kan bare gjelde ett prosjekt. En organisasjon kan sende flere søknader.'
      : 'En søknad kan omfatte flere tiltak.',
    years,
    ...attachments(c),
    ...money(c),
    ...reportsAndAppeals(c),
  ].filter(Boolean);
}

/** The contact persons as a list (name, what they answer for, e-mail and phone as links). */
export function contactList(contacts, testid = 'call-contacts') {
  return h('ul', { class: 'ds-list portal-contacts', 'data-testid': testid }, contacts.map((p) => h('li', { class: 'ds-paragraph', 'data-testid': 'contact' },
    h('strong', { text: p.name }),
    p.role ? ` – ${p.role}` : null,
    p.email ? [h('br'), h('a', { class: 'ds-link', href: `mailto:${p.email}`, text: p.email })] : null,
    p.phone ? [h('br'), h('a', { class: 'ds-link', href: `tel:${p.phone.replace(/[^+\d]/g, '')}`, text: `Telefon ${p.phone}` })] : null)));
}

/** The schemes a call can be made from (their codes and names as the portal holds them). */
export const SCHEMES = [
  ['frivillig-integrering', 'Tilskudd til integreringsarbeid i regi av frivillige organisasjoner'],
  ['driftstilskudd-innvandrerorganisasjoner', 'Driftstilskudd til lokale innvandrerorganisasjoner'],
  ['kvalifisering-kommuner', 'Tilskudd til utvikling av kvalifiserings- og integreringstiltak'],
];

/** Where a call stands, in words: a draft, or published and upcoming, open or closed. */
export function callStateLabel(c) {
  if (!c.published) return 'Utkast';
  return { upcoming: 'Publisert, åpner senere', open: 'Publisert, åpen', closed: 'Publisert, stengt' }[c.status] || 'Publisert';
}

/** The goal codes' names (the call gives the names of those it offers). */
export const GOAL_NAMES = {
  A: 'Fellesskap, tillit og tilhørighet',
  B: 'Kunnskap om samfunnet og kvalifisering for arbeid',
  C: 'Forebygge negativ sosial kontroll, tvangsekteskap og kjønnslemlestelse',
  D: 'Mot rasisme og diskriminering, for mangfold',
  1: 'Innovative løsninger i introduksjonsordningen og opplæring i norsk og samfunnskunnskap',
  2: 'Tiltak som gir psykisk støtte',
  4: 'Kommunale, interkommunale eller regionale velkomsttilbud (bare fylkeskommuner)',
  5: 'Arbeid for mangfold og mot rasisme og diskriminering',
};
