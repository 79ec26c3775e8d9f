// sak.js: one case of the tenant: the summary, possible duplicates (rule 5), the application as
// signed, and a section per step (assignment, impartiality, review, assessment, comments,
// recommendation, decision, letter, payments, appeals, report, change requests, close, reclaim,
// the case log). A form is shown only for the steps the state machine allows now (`actions`);
// roles are checked by the API, whose problem+json answers are shown as they come.

import { getJson, apiSend } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, showMessage, param, idParam } from './lib/page.js';
import { userOrLogin, activeTenant } from './lib/session.js';
import { formatDateTime, formatDate, formatKroner } from './lib/format.js';
import { caseStatusLabel, caseStatusTag, renderLetter, problemText } from './lib/casework.js';

const kr = (n) => (n === null || n === undefined ? '–' : formatKroner(Number(n)));
const section = (title, ...body) => h('section', { class: 'portal-case-section' }, h('h2', { class: 'ds-heading', 'data-size': 'md', text: title }), ...body);
const para = (text) => h('p', { class: 'ds-paragraph portal-prewrap', text });
const btn = (text, testid, variant = 'primary') => h('button', { type: 'button', class: 'ds-button', 'data-variant': variant, 'data-testid': testid, text });
function labelled(id, label, control) {
  return h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: id, text: label }), control);
}
const text = (id, label, value = '') => labelled(id, label, h('input', { class: 'ds-input', id, type: 'text', value }));
const num = (id, label, value = '') => labelled(id, label, h('input', { class: 'ds-input', id, type: 'text', inputmode: 'numeric', value: value ?? '' }));
const area = (id, label) => labelled(id, label, h('textarea', { class: 'ds-input', id, rows: '3' }));
const choice = (id, label, options) => labelled(id, label, h('select', { class: 'ds-input', id }, options.map(([v, t]) => h('option', { value: v, text: t }))));
const val = (id) => document.getElementById(id).value.trim();
const amount = (id) => {
  const s = val(id).replace(/[\s\u00a0.]/g, '').replace(/,-$/, '');
  return /^\d{1,12}$/.test(s) ? Number(s) : s === '' ? null : NaN;
};
const dl = (pairs) => h('dl', { class: 'portal-dl' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
  .map(([k, v]) => [h('dt', { text: k }), h('dd', {}, v)]));

const EVENTS = {
  submitted: 'Signert og sendt inn', assigned: 'Tildelt', impartiality: 'Habilitet erklært', start_review: 'Behandling startet',
  assessed: 'Vurdering lagret', comment: 'Intern kommentar', recommend: 'Innstilt', grant: 'Innvilget', grant_partly: 'Delvis innvilget',
  reject: 'Avslått', send_letter: 'Brev sendt', accept: 'Vilkår akseptert', decline: 'Tilskudd avslått av søker', pay_term: 'Termin utbetalt',
  report_due: 'Rapport ventes', receive_report: 'Rapport mottatt', approve_report: 'Rapport godkjent', ask_changes: 'Endringer etterspurt',
  close: 'Avsluttet', withdraw: 'Trukket', appeal: 'Klage mottatt', appeal_change: 'Vedtaket endret etter klage',
  appeal_forward: 'Klage oversendt klageinstans', appeal_uphold: 'Klage ikke tatt til følge', reclaim: 'Tilbakekreving',
};

/** The signed copy, readably: the known fields first, then anything else as text. */
function signedView(s) {
  if (!s || typeof s !== 'object') return para('Ingen signert kopi.');
  const d = s.data || s.application || s;
  const b = d.budget || {};
  const rows = [
    ['Tittel', d.title], ['Sammendrag', d.summary], ['Mål', d.goals], ['Tilpasning', d.adaptation], ['Frivillige', d.volunteers],
    ['Delmål', Array.isArray(d.sub_goals) ? d.sub_goals.join(', ') : d.sub_goals],
    ['Målgrupper', Array.isArray(d.target_groups) ? d.target_groups.join(', ') : d.target_groups],
    ['Omsøkt beløp', d.applied_amount != null ? kr(d.applied_amount) : null],
    ['Sted', d.location ? [d.location.place, d.location.municipality].filter(Boolean).join(', ') : null],
    ['Forventede deltakere', d.expected_participants != null ? String(d.expected_participants) : null],
    ['Signert av', s.signed_by ? `${s.signed_by.name || s.signed_by}${s.signed_at ? `, ${formatDateTime(s.signed_at)}` : ''}` : null],
  ].map(([k, v]) => [k, v == null ? null : String(v)]);
  const goals = Array.isArray(d.result_goals) && d.result_goals.length
    ? [h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Resultatmål' }), h('ul', { class: 'ds-list' }, d.result_goals.map((g) => h('li', { text: `${g.text}${g.measure ? ` (måles ved: ${g.measure})` : ''}` })))] : null;
  const costs = Array.isArray(b.costs) && b.costs.length
    ? [h('h3', { class: 'ds-heading', 'data-size': 'xs', text: 'Budsjett' }), h('table', { class: 'ds-table', 'data-size': 'sm' },
      h('tbody', {}, b.costs.map((c) => h('tr', {}, h('td', { text: c.text }), h('td', { class: 'portal-num', text: kr(c.amount) }))),
        b.own_contribution != null ? h('tr', {}, h('td', { text: 'Egenandel' }), h('td', { class: 'portal-num', text: kr(b.own_contribution) })) : null))] : null;
  return h('div', { 'data-testid': 'signed' }, dl(rows), goals, costs);
}

startPage(async () => {
  const user = await userOrLogin();
  if (!user) return;
  const slug = param('tenant') || activeTenant(user)?.slug;
  const id = idParam('id');
  if (!slug || !id) throw new Error('missing tenant or id');
  const base = `/api/v1/tenants/${slug}/applications/${id}`;
  const tenant = user.tenants.find((t) => t.slug === slug);
  const roles = tenant ? tenant.roles : [];

  async function act(path, body, done) {
    try {
      await apiSend(path === 'assessment' ? 'PUT' : 'POST', `${base}/${path}`, body ?? {});
      await render();
      if (done) showMessage('success', done, '');
    } catch (err) {
      showMessage('danger', 'Det gikk ikke', problemText(err));
    }
  }
  const onClick = (b, fn) => { b.addEventListener('click', fn); return b; };

  async function render() {
    const c = await getJson(base);
    const can = (a) => (c.actions || []).includes(a);
    document.title = `${c.reference || 'Sak'} – Tilskuddsportalen`;
    const parts = [];
    parts.push(h('p', { class: 'ds-paragraph' }, h('a', { class: 'ds-link', href: `/saker.html?tenant=${slug}`, text: '← Til sakene' })));
    parts.push(h('h1', { class: 'ds-heading', 'data-size': 'lg', text: `${c.reference || ''} ${c.title || ''}`.trim() }));
    parts.push(h('p', { class: 'ds-paragraph' }, 'Status: ', h('strong', { 'data-testid': 'case-status', text: caseStatusLabel(c.status) }), ' ', caseStatusTag(c.status)));
    parts.push(dl([['Organisasjon', `${c.organisation} (org.nr. ${c.orgnr})`], ['Utlysning', `${c.call_title} (${c.year})`],
      ['Omsøkt beløp', kr(c.applied_amount)], ['Delmål', c.sub_goals], ['Mottatt', formatDateTime(c.submitted_at)],
      ['Saksbehandler', c.assignee || 'Ikke tildelt'], ['Innvilget beløp', c.granted_amount != null ? kr(c.granted_amount) : null],
      ['Klagefrist', c.appeal_deadline ? formatDateTime(c.appeal_deadline) : null], ['Rapportfrist', c.report_due ? formatDate(c.report_due) : null],
      ['Revidert regnskap', c.audit_required ? 'Kreves (tilskudd på 100 000 kr eller mer)' : null]]));
    if (c.possible_duplicates && c.possible_duplicates.length) {
      parts.push(h('div', { class: 'ds-alert', 'data-color': 'warning', 'data-testid': 'duplicates' },
        h('h2', { class: 'ds-heading', 'data-size': 'xs', text: 'Mulig dobbeltfinansiering (samme organisasjon, samme år)' }),
        h('ul', { class: 'ds-list' }, c.possible_duplicates.map((d) => h('li', { text: `${d.tenant}: «${d.title}» – ${caseStatusLabel(d.status)}` })))));
    }

    // assignment and impartiality
    const assign = [];
    if (c.assignee_id !== user.id && roles.includes('caseworker')) {
      assign.push(onClick(btn('Tildel meg', 'assign-me', 'secondary'), () => act('assign', { user_id: user.id }, 'Saken er tildelt deg')));
    }
    const mine = c.my_impartiality;
    const imp = [h('ul', { class: 'ds-list' }, (c.impartiality || []).map((i) => h('li', {
      text: `${i.user}: ${i.impartial ? 'ikke inhabil' : `inhabil${i.reason ? ` (${i.reason})` : ''}`}, ${formatDateTime(i.declared_at)}` })))];
    if (mine === null || mine === undefined) {
      imp.push(para('Før du behandler saken, må du ta stilling til din habilitet (forvaltningsloven § 6).'),
        onClick(btn('Jeg er ikke inhabil', 'declare-impartial'), () => act('impartiality', { impartial: true })),
        area('recuse-reason', 'Grunn til inhabilitet'),
        onClick(btn('Jeg er inhabil', 'declare-recused', 'secondary'), () => act('impartiality', { impartial: false, reason: val('recuse-reason') })));
    } else if (mine === false) {
      imp.push(h('div', { class: 'ds-alert', 'data-color': 'warning' }, para('Du har erklært deg inhabil og kan ikke vurdere, innstille eller avgjøre saken.')));
    }
    parts.push(section('Tildeling og habilitet', ...assign, ...imp));

    if (can('start_review')) parts.push(section('Behandling', onClick(btn('Start behandling', 'action-review'), () => act('review'))));

    parts.push(section('Søknaden slik den ble signert', signedView(c.signed)));

    // assessment
    const a = c.assessment;
    const criteria = c.criteria || [];
    const scoreOf = (name) => (a && Array.isArray(a.scores) ? a.scores.find((s) => s.criterion === name) : undefined);
    const assessForm = criteria.map((name, i) => {
      const cur = scoreOf(name);
      return labelled(`score-${i}`, name, h('select', { class: 'ds-input', id: `score-${i}` },
        h('option', { value: '', text: 'Ikke vurdert' }), h('option', { value: 'na', selected: cur && cur.score === null, text: 'Ikke relevant' }),
        [0, 1, 2, 3, 4, 5].map((n) => h('option', { value: String(n), selected: cur && cur.score === n, text: String(n) }))));
    });
    const el = (a && a.eligibility) || {};
    const check = (k, label) => h('div', { class: 'ds-field' }, h('input', { type: 'checkbox', class: 'ds-input', id: `elig-${k}`, checked: !!el[k] }),
      h('label', { class: 'ds-label', for: `elig-${k}`, text: label }));
    parts.push(section('Vurdering',
      a ? para(`Sist lagret av ${a.assessed_by || 'ukjent'} ${formatDateTime(a.assessed_at)}.`) : null,
      ...assessForm,
      h('fieldset', { class: 'ds-fieldset' }, h('legend', { class: 'ds-label', text: 'Vilkår for å få tilskudd' }),
        check('volunteer_register', 'Registrert i Frivillighetsregisteret'), check('location', 'Tiltaket skjer i forvalterens område'),
        check('not_excluded', 'Ikke investeringer, innkjøp, drift, konferanser for offentlig ansatte eller tiltak bare i utlandet')),
      onClick(btn('Lagre vurdering', 'save-assessment', 'secondary'), () => {
        const scores = [];
        criteria.forEach((name, i) => {
          const v = val(`score-${i}`);
          if (v !== '') scores.push({ criterion: name, score: v === 'na' ? null : Number(v) });
        });
        const eligibility = {};
        for (const k of ['volunteer_register', 'location', 'not_excluded']) eligibility[k] = document.getElementById(`elig-${k}`).checked;
        act('assessment', { scores, eligibility }, 'Vurderingen er lagret');
      })));

    parts.push(section('Interne kommentarer',
      h('ul', { class: 'ds-list' }, (c.comments || []).map((m) => h('li', { text: `${formatDateTime(m.created_at)} ${m.author}: ${m.body}` }))),
      area('comment-body', 'Ny kommentar (ses ikke av søkeren)'),
      onClick(btn('Legg til kommentar', 'add-comment', 'secondary'), () => act('comments', { body: val('comment-body') }))));

    // recommendation and decision
    const rec = c.recommendation;
    const recParts = [rec ? dl([['Innstilt av', rec.by], ['Beløp', kr(rec.amount)], ['Begrunnelse', rec.reasons]]) : null];
    if (can('recommend')) {
      recParts.push(num('recommend-amount', 'Innstilt beløp (kr, 0 for avslag)', c.applied_amount), area('recommend-reasons', 'Begrunnelse'),
        onClick(btn('Send innstilling', 'recommend'), () => act('recommend', { amount: amount('recommend-amount'), reasons: val('recommend-reasons') })));
    }
    parts.push(section('Innstilling', ...recParts));
    const dec = c.decision;
    const decParts = [dec ? dl([['Avgjort av', dec.by], ['Beløp', dec.amount != null ? kr(dec.amount) : 'Avslag'], ['Begrunnelse', dec.reasons], ['Dato', formatDateTime(dec.decided_at)]]) : null];
    if (can('grant') || can('grant_partly') || can('reject')) {
      decParts.push(choice('decide-outcome', 'Vedtak', [['grant', 'Innvilge'], ['grant_partly', 'Innvilge delvis'], ['reject', 'Avslå']]),
        num('decide-amount', 'Innvilget beløp (kr)', rec ? rec.amount : ''), area('decide-reasons', 'Begrunnelse (påkrevd ved avslag og delvis innvilgelse)'),
        onClick(btn('Fatt vedtak', 'decide'), () => {
          const outcome = val('decide-outcome');
          const body = { outcome };
          if (outcome !== 'reject') body.amount = amount('decide-amount');
          if (val('decide-reasons')) body.reasons = val('decide-reasons');
          act('decide', body, 'Vedtaket er fattet');
        }));
    }
    parts.push(section('Vedtak', ...decParts));

    // letters
    const letters = (c.letters || []).map((l) => h('article', { class: 'portal-letter-box', 'data-testid': 'letter' }, renderLetter(l.content),
      h('p', { class: 'ds-paragraph portal-noprint', text: `Sendt ${formatDateTime(l.sent_at)}` })));
    const letterParts = [...letters];
    if (letters.length) letterParts.push(onClick(btn('Skriv ut', 'print-letter', 'tertiary'), () => window.print()));
    if (can('send_letter')) letterParts.push(onClick(btn('Send brev', 'send-letter'), () => act('letter', {}, 'Brevet er sendt')));
    if (letterParts.length) parts.push(section('Brev', ...letterParts));

    // payments
    if ((c.payments || []).length) {
      const firstUnpaid = c.payments.find((p) => !p.paid_at);
      parts.push(section('Utbetalinger', h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'payments' },
        h('thead', {}, h('tr', {}, ['Termin', 'Beløp', 'Forfall', 'Utbetalt', ''].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, c.payments.map((p) => h('tr', {}, h('td', { text: String(p.term) }), h('td', { class: 'portal-num', text: kr(p.amount) }),
          h('td', { text: p.due_date ? formatDate(p.due_date) : '' }), h('td', { text: p.paid_at ? formatDateTime(p.paid_at) : 'Ikke utbetalt' }),
          h('td', {}, !p.paid_at && can('pay_term') && p === firstUnpaid
            ? onClick(btn(`Marker termin ${p.term} utbetalt`, `pay-term-${p.term}`, 'secondary'), () => act('payments', { term: p.term })) : null))))),
      h('a', { class: 'ds-link', href: `/api/v1/tenants/${slug}/payments.csv?status=due`, text: 'Last ned utbetalinger til forfall (CSV)' })));
    }

    // appeals
    if ((c.appeals || []).length || can('appeal_change') || can('appeal_forward')) {
      const ap = [h('ul', { class: 'ds-list' }, (c.appeals || []).map((x) => h('li', {},
        `${formatDateTime(x.filed_at)}: ${x.reasons} – ${x.status}${x.late ? ' (for sent)' : ''}${x.appeal_body ? `, klageinstans ${x.appeal_body === 'ministry' ? 'departementet' : 'IMDi'}` : ''}`,
        x.handled_reasons ? ` Begrunnelse: ${x.handled_reasons}` : '', x.ruling_reasons ? ` Klageinstansens avgjørelse: ${x.ruling_reasons}` : '')))];
      if (can('appeal_change') || can('appeal_forward')) {
        ap.push(choice('appeal-outcome', 'Førsteinstansens behandling', [['change', 'Endre vedtaket (saken innstilles på nytt)'], ['forward', 'Opprettholde og sende til klageinstansen']]),
          area('appeal-reasons', 'Begrunnelse'),
          onClick(btn('Behandle klagen', 'appeal-decision'), () => act('appeal-decision', { outcome: val('appeal-outcome'), reasons: val('appeal-reasons') })));
      }
      parts.push(section('Klager', ...ap));
    }

    // report
    const rep = c.report;
    if (rep) {
      const d = rep.data || {};
      const rp = [dl([['Mottatt', formatDateTime(rep.submitted_at)], ['For sent', rep.late ? 'Ja' : null], ['Måloppnåelse', d.goals_reached],
        ['Deltakere', d.participants != null ? String(d.participants) : null], ['Aktiviteter', d.activities], ['Ubrukte midler', d.unused != null ? kr(d.unused) : null],
        ['Gjennomgang', rep.review], ['Kommentar', rep.review_comment], ['Tilbakebetaling', rep.payback_amount ? kr(rep.payback_amount) : null]])];
      if (Array.isArray(d.accounts) && d.accounts.length) {
        rp.push(h('table', { class: 'ds-table', 'data-size': 'sm' }, h('thead', {}, h('tr', {}, ['Post', 'Budsjett', 'Regnskap'].map((t) => h('th', { scope: 'col', text: t })))),
          h('tbody', {}, d.accounts.map((x) => h('tr', {}, h('td', { text: x.item }), h('td', { class: 'portal-num', text: kr(x.budget) }), h('td', { class: 'portal-num', text: kr(x.actual) }))))));
      }
      if (can('approve_report') || can('ask_changes')) {
        rp.push(choice('review-outcome', 'Gjennomgang', [['approve', 'Godkjenn rapporten'], ['changes', 'Be om endringer']]), area('review-comment', 'Kommentar'),
          num('review-payback', 'Beløp som skal betales tilbake (kr)', '0'),
          onClick(btn('Lagre gjennomgang', 'report-review'), () => act('report-review', { outcome: val('review-outcome'), comment: val('review-comment'), payback_amount: amount('review-payback') ?? 0 })));
      }
      parts.push(section('Rapport', ...rp));
    }

    if ((c.change_requests || []).length) {
      parts.push(section('Endringsønsker', ...c.change_requests.map((cr) => h('div', { class: 'ds-card portal-cr' },
        para(`${formatDateTime(cr.requested_at)} (${cr.kind}): ${cr.description} – ${cr.status}${cr.response ? `. Svar: ${cr.response}` : ''}`),
        cr.status === 'pending' ? [area(`cr-response-${cr.id}`, 'Svar'),
          onClick(btn('Godkjenn', `cr-approve-${cr.id}`, 'secondary'), () => act(`change-requests/${cr.id}`, { approve: true, response: val(`cr-response-${cr.id}`) })),
          onClick(btn('Avslå', `cr-refuse-${cr.id}`, 'secondary'), () => act(`change-requests/${cr.id}`, { approve: false, response: val(`cr-response-${cr.id}`) }))] : null))));
    }

    const endParts = [];
    if (can('close')) endParts.push(onClick(btn('Avslutt saken', 'close-case', 'secondary'), () => act('close', {}, 'Saken er avsluttet')));
    if (can('reclaim')) {
      endParts.push(num('reclaim-amount', 'Beløp som kreves tilbake (kr)'), area('reclaim-reasons', 'Begrunnelse'),
        onClick(btn('Krev tilbake', 'reclaim', 'secondary'), () => act('reclaim', { amount: amount('reclaim-amount'), reasons: val('reclaim-reasons') })));
    }
    if (endParts.length) parts.push(section('Avslutning', ...endParts));

    parts.push(section('Sakslogg', h('div', { class: 'portal-table-wrap' }, h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'case-log' },
      h('thead', {}, h('tr', {}, ['Tid', 'Hvem', 'Hendelse', 'Detaljer'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, (c.log || []).map((e) => h('tr', {}, h('td', { text: formatDateTime(e.at) }), h('td', { text: e.by || '' }),
        h('td', { text: EVENTS[e.event] || e.event }), h('td', { text: e.detail || '' })))))),
    h('a', { class: 'ds-link', href: `${base}/log.csv`, text: 'Last ned saksloggen (CSV)' })));

    replaceChildren(byId('case'), ...parts);
    byId('case').removeAttribute('aria-busy');
  }
  await render();
});
