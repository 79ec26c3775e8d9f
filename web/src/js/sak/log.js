// sak/log.js: the internal comments (never shown to the applicant) and the case log.

import { h } from '../lib/dom.js';
import { formatDateTime, formatDate, formatKroner } from '../lib/format.js';
import { caseStatusLabel, caseEventLabel, CR_KIND } from '../lib/casework.js';
import { para, muted, table, section } from './parts.js';
import { textArea, value, check, needText } from './forms.js';

function commentList(comments) {
  if (!comments.length) return muted('Ingen kommentarer ennå.');
  return h('ul', { class: 'portal-comments', 'data-testid': 'comments' }, comments.map((m) => h('li', {},
    h('p', { class: 'ds-paragraph', 'data-size': 'sm' }, h('strong', { text: m.author }), h('span', { class: 'portal-muted', text: ` ${formatDateTime(m.created_at)}` })),
    para(m.body))));
}

export function commentsSection({ c, post, form }) {
  return section('comments', 'Interne kommentarer', commentList(c.comments || []),
    form('comment', {
      fields: [textArea('comment-body', 'Ny kommentar', 'Kommentarene er interne og vises ikke for søkeren.', 3)],
      map: { body: 'comment-body' },
      buttons: [{ label: 'Legg til kommentar', testid: 'add-comment', variant: 'secondary', run: () => {
        check([needText('comment-body', 'body', 'Skriv en kommentar.')]);
        return post('comments', { body: value('comment-body') });
      } }],
      done: 'Kommentaren er lagt til.',
    }));
}

/** A log entry's detail in Norwegian: states as labels, amounts in kroner, user numbers as names. */
export function logDetail(e, names) {
  let d = e.detail || '';
  if (!d) return '';
  if (e.event === 'change_requested') return CR_KIND[d] || d;
  d = d.replace(/^to user (\d+)$/, (_, n) => `til ${names.get(Number(n)) || `bruker ${n}`}`);
  d = d.replace(/^([a-z_]+)(?=,)/, (m) => caseStatusLabel(m));
  d = d.replace(/\b(\d+) kr\b/g, (_, n) => formatKroner(Number(n)));
  d = d.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (m) => formatDate(m) || m);
  return d;
}

/** User id -> name, from everyone the page knows of. */
function knownNames({ c, staff, user }) {
  const names = new Map(staff.map((x) => [x.user_id, x.name]));
  for (const i of c.impartiality || []) names.set(i.user_id, i.user);
  if (c.assignee_id) names.set(c.assignee_id, c.assignee);
  names.set(user.id, user.name);
  return names;
}

export function logSection(ctx) {
  const { c, base } = ctx;
  const names = knownNames(ctx);
  return section('log', 'Sakslogg',
    table('case-log', 'Sakslogg', ['Tid', 'Hvem', 'Hendelse', 'Detaljer'], (c.log || []).map((e) => h('tr', {},
      h('td', { class: 'portal-nowrap', text: formatDateTime(e.at) }), h('td', { text: e.by || 'Systemet' }),
      h('td', { text: caseEventLabel(e.event) }), h('td', { text: logDetail(e, names) })))),
    h('p', { class: 'ds-paragraph portal-noprint' }, h('a', { class: 'ds-link', href: `${base}/log.csv`, download: '', 'data-testid': 'log-csv', text: 'Last ned logg (CSV)' })));
}
