// import.js: IMDi's national admins import past grants from a CSV file (/import.html):
// POST text/csv to /api/v1/tenants/imdi/imports. All or nothing: the answer is either the counts
// (rows, imported, unchanged, total) or a 422 naming every faulty row as lines[N].column, shown as a
// table of line, column and fault. Anyone else sees a message saying who the page is for.

import { ApiError, apiSend, describeError, answerLost } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { formatKroner, formatNumber } from './lib/format.js';
import { alertBox, alertBoxAt, setLoading } from './lib/ui.js';
import { renderHeader } from './lib/header.js';
import { currentUser } from './lib/session.js';

const MAX_BYTES = 1024 * 1024; // what nginx accepts for an API request body

const COLUMNS = {
  tenant: 'forvalter', year: 'år', orgnr: 'organisasjonsnummer', organisation: 'mottaker', title: 'prosjekt',
  amount: 'beløp', sub_goal: 'delmål', file: 'hele filen', line: 'hele linjen',
};

function fieldMessage(id, text) {
  const el = byId(`${id}-error`);
  const input = byId(id);
  el.textContent = text || '';
  el.hidden = !text;
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/** "lines[12].amount" -> { line: 12, column: "amount" } */
function parseField(field) {
  const m = /^lines\[(\d+)\]\.(\w+)$/.exec(String(field || ''));
  return m ? { line: Number(m[1]), column: m[2] } : { line: 0, column: String(field || 'file') };
}

function showResult(node, focus = true) {
  const result = byId('result');
  replaceChildren(result, node);
  if (focus) result.focus();
}

function success(body) {
  const fig = (testid, label, value) => [h('dt', { text: label }), h('dd', { 'data-testid': testid, text: value })];
  const nothingNew = body.imported === 0;
  return h('div', { class: 'ds-alert', 'data-color': 'success', 'data-testid': 'import-result' },
    h('h2', { class: 'ds-heading', 'data-size': 'xs', text: nothingNew ? 'Ingen nye tildelinger – alt fantes fra før' : 'Filen er importert' }),
    h('dl', { class: 'portal-facts ds-paragraph' },
      fig('import-rows', 'Rader i filen', formatNumber(body.rows)),
      fig('import-imported', 'Nye tildelinger lagt inn', formatNumber(body.imported)),
      fig('import-unchanged', 'Uendret (fantes fra før)', formatNumber(body.unchanged)),
      fig('import-total', body.amounts_unknown ? 'Sum av de oppgitte beløpene i filen' : 'Sum av beløpene i filen', formatKroner(body.total)),
      body.amounts_unknown ? fig('import-unknown', 'Rader med beløp ikke oppgitt', formatNumber(body.amounts_unknown)) : []),
    h('p', { class: 'ds-paragraph' }, 'Tildelingene vises på ',
      h('a', { class: 'ds-link', href: '/mottakere.html', text: 'siden for tilskuddsmottakere' }), ' og i ',
      h('a', { class: 'ds-link', href: '/statistikk.html', text: 'statistikken' }), ' for år som er publisert.'));
}

function failure(err) {
  const errors = err.problem && Array.isArray(err.problem.errors) ? err.problem.errors : [];
  if (!errors.length) {
    // a lost answer may hide an import that went through: importing the same file again changes nothing
    return alertBox('danger', 'Filen ble ikke importert', `${describeError(err)}${answerLost(err) ? '' : ' Ingenting er lagret.'}`);
  }
  const rows = errors.map((e) => ({ ...parseField(e.field), detail: e.detail }))
    .sort((a, b) => a.line - b.line);
  const lines = new Set(rows.filter((r) => r.line > 0).map((r) => r.line)).size;
  return h('div', { class: 'ds-alert', 'data-color': 'danger', role: 'alert', 'data-testid': 'import-failed' },
    h('h2', { class: 'ds-heading', 'data-size': 'xs', text: 'Filen ble ikke importert – ingenting er lagret' }),
    h('p', { class: 'ds-paragraph', 'data-testid': 'import-failed-summary',
      text: `Vi fant ${formatNumber(rows.length)} feil${lines ? ` på ${formatNumber(lines)} ${lines === 1 ? 'linje' : 'linjer'}` : ''}. Rett dem i filen og prøv igjen; hele filen importeres først når alle radene er riktige.` }),
    h('div', { class: 'portal-table-wrap' },
      h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'import-errors' },
        h('caption', { class: 'ds-sr-only', text: 'Feil i filen, etter linjenummer' }),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', text: 'Linje' }), h('th', { scope: 'col', text: 'Felt' }), h('th', { scope: 'col', text: 'Feil' }))),
        h('tbody', {}, rows.map((r) => h('tr', { 'data-testid': 'import-error-row', 'data-line': r.line, 'data-column': r.column },
          h('td', { text: r.line > 0 ? String(r.line) : '–' }),
          h('td', { text: COLUMNS[r.column] || r.column }),
          h('td', { text: r.detail })))))));
}

async function readFile(file) {
  if (file.size > MAX_BYTES) throw new Error(`Filen er ${formatNumber(Math.ceil(file.size / 1024))} kB; høyst ${formatNumber(MAX_BYTES / 1024)} kB kan importeres om gangen. Del den i flere filer.`);
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('Filen er ikke lagret som UTF-8. Lagre den på nytt som «CSV UTF-8» (i Excel: Lagre som › CSV UTF-8) og velg den igjen.');
  }
}

function mountImporter() {
  const form = byId('import-form');
  const fileInput = byId('import-file');
  const text = byId('import-text');
  const busy = byId('import-busy');
  const button = form.querySelector('button[type=submit]');

  fileInput.addEventListener('change', async () => {
    fieldMessage('import-file', '');
    const file = fileInput.files && fileInput.files[0];
    if (!file) return;
    try {
      text.value = await readFile(file);
      fieldMessage('import-text', '');
    } catch (err) {
      fieldMessage('import-file', err.message);
      fileInput.value = '';
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldMessage('import-file', '');
    fieldMessage('import-text', '');
    const csv = text.value;
    if (!csv.trim()) {
      fieldMessage('import-text', 'Velg en fil eller lim inn innholdet i filen.');
      text.focus();
      return;
    }
    const blob = new Blob([csv], { type: 'text/csv' });
    if (blob.size > MAX_BYTES) {
      fieldMessage('import-text', `Innholdet er for stort: høyst ${formatNumber(MAX_BYTES / 1024)} kB kan importeres om gangen. Del filen i flere.`);
      text.focus();
      return;
    }
    button.disabled = true;
    setLoading(busy, true, 'Importerer …');
    replaceChildren(byId('result'));
    try {
      const { body } = await apiSend('POST', '/api/v1/tenants/imdi/imports', blob, { 'Content-Type': 'text/csv; charset=utf-8' });
      showResult(success(body));
    } catch (err) {
      showResult(err instanceof ApiError ? failure(err) : alertBox('danger', 'Filen ble ikke importert', describeError(err)));
    } finally {
      button.disabled = false;
      setLoading(busy, false);
    }
  });
}

async function main() {
  const gate = byId('gate');
  let user;
  try {
    user = await currentUser();
  } catch (err) {
    replaceChildren(gate, alertBox('danger', 'Noe gikk galt', describeError(err)));
    gate.hidden = false;
    return;
  }
  const imdi = user && user.tenants.find((t) => t.slug === 'imdi');
  if (!user) {
    const next = encodeURIComponent(window.location.pathname);
    replaceChildren(gate, alertBoxAt('h2', 'info', 'Logg inn for å importere',
      'Import av tidligere tildelinger er for IMDis nasjonale administratorer. Logg inn for å fortsette.',
      h('a', { class: 'ds-link', href: `/logg-inn.html?next=${next}`, 'data-testid': 'import-login', text: 'Logg inn' })));
    gate.hidden = false;
    return;
  }
  if (!imdi || !imdi.roles.includes('national_admin')) {
    replaceChildren(gate, alertBoxAt('h2', 'warning', 'Du har ikke tilgang til importen',
      'Bare IMDis nasjonale administratorer kan importere tidligere tildelinger. Ta kontakt med IMDi om du mener du skal ha tilgang.',
      h('a', { class: 'ds-link', href: '/mottakere.html', text: 'Se tilskuddsmottakere' })));
    gate.hidden = false;
    return;
  }
  byId('importer').hidden = false;
  mountImporter();
}

renderHeader();
main();
