// contacts.js: editing a list of contact persons (name, what they answer for, e-mail, phone) as rows
// with add and remove buttons; the inputs are named prefix[i].name ... so the API's field errors
// (contacts[0].email, items[1].phone) land beside them.

import { h, replaceChildren } from './dom.js';
import { field } from './forms.js';

const COLUMNS = [['name', 'Navn', 'text', 'name'], ['role', 'Ansvar', 'text', 'organization-title'], ['email', 'E-post', 'email', 'email'],
  ['phone', 'Telefon', 'tel', 'tel']];

/** { node, values(), disable(bool) }: the editor, its rows as [{name, role, email, phone}] (empty rows left out). */
export function contactsEditor(prefix, contacts, { legend = 'Kontaktpersoner', max = 20 } = {}) {
  let rows = contacts.map((c) => ({ ...c }));
  const list = h('div', { class: 'portal-stack', 'data-testid': `${prefix}-rows` });
  const add = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm', 'data-testid': `${prefix}-add`,
    text: 'Legg til kontaktperson' });
  const read = () => {
    rows = [...list.querySelectorAll('[data-contact-row]')].map((row) => Object.fromEntries(COLUMNS.map(([k]) =>
      [k, row.querySelector(`[data-field-name$=".${k}"]`).value.trim()])));
  };
  const draw = () => {
    replaceChildren(list, rows.map((c, i) => {
      const remove = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm',
        text: `Fjern kontaktperson ${i + 1}` });
      remove.addEventListener('click', () => { read(); rows.splice(i, 1); draw(); });
      return h('fieldset', { class: 'ds-fieldset portal-group', 'data-contact-row': '' },
        h('legend', { class: 'ds-label', text: `Kontaktperson ${i + 1}` }),
        h('div', { class: 'portal-row' }, COLUMNS.map(([k, label, type, autocomplete]) =>
          field({ name: `${prefix}[${i}].${k}`, label, type, value: c[k] || '', autocomplete, required: k === 'name' }))),
        remove);
    }));
    add.hidden = rows.length >= max;
  };
  add.addEventListener('click', () => { read(); rows.push({ name: '', role: '', email: '', phone: '' }); draw(); });
  draw();
  const node = h('fieldset', { class: 'ds-fieldset', id: `field-${prefix}`, tabindex: '-1' },
    h('legend', { class: 'ds-heading', 'data-size': 'xs', text: legend }), list, add);
  return {
    node,
    values: () => { read(); return rows.filter((c) => c.name || c.role || c.email || c.phone); },
  };
}
