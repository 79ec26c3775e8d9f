// sak/aside.js: the case page's side column: the case facts, assignment and impartiality
// (forvaltningsloven § 6).

import { h } from '../lib/dom.js';
import { formatDateTime, formatDate } from '../lib/format.js';
import { caseStatusTag, facts, SUB_GOALS } from '../lib/casework.js';
import { kr, para, muted, tag, section } from './parts.js';
import { selectBox, textArea, value, check, needText } from './forms.js';

function subGoalTags(c) {
  const subGoals = String(c.sub_goals || '').split(',').filter(Boolean);
  return subGoals.length ? h('ul', { class: 'portal-tags' }, subGoals.map((g) =>
    h('li', {}, h('span', { class: 'ds-tag', 'data-color': 'accent', title: SUB_GOALS[g] || '', text: `Delmål ${g}` })))) : null;
}

/** The case facts. */
export function summarySection({ c }) {
  return section('summary', 'Saksopplysninger',
    facts([['Referanse', c.reference], ['Tittel', c.title],
      ['Organisasjon', c.organisation], ['Org.nr.', c.orgnr], ['Utlysning', `${c.call_title}${c.year ? ` (${c.year})` : ''}`],
      ['Omsøkt beløp', kr(c.applied_amount)],
      ['Delmål', subGoalTags(c)],
      ['Mottatt', formatDateTime(c.submitted_at)],
      ['Status', caseStatusTag(c.status, { 'data-testid': 'case-status' })],
      ['Saksbehandler', c.assignee || 'Ikke tildelt'],
      ['Innvilget beløp', c.granted_amount != null && c.granted_amount >= 0 && c.decision ? kr(c.granted_amount) : null],
      ['Klagefrist', c.appeal_deadline ? formatDateTime(c.appeal_deadline) : null],
      ['Rapportfrist', c.report_due ? formatDate(c.report_due) : null],
      ['Revidert regnskap', c.audit_required ? 'Kreves' : null],
      ['Krav om tilbakebetaling', c.reclaim_amount ? kr(c.reclaim_amount) : null]]));
}

/** Whom the case can be assigned to: [[user id, name]] (the staff list is the tenant admin's). */
function assigneeOptions({ c, staff, user, isCw }) {
  const options = [];
  for (const s of staff) if (s.role === 'caseworker' && !options.some(([v]) => v === String(s.user_id))) options.push([String(s.user_id), s.name]);
  if (!staff.length && isCw) options.push([String(user.id), `Meg (${user.name})`]);
  if (c.assignee_id && !options.some(([v]) => v === String(c.assignee_id))) options.push([String(c.assignee_id), c.assignee]);
  return options;
}

/** Who has the case, and a form to assign it (to oneself, or by the admin to anyone). */
export function assignSection(ctx) {
  const { c, user, post, form } = ctx;
  const parts = [para(c.assignee ? `Tildelt ${c.assignee}.` : 'Saken er ikke tildelt noen.')];
  const options = assigneeOptions(ctx);
  const assignable = options.filter(([v]) => v !== String(c.assignee_id));
  if (assignable.length && !['closed', 'withdrawn'].includes(c.status)) {
    parts.push(form('assign', {
      fields: [selectBox('assign-user', 'Saksbehandler', options, assignable.some(([v]) => v === String(user.id)) ? user.id : assignable[0][0])],
      map: { user_id: 'assign-user' },
      buttons: [{ label: 'Tildel', testid: 'assign', run: () => post('assign', { user_id: Number(value('assign-user')) }) }],
      done: 'Saken er tildelt.',
    }));
  }
  return section('assign', 'Tildeling', ...parts);
}

function declarations(decl) {
  if (!decl.length) return muted('Ingen har erklært habilitet ennå.');
  return h('ul', { class: 'ds-list', 'data-testid': 'impartiality-list' }, decl.map((i) => h('li', {},
    h('strong', { text: i.user }), `: ${i.impartial ? 'ikke inhabil' : 'inhabil'}`, i.reason ? ` – ${i.reason}` : '',
    h('span', { class: 'portal-muted', text: ` (${formatDateTime(i.declared_at)})` }))));
}

/** The two forms for declaring oneself impartial or recused. */
function declareForms({ post, form }) {
  return [form('impartial', {
    intro: 'Ta stilling til din habilitet før du behandler saken.',
    buttons: [{ label: 'Jeg er ikke inhabil', testid: 'declare-impartial', run: () => post('impartiality', { impartial: true }) }],
    done: 'Du har erklært at du ikke er inhabil.',
  }), form('recuse', {
    fields: [textArea('recuse-reason', 'Grunn til inhabilitet', 'Fylles ut bare hvis du er inhabil, for eksempel fordi du er styremedlem i organisasjonen.', 2)],
    map: { reason: 'recuse-reason' },
    buttons: [{ label: 'Jeg er inhabil', testid: 'declare-recused', variant: 'secondary', run: () => {
      check([needText('recuse-reason', 'reason', 'Skriv hvorfor du er inhabil.')]);
      return post('impartiality', { impartial: false, reason: value('recuse-reason') });
    } }],
    done: 'Du har meldt deg inhabil i saken.',
  })];
}

/** Who has declared what, and the user's own declaration (or the forms to make it). */
export function impartialitySection(ctx) {
  const { c, mine, recused } = ctx;
  let own;
  if (mine === null || mine === undefined) own = declareForms(ctx);
  else if (recused) {
    own = h('div', { class: 'ds-alert', 'data-color': 'warning', 'data-testid': 'recused' },
      para('Du har meldt deg inhabil. Du kan lese saken og skrive interne kommentarer, men ikke behandle den.'));
  } else own = tag('Du har erklært at du ikke er inhabil', 'success');
  return section('impartiality', 'Habilitet',
    muted('Den som er inhabil, kan ikke forberede eller avgjøre saken (forvaltningsloven § 6).'),
    declarations(c.impartiality || []), own);
}
