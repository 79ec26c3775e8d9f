// sak.js: one case of the tenant for its staff: the summary and what happens next, possible
// duplicates (the same organisation elsewhere the same year), assignment and impartiality (forvaltningsloven § 6), the application exactly
// as signed, and a section per step: review, assessment, recommendation, decision, letter,
// payments, appeals, report, change requests, closing and reclaim, internal comments and the case
// log. A form is shown only when the state machine allows the step now (`actions`) and the user's
// role may take it; every change is sent, the case fetched again and the page drawn anew. The API's
// problem+json answers are shown in the form: field errors beside the fields, anything else (a
// 409 over the budget frame, a 403 for the four-eyes rule) in the form's error summary.

import { getJson, apiSend, describeError, ApiError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, showMessage, param, idParam } from './lib/page.js';
import { userOrLogin, activeTenant } from './lib/session.js';
import { formatDateTime, formatDate, formatKroner } from './lib/format.js';
import {
  caseStatusLabel, caseStatusTag, caseEventLabel, renderLetter, renderSigned, printLetter, facts,
  SUB_GOALS, APPEAL_STATUS, APPEAL_BODY, REPORT_REVIEW, CR_KIND, CR_STATUS, LETTER_KIND,
} from './lib/casework.js';

const kr = (n) => (n === null || n === undefined ? '–' : formatKroner(Number(n)));
const para = (text, cls = '') => h('p', { class: `ds-paragraph ${cls}`.trim(), text });
const muted = (text) => para(text, 'portal-muted');
const tag = (text, color) => h('span', { class: 'ds-tag', 'data-color': color, text });
const table = (testid, caption, head, rows) => h('div', { class: 'portal-table-wrap' },
  h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': testid },
    h('caption', { class: 'portal-visually-hidden', text: caption }),
    h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col', class: /beløp|budsjett|regnskap|avvik/i.test(t) ? 'portal-num' : null, text: t })))),
    h('tbody', {}, rows)));

/* ---- form building blocks with room for the API's field errors -------------------------------- */

function fieldBox(id, label, control, description) {
  const parts = [h('label', { class: 'ds-label', for: id, text: label })];
  const describedBy = [];
  if (description) {
    parts.push(h('p', { class: 'ds-paragraph', 'data-size': 'sm', 'data-field': 'description', id: `${id}-desc`, text: description }));
    describedBy.push(`${id}-desc`);
  }
  parts.push(control, h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: `${id}-error`, hidden: true }));
  describedBy.push(`${id}-error`);
  control.setAttribute('aria-describedby', describedBy.join(' '));
  return h('div', { class: 'ds-field' }, ...parts);
}
function textInput(id, label, value, description) {
  const el = h('input', { class: 'ds-input', id, type: 'text' });
  el.value = value ?? '';
  return fieldBox(id, label, el, description);
}
function amountInput(id, label, value, description) {
  const el = h('input', { class: 'ds-input portal-amount', id, type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  el.value = value === null || value === undefined ? '' : String(value);
  return fieldBox(id, label, el, description);
}
function textArea(id, label, description, rows = 3) {
  return fieldBox(id, label, h('textarea', { class: 'ds-input', id, rows: String(rows) }), description);
}
function selectBox(id, label, options, value, description) {
  return fieldBox(id, label, h('select', { class: 'ds-input', id },
    options.map(([v, t]) => h('option', { value: v, selected: String(value ?? '') === String(v), text: t }))), description);
}
function checkBox(id, label, checked) {
  const input = h('input', { class: 'ds-input', type: 'checkbox', id });
  input.checked = Boolean(checked);
  return h('div', { class: 'ds-field' }, input, h('label', { class: 'ds-label', for: id, text: label }),
    h('p', { class: 'ds-validation-message', 'data-field': 'validation', id: `${id}-error`, hidden: true }));
}
function button(label, testid, variant = 'primary', type = 'button') {
  return h('button', { type, class: 'ds-button', 'data-variant': variant, 'data-testid': testid, text: label });
}
const value = (id) => (document.getElementById(id) ? document.getElementById(id).value.trim() : '');
/** "60 000", "60000" or "60 000 kr" -> 60000; '' -> null; anything else -> NaN */
function amountOf(id) {
  const s = value(id).replace(/[\s\u00a0.]/g, '').replace(/(kr|,-)$/i, '');
  if (s === '') return null;
  return /^\d{1,12}$/.test(s) ? Number(s) : NaN;
}

class LocalErrors extends Error {
  constructor(errors) {
    super('local');
    this.errors = errors;
  }
}
/** Throws the client-side errors [{field, detail}] of a form before anything is sent. */
function check(errors) {
  const list = errors.filter(Boolean);
  if (list.length) throw new LocalErrors(list);
}
const needAmount = (id, field = 'amount', required = true) => {
  const n = amountOf(id);
  if (n === null) return required ? { field, detail: 'Skriv et beløp i hele kroner.' } : null;
  return Number.isNaN(n) ? { field, detail: 'Skriv beløpet i hele kroner, bare med sifre (for eksempel 60000).' } : null;
};

let summarySeq = 0;
function errorBox() {
  const id = `form-error-${++summarySeq}`;
  return h('div', { class: 'ds-error-summary', tabindex: '-1', role: 'alert', 'aria-labelledby': `${id}-heading`, hidden: true, 'data-testid': 'form-error', id });
}
function clearErrors(form, summary) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.ds-validation-message')) {
    el.hidden = true;
    el.textContent = '';
  }
  replaceChildren(summary);
  summary.hidden = true;
}
/** Shows an error in a form: field errors beside their inputs (map: API field -> input id) and in the summary. */
function showFormError(form, summary, err, map) {
  clearErrors(form, summary);
  const local = err instanceof LocalErrors;
  const problem = err instanceof ApiError ? err.problem : null;
  const errors = local ? err.errors : problem && Array.isArray(problem.errors) ? problem.errors : [];
  const idFor = (field) => (typeof map === 'function' ? map(field) : map[field] || map[String(field).split(/[.[]/)[0]]);
  const items = errors.map((e) => {
    const id = idFor(e.field);
    const input = id ? form.querySelector(`#${CSS.escape(id)}`) : null;
    if (!input) return h('li', { text: e.detail });
    input.setAttribute('aria-invalid', 'true');
    const msg = document.getElementById(`${id}-error`);
    if (msg) {
      msg.textContent = e.detail;
      msg.hidden = false;
    }
    const label = form.querySelector(`label[for="${CSS.escape(id)}"]`);
    return h('li', {}, h('a', { class: 'ds-link', href: `#${id}`, text: `${label ? label.textContent : e.field}: ${e.detail}` }));
  });
  const heading = local ? 'Dette må rettes' : (problem && problem.title) || 'Det gikk ikke';
  replaceChildren(summary, h('h3', { class: 'ds-heading', 'data-size': 'xs', id: `${summary.id}-heading`, text: heading }),
    items.length ? h('ul', { class: 'ds-list' }, items) : para(describeError(err)));
  summary.hidden = false;
  summary.focus();
}

/** A log entry's detail in Norwegian: states as labels, amounts in kroner, user numbers as names. */
function logDetail(e, names) {
  let d = e.detail || '';
  if (!d) return '';
  if (e.event === 'change_requested') return CR_KIND[d] || d;
  d = d.replace(/^to user (\d+)$/, (_, n) => `til ${names.get(Number(n)) || `bruker ${n}`}`);
  d = d.replace(/^([a-z_]+)(?=,)/, (m) => caseStatusLabel(m));
  d = d.replace(/\b(\d+) kr\b/g, (_, n) => formatKroner(Number(n)));
  d = d.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (m) => formatDate(m) || m);
  return d;
}

/* ---- what happens next, in a sentence ----------------------------------------------------------- */

function nextStep(c) {
  const granted = c.granted_amount > 0;
  switch (c.status) {
    case 'submitted': return 'Søknaden er mottatt. Saksbehandleren erklærer habilitet og starter behandlingen.';
    case 'in_review': return 'Saksbehandleren vurderer søknaden og lager en innstilling.';
    case 'recommended': return 'Innstillingen venter på vedtak fra en beslutter (ikke den som innstilte).';
    case 'granted': case 'partly_granted': case 'rejected': return 'Vedtaket er fattet. Send brevet til søkeren.';
    case 'letter_sent': return granted
      ? `Brevet er sendt. Søkeren må akseptere vilkårene før tilskuddet utbetales.${c.appeal_deadline ? ` Klagefrist ${formatDateTime(c.appeal_deadline)}.` : ''}`
      : `Avslaget er sendt.${c.appeal_deadline ? ` Klagefrist ${formatDateTime(c.appeal_deadline)}.` : ''} Saken kan avsluttes når klagefristen er ute.`;
    case 'accepted': case 'partly_paid': return 'Søkeren har akseptert vilkårene. Marker terminene som utbetalt når pengene er sendt.';
    case 'paid': case 'report_due': return `Tilskuddet er utbetalt. Rapport og regnskap ventes${c.report_due ? ` innen ${formatDate(c.report_due)}` : ''}.`;
    case 'report_received': return 'Rapporten er mottatt. Gå gjennom den, og godkjenn eller be om endringer.';
    case 'changes_asked': return 'Søkeren er bedt om å endre rapporten.';
    case 'report_approved': return 'Rapporten er godkjent. Saken kan avsluttes.';
    case 'declined': return 'Søkeren har takket nei til tilskuddet. Saken kan avsluttes.';
    case 'appealed': return 'Søkeren har klaget. En beslutter behandler klagen som førsteinstans.';
    case 'appeal_forwarded': return 'Klagen er sendt til klageinstansen for endelig avgjørelse.';
    case 'reclaim': return 'Tilskuddet kreves tilbake. Saken kan avsluttes når kravet er gjort opp.';
    case 'closed': return 'Saken er avsluttet.';
    case 'withdrawn': return 'Søkeren har trukket søknaden.';
    default: return '';
  }
}

startPage(async () => {
  const user = await userOrLogin();
  if (!user) return;
  const slug = param('tenant') || activeTenant(user)?.slug;
  const id = idParam('id');
  const root = byId('case');
  const tenant = user.tenants.find((t) => t.slug === slug);
  if (slug) byId('back').href = `/saker.html?tenant=${encodeURIComponent(slug)}`;
  if (!tenant || !id) {
    root.removeAttribute('aria-busy');
    replaceChildren(root);
    showMessage('warning', 'Fant ikke saken', !id ? 'Lenken mangler saksnummeret.' : 'Du er ikke ansatt hos denne forvalteren og kan ikke se saken.');
    return;
  }
  const api = `/api/v1/tenants/${encodeURIComponent(slug)}`;
  const base = `${api}/applications/${id}`;
  const roles = tenant.roles || [];
  const isCw = roles.includes('caseworker');
  const isDm = roles.includes('decision_maker');
  const handler = isCw || isDm;
  // the staff list is the tenant admin's; others assign to themselves or keep the current assignee
  const staff = roles.includes('tenant_admin') ? await getJson(`${api}/staff`).then((r) => r.items).catch(() => []) : [];

  /**
   * A form for one step. fields: nodes; map: API field -> input id (or a function); buttons:
   * [{label, testid, variant, run: async () => body sent}] (the first is the submit button);
   * done: the success message. Returns the <form>.
   */
  function actionForm(name, { fields = [], map = {}, buttons, done, intro }) {
    const summary = errorBox();
    const btns = buttons.map((b, i) => button(b.label, b.testid, b.variant || (i === 0 ? 'primary' : 'secondary'), i === 0 ? 'submit' : 'button'));
    const form = h('form', { class: 'portal-action portal-noprint', 'data-action': name, novalidate: true }, summary,
      intro ? para(intro) : null, ...fields, h('div', { class: 'portal-actions' }, ...btns));
    const run = async (b, el) => {
      clearErrors(form, summary);
      for (const x of btns) x.disabled = true;
      el.setAttribute('aria-busy', 'true');
      try {
        await b.run();
      } catch (err) {
        for (const x of btns) x.disabled = false;
        el.removeAttribute('aria-busy');
        showFormError(form, summary, err, map);
        return;
      }
      await refresh(typeof done === 'function' ? done() : b.done || done, form.closest('section')?.id);
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      run(buttons[0], btns[0]);
    });
    buttons.slice(1).forEach((b, i) => btns[i + 1].addEventListener('click', () => run(b, btns[i + 1])));
    return form;
  }
  const post = (path, body) => apiSend('POST', `${base}/${path}`, body ?? {});

  function section(sid, title, ...body) {
    return h('section', { class: 'portal-case-section portal-case-block', id: `sec-${sid}`, 'aria-labelledby': `sec-${sid}-h` },
      h('h2', { class: 'ds-heading', 'data-size': 'sm', id: `sec-${sid}-h`, tabindex: '-1', text: title }), ...body);
  }

  async function refresh(flash, sectionId) {
    try {
      await render();
    } catch (err) {
      showMessage('danger', 'Kunne ikke hente saken på nytt', describeError(err));
      return;
    }
    if (!flash) return;
    const target = sectionId && document.getElementById(sectionId);
    if (target) {
      const note = h('div', { class: 'ds-alert', 'data-color': 'success', role: 'status', 'data-testid': 'action-done' }, para(flash));
      target.querySelector('h2').after(note);
      target.scrollIntoView({ block: 'nearest' });
    } else {
      showMessage('success', flash, '');
    }
  }

  async function render() {
    const c = await getJson(base);
    const can = (a) => (c.actions || []).includes(a);
    const mine = c.my_impartiality;
    const declared = mine === true;
    const recused = mine === false;
    const rec = c.recommendation;
    document.title = `${c.reference || 'Sak'}: ${c.title || ''} – Tilskuddsportalen`;
    const undeclaredNote = (what) => h('div', { class: 'ds-alert', 'data-color': 'info' },
      para(`Erklær habilitet (under «Habilitet») før du ${what}.`));

    /* -- aside: facts, assignment, impartiality -- */
    const subGoals = String(c.sub_goals || '').split(',').filter(Boolean);
    const summary = section('summary', 'Saksopplysninger',
      facts([['Referanse', c.reference], ['Tittel', c.title],
        ['Organisasjon', c.organisation], ['Org.nr.', c.orgnr], ['Utlysning', `${c.call_title}${c.year ? ` (${c.year})` : ''}`],
        ['Omsøkt beløp', kr(c.applied_amount)],
        ['Delmål', subGoals.length ? h('ul', { class: 'portal-tags' }, subGoals.map((g) => h('li', {}, h('span', { class: 'ds-tag', 'data-color': 'accent', title: SUB_GOALS[g] || '', text: `Delmål ${g}` })))) : null],
        ['Mottatt', formatDateTime(c.submitted_at)],
        ['Status', caseStatusTag(c.status, { 'data-testid': 'case-status' })],
        ['Saksbehandler', c.assignee || 'Ikke tildelt'],
        ['Innvilget beløp', c.granted_amount != null && c.granted_amount >= 0 && c.decision ? kr(c.granted_amount) : null],
        ['Klagefrist', c.appeal_deadline ? formatDateTime(c.appeal_deadline) : null],
        ['Rapportfrist', c.report_due ? formatDate(c.report_due) : null],
        ['Revidert regnskap', c.audit_required ? 'Kreves' : null],
        ['Krav om tilbakebetaling', c.reclaim_amount ? kr(c.reclaim_amount) : null]]));

    const assignParts = [para(c.assignee ? `Tildelt ${c.assignee}.` : 'Saken er ikke tildelt noen.')];
    const options = [];
    for (const s of staff) if (s.role === 'caseworker' && !options.some(([v]) => v === String(s.user_id))) options.push([String(s.user_id), s.name]);
    if (!staff.length && isCw) options.push([String(user.id), `Meg (${user.name})`]);
    if (c.assignee_id && !options.some(([v]) => v === String(c.assignee_id))) options.push([String(c.assignee_id), c.assignee]);
    const assignable = options.filter(([v]) => v !== String(c.assignee_id));
    if (assignable.length && !['closed', 'withdrawn'].includes(c.status)) {
      assignParts.push(actionForm('assign', {
        fields: [selectBox('assign-user', 'Saksbehandler', options, assignable.some(([v]) => v === String(user.id)) ? user.id : assignable[0][0])],
        map: { user_id: 'assign-user' },
        buttons: [{ label: 'Tildel', testid: 'assign', run: () => post('assign', { user_id: Number(value('assign-user')) }) }],
        done: 'Saken er tildelt.',
      }));
    }
    const assign = section('assign', 'Tildeling', ...assignParts);

    const decl = c.impartiality || [];
    const impParts = [muted('Den som er inhabil, kan ikke forberede eller avgjøre saken (forvaltningsloven § 6).')];
    if (decl.length) {
      impParts.push(h('ul', { class: 'ds-list', 'data-testid': 'impartiality-list' }, decl.map((i) => h('li', {},
        h('strong', { text: i.user }), `: ${i.impartial ? 'ikke inhabil' : 'inhabil'}`, i.reason ? ` – ${i.reason}` : '',
        h('span', { class: 'portal-muted', text: ` (${formatDateTime(i.declared_at)})` })))));
    } else {
      impParts.push(muted('Ingen har erklært habilitet ennå.'));
    }
    if (mine === null || mine === undefined) {
      impParts.push(actionForm('impartial', {
        intro: 'Ta stilling til din habilitet før du behandler saken.',
        buttons: [{ label: 'Jeg er ikke inhabil', testid: 'declare-impartial', run: () => post('impartiality', { impartial: true }) }],
        done: 'Du har erklært at du ikke er inhabil.',
      }), actionForm('recuse', {
        fields: [textArea('recuse-reason', 'Grunn til inhabilitet', 'Fylles ut bare hvis du er inhabil, for eksempel fordi du er styremedlem i organisasjonen.', 2)],
        map: { reason: 'recuse-reason' },
        buttons: [{ label: 'Jeg er inhabil', testid: 'declare-recused', variant: 'secondary', run: () => {
          check([!value('recuse-reason') && { field: 'reason', detail: 'Skriv hvorfor du er inhabil.' }]);
          return post('impartiality', { impartial: false, reason: value('recuse-reason') });
        } }],
        done: 'Du har meldt deg inhabil i saken.',
      }));
    } else if (recused) {
      impParts.push(h('div', { class: 'ds-alert', 'data-color': 'warning', 'data-testid': 'recused' },
        para('Du har meldt deg inhabil. Du kan lese saken og skrive interne kommentarer, men ikke behandle den.')));
    } else {
      impParts.push(tag('Du har erklært at du ikke er inhabil', 'success'));
    }
    const impartiality = section('impartiality', 'Habilitet', ...impParts);

    /* -- main column -- */
    const main = [];
    const next = nextStep(c);
    if (next) main.push(h('div', { class: 'ds-alert', 'data-color': 'info', 'data-testid': 'next-step' }, h('h2', { class: 'ds-heading', 'data-size': 'xs', text: 'Neste steg' }), para(next)));
    if (c.possible_duplicates && c.possible_duplicates.length) {
      main.push(h('div', { class: 'ds-alert', 'data-color': 'warning', 'data-testid': 'duplicates' },
        h('h2', { class: 'ds-heading', 'data-size': 'xs', text: 'Mulig dobbeltfinansiering' }),
        para('Samme organisasjon har søkt om tilskudd samme år andre steder, eller med lignende tittel her. Et tiltak kan ikke få tilskudd både fra IMDi og en kommune. Vurder om det gjelder samme aktivitet.'),
        h('ul', { class: 'ds-list' }, c.possible_duplicates.map((d) => h('li', {}, h('strong', { text: d.tenant }), `: «${d.title}» – ${caseStatusLabel(d.status)}`)))));
    }

    if (can('start_review')) {
      main.push(section('review', 'Start behandling',
        !isCw ? muted('En saksbehandler starter behandlingen.')
          : !declared ? (recused ? muted('Du er inhabil og kan ikke behandle saken.') : undeclaredNote('starter behandlingen'))
            : actionForm('review', {
              intro: 'Når behandlingen er startet, kan du vurdere søknaden og lage en innstilling.',
              buttons: [{ label: 'Start behandling', testid: 'action-review', run: () => post('review', {}) }],
              done: 'Behandlingen er startet.',
            })));
    }

    const signedOpen = ['submitted', 'in_review', 'recommended'].includes(c.status);
    main.push(section('application', 'Søknaden slik den ble signert',
      h('details', { class: 'ds-details', open: signedOpen }, h('summary', { text: signedOpen ? 'Søknaden' : 'Vis søknaden' }), h('div', {}, renderSigned(c.signed)))));

    // assessment
    const a = c.assessment;
    const criteria = c.criteria || [];
    const canAssess = isCw && declared && c.status === 'in_review';
    if (a || canAssess || c.status === 'in_review') {
      const parts = [];
      const scoreOf = (name) => (a && Array.isArray(a.scores) ? a.scores.find((s) => s.criterion === name) : undefined);
      const el = (a && a.eligibility) || {};
      const ELIG = [['volunteer_register', 'Registrert i Frivillighetsregisteret'], ['location', 'Tiltaket skjer i forvalterens område'],
        ['not_excluded', 'Ikke investeringer, innkjøp, ordinær drift, konferanser for offentlig ansatte eller tiltak bare i utlandet']];
      if (a) {
        const given = (a.scores || []).filter((s) => Number.isInteger(s.score));
        parts.push(muted(`Lagret av ${a.assessed_by || 'ukjent'} ${formatDateTime(a.assessed_at)}.`),
          table('assessment', 'Vurdering per kriterium', ['Kriterium', 'Poeng (0–5)'], (a.scores || []).map((s) => h('tr', {},
            h('td', { text: s.criterion }), h('td', { text: s.score === null ? 'Ikke relevant' : String(s.score) })))),
          given.length ? para(`Sum ${given.reduce((x, s) => x + s.score, 0)} av ${given.length * 5} mulige poeng.`) : null,
          h('ul', { class: 'ds-list' }, ELIG.map(([k, label]) => h('li', { text: `${label}: ${el[k] === true ? 'ja' : el[k] === false ? 'nei' : '–'}` }))));
      }
      if (canAssess) {
        parts.push(actionForm('assessment', {
          fields: [
            ...criteria.map((name, i) => {
              const cur = scoreOf(name);
              return selectBox(`score-${i}`, name, [['', '–'], ['na', 'Ikke relevant'], ...[0, 1, 2, 3, 4, 5].map((n) => [String(n), String(n)])],
                cur ? (cur.score === null ? 'na' : String(cur.score)) : '');
            }),
            h('fieldset', { class: 'ds-fieldset' }, h('legend', { class: 'ds-label', text: 'Vilkår for å få tilskudd' }),
              ELIG.map(([k, label]) => checkBox(`elig-${k}`, label, el[k]))),
          ],
          map: (field) => {
            const m = /^scores\[(\d+)\]/.exec(field);
            if (m) return `score-${m[1]}`;
            const e = /^eligibility\.(\w+)/.exec(field);
            return e ? `elig-${e[1]}` : null;
          },
          buttons: [{ label: 'Lagre vurdering', testid: 'save-assessment', run: () => {
            const scores = [];
            criteria.forEach((name, i) => {
              const v = value(`score-${i}`);
              if (v !== '') scores.push({ criterion: name, score: v === 'na' ? null : Number(v) });
            });
            const eligibility = {};
            for (const [k] of ELIG) eligibility[k] = document.getElementById(`elig-${k}`).checked;
            return apiSend('PUT', `${base}/assessment`, { scores, eligibility });
          } }],
          done: 'Vurderingen er lagret.',
          intro: 'Gi 0 til 5 poeng per kriterium, eller «Ikke relevant». Kryss av for vilkårene søknaden oppfyller.',
        }));
      } else if (c.status === 'in_review' && isCw && !declared && !recused) {
        parts.push(undeclaredNote('vurderer søknaden'));
      } else if (!a) {
        parts.push(muted('Søknaden er ikke vurdert ennå.'));
      }
      main.push(section('assessment', 'Vurdering', ...parts));
    }

    // recommendation
    if (rec || can('recommend')) {
      const parts = [rec ? facts([['Innstilt av', rec.by], ['Beløp', rec.amount > 0 ? kr(rec.amount) : 'Avslag (0 kr)'], ['Begrunnelse', rec.reasons]]) : null];
      if (can('recommend')) {
        if (!isCw) parts.push(muted('En saksbehandler lager innstillingen.'));
        else if (recused) parts.push(muted('Du er inhabil og kan ikke innstille.'));
        else if (!declared) parts.push(undeclaredNote('innstiller'));
        else {
          parts.push(actionForm('recommend', {
            fields: [amountInput('recommend-amount', 'Innstilt beløp (kr)', c.applied_amount, `Høyst søknadsbeløpet, ${kr(c.applied_amount)}. 0 kr betyr innstilling om avslag.`),
              textArea('recommend-reasons', 'Begrunnelse', 'Begrunnelsen følger saken til beslutteren.', 4)],
            map: { amount: 'recommend-amount', reasons: 'recommend-reasons' },
            buttons: [{ label: 'Send innstilling', testid: 'recommend', run: () => {
              check([needAmount('recommend-amount'), !value('recommend-reasons') && { field: 'reasons', detail: 'Skriv en begrunnelse.' }]);
              return post('recommend', { amount: amountOf('recommend-amount'), reasons: value('recommend-reasons') });
            } }],
            done: 'Innstillingen er sendt til beslutter.',
          }));
        }
      }
      main.push(section('recommendation', 'Innstilling', ...parts));
    }

    // decision
    const dec = c.decision;
    const canDecide = can('grant') || can('grant_partly') || can('reject');
    if (dec || canDecide) {
      const parts = [dec ? facts([['Avgjort av', dec.by], ['Vedtak', dec.amount == null || dec.amount === 0 ? 'Avslag' : dec.amount === c.applied_amount ? 'Innvilget' : 'Delvis innvilget'],
        ['Beløp', dec.amount ? kr(dec.amount) : null], ['Begrunnelse', dec.reasons], ['Dato', formatDateTime(dec.decided_at)]]) : null];
      if (canDecide) {
        if (!isDm) parts.push(muted('En beslutter fatter vedtaket.'));
        else if (recused) parts.push(muted('Du er inhabil og kan ikke fatte vedtak.'));
        else if (!declared) parts.push(undeclaredNote('fatter vedtak'));
        else if (rec && rec.by_id === user.id) parts.push(h('div', { class: 'ds-alert', 'data-color': 'warning' }, para('Du innstilte i saken og kan ikke også fatte vedtaket (fire øyne).')));
        else {
          const suggested = !rec ? 'grant' : rec.amount === 0 ? 'reject' : rec.amount === c.applied_amount ? 'grant' : 'grant_partly';
          const frame = h('p', { class: 'ds-paragraph portal-muted', 'data-testid': 'decide-frame' });
          const form = actionForm('decide', {
            fields: [selectBox('decide-outcome', 'Vedtak', [['grant', 'Innvilge'], ['grant_partly', 'Innvilge delvis'], ['reject', 'Avslå']], suggested),
              amountInput('decide-amount', 'Innvilget beløp (kr)', rec ? rec.amount || '' : c.applied_amount, `Søknadsbeløp ${kr(c.applied_amount)}. Ved full innvilgelse er beløpet lik søknadsbeløpet.`),
              frame,
              textArea('decide-reasons', 'Begrunnelse', 'Påkrevd ved avslag og delvis innvilgelse. Begrunnelsen står i brevet til søkeren.', 4)],
            map: { amount: 'decide-amount', reasons: 'decide-reasons', outcome: 'decide-outcome' },
            buttons: [{ label: 'Fatt vedtak', testid: 'decide', run: () => {
              const outcome = value('decide-outcome');
              const body = { outcome };
              if (outcome !== 'reject') {
                check([needAmount('decide-amount')]);
                body.amount = amountOf('decide-amount');
              }
              check([outcome !== 'grant' && !value('decide-reasons') && { field: 'reasons', detail: 'Et avslag eller delvis tilskudd må begrunnes.' }]);
              if (value('decide-reasons')) body.reasons = value('decide-reasons');
              return post('decide', body);
            } }],
            done: () => 'Vedtaket er fattet. Send brevet til søkeren.',
          });
          const outcomeEl = form.querySelector('#decide-outcome');
          const amountBox = form.querySelector('#decide-amount').closest('.ds-field');
          const sync = () => {
            amountBox.hidden = outcomeEl.value === 'reject';
            if (outcomeEl.value === 'grant') form.querySelector('#decide-amount').value = String(c.applied_amount);
          };
          outcomeEl.addEventListener('change', sync);
          amountBox.hidden = outcomeEl.value === 'reject';
          parts.push(rec ? para(`Innstillingen er ${rec.amount > 0 ? kr(rec.amount) : 'avslag'}.`) : null, form);
          getJson(`${api}/calls/${c.call_id}/budget`).then((b) => {
            if (b.frame == null) return;
            frame.textContent = `Utlysningens ramme: ${kr(b.frame)}, bundet ${kr(b.committed)}, igjen ${kr(b.remaining)}.` +
              (Array.isArray(b.earmarks) && b.earmarks.length ? ` Øremerket: ${b.earmarks.map((e) => `delmål ${e.sub_goal} igjen ${kr(e.remaining)}`).join(', ')}.` : '');
          }).catch(() => {});
        }
      }
      main.push(section('decision', 'Vedtak', ...parts));
    }

    // letters
    const letters = c.letters || [];
    if (letters.length || can('send_letter')) {
      const parts = letters.map((l) => {
        const article = h('article', { class: 'portal-letter-box', 'data-testid': 'letter', 'aria-label': `${LETTER_KIND[l.kind] || 'Brev'} sendt ${formatDateTime(l.sent_at)}` }, renderLetter(l.content));
        const print = button('Skriv ut', `print-letter-${l.id}`, 'secondary');
        print.addEventListener('click', () => printLetter(article));
        return h('div', { class: 'portal-letter-item' },
          h('p', { class: 'ds-paragraph portal-noprint' }, h('strong', { text: LETTER_KIND[l.kind] || 'Brev' }), ` sendt ${formatDateTime(l.sent_at)}`),
          article, h('div', { class: 'portal-actions portal-noprint' }, print));
      });
      if (can('send_letter')) {
        if (!handler) parts.push(muted('Saksbehandler eller beslutter sender brevet.'));
        else if (recused) parts.push(muted('Du er inhabil og kan ikke sende brevet.'));
        else {
          parts.push(actionForm('letter', {
            intro: `Brevet lages av vedtaket og sendes til organisasjonen på e-post og i portalen. Det kan ikke endres etterpå.${c.granted_amount > 0 ? '' : ' Det er et avslagsbrev.'}`,
            buttons: [{ label: c.granted_amount > 0 ? 'Send tilskuddsbrev' : 'Send avslagsbrev', testid: 'send-letter', run: () => post('letter', {}) }],
            done: 'Brevet er sendt til søkeren.',
          }));
        }
      }
      const fresh = ['granted', 'partly_granted', 'rejected', 'letter_sent', 'appealed'].includes(c.status);
      main.push(section('letters', 'Brev', letters.length ? h('details', { class: 'ds-details', open: fresh },
        h('summary', { text: letters.length === 1 ? 'Brevet' : `Brevene (${letters.length})` }), h('div', {}, ...parts.slice(0, letters.length))) : null,
      ...parts.slice(letters.length)));
    }

    // payments
    const pays = c.payments || [];
    if (pays.length || (c.status === 'letter_sent' && c.granted_amount > 0)) {
      const parts = [];
      if (!pays.length) parts.push(muted('Utbetalingsplanen lages når søkeren har akseptert vilkårene.'));
      else {
        const next = pays.find((p) => !p.paid_at);
        const payable = can('pay_term') && handler && !recused;
        const summaryBox = errorBox();
        const holder = h('div', { class: 'portal-noprint' }, summaryBox);
        parts.push(holder, table('payments', 'Utbetalinger', ['Termin', 'Beløp', 'Forfall', 'Utbetalt', ''], pays.map((p) => {
          let cell = null;
          if (!p.paid_at && payable) {
            const b = button(`Marker termin ${p.term} utbetalt`, `pay-term-${p.term}`, p === next ? 'primary' : 'secondary');
            b.setAttribute('data-size', 'sm');
            if (p !== next) {
              b.disabled = true;
              b.title = `Termin ${next.term} må utbetales først.`;
            }
            b.addEventListener('click', async () => {
              b.disabled = true;
              try {
                await post('payments', { term: p.term });
              } catch (err) {
                b.disabled = false;
                showFormError(holder, summaryBox, err, {});
                return;
              }
              await refresh(`Termin ${p.term} er markert som utbetalt.`, 'sec-payments');
            });
            cell = b;
          }
          return h('tr', { 'data-testid': `payment-${p.term}` }, h('td', { text: String(p.term) }), h('td', { class: 'portal-num', text: kr(p.amount) }),
            h('td', { text: p.due_date ? formatDate(p.due_date) : '' }),
            h('td', {}, p.paid_at ? formatDateTime(p.paid_at) : tag('Ikke utbetalt', 'warning')), h('td', {}, cell));
        })), h('p', { class: 'ds-paragraph portal-noprint' }, h('a', { class: 'ds-link', href: `/utbetalinger.html?tenant=${encodeURIComponent(slug)}`, text: 'Alle utbetalinger til forfall' })));
      }
      main.push(section('payments', 'Utbetalinger', ...parts));
    }

    // appeals
    const appeals = c.appeals || [];
    const canAppeal = c.status === 'appealed' && (can('appeal_change') || can('appeal_forward'));
    if (appeals.length || canAppeal) {
      const parts = appeals.map((x) => h('div', { class: 'ds-card portal-case-card', 'data-testid': `appeal-${x.id}` },
        h('p', { class: 'ds-paragraph' }, h('strong', { text: `Klage mottatt ${formatDateTime(x.filed_at)}` }), ' ',
          tag(APPEAL_STATUS[x.status] || x.status, x.status === 'filed' ? 'warning' : 'neutral'), x.late ? [' ', tag('Etter klagefristen', 'danger')] : null),
        para(x.reasons || ''),
        facts([['Klageinstans', x.appeal_body ? APPEAL_BODY[x.appeal_body] || x.appeal_body : null],
          ['Førsteinstansens vurdering', x.handled_reasons ? `${x.handled_reasons}${x.handled_at ? ` (${formatDateTime(x.handled_at)})` : ''}` : null],
          ['Klageinstansens avgjørelse', x.ruling_reasons ? `${x.ruling_reasons}${x.ruled_at ? ` (${formatDateTime(x.ruled_at)})` : ''}` : null]])));
      if (canAppeal) {
        if (!isDm) parts.push(muted('En beslutter behandler klagen som førsteinstans.'));
        else if (recused) parts.push(muted('Du er inhabil og kan ikke behandle klagen.'));
        else {
          parts.push(actionForm('appeal', {
            intro: 'Som førsteinstans kan dere endre vedtaket selv (saken går tilbake til innstilt og får nytt vedtak), eller opprettholde det og sende klagen til klageinstansen.',
            fields: [selectBox('appeal-outcome', 'Førsteinstansens behandling', [['change', 'Ta klagen til følge – endre vedtaket'], ['forward', 'Opprettholde vedtaket og sende klagen til klageinstansen']], 'forward'),
              textArea('appeal-reasons', 'Begrunnelse', 'Begrunnelsen sendes til søkeren og eventuelt til klageinstansen.', 4)],
            map: { outcome: 'appeal-outcome', reasons: 'appeal-reasons' },
            buttons: [{ label: 'Behandle klagen', testid: 'appeal-decision', run: () => {
              check([!value('appeal-reasons') && { field: 'reasons', detail: 'Skriv en begrunnelse.' }]);
              return post('appeal-decision', { outcome: value('appeal-outcome'), reasons: value('appeal-reasons') });
            } }],
            done: 'Klagen er behandlet.',
          }));
        }
      }
      main.push(section('appeals', 'Klager', ...parts));
    }

    // report
    const rep = c.report;
    const canReview = can('approve_report') || can('ask_changes');
    if (rep || ['paid', 'report_due'].includes(c.status)) {
      const parts = [];
      if (!rep) parts.push(muted(`Ingen rapport mottatt ennå.${c.report_due ? ` Fristen er ${formatDate(c.report_due)}.` : ''}`));
      else {
        const d = rep.data || {};
        parts.push(h('p', { class: 'ds-paragraph' }, `Mottatt ${formatDateTime(rep.submitted_at)} `,
          rep.late ? tag('Etter fristen', 'danger') : tag('Innen fristen', 'success'), ' ',
          tag(REPORT_REVIEW[rep.review] || rep.review || 'Ikke gjennomgått', rep.review === 'approved' ? 'success' : rep.review === 'changes_asked' ? 'warning' : 'info')),
        facts([['Måloppnåelse', d.goals_reached], ['Deltakere', d.participants != null ? String(d.participants) : null],
          ['Aktiviteter', d.activities], ['Ubrukte midler', d.unused != null ? kr(d.unused) : null],
          ['Kommentar fra gjennomgang', rep.review_comment], ['Tilbakebetaling', rep.payback_amount ? kr(rep.payback_amount) : null]]));
        if (Array.isArray(d.accounts) && d.accounts.length) {
          const sum = (k) => d.accounts.reduce((x, r) => x + (Number(r[k]) || 0), 0);
          parts.push(table('report-accounts', 'Regnskap mot budsjett', ['Post', 'Budsjett', 'Regnskap', 'Avvik'], [
            ...d.accounts.map((x) => h('tr', {}, h('td', { text: x.item }), h('td', { class: 'portal-num', text: kr(x.budget) }),
              h('td', { class: 'portal-num', text: kr(x.actual) }), h('td', { class: 'portal-num', text: kr((Number(x.actual) || 0) - (Number(x.budget) || 0)) }))),
            h('tr', {}, h('th', { scope: 'row', text: 'Sum' }), h('td', { class: 'portal-num', text: kr(sum('budget')) }),
              h('td', { class: 'portal-num', text: kr(sum('actual')) }), h('td', { class: 'portal-num', text: kr(sum('actual') - sum('budget')) }))]));
        }
        if (c.audit_required) parts.push(muted('Tilskuddet krever regnskap attestert av revisor; vedlegget er lastet opp av søkeren.'));
      }
      if (canReview) {
        if (!handler) parts.push(muted('Saksbehandler eller beslutter går gjennom rapporten.'));
        else if (recused) parts.push(muted('Du er inhabil og kan ikke gå gjennom rapporten.'));
        else {
          parts.push(actionForm('report-review', {
            fields: [selectBox('review-outcome', 'Gjennomgang', [['approve', 'Godkjenn rapporten'], ['changes', 'Be om endringer']], 'approve'),
              textArea('review-comment', 'Kommentar', 'Påkrevd når du ber om endringer; sendes til søkeren.', 3),
              amountInput('review-payback', 'Beløp som skal betales tilbake (kr)', rep && rep.data && rep.data.unused ? rep.data.unused : '', 'Ubrukte midler skal betales tilbake. La feltet stå tomt hvis ingenting skal betales tilbake.')],
            map: { outcome: 'review-outcome', comment: 'review-comment', payback_amount: 'review-payback' },
            buttons: [{ label: 'Lagre gjennomgang', testid: 'report-review', run: () => {
              const body = { outcome: value('review-outcome') };
              check([needAmount('review-payback', 'payback_amount', false),
                body.outcome === 'changes' && !value('review-comment') && { field: 'comment', detail: 'Skriv hva som må endres.' }]);
              if (value('review-comment')) body.comment = value('review-comment');
              if (amountOf('review-payback') !== null) body.payback_amount = amountOf('review-payback');
              return post('report-review', body);
            } }],
            done: 'Gjennomgangen er lagret.',
          }));
        }
      }
      main.push(section('report', 'Rapport', ...parts));
    }

    // change requests
    const crs = c.change_requests || [];
    if (crs.length) {
      main.push(section('changes', 'Endringsønsker', ...crs.map((cr) => h('div', { class: 'ds-card portal-case-card', 'data-testid': `change-request-${cr.id}` },
        h('p', { class: 'ds-paragraph' }, h('strong', { text: `${CR_KIND[cr.kind] || cr.kind}` }), ` – søkt ${formatDateTime(cr.requested_at)} `,
          tag(CR_STATUS[cr.status] || cr.status, cr.status === 'pending' ? 'warning' : cr.status === 'approved' ? 'success' : 'neutral')),
        para(cr.description || ''),
        cr.response ? facts([['Svar', cr.response], ['Besvart', cr.decided_at ? formatDateTime(cr.decided_at) : null]]) : null,
        cr.status === 'pending' && handler && !recused ? actionForm(`cr-${cr.id}`, {
          fields: [textArea(`cr-response-${cr.id}`, 'Svar til søkeren', 'Påkrevd når endringen ikke godkjennes.', 2)],
          map: { response: `cr-response-${cr.id}` },
          buttons: [
            { label: 'Godkjenn endringen', testid: `cr-approve-${cr.id}`, done: 'Endringen er godkjent.', run: () => post(`change-requests/${cr.id}`, { approve: true, response: value(`cr-response-${cr.id}`) }) },
            { label: 'Ikke godkjenn', testid: `cr-refuse-${cr.id}`, done: 'Endringen er ikke godkjent.', run: () => {
              check([!value(`cr-response-${cr.id}`) && { field: 'response', detail: 'Begrunn hvorfor endringen ikke godkjennes.' }]);
              return post(`change-requests/${cr.id}`, { approve: false, response: value(`cr-response-${cr.id}`) });
            } },
          ],
        }) : null))));
    }

    // closing and reclaim
    const end = [];
    if (can('close') && handler && !recused) {
      end.push(actionForm('close', {
        intro: 'Når saken er avsluttet, kan den ikke behandles videre.',
        buttons: [{ label: 'Avslutt saken', testid: 'close-case', variant: 'secondary', run: () => post('close', {}) }],
        done: 'Saken er avsluttet.',
      }));
    }
    if (can('reclaim') && isDm && !recused) {
      end.push(h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Krev tilbakebetaling' }), actionForm('reclaim', {
        intro: 'Tilskudd som er brukt i strid med vilkårene, kan holdes tilbake eller kreves tilbake. Søkeren varsles på e-post.',
        fields: [amountInput('reclaim-amount', 'Beløp som kreves tilbake (kr)', '', `Høyst tilskuddet, ${kr(c.granted_amount)}.`),
          textArea('reclaim-reasons', 'Begrunnelse', 'Sendes til søkeren.', 3)],
        map: { amount: 'reclaim-amount', reasons: 'reclaim-reasons' },
        buttons: [{ label: 'Krev tilbake', testid: 'reclaim', variant: 'secondary', run: () => {
          check([needAmount('reclaim-amount'), !value('reclaim-reasons') && { field: 'reasons', detail: 'Skriv en begrunnelse.' }]);
          return post('reclaim', { amount: amountOf('reclaim-amount'), reasons: value('reclaim-reasons') });
        } }],
        done: 'Kravet om tilbakebetaling er sendt.',
      }));
    }
    if (end.length) main.push(section('closing', 'Avslutning', ...end));

    // internal comments
    const comments = c.comments || [];
    main.push(section('comments', 'Interne kommentarer',
      comments.length ? h('ul', { class: 'portal-comments', 'data-testid': 'comments' }, comments.map((m) => h('li', {},
        h('p', { class: 'ds-paragraph', 'data-size': 'sm' }, h('strong', { text: m.author }), h('span', { class: 'portal-muted', text: ` ${formatDateTime(m.created_at)}` })),
        para(m.body)))) : muted('Ingen kommentarer ennå.'),
      actionForm('comment', {
        fields: [textArea('comment-body', 'Ny kommentar', 'Kommentarene er interne og vises ikke for søkeren.', 3)],
        map: { body: 'comment-body' },
        buttons: [{ label: 'Legg til kommentar', testid: 'add-comment', variant: 'secondary', run: () => {
          check([!value('comment-body') && { field: 'body', detail: 'Skriv en kommentar.' }]);
          return post('comments', { body: value('comment-body') });
        } }],
        done: 'Kommentaren er lagt til.',
      })));

    // the case log
    const names = new Map(staff.map((x) => [x.user_id, x.name]));
    for (const i of c.impartiality || []) names.set(i.user_id, i.user);
    if (c.assignee_id) names.set(c.assignee_id, c.assignee);
    names.set(user.id, user.name);
    main.push(section('log', 'Sakslogg',
      table('case-log', 'Sakslogg', ['Tid', 'Hvem', 'Hendelse', 'Detaljer'], (c.log || []).map((e) => h('tr', {},
        h('td', { class: 'portal-nowrap', text: formatDateTime(e.at) }), h('td', { text: e.by || 'Systemet' }),
        h('td', { text: caseEventLabel(e.event) }), h('td', { text: logDetail(e, names) })))),
      h('p', { class: 'ds-paragraph portal-noprint' }, h('a', { class: 'ds-link', href: `${base}/log.csv`, download: '', 'data-testid': 'log-csv', text: 'Last ned logg (CSV)' }))));

    // contents: links to the sections on the page
    const toc = h('nav', { class: 'portal-case-toc portal-noprint', 'aria-label': 'Innhold i saken' }, h('ul', { class: 'portal-tags' },
      main.filter((s) => s.tagName === 'SECTION').map((s) => h('li', {}, h('a', { class: 'ds-link', href: `#${s.id}`, text: s.querySelector('h2').textContent })))));

    replaceChildren(root,
      h('header', { class: 'portal-case-head' },
        h('p', { class: 'ds-paragraph portal-muted', text: `${c.reference || ''} · ${c.organisation || ''}` }),
        h('h1', { class: 'ds-heading', 'data-size': 'lg', text: c.title || c.reference || 'Sak' }),
        h('p', { class: 'ds-paragraph' }, caseStatusTag(c.status), c.assignee ? ` Saksbehandler: ${c.assignee}` : ' Ikke tildelt')),
      toc,
      h('div', { class: 'portal-case' },
        h('aside', { class: 'portal-case__aside', 'aria-label': 'Saksopplysninger, tildeling og habilitet' }, summary, assign, impartiality),
        h('div', { class: 'portal-case__main' }, ...main)));
    root.removeAttribute('aria-busy');
  }

  try {
    await render();
  } catch (err) {
    root.removeAttribute('aria-busy');
    replaceChildren(root);
    if (err instanceof ApiError && err.status === 404) {
      showMessage('warning', 'Fant ikke saken', 'Saken finnes ikke hos denne forvalteren, eller den er ikke sendt inn.',
        h('a', { class: 'ds-link', href: `/saker.html?tenant=${encodeURIComponent(slug)}`, text: 'Til sakene' }));
    } else {
      showMessage('danger', 'Kunne ikke hente saken', describeError(err));
    }
  }
});

