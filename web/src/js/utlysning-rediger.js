// utlysning-rediger.js: one call for its tenant's admins (/utlysning-rediger.html?tenant=SLUG&id=ID): every
// field of the call in one form (PUT /api/v1/tenants/{slug}/calls/{id} with the fields changed), the rules
// an application has frozen locked with the reason beside them (and a 409's reason beside its field),
// publishing a draft (POST .../publish) or deleting it (DELETE), and extending or closing a published call
// early (POST .../deadline).

import { apiSend, getJson } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, staffTenant, mountForm, idParam, showMessage } from './lib/page.js';
import { field, checkbox, fieldId, errorSummary, showApiError, showErrors, clearErrors } from './lib/forms.js';
import { formatDateTime } from './lib/format.js';
import {
  APPLICANT_KINDS, BUDGET_RULES, PAYMENT_RULES, AUDIT_SCOPES, APPEAL_RULES, ATTACHMENTS, GOAL_CODES, SCHEMES, GOAL_NAMES,
  goalLabel, callStateLabel,
} from './lib/callrules.js';
import { contactsEditor } from './lib/contacts.js';

const FROZEN = 'Låst: det er sendt inn søknader til utlysningen, så denne regelen kan ikke lenger endres.';

/** The form's fields by group: [legend, [{key, label, kind, ...}]]. kind: text, textarea, number (null when
 *  empty if nullable), date (null when empty), datetime, select, bool, multi (checkboxes), lines (one per line). */
const GROUPS = [
  ['Tekster', [
    { key: 'title', label: 'Tittel', kind: 'text', max: 255 },
    { key: 'description', label: 'Beskrivelse', kind: 'textarea', rows: 8, description: 'Tom linje mellom avsnittene.' },
    { key: 'scheme', label: 'Tilskuddsordning', kind: 'select', options: SCHEMES },
    { key: 'year', label: 'År', kind: 'number' },
  ]],
  ['Åpning og frist (norsk tid)', [
    { key: 'opens_local', label: 'Åpner', kind: 'datetime' },
    { key: 'deadline_local', label: 'Søknadsfrist', kind: 'datetime' },
  ]],
  ['Beløp og ramme', [
    { key: 'min_amount', label: 'Minste beløp per søknad (kr)', kind: 'number' },
    { key: 'max_amount', label: 'Største beløp per søknad (kr)', kind: 'number' },
    { key: 'budget_frame', label: 'Budsjettramme (kr)', kind: 'number', nullable: true, description: 'Tomt: ingen ramme satt.' },
  ]],
  ['Hvem kan søke', [
    { key: 'applicant_kinds', label: 'Søkere', kind: 'multi', options: APPLICANT_KINDS },
    { key: 'requires_volunteer_register', label: 'Må være registrert i Frivillighetsregisteret', kind: 'bool' },
    { key: 'requires_business_register', label: 'Må være registrert i Enhetsregisteret', kind: 'bool' },
    { key: 'requires_local_activity', label: 'Aktiviteten må foregå i kommunen', kind: 'bool' },
    { key: 'requires_local_members', label: 'Flertallet av medlemmene må bo i kommunen', kind: 'bool' },
    { key: 'requires_national_reach', label: 'Organisasjonen må ha nasjonal virksomhet', kind: 'bool' },
    { key: 'requires_own_contribution', label: 'Søkeren må ha egenandel', kind: 'bool' },
    { key: 'joint_applications', label: 'Flere kan søke sammen, med én ansvarlig søker', kind: 'bool' },
    { key: 'one_per_org', label: 'Én søknad per organisasjon', kind: 'bool' },
    { key: 'min_participants', label: 'Minste antall deltakere', kind: 'number', nullable: true, description: 'Tomt: ingen grense.' },
  ]],
  ['Søknaden og vedleggene', [
    { key: 'one_project_per_application', label: 'Ett prosjekt per søknad', kind: 'bool' },
    { key: 'max_years', label: 'Høyeste antall år det kan søkes for', kind: 'number', description: '1 betyr bare ett år.' },
    { key: 'required_attachments', label: 'Påkrevde vedlegg', kind: 'multi', options: ATTACHMENTS },
    { key: 'budget_rule', label: 'Budsjettet', kind: 'select', options: BUDGET_RULES },
  ]],
  ['Vurderingskriterier', [
    { key: 'criteria', label: 'Kriterier', kind: 'lines', rows: 10, description: 'Ett kriterium per linje.' },
    { key: 'reception_criteria', label: 'Kriterier for tiltak i asylmottak', kind: 'lines', rows: 4, description: 'Ett kriterium per linje.' },
  ]],
  ['Utbetaling', [
    { key: 'payment_rule', label: 'Utbetalingsregel', kind: 'select', options: PAYMENT_RULES },
    { key: 'payment_split_threshold', label: 'Beløpsgrense for to terminer (kr)', kind: 'number' },
    { key: 'spring_due', label: 'Utbetaling vårtermin', kind: 'date' },
    { key: 'autumn_due', label: 'Utbetaling høsttermin', kind: 'date' },
  ]],
  ['Rapportering', [
    { key: 'status_report_due', label: 'Frist for statusrapport', kind: 'date', description: 'Tomt: ingen statusrapport.' },
    { key: 'report_due', label: 'Frist for rapport og regnskap', kind: 'date' },
  ]],
  ['Revisjon og klage', [
    { key: 'audit_threshold', label: 'Beløpsgrense for revisorbekreftet regnskap (kr)', kind: 'number' },
    { key: 'audit_scope', label: 'Grensen gjelder', kind: 'select', options: AUDIT_SCOPES },
    { key: 'appeal_rule', label: 'Klageadgang', kind: 'select', options: APPEAL_RULES },
    { key: 'appeal_window_days', label: 'Klagefrist (dager)', kind: 'number' },
  ]],
];
const SPECS = GROUPS.flatMap(([, specs]) => specs);
const LABELS = Object.fromEntries([...SPECS.map((s) => [s.key, s.label]), ['sub_goals', 'Delmål eller innsatsområder'],
  ['earmarks', 'Øremerking'], ['contacts', 'Kontaktpersoner']]);

let slug;
let url;
let call;

const localTime = (v) => (v ? String(v).replace(' ', 'T').slice(0, 16) : '');

/** The call's value of key as the form sends it. */
function current(key) {
  const v = call[key];
  if (key === 'scheme') return v.code;
  if (key === 'sub_goals') return v.map((g) => g.code);
  if (key === 'opens_local' || key === 'deadline_local') return localTime(v);
  if (key === 'earmarks') return GOAL_CODES.flatMap((c) => v.filter((e) => e.sub_goal === c).map((e) => ({ sub_goal: c, amount: e.amount })));
  if (key === 'contacts') return v.map((p) => ({ name: p.name, role: p.role || '', email: p.email || '', phone: p.phone || '' }));
  return v;
}

function input(spec) {
  const v = current(spec.key);
  if (spec.kind === 'bool') return checkbox({ name: spec.key, label: spec.label, checked: v });
  if (spec.kind === 'multi') {
    const chosen = new Set(v || []);
    return h('fieldset', { class: 'ds-fieldset' }, h('legend', { class: 'ds-label', text: spec.label }),
      spec.options.map(([value, label], i) => {
        const id = i === 0 ? fieldId(spec.key) : `${fieldId(spec.key)}-${value}`;
        const box = h('input', { class: 'ds-input', type: 'checkbox', id, value, 'data-multi': spec.key, checked: chosen.has(value) });
        return h('div', { class: 'ds-field' }, box, h('label', { class: 'ds-label', for: id, text: label }));
      }),
      h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: `${fieldId(spec.key)}-error`, hidden: true }));
  }
  const type = { number: 'number', date: 'date', datetime: 'datetime-local', lines: 'textarea' }[spec.kind] || spec.kind;
  const value = spec.kind === 'lines' ? (v || []).join('\n') : (v === null || v === undefined ? '' : String(v));
  const options = spec.key === 'scheme' && !SCHEMES.some(([code]) => code === v) ? [[v, call.scheme.name], ...SCHEMES] : spec.options;
  return field({ name: spec.key, label: spec.label, type, value, options, rows: spec.rows, max: spec.max, description: spec.description });
}

/** Offered goal codes (with their names) and what is earmarked for each. */
function goalsGroup() {
  const offered = new Set(current('sub_goals'));
  const earmarked = new Map(current('earmarks').map((e) => [e.sub_goal, e.amount]));
  const names = new Map([...Object.entries(GOAL_NAMES), ...call.sub_goals.map((g) => [g.code, g.name])]);
  return h('fieldset', { class: 'ds-fieldset portal-group', 'data-testid': 'call-goals' },
    h('legend', { class: 'ds-heading', 'data-size': 'xs', text: 'Delmål eller innsatsområder' }),
    h('p', { class: 'ds-paragraph', 'data-size': 'sm', text: 'Kryss av for det søkerne kan søke under. Et øremerket beløp kan bare gå til sitt delmål eller innsatsområde; resten av rammen er fri for alle.' }),
    GOAL_CODES.map((code, i) => {
      const id = i === 0 ? fieldId('sub_goals') : `${fieldId('sub_goals')}-${code}`;
      const box = h('input', { class: 'ds-input', type: 'checkbox', id, value: code, 'data-multi': 'sub_goals', checked: offered.has(code) });
      return h('div', { class: 'portal-row', 'data-goal': code },
        h('div', { class: 'ds-field' }, box, h('label', { class: 'ds-label', for: id, text: `${goalLabel(code)}: ${names.get(code) || ''}` })),
        field({ name: `earmark-${code}`, label: `Øremerket ${goalLabel(code, { lower: true })} (kr)`, type: 'number', value: earmarked.has(code) ? String(earmarked.get(code)) : '' }));
    }),
    h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: `${fieldId('sub_goals')}-error`, hidden: true }));
}

/** The form's values of every key, as the API takes them. */
function values(form, contacts) {
  const out = {};
  for (const spec of SPECS) {
    if (spec.kind === 'multi') {
      out[spec.key] = [...form.querySelectorAll(`[data-multi="${spec.key}"]`)].filter((b) => b.checked).map((b) => b.value);
      continue;
    }
    const el = form.elements[spec.key];
    if (spec.kind === 'bool') out[spec.key] = el.checked;
    else if (spec.kind === 'lines') out[spec.key] = el.value.split('\n').map((s) => s.trim()).filter(Boolean);
    else if (spec.kind === 'number') out[spec.key] = el.value.trim() === '' ? (spec.nullable ? null : '') : (/^\d+$/.test(el.value.trim()) ? Number(el.value) : el.value);
    else if (spec.kind === 'date') out[spec.key] = el.value || null;
    else out[spec.key] = spec.key === 'title' ? el.value.trim() : el.value;
  }
  out.sub_goals = [...form.querySelectorAll('[data-multi="sub_goals"]')].filter((b) => b.checked).map((b) => b.value);
  out.earmarks = GOAL_CODES.filter((c) => form.elements[`earmark-${c}`].value.trim() !== '')
    .map((c) => ({ sub_goal: c, amount: /^\d+$/.test(form.elements[`earmark-${c}`].value.trim()) ? Number(form.elements[`earmark-${c}`].value) : form.elements[`earmark-${c}`].value }));
  out.contacts = contacts.values();
  return out;
}

/** The API's field names as the form's: earmarks[i] is the i-th earmark sent. */
function formField(name, sent) {
  const m = /^earmarks\[(\d+)\]/.exec(name);
  if (m && sent.earmarks && sent.earmarks[Number(m[1])]) return `earmark-${sent.earmarks[Number(m[1])].sub_goal}`;
  return name;
}

function lockFrozen(form) {
  const frozen = new Set(call.frozen_fields || []);
  if (call.published) frozen.add('deadline_local');
  for (const key of frozen) {
    const els = [...form.querySelectorAll(`[data-field-name="${key}"], [data-multi="${key}"]`)];
    if (key === 'earmarks') els.push(...form.querySelectorAll('[data-field-name^="earmark-"]'));
    if (!els.length) continue;
    for (const el of els) el.disabled = true;
    const note = key === 'deadline_local' && !(call.frozen_fields || []).includes(key)
      ? 'Fristen til en publisert utlysning endres under «Publisering og frist».' : FROZEN;
    const anchor = els[0].closest('fieldset.ds-fieldset') && els[0].type === 'checkbox' && key !== 'sub_goals' && els.length > 1
      ? els[0].closest('fieldset.ds-fieldset') : els[0].closest('.ds-field') || els[0];
    anchor.append(h('p', { class: 'ds-paragraph portal-muted', 'data-size': 'sm', 'data-testid': `frozen-${key}`, text: note }));
  }
}

function renderForm() {
  const summary = errorSummary();
  const contacts = contactsEditor('contacts', current('contacts'));
  const save = h('button', { type: 'submit', class: 'ds-button', 'data-variant': 'primary', 'data-testid': 'call-save', text: 'Lagre endringene' });
  const groups = GROUPS.map(([legend, specs], i) => [
    h('fieldset', { class: 'ds-fieldset portal-group' }, h('legend', { class: 'ds-heading', 'data-size': 'xs', text: legend }), specs.map(input)),
    i === 1 ? goalsGroup() : null,
  ]);
  const form = h('form', { class: 'portal-form portal-form--wide', novalidate: true, 'data-testid': 'call-form' }, summary, groups, contacts.node,
    h('div', { class: 'portal-actions' }, save));
  lockFrozen(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form, summary);
    const all = values(form, contacts);
    const changed = Object.fromEntries(Object.entries(all).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(current(k))));
    for (const k of [...(call.frozen_fields || []), ...(call.published ? ['deadline_local'] : [])]) delete changed[k];
    if (!Object.keys(changed).length) {
      showMessage('info', 'Ingen endringer', 'Ingenting er endret siden sist det ble lagret.');
      return;
    }
    save.disabled = true;
    try {
      const { body } = await apiSend('PUT', url, changed);
      call = body;
      render();
      showMessage('success', 'Lagret', 'Endringene er lagret og ført i utlysningens logg.');
    } catch (err) {
      const errors = err && err.problem && Array.isArray(err.problem.errors) ? err.problem.errors : null;
      const labelFor = (f) => LABELS[formField(f, changed).replace(/^earmark-.*/, 'earmarks').replace(/[[.].*$/, '')] || 'Feltet';
      if (errors && errors.length) {
        showErrors(form, summary, errors.map((x) => ({ ...x, field: formField(x.field, changed) })), { labelFor });
      } else {
        showApiError(form, summary, err);
      }
    } finally {
      save.disabled = false;
    }
  });
  replaceChildren(byId('form'), form);
  byId('form').setAttribute('aria-busy', 'false');
}

function draftActions() {
  const publish = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', 'data-testid': 'call-publish', text: 'Publiser utlysningen' });
  const remove = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-color': 'danger', 'data-testid': 'call-delete', text: 'Slett utkastet' });
  const confirm = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', 'data-color': 'danger', 'data-testid': 'call-delete-confirm', hidden: true,
    text: 'Ja, slett utkastet for godt' });
  publish.addEventListener('click', async () => {
    publish.disabled = true;
    try {
      const { body } = await apiSend('POST', `${url}/publish`, {});
      call = body;
      render();
      showMessage('success', 'Utlysningen er publisert', `Den vises for alle fra ${formatDateTime(call.opens_at)}.`);
    } catch (err) {
      publish.disabled = false;
      showApiErrorMessage('Utlysningen ble ikke publisert', err);
    }
  });
  remove.addEventListener('click', () => { confirm.hidden = false; confirm.focus(); });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      await apiSend('DELETE', url);
      window.location.assign(`/utlysninger-admin.html?tenant=${encodeURIComponent(slug)}`);
    } catch (err) {
      confirm.disabled = false;
      showApiErrorMessage('Utkastet ble ikke slettet', err);
    }
  });
  return [h('p', { class: 'ds-paragraph', text: 'Utkastet er bare synlig for dere. Når det publiseres, vises det for alle fra det åpner.' }),
    h('div', { class: 'portal-actions' }, publish, remove, confirm)];
}

function showApiErrorMessage(heading, err) {
  const errors = err && err.problem && Array.isArray(err.problem.errors) ? err.problem.errors : [];
  const text = errors.length ? errors.map((x) => `${LABELS[String(x.field).replace(/[[.].*$/, '')] || 'Feltet'}: ${x.detail}`).join(' ')
    : (err.problem && (err.problem.detail || err.problem.title)) || 'Prøv igjen om litt.';
  showMessage('danger', heading, text);
}

function publishedActions() {
  const box = h('div', {});
  const closed = call.status === 'closed';
  const deadline = h('div', { 'data-testid': 'call-extend' });
  const close = h('div', { 'data-testid': 'call-close' });
  const after = async (body, heading) => {
    call = body;
    render();
    showMessage('success', heading, 'Organisasjonene med utkast til søknad på utlysningen får beskjed på e-post.');
  };
  mountForm(deadline, {
    fields: [
      { name: 'deadline_local', label: 'Ny søknadsfrist (norsk tid)', type: 'datetime-local', value: localTime(call.deadline_local), required: true },
      { name: 'reason', label: 'Melding til søkerne', type: 'textarea', max: 1000, rows: 3 },
    ],
    submitLabel: 'Endre fristen',
    check: (v) => (v.deadline_local ? [] : [{ field: 'deadline_local', detail: 'Velg dato og klokkeslett.' }]),
    submit: async (v) => after((await apiSend('POST', `${url}/deadline`, { deadline_local: v.deadline_local, ...(v.reason.trim() ? { reason: v.reason.trim() } : {}) })).body,
      'Fristen er endret'),
  });
  mountForm(close, {
    fields: [{ name: 'reason', label: 'Hvorfor stenges utlysningen før fristen?', type: 'textarea', max: 1000, rows: 3 }],
    submitLabel: 'Steng utlysningen nå',
    submit: async (v) => after((await apiSend('POST', `${url}/deadline`, { close: true, ...(v.reason.trim() ? { reason: v.reason.trim() } : {}) })).body,
      'Utlysningen er stengt'),
  });
  replaceChildren(box,
    h('p', { class: 'ds-paragraph' }, `Publisert ${formatDateTime(call.published_at)}. `,
      h('a', { class: 'ds-link', href: `/utlysning.html?id=${call.id}`, 'data-testid': 'call-public-link', text: 'Se utlysningen slik søkerne ser den' })),
    closed ? h('p', { class: 'ds-paragraph', text: `Søknadsfristen gikk ut ${formatDateTime(call.deadline)}.` }) : null,
    h('h3', { class: 'ds-heading', 'data-size': 'xs', text: closed ? 'Åpne igjen med ny frist' : 'Forleng eller forkort fristen' }), deadline,
    closed ? null : [h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Steng før fristen' }), close]);
  return box;
}

function render() {
  document.title = `${call.title} – Tilskuddsportalen`;
  byId('title').textContent = call.title;
  byId('crumb').textContent = call.title;
  byId('crumb').setAttribute('href', window.location.pathname + window.location.search);
  byId('state').textContent = `${callStateLabel(call)} · ${call.scheme.name} · ${call.year}${call.frozen ? ' · Det er sendt inn søknader: reglene for hvem som kan søke, beløp og penger er låst.' : ''}`;
  replaceChildren(byId('actions'), call.published ? publishedActions() : draftActions());
  renderForm();
}

startPage(async () => {
  const session = await staffTenant();
  if (!session) return;
  slug = session.slug;
  const id = idParam('id');
  byId('back').setAttribute('href', `/utlysninger-admin.html?tenant=${encodeURIComponent(slug)}`);
  if (!id) {
    showMessage('warning', 'Fant ikke utlysningen', 'Lenken du fulgte er feil.');
    return;
  }
  url = `/api/v1/tenants/${encodeURIComponent(slug)}/calls/${id}`;
  call = await getJson(url);
  render();
});
