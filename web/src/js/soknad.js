// soknad.js: the application form. Sections with a progress indicator; every change is saved as
// the user types (debounced) with If-Match, and a 412 (someone saved first) never overwrites
// silently: the user chooses to load the newer version or to keep their own text. The last step
// lists every problem that stops submission, linking to its field, and lets a signer sign and send.

import { apiSend, getWithHeaders, getJson, ApiError, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { field, checkbox, errorSummary, showErrors, clearErrors, fieldId } from './lib/forms.js';
import { startPage, idParam, showMessage } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { formatKroner, formatDateTime } from './lib/format.js';

const GOALS = { A: 'A – Fellesskap, tillit og tilhørighet', B: 'B – Kunnskap om samfunnet og kvalifisering for arbeid',
  C: 'C – Forebygge negativ sosial kontroll, tvangsekteskap og kjønnslemlestelse', D: 'D – Mot rasisme og diskriminering, for mangfold' };
/** The priority areas of the scheme for municipalities and county councils. */
const AREAS = { 1: '1 – Innovative løsninger i introduksjonsordningen og opplæring i norsk og samfunnskunnskap', 2: '2 – Tiltak som gir psykisk støtte',
  4: '4 – Kommunale, interkommunale eller regionale velkomsttilbud', 5: '5 – Arbeid for mangfold og mot rasisme og diskriminering' };
const GROUPS = { refugees: 'Flyktninger', labour_immigrants: 'Arbeidsinnvandrere', family_immigrants: 'Familieinnvandrere',
  norwegian_born_children: 'Norskfødte med innvandrerforeldre', reception_centre_residents: 'Beboere i asylmottak', local_population: 'Befolkningen i lokalsamfunnet' };
const PARTNER_KINDS = [['municipality', 'Kommune'], ['public_body', 'Offentlig etat'], ['organisation', 'Organisasjon'], ['other', 'Annet']];
const PROJECT_SECTIONS = [
  ['om', 'Om tiltaket', ['title', 'summary', 'goals', 'sub_goals', 'target_groups', 'adaptation', 'project_count', 'national_reach']],
  ['resultater', 'Mål og framdrift', ['result_goals', 'milestones', 'period']],
  ['budsjett', 'Budsjett', ['budget', 'applied_amount']],
  ['gjennomforing', 'Gjennomføring', ['volunteers', 'co_applicants', 'partners', 'location', 'reception_centre', 'children_youth', 'expected_participants', 'members_total', 'members_local', 'other_funding_declaration']],
  ['vedlegg', 'Vedlegg', ['attachments']],
  ['send', 'Se over og send', ['organisation', 'call']],
];
/** Operating support: the organisation, its members and its year, no project and no budget. */
const OPERATING_SECTIONS = [
  ['om', 'Om organisasjonen', ['title', 'members_total', 'members_local', 'activities', 'applied_amount', 'budget', 'other_funding_declaration']],
  ['vedlegg', 'Vedlegg', ['attachments']],
  ['send', 'Se over og send', ['organisation', 'call']],
];
let SECTIONS = PROJECT_SECTIONS;

let app, draft, etag, user, saveTimer = null, saving = false, pending = false, conflict = false;
let section = 'om';
let problems = [];

const get = (path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), draft);
function set(path, value) {
  const keys = path.split('.');
  let o = draft;
  for (const k of keys.slice(0, -1)) o = o[k] ?? (o[k] = /^\d+$/.test(k) ? [] : {});
  o[keys[keys.length - 1]] = value;
}
const idFor = (path) => fieldId(path.replace(/\.(\d+)(?=\.|$)/g, '[$1]'));
const num = (v) => (v === '' || v == null ? null : Number.isSafeInteger(Number(v)) ? Number(v) : v);

function status(text) {
  byId('autosave').textContent = text;
}

/** Save now (or right after the save in progress). */
async function save() {
  if (conflict || app.status !== 'draft') return;
  if (saving) { pending = true; return; }
  saving = true;
  status('Lagrer …');
  try {
    const r = await apiSend('PUT', `/api/v1/applications/${app.id}`, draft, { 'If-Match': etag });
    etag = r.headers.get('ETag');
    app.budget = r.body.budget;
    status(`Lagret kl. ${new Date().toLocaleTimeString('nb-NO', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`);
    renderBudgetTotals();
    clearErrors(byId('app'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 412) return onConflict(err.problem.current, err);
    if (err instanceof ApiError && err.status === 422) {
      status('Ikke lagret: rett feltene som er markert.');
      showErrors(byId('app'), null, err.problem.errors);
    } else {
      status(`Ikke lagret: ${describeError(err)} Endringene dine ligger fortsatt i skjemaet.`);
    }
  } finally {
    saving = false;
    if (pending) { pending = false; save(); }
  }
}

function scheduleSave() {
  status('Endringer ikke lagret ennå …');
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, 800);
}

/** Someone else saved first: keep this text and let the user choose. */
function onConflict(current) {
  conflict = true;
  status('Ikke lagret: søknaden er endret et annet sted.');
  const mine = JSON.parse(JSON.stringify(draft));
  const load = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', text: 'Last inn den nyeste versjonen' });
  const keep = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', text: 'Behold min versjon og lagre den' });
  load.addEventListener('click', () => { conflict = false; draft = current.data; etag = `"v${current.version}"`; app = current; render(); status('Nyeste versjon er lastet inn.'); byId('message').hidden = true; });
  keep.addEventListener('click', () => { conflict = false; draft = mine; etag = `"v${current.version}"`; byId('message').hidden = true; save(); });
  showMessage('warning', 'Søknaden er endret et annet sted', `${current.submitted_by || 'Noen'} lagret en nyere versjon mens du skrev (versjon ${current.version}). Ingenting er overskrevet. Velg hva du vil gjøre:`, keep, ' ', load);
}

/* ---- inputs bound to the draft ---- */

function text(path, label, opts = {}) {
  const el = field({ name: path.replace(/\.(\d+)(?=\.|$)/g, '[$1]'), label, type: opts.type || 'text', max: opts.max, description: opts.description, value: get(path) ?? '', required: opts.required, options: opts.options });
  const input = el.querySelector('.ds-input');
  input.readOnly = app.status !== 'draft';
  input.addEventListener(opts.type === 'select' ? 'change' : 'input', () => { set(path, opts.number ? num(input.value) : input.value); scheduleSave(); if (opts.onInput) opts.onInput(); });
  return el;
}

function check(path, label) {
  const el = checkbox({ name: path.replace(/\.(\d+)(?=\.|$)/g, '[$1]'), label, checked: get(path) === true });
  const input = el.querySelector('input');
  input.disabled = app.status !== 'draft';
  input.addEventListener('change', () => { set(path, input.checked); scheduleSave(); });
  return el;
}

function yesNo(path, legend) {
  const name = idFor(path);
  const v = get(path);
  const radios = [[true, 'Ja'], [false, 'Nei']].map(([val, label]) => {
    const id = `${name}-${val ? 'ja' : 'nei'}`;
    const input = h('input', { class: 'ds-input', type: 'radio', name, id: val ? name : id, checked: v === val });
    input.disabled = app.status !== 'draft';
    input.addEventListener('change', () => { set(path, val); scheduleSave(); });
    return h('div', { class: 'ds-field' }, input, h('label', { class: 'ds-label', for: val ? name : id, text: label }));
  });
  return h('fieldset', { class: 'ds-fieldset' }, h('legend', { class: 'ds-label', text: legend }), radios,
    h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: `${name}-error`, hidden: true }));
}

function multi(path, legend, options) {
  const chosen = new Set(get(path) || []);
  const boxes = Object.entries(options).map(([value, label], i) => {
    const id = i === 0 ? idFor(path) : `${idFor(path)}-${value}`;
    const input = h('input', { class: 'ds-input', type: 'checkbox', id, checked: chosen.has(value) });
    input.disabled = app.status !== 'draft';
    input.addEventListener('change', () => {
      if (input.checked) chosen.add(value); else chosen.delete(value);
      set(path, Object.keys(options).filter((k) => chosen.has(k)));
      scheduleSave();
    });
    return h('div', { class: 'ds-field' }, input, h('label', { class: 'ds-label', for: id, text: label }));
  });
  return h('fieldset', { class: 'ds-fieldset' }, h('legend', { class: 'ds-label', text: legend }), boxes,
    h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: `${idFor(path)}-error`, hidden: true }));
}

/** A list of rows (costs, goals, milestones, partners) with add and remove buttons. */
function rows(path, legend, columns, emptyRow, max) {
  const list = get(path) || [];
  const box = h('fieldset', { class: 'ds-fieldset', id: idFor(path), tabindex: '-1' }, h('legend', { class: 'ds-heading', 'data-size': 'xs', text: legend }));
  list.forEach((_, i) => {
    const remove = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm', text: 'Fjern', 'aria-label': `Fjern rad ${i + 1} i ${legend}` });
    remove.disabled = app.status !== 'draft';
    remove.addEventListener('click', () => { list.splice(i, 1); set(path, list); scheduleSave(); render(); });
    box.append(h('div', { class: 'portal-row' }, columns.map(([key, label, opts]) => text(`${path}.${i}.${key}`, `${label} (rad ${i + 1})`, opts || {})), remove));
  });
  const add = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm', text: 'Legg til rad' });
  add.disabled = app.status !== 'draft' || list.length >= max;
  add.addEventListener('click', () => { list.push({ ...emptyRow }); set(path, list); render(); });
  box.append(add, h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: `${idFor(path)}-error`, hidden: true }));
  return box;
}

function renderBudgetTotals() {
  const el = document.getElementById('budget-totals');
  if (!el || !app.budget) return;
  const b = app.budget;
  const applied = get('applied_amount');
  replaceChildren(el,
    h('p', { class: 'ds-paragraph', 'data-testid': 'budget-totals', text: `Kostnader ${formatKroner(b.costs)} − egenandel ${formatKroner(b.own_contribution)} − annen finansiering ${formatKroner(b.other_funding)} = underskudd ${formatKroner(b.deficit)}.` }),
    applied != null && applied !== b.deficit
      ? h('p', { class: 'ds-paragraph', 'data-color': 'warning', text: `Søknadsbeløpet (${formatKroner(applied)}) er ikke lik underskuddet (${formatKroner(b.deficit)}).` })
      : null);
}

/* ---- sections ---- */

/** What the call's scheme asks of the form (the API's call.form; defaults for the voluntary scheme). */
const formRules = () => app.call.form || { budget_rule: 'file_or_form', max_years: 3, county_only: '' };
const isPublic = () => app.call.scheme === 'public';

/** Members in all and in the municipality (operating support, and calls that ask where members live). */
const membersFields = () => [h('div', { class: 'portal-row' },
  text('members_total', 'Antall medlemmer i alt', { type: 'number', number: true, required: true }),
  text('members_local', `Medlemmer som bor i ${app.call.tenant.name}`, { type: 'number', number: true, required: true,
    description: formRules().local_members ? 'Hovedandelen av medlemmene må bo i kommunen.' : null }))];

/** Operating support's one section: the organisation's members and year, and the amount. */
function operatingContent() {
  const call = app.call;
  return [text('title', 'Navn på søknaden', { max: 200, required: true, description: 'For eksempel «Driftstilskudd 2026».' }), ...membersFields(),
    text('activities', 'Organisasjonens aktiviteter i året', { type: 'textarea', max: 4000, required: true }),
    text('applied_amount', 'Søknadsbeløp (kr)', { type: 'number', number: true, required: true, description: `Mellom ${formatKroner(call.min_amount)} og ${formatKroner(call.max_amount)}. Driftstilskudd har ikke prosjektbudsjett; legg ved siste årsregnskap.` }),
    yesNo('other_funding_declaration.has_other', 'Har dere søkt om eller fått driftsstøtte fra IMDi eller en annen kommune for samme år?'),
    text('other_funding_declaration.details', 'I så fall: fra hvem og hvor mye', { type: 'textarea', max: 1000 })];
}

function sectionContent(key) {
  const call = app.call;
  const rules = formRules();
  const goals = isPublic() ? Object.fromEntries(Object.entries(AREAS).map(([k, v]) => [k, rules.county_only.includes(k) ? `${v} (bare fylkeskommuner)` : v])) : GOALS;
  const offered = Object.fromEntries(Object.entries(goals).filter(([k]) => call.sub_goals.includes(k)));
  if (call.scheme === 'operating') return key === 'om' ? operatingContent() : key === 'vedlegg' ? attachmentsSection() : reviewSection();
  switch (key) {
  case 'om':
    return [text('title', 'Tittel', { max: 200, required: true }), text('summary', 'Kort sammendrag', { type: 'textarea', max: 2000, required: true }),
      text('goals', 'Mål for tiltaket', { type: 'textarea', max: 2000, required: true }),
      multi('sub_goals', isPublic() ? 'Satsingsområder (bare de utlysningen gjelder)' : 'Delmål (bare de utlysningen gjelder)', offered), multi('target_groups', 'Målgrupper', GROUPS),
      text('adaptation', 'Hvordan tiltaket er tilpasset målgruppens alder, kjønn og nasjonale bakgrunn', { type: 'textarea', max: 2000, required: true }),
      text('project_count', 'Antall prosjekter i søknaden', { type: 'number', number: true, description: call.one_project_per_application ? 'Denne utlysningen tillater ett prosjekt per søknad.' : null }),
      rules.national_reach ? check('national_reach', 'Organisasjonen er landsdekkende og har virksomhet i hele landet') : null];
  case 'resultater':
    return [rows('result_goals', 'Målbare resultatmål', [['text', 'Resultatmål', { max: 300 }], ['measure', 'Hvordan det måles', { max: 200 }]], { text: '', measure: '' }, 20),
      rows('milestones', 'Framdriftsplan (milepæler)', [['date', 'Dato', { type: 'date' }], ['text', 'Milepæl', { max: 300 }]], { date: '', text: '' }, 30),
      h('div', { class: 'portal-row' }, text('period.start_year', 'Startår', { type: 'number', number: true }),
        text('period.years', rules.max_years === 1 ? 'Varighet i år (utlysningen gjelder ett år)' : `Varighet i år (1–${rules.max_years})`, { type: 'number', number: true, description: rules.max_years === 1 ? 'Tilskuddet gis for ett år om gangen.' : 'Flerårige tiltak forutsetter bevilgning i senere år.' }))];
  case 'budsjett':
    return [rows('budget.costs', 'Kostnader', [['text', 'Kostnad', { max: 200 }], ['amount', 'Beløp (kr)', { type: 'number', number: true, onInput: renderBudgetTotals }]], { text: '', amount: null }, 50),
      text('budget.own_contribution', 'Egenandel (kr)', { type: 'number', number: true, required: rules.own_contribution, description: rules.own_contribution ? 'Søkeren må bidra med egenandel, og den skal stå i budsjettet.' : null }),
      rows('budget.other_funding', 'Annen finansiering', [['source', 'Fra', { max: 200 }], ['amount', 'Beløp (kr)', { type: 'number', number: true }]], { source: '', amount: null }, 20),
      text('applied_amount', 'Søknadsbeløp (kr)', { type: 'number', number: true, required: true, description: `Må være lik underskuddet, og mellom ${formatKroner(call.min_amount)} og ${formatKroner(call.max_amount)}.` }),
      h('div', { id: 'budget-totals', 'aria-live': 'polite' })];
  case 'gjennomforing':
    return [isPublic() ? null : text('volunteers', 'Hvordan frivillige deltar', { type: 'textarea', max: 2000, required: true }),
      rules.joint_applications ? rows('co_applicants', 'Kommuner og fylkeskommuner som søker sammen med dere (dere har prosjektansvaret og signerer)', [['name', 'Navn', { max: 200 }], ['orgnr', 'Organisasjonsnummer', { max: 9 }]], { name: '', orgnr: '' }, 20) : null,
      rows('partners', 'Samarbeidspartnere', [['name', 'Navn', { max: 200 }], ['kind', 'Type', { type: 'select', options: PARTNER_KINDS }]], { name: '', kind: 'organisation' }, 20),
      h('div', { class: 'portal-row' }, text('location.municipality', 'Kommune der tiltaket gjennomføres', { max: 100, required: true }), text('location.place', 'Sted', { max: 200, required: true })),
      text('expected_participants', 'Forventet antall deltakere', { type: 'number', number: true, required: true, description: rules.min_participants ? `Prosjektet må ha minst ${rules.min_participants} deltakere.` : null }),
      ...(rules.local_members ? membersFields() : []),
      yesNo('children_youth', 'Retter tiltaket seg mot barn og unge?'),
      check('reception_centre.applies', 'Tiltaket er for beboere i asylmottak'),
      check('reception_centre.management_agreement', 'Samarbeid med mottakets ledelse er avtalt'),
      text('reception_centre.contact_person', 'Kontaktperson på mottaket', { max: 200 }),
      check('reception_centre.residents_council', 'Samarbeid med beboerrådet er avtalt'),
      yesNo('other_funding_declaration.has_other', 'Har dere søkt om eller fått støtte til samme tiltak fra IMDi eller en annen kommune?'),
      text('other_funding_declaration.details', 'I så fall: fra hvem og hvor mye', { type: 'textarea', max: 1000 })];
  case 'vedlegg':
    return attachmentsSection();
  default:
    return reviewSection();
  }
}

function attachmentsSection() {
  const listEl = h('div', { id: 'attachments-list', 'aria-live': 'polite' });
  const kinds = app.call.scheme === 'operating' ? [['annual_accounts', 'Siste årsregnskap'], ['tax_certificate', 'Skatteattest'], ['other', 'Annet']]
    : [['budget', 'Budsjett'], ['tax_certificate', 'Skatteattest'], ['other', 'Annet']];
  const kind = h('select', { class: 'ds-input', id: 'field-attachment-kind' }, kinds.map(([v, l]) => h('option', { value: v, text: l })));
  const file = h('input', { class: 'ds-input', type: 'file', id: 'field-attachments', accept: '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods', 'data-testid': 'attachment-file' });
  const upload = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', text: 'Last opp', 'data-testid': 'attachment-upload' });
  const msg = h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: 'field-attachments-error', hidden: true });
  async function refresh() {
    const { items } = await getJson(`/api/v1/applications/${app.id}/attachments`);
    replaceChildren(listEl, items.length ? h('ul', { class: 'ds-list', 'data-testid': 'attachments' }, items.map((a) => {
      const del = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm', text: 'Slett', 'aria-label': `Slett ${a.filename}` });
      del.disabled = app.status !== 'draft';
      del.addEventListener('click', async () => { await apiSend('DELETE', `/api/v1/applications/${app.id}/attachments/${a.id}`); refresh(); });
      return h('li', {}, h('a', { class: 'ds-link', href: `/api/v1/applications/${app.id}/attachments/${a.id}`, text: a.filename }),
        ` (${{ budget: 'budsjett', tax_certificate: 'skatteattest', other: 'annet', annual_accounts: 'siste årsregnskap' }[a.kind]}, ${Math.ceil(a.size / 1024)} KiB) `, del);
    })) : h('p', { class: 'ds-paragraph', text: 'Ingen vedlegg ennå.' }));
  }
  upload.addEventListener('click', async () => {
    msg.hidden = true;
    const f = file.files[0];
    if (!f) { msg.textContent = 'Velg en fil først.'; msg.hidden = false; return; }
    if (f.size > 10 * 1024 * 1024) { msg.textContent = 'Filen er større enn 10 MiB.'; msg.hidden = false; return; }
    upload.disabled = true;
    try {
      await apiSend('POST', `/api/v1/applications/${app.id}/attachments?kind=${kind.value}&filename=${encodeURIComponent(f.name)}`, f);
      file.value = '';
      await refresh();
    } catch (err) {
      msg.textContent = describeError(err);
      msg.hidden = false;
    } finally {
      upload.disabled = false;
    }
  });
  refresh();
  const required = app.call.required_attachments ? app.call.required_attachments.split(',').filter(Boolean) : [];
  const budgetRule = formRules().budget_rule;
  const budgetText = required.includes('budget') || budgetRule === 'file' ? ' Utlysningen krever budsjett som vedlegg.'
    : budgetRule === 'file_or_form' ? ' Budsjettet kan fylles ut i skjemaet eller legges ved som fil.'
    : app.call.scheme === 'operating' ? ' Legg ved organisasjonens siste årsregnskap.' : '';
  return [h('p', { class: 'ds-paragraph', text: `Tillatte filtyper: PDF, PNG, JPEG, DOCX, XLSX, ODT og ODS. Høyst 10 MiB per fil og 25 MiB til sammen.${budgetText}${required.includes('tax_certificate') ? ' Organisasjoner med ansatte må legge ved skatteattest.' : ''}` }),
    listEl, app.status === 'draft' ? h('div', { class: 'portal-row' },
      h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: 'field-attachment-kind', text: 'Type vedlegg' }), kind),
      h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: 'field-attachments', text: 'Fil' }), file, msg), upload) : null];
}

function reviewSection() {
  const summary = errorSummary();
  const out = [summary];
  const org = user.organisations.find((o) => o.id === app.organisation_id);
  const canSign = org && org.roles.includes('signer');
  if (app.status !== 'draft') {
    out.push(h('p', { class: 'ds-paragraph', text: `Søknaden er ${app.status === 'submitted' ? 'sendt inn' : 'trukket'}.` }),
      h('a', { class: 'ds-link', href: `/kvittering.html?id=${app.id}`, text: 'Se kvitteringen og det som ble signert' }));
    return out;
  }
  const list = h('div', { 'data-testid': 'problems' });
  out.push(list);
  getJson(`/api/v1/applications/${app.id}/problems`).then((p) => {
    problems = p.problems;
    renderSteps();
    if (p.problems.length) showProblems(summary, p.problems);
    else replaceChildren(list, h('p', { class: 'ds-paragraph', text: 'Alt er fylt ut. Søknaden kan signeres og sendes.' }));
  });
  const sign = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', 'data-testid': 'sign-submit', text: 'Signer og send inn' });
  if (!canSign) {
    sign.disabled = true;
    out.push(h('p', { class: 'ds-paragraph', text: 'Bare en signaturberettiget (styreleder, daglig leder eller en med delegert myndighet) kan signere og sende inn.' }));
  }
  const key = `send-${app.id}-${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
  sign.addEventListener('click', async () => {
    sign.disabled = true;
    clearTimeout(saveTimer);
    await save();
    try {
      const r = await apiSend('POST', `/api/v1/applications/${app.id}/submit`, {}, { 'Idempotency-Key': key });
      window.location.assign(`/kvittering.html?id=${app.id}&ny=1&ref=${encodeURIComponent(r.body.reference)}`);
    } catch (err) {
      sign.disabled = false;
      if (err instanceof ApiError && err.status === 422) {
        problems = err.problem.errors;
        renderSteps();
        showProblems(summary, problems);
      } else {
        showMessage('danger', 'Søknaden ble ikke sendt', describeError(err));
      }
    }
  });
  out.push(h('p', { class: 'ds-paragraph', text: 'Når du signerer, bekrefter du at opplysningene er riktige. Innholdet låses, og du får en kvittering med referansenummer.' }),
    h('div', { class: 'portal-actions' }, sign));
  return out;
}

const LABELS = {
  title: 'Tittel', summary: 'Sammendrag', goals: 'Mål', adaptation: 'Tilpasning', volunteers: 'Frivillige', sub_goals: 'Delmål',
  target_groups: 'Målgrupper', project_count: 'Antall prosjekter', result_goals: 'Resultatmål', milestones: 'Framdriftsplan',
  period: 'Periode', budget: 'Budsjett', applied_amount: 'Søknadsbeløp', partners: 'Samarbeidspartnere', location: 'Sted',
  reception_centre: 'Asylmottak', children_youth: 'Barn og unge', expected_participants: 'Deltakere',
  other_funding_declaration: 'Annen støtte', attachments: 'Vedlegg', organisation: 'Organisasjonen', call: 'Utlysningen',
  members_total: 'Medlemmer', members_local: 'Medlemmer i kommunen', activities: 'Årets aktiviteter', national_reach: 'Landsdekkende',
  co_applicants: 'Søker sammen med',
};
const labelOf = (path) => LABELS[path.split(/[.[]/)[0]] || path;

/** The error summary of the review step: every problem, each a link that opens its section and field. */
function showProblems(summary, list) {
  replaceChildren(summary,
    h('h2', { class: 'ds-heading', 'data-size': 'xs', id: 'error-summary-heading', text: 'Dette må rettes før søknaden kan sendes' }),
    h('ul', { class: 'ds-list' }, list.map((e) => {
      const id = fieldId(e.field);
      const a = h('a', { class: 'ds-link', href: `#${id}`, text: `${labelOf(e.field)}: ${e.detail}` });
      a.addEventListener('click', (ev) => { ev.preventDefault(); goToField(id); });
      return h('li', {}, a);
    })));
  summary.hidden = false;
  summary.focus();
}

/** Opens the section that holds a field and focuses it. */
function goToField(id) {
  const target = SECTIONS.find(([, , keys]) => keys.some((k) => id === fieldId(k) || id.startsWith(fieldId(k) + '-')));
  if (target && target[0] !== section) {
    section = target[0];
    render();
    showErrors(byId('app'), null, problems);
  }
  let el = document.getElementById(id);
  for (let cut = id; !el && cut.includes('-', 6); cut = cut.slice(0, cut.lastIndexOf('-'))) el = document.getElementById(cut.slice(0, cut.lastIndexOf('-')));
  if (el) { el.focus(); el.scrollIntoView({ block: 'center' }); }
}

function renderSteps() {
  const bad = new Set(problems.map((p) => SECTIONS.find(([, , keys]) => keys.some((k) => p.field === k || p.field.startsWith(k + '.') || p.field.startsWith(k + '[')))?.[0]));
  replaceChildren(byId('steps'), SECTIONS.map(([key, label], i) => {
    const a = h('a', { class: 'ds-link', href: `#${key}`, 'aria-current': key === section ? 'step' : null, 'data-testid': `step-${key}`,
      text: `${i + 1}. ${label}${bad.has(key) ? ' (må rettes)' : ''}` });
    a.addEventListener('click', (ev) => { ev.preventDefault(); section = key; render(); });
    return h('li', {}, a);
  }));
}

function render() {
  renderSteps();
  const [key, label] = SECTIONS.find(([k]) => k === section);
  const next = SECTIONS[SECTIONS.findIndex(([k]) => k === key) + 1];
  const nextBtn = next ? h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-testid': 'next-step', text: `Neste: ${next[1]}` }) : null;
  if (nextBtn) nextBtn.addEventListener('click', () => { section = next[0]; render(); byId('title').scrollIntoView(); });
  replaceChildren(byId('app'), h('form', { class: 'portal-form portal-form--wide', novalidate: true, id: 'application-form', 'aria-labelledby': 'section-heading' },
    h('h2', { class: 'ds-heading', 'data-size': 'lg', id: 'section-heading', tabindex: '-1', text: label }), sectionContent(key),
    h('div', { class: 'portal-actions' }, nextBtn)));
  byId('app').removeAttribute('aria-busy');
  renderBudgetTotals();
}

startPage(async () => {
  user = await userOrLogin();
  if (!user) return;
  const id = idParam();
  if (!id) { showMessage('danger', 'Fant ikke søknaden', 'Adressen mangler søknadens nummer.'); return; }
  let r;
  try {
    r = await getWithHeaders(`/api/v1/applications/${id}`);
  } catch (err) {
    showMessage('danger', err.status === 404 ? 'Fant ikke søknaden' : 'Kunne ikke hente søknaden', describeError(err));
    return;
  }
  app = r.body;
  SECTIONS = app.call.scheme === 'operating' ? OPERATING_SECTIONS : PROJECT_SECTIONS;
  draft = app.data || {};
  etag = r.headers.get('ETag');
  byId('title').textContent = draft.title ? `Søknad: ${draft.title}` : 'Ny søknad';
  byId('call-info').textContent = `${app.call.title} · ${app.call.tenant.name} · frist ${formatDateTime(app.call.deadline)}` +
    (app.reference ? ` · referanse ${app.reference}` : '');
  if (app.status !== 'draft') section = 'send';
  if (window.location.hash && SECTIONS.some(([k]) => `#${k}` === window.location.hash)) section = window.location.hash.slice(1);
  render();
  status(app.status === 'draft' ? `Sist lagret ${formatDateTime(app.updated_at)}` : '');
  window.addEventListener('beforeunload', (e) => { if (saveTimer && byId('autosave').textContent.startsWith('Endringer')) e.preventDefault(); });
});
