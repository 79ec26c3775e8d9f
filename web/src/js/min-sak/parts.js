// min-sak/parts.js: the small building blocks the sections of the organisation's case page share:
// amounts, a section with its heading, paragraphs, buttons and labelled fields.

import { h } from '../lib/dom.js';
import { formatKroner } from '../lib/format.js';

export const kr = (n) => (n === null || n === undefined ? '–' : formatKroner(Number(n)));
export const section = (title, ...body) => h('section', { class: 'portal-case-section' }, h('h2', { class: 'ds-heading', 'data-size': 'md', text: title }), ...body);
export const para = (text) => h('p', { class: 'ds-paragraph portal-prewrap', text });
export const btn = (text, testid, variant = 'primary') => h('button', { type: 'button', class: 'ds-button', 'data-variant': variant, 'data-testid': testid, text });
export const labelled = (id, label, control) => h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: id, text: label }), control);
export const area = (id, label) => labelled(id, label, h('textarea', { class: 'ds-input', id, rows: '4' }));
export const field = (id, label, type = 'text') => labelled(id, label, h('input', { class: 'ds-input', id, type }));
export const val = (id) => document.getElementById(id).value.trim();
export const int = (s) => (/^\d{1,12}$/.test(String(s).replace(/[\s\u00a0]/g, '')) ? Number(String(s).replace(/[\s\u00a0]/g, '')) : null);
/** The button b, with fn run when it is clicked. */
export const onClick = (b, fn) => { b.addEventListener('click', fn); return b; };
