// utlysning.js: the call page (/utlysning.html?id=ID). Shows one call with its
// dates, limits, sub-goals, budget, rules and assessment criteria.

import { getJson, describeError } from './lib/api.js';
import { h, byId, replaceChildren } from './lib/dom.js';
import {
  formatKroner,
  formatKronerRange,
  formatDateTime,
  formatDate,
  formatTimeLeft,
  formatDays,
  isPast,
} from './lib/format.js';
import { alertBoxAt, retryButton, statusTag, statusLabel, setLoading, showAlert } from './lib/ui.js';
import { renderHeader } from './lib/header.js';
import { applyBox } from './lib/apply.js';
import { ruleTexts, contactList, goalLabel } from './lib/callrules.js';

const SITE = 'Tilskuddsportalen';

/** The ?id= of the page as a positive integer, or null. */
function callId() {
  const raw = new URLSearchParams(window.location.search).get('id');
  if (raw === null || !/^[1-9][0-9]{0,15}$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

function fact(label, value, testid) {
  return h('div', {}, h('dt', { text: label }), h('dd', { 'data-testid': testid }, value));
}

function withTimeLeft(iso, pastPrefix) {
  const left = formatTimeLeft(iso);
  if (!left) return formatDateTime(iso);
  const note = isPast(iso) ? `${pastPrefix} ${left}` : left;
  return [formatDateTime(iso), h('br'), h('span', { class: 'portal-muted', text: `(${note})` })];
}

function section(id, title, ...content) {
  return h(
    'section',
    { 'aria-labelledby': id },
    h('h2', { class: 'ds-heading', 'data-size': 'sm', id, text: title }),
    ...content,
  );
}

function keyFacts(call) {
  const goalName = new Map((call.sub_goals || []).map((g) => [g.code, g.name]));
  const earmarks = Array.isArray(call.earmarks) ? call.earmarks : [];
  const budget =
    call.budget_frame == null
      ? h('span', { text: 'Ikke fastsatt' })
      : [
          h('span', { class: 'portal-big', text: formatKroner(call.budget_frame) }),
          earmarks.length
            ? h(
                'ul',
                { class: 'ds-list portal-earmarks', 'aria-label': 'Øremerkede midler' },
                earmarks.map((e) =>
                  h(
                    'li',
                    { title: goalName.get(e.sub_goal) || null },
                    `${formatKroner(e.amount)} øremerket ${goalLabel(e.sub_goal, { lower: true })}`,
                  ),
                ),
              )
            : null,
        ];
  return h(
    'aside',
    { class: 'ds-card portal-call-facts', 'data-variant': 'tinted', 'data-color': 'neutral', 'aria-labelledby': 'facts-title' },
    h('h2', { class: 'ds-heading', 'data-size': 'xs', id: 'facts-title', text: 'Nøkkelinformasjon' }),
    h(
      'dl',
      { class: 'portal-keyfacts ds-paragraph' },
      fact('Status', statusLabel(call.status), 'call-status-text'),
      fact('Åpner', withTimeLeft(call.opens_at, 'åpnet'), 'call-opens'),
      fact('Søknadsfrist', withTimeLeft(call.deadline, 'fristen gikk ut'), 'call-deadline'),
      fact('Beløp per søknad', h('span', { class: 'portal-big', text: formatKronerRange(call.min_amount, call.max_amount) }), 'call-amounts'),
      fact('Budsjettramme', budget, 'call-budget'),
      call.report_due ? fact('Frist for rapport og regnskap', formatDate(call.report_due), 'call-report-due') : null,
      call.appeal_window_days ? fact('Klagefrist', `${formatDays(call.appeal_window_days)} etter vedtak`, 'call-appeal') : null,
    ),
  );
}

function rules(call) {
  return h('ul', { class: 'ds-list', 'data-testid': 'call-rules' }, ruleTexts(call).map((t) => h('li', { class: 'ds-paragraph', text: t })));
}

/** The contact persons: the call's own, else the tenant's (the API gives whichever applies). */
function contactsSection(call) {
  const contacts = Array.isArray(call.contacts) ? call.contacts : [];
  return section('contacts-title', 'Kontaktpersoner',
    contacts.length
      ? contactList(contacts)
      : h('p', { class: 'ds-paragraph portal-muted', text: `Kontakt ${call.tenant ? call.tenant.name : 'forvalteren'} for spørsmål om utlysningen.` }));
}

function breadcrumbs(call) {
  return h(
    'nav',
    { class: 'ds-breadcrumbs portal-noprint', 'aria-label': 'Du er her:' },
    h(
      'ol',
      {},
      h('li', {}, h('a', { class: 'ds-link', href: '/', text: 'Åpne utlysninger' })),
      h('li', {}, h('a', { class: 'ds-link', href: window.location.pathname + window.location.search, 'aria-current': 'page', text: call.title })),
    ),
  );
}

function callHeader(call) {
  return h(
    'div',
    { class: 'portal-call-header' },
    h('h1', { class: 'ds-heading', 'data-size': 'xl', 'data-testid': 'call-title', text: call.title }),
    h(
      'p',
      { class: 'ds-paragraph', 'data-size': 'lg' },
      h('strong', { 'data-testid': 'call-tenant', text: call.tenant ? call.tenant.name : '' }),
      ' · ',
      statusTag(call.status),
    ),
    h('p', { class: 'ds-paragraph portal-muted', 'data-testid': 'call-scheme', text: call.scheme ? `${call.scheme.name} (${call.year})` : String(call.year || '') }),
  );
}

/** The description, one paragraph per blank-line separated block. */
function about(call) {
  const paragraphs = String(call.description || '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return section(
    'about-title',
    'Om utlysningen',
    paragraphs.length
      ? paragraphs.map((p) => h('p', { class: 'ds-paragraph portal-description', text: p }))
      : h('p', { class: 'ds-paragraph portal-muted', text: 'Ingen beskrivelse.' }),
  );
}

function subGoalsSection(call) {
  const subGoals = Array.isArray(call.sub_goals) ? call.sub_goals : [];
  return section(
    'subgoals-title',
    subGoals.some((g) => /^\d$/.test(g.code)) ? 'Satsingsområder du kan søke under' : 'Delmål du kan søke under',
    h(
      'ul',
      { class: 'portal-subgoals', 'data-testid': 'call-subgoals' },
      subGoals.map((g) =>
        h(
          'li',
          { 'data-code': g.code },
          h('span', { class: 'ds-tag', 'data-color': 'accent', text: goalLabel(g.code) }),
          h('span', { class: 'ds-paragraph', text: g.name }),
        ),
      ),
    ),
  );
}

function criteriaSection(call) {
  const criteria = Array.isArray(call.criteria) ? call.criteria : [];
  return section(
    'criteria-title',
    'Vurderingskriterier',
    criteria.length
      ? h('ol', { class: 'ds-list', 'data-testid': 'call-criteria' }, criteria.map((c) => h('li', { class: 'ds-paragraph', text: c })))
      : h('p', { class: 'ds-paragraph portal-muted', text: 'Ingen kriterier oppgitt.' }),
  );
}

function render(call) {
  document.title = `${call.title} – ${SITE}`;
  return [
    breadcrumbs(call),
    callHeader(call),
    h(
      'div',
      { class: 'portal-call-layout' },
      keyFacts(call),
      h('div', { class: 'portal-call-body' }, about(call), subGoalsSection(call), criteriaSection(call), section('rules-title', 'Vilkår', rules(call)), contactsSection(call)),
    ),
  ];
}

function notFound(container) {
  document.title = `Fant ikke utlysningen – ${SITE}`;
  const box = alertBoxAt(
    'h1',
    'warning',
    'Fant ikke utlysningen',
    'Utlysningen finnes ikke, eller lenken du fulgte er feil.',
    h('a', { class: 'ds-link', href: '/', text: 'Gå til oversikten over åpne utlysninger' }),
  );
  box.setAttribute('data-testid', 'call-not-found');
  showAlert(container, box);
}

async function load() {
  const status = byId('status');
  const errorBox = byId('error');
  const content = byId('call');
  errorBox.hidden = true;
  const id = callId();
  if (id === null) {
    setLoading(status, false);
    notFound(errorBox);
    return;
  }
  setLoading(status, true, 'Henter utlysningen …');
  try {
    const call = await getJson(`/api/v1/calls/${id}`);
    replaceChildren(content, render(call));
    content.setAttribute('aria-busy', 'false');
    content.append(await applyBox(call));
  } catch (err) {
    replaceChildren(content);
    if (err && err.isNotFound) notFound(errorBox);
    else showAlert(errorBox, alertBoxAt('h1', 'danger', 'Kunne ikke hente utlysningen', describeError(err), retryButton(load)));
  } finally {
    setLoading(status, false);
  }
}

load();

renderHeader();
