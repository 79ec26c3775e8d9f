// sak/review.js: starting the review, the application exactly as signed, and the assessment
// (points per criterion and the eligibility conditions).

import { apiSend } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDateTime } from '../lib/format.js';
import { renderSigned } from '../lib/casework.js';
import { muted, para, table, section, blocked, undeclaredNote } from './parts.js';
import { selectBox, checkBox, value } from './forms.js';

export function reviewSection({ c, can, isCw, declared, recused, post, form }) {
  if (!can('start_review')) return null;
  return section('review', 'Start behandling',
    blocked([[!isCw, 'En saksbehandler starter behandlingen.'], [recused, 'Du er inhabil og kan ikke behandle saken.'],
      [!declared, () => undeclaredNote('starter behandlingen')]])
    || form('review', {
      intro: 'Når behandlingen er startet, kan du vurdere søknaden og lage en innstilling.',
      buttons: [{ label: 'Start behandling', testid: 'action-review', run: () => post('review', {}) }],
      done: 'Behandlingen er startet.',
    }));
}

export function applicationSection({ c }) {
  const open = ['submitted', 'in_review', 'recommended'].includes(c.status);
  return section('application', 'Søknaden slik den ble signert',
    h('details', { class: 'ds-details', open }, h('summary', { text: open ? 'Søknaden' : 'Vis søknaden' }), h('div', {}, renderSigned(c.signed))));
}

const ELIG = [['volunteer_register', 'Registrert i Frivillighetsregisteret'], ['location', 'Tiltaket skjer i forvalterens område'],
  ['not_excluded', 'Ikke investeringer, innkjøp, ordinær drift, konferanser for offentlig ansatte eller tiltak bare i utlandet']];
const yesNo = (v) => (v === true ? 'ja' : v === false ? 'nei' : '–');

/** The saved assessment: who and when, points per criterion, their sum and the conditions. */
function savedAssessment(a) {
  const given = (a.scores || []).filter((s) => Number.isInteger(s.score));
  const el = a.eligibility || {};
  return [muted(`Lagret av ${a.assessed_by || 'ukjent'} ${formatDateTime(a.assessed_at)}.`),
    table('assessment', 'Vurdering per kriterium', ['Kriterium', 'Poeng (0–5)'], (a.scores || []).map((s) => h('tr', {},
      h('td', { text: s.criterion }), h('td', { text: s.score === null ? 'Ikke relevant' : String(s.score) })))),
    given.length ? para(`Sum ${given.reduce((x, s) => x + s.score, 0)} av ${given.length * 5} mulige poeng.`) : null,
    h('ul', { class: 'ds-list' }, ELIG.map(([k, label]) => h('li', { text: `${label}: ${yesNo(el[k])}` })))];
}

/** The API field of an assessment error -> the input's id. */
function assessmentField(field) {
  const m = /^scores\[(\d+)\]/.exec(field);
  if (m) return `score-${m[1]}`;
  const e = /^eligibility\.(\w+)/.exec(field);
  return e ? `elig-${e[1]}` : null;
}

function assessmentForm({ c, base, form }) {
  const a = c.assessment;
  const criteria = c.criteria || [];
  const el = (a && a.eligibility) || {};
  const scoreOf = (name) => (a && Array.isArray(a.scores) ? a.scores.find((s) => s.criterion === name) : undefined);
  const points = [['', '–'], ['na', 'Ikke relevant'], ...[0, 1, 2, 3, 4, 5].map((n) => [String(n), String(n)])];
  return form('assessment', {
    fields: [
      ...criteria.map((name, i) => {
        const cur = scoreOf(name);
        return selectBox(`score-${i}`, name, points, cur ? (cur.score === null ? 'na' : String(cur.score)) : '');
      }),
      h('fieldset', { class: 'ds-fieldset' }, h('legend', { class: 'ds-label', text: 'Vilkår for å få tilskudd' }),
        ELIG.map(([k, label]) => checkBox(`elig-${k}`, label, el[k]))),
    ],
    map: assessmentField,
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
  });
}

export function assessmentSection(ctx) {
  const { c, isCw, declared, recused } = ctx;
  const a = c.assessment;
  const canAssess = isCw && declared && c.status === 'in_review';
  if (!a && !canAssess && c.status !== 'in_review') return null;
  const parts = a ? savedAssessment(a) : [];
  if (canAssess) parts.push(assessmentForm(ctx));
  else if (c.status === 'in_review' && isCw && !declared && !recused) parts.push(undeclaredNote('vurderer søknaden'));
  else if (!a) parts.push(muted('Søknaden er ikke vurdert ennå.'));
  return section('assessment', 'Vurdering', ...parts);
}
