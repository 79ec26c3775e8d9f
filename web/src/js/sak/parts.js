// sak/parts.js: the small pieces every section of the case page is built from.

import { h } from '../lib/dom.js';
import { formatKroner } from '../lib/format.js';

/** An amount in kroner, '–' when there is none. */
export const kr = (n) => (n === null || n === undefined ? '–' : formatKroner(Number(n)));
export const para = (text, cls = '') => h('p', { class: `ds-paragraph ${cls}`.trim(), text });
export const muted = (text) => para(text, 'portal-muted');
export const tag = (text, color) => h('span', { class: 'ds-tag', 'data-color': color, text });
/** A ds-alert holding one paragraph (extra: more attributes such as data-testid). */
export const note = (color, text, extra = {}) => h('div', { class: 'ds-alert', 'data-color': color, ...extra }, para(text));
/** The note shown to a handler who has not declared impartiality yet. */
export const undeclaredNote = (what) => note('info', `Erklær habilitet (under «Habilitet») før du ${what}.`);

/** A small table with a caption for screen readers; amount columns are right-aligned. */
export const table = (testid, caption, head, rows) => h('div', { class: 'portal-table-wrap' },
  h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': testid },
    h('caption', { class: 'ds-sr-only', text: caption }),
    h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col', class: /beløp|budsjett|regnskap|avvik/i.test(t) ? 'portal-num' : null, text: t })))),
    h('tbody', {}, rows)));

/** One section of the case page: id sec-SID, a focusable h2 and the body. */
export function section(sid, title, ...body) {
  return h('section', { class: 'portal-case-section portal-case-block', id: `sec-${sid}`, 'aria-labelledby': `sec-${sid}-h` },
    h('h2', { class: 'ds-heading', 'data-size': 'sm', id: `sec-${sid}-h`, tabindex: '-1', text: title }), ...body);
}

/**
 * Why the user cannot take a step now (a muted line or a note), or null when they can.
 * rules: [[condition, text]] in order; a text that is a function gives the node itself.
 */
export function blocked(rules) {
  for (const [when, text] of rules) if (when) return typeof text === 'function' ? text() : muted(text);
  return null;
}
