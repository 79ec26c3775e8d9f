// seed-data.test.mjs: the demo data true to the published lists, on the real stack, and the order of
// names. IMDi's 2021 list of recipients (tests/fixtures/imdi-2021.tsv, transcribed row by row) is
// exactly what GET /api/v1/recipients gives once the demo is loaded; the 2024 recipients of the scheme
// for municipalities and county councils are imported without amounts, shown as «beløp ikke oppgitt»
// in JSON, CSV and statistics, whose sums count the known amounts and say how many are unknown; the
// importer reads the scheme column, empty amounts and the markers, and refuses an unknown scheme or a
// goal of the wrong kind; lists are in Norwegian order (æ, ø, å after z; "aa" is two a's), through
// the API and in the pages' own sorting (web/src/js/lib/collate.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startStack, ROOT } from '../lib/stack.mjs';
import { Client, loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';
import { insertCall } from '../lib/apps.mjs';
import { compareNb, sortNb } from '../../web/src/js/lib/collate.js';

let stack, anon;
before(async () => {
  stack = await startStack({ workers: 2 });
  anon = new Client(stack);
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

/** The fixture's rows: [organisation, title, amount in kroner]. */
async function fixture(name) {
  const text = await readFile(path.join(ROOT, 'tests/fixtures', name), 'utf8');
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const [organisation, title, amount] = l.split('\t');
    return [organisation, title, Number(amount.replace(/\s/g, ''))];
  });
}

const key = ([o, t, a]) => `${o}\t${t}\t${a}`;

test('every row of IMDi\'s published 2021 list is what the recipients API gives, and nothing else', async () => {
  const want = await fixture('imdi-2021.tsv');
  assert.equal(want.length, 90);
  const r = await anon.get('/api/v1/recipients?tenant=imdi&year=2021');
  assert.equal(r.status, 200, r.text);
  const got = r.json.items.map((x) => [x.organisation, x.title, x.amount]);
  // row by row: each row of the list once, as many times as the list has it
  const left = new Map();
  for (const row of got) left.set(key(row), (left.get(key(row)) || 0) + 1);
  for (const row of want) {
    const n = left.get(key(row)) || 0;
    assert.ok(n > 0, `the list's row is missing or different in the API: ${key(row)}`);
    left.set(key(row), n - 1);
  }
  const extra = [...left].filter(([, n]) => n > 0).map(([k]) => k);
  assert.deepEqual(extra, [], 'rows the list does not have');
  assert.equal(r.json.count, want.length);
  assert.equal(r.json.total, want.reduce((s, [, , a]) => s + a, 0));
  assert.equal(r.json.amounts_unknown, 0);
  assert.ok(r.json.items.every((x) => x.scheme === 'frivillig-integrering'));
  // the row that was wrong: the project is "… Del 2", and the amount 480 000
  assert.ok(got.some(([o, t, a]) => o === 'Modernisering' && t === 'Hjelp til selv-integrering - Del 2' && a === 480000));
});

test('the 2024 recipients of the scheme for municipalities and county councils: no amounts, and the sums say so', async () => {
  const r = await anon.get('/api/v1/recipients?tenant=imdi&year=2024');
  assert.equal(r.status, 200, r.text);
  const ours = r.json.items.filter((x) => x.scheme === 'kvalifisering-kommuner');
  assert.equal(ours.length, 58);
  assert.ok(ours.every((x) => x.amount === null && x.scheme_name === 'Tilskudd til utvikling av kvalifiserings- og integreringstiltak'));
  assert.ok(ours.every((x) => ['1', '2', '4', '5'].includes(x.sub_goals)), 'each under a priority area');
  assert.ok(ours.some((x) => x.organisation === 'TRØNDELAG FYLKESKOMMUNE' && x.title === 'Velkomstilbud - Trøndelag' && x.sub_goals === '4'));
  assert.ok(ours.some((x) => x.organisation === 'Birkenes kommune' && x.title.startsWith('Strategier for språklæring')));
  assert.equal(r.json.amounts_unknown, r.json.items.filter((x) => x.amount === null).length);
  assert.equal(r.json.total, r.json.items.reduce((s, x) => s + (x.amount ?? 0), 0));

  const csv = await anon.get('/api/v1/recipients.csv?tenant=imdi&year=2024');
  assert.equal(csv.status, 200);
  assert.match(csv.text, /"Mottaker";"Organisasjonsnummer";"Prosjekt";"Beløp i kroner";"Delmål";"Ordning"/);
  assert.ok(csv.text.includes('"TRØNDELAG FYLKESKOMMUNE";"";"Velkomstilbud - Trøndelag";"beløp ikke oppgitt";"4";"Tilskudd til utvikling av kvalifiserings- og integreringstiltak"'), csv.text.slice(0, 600));
  assert.ok(csv.text.includes(`"Sum av oppgitte beløp";"";"${r.json.amounts_unknown} tildelinger med beløp ikke oppgitt";${r.json.total};`));

  const st = (await anon.get('/api/v1/statistics?tenant=imdi&year=2024')).json;
  assert.equal(st.rows.length, 1);
  assert.equal(st.rows[0].amounts_unknown, r.json.amounts_unknown);
  assert.equal(st.rows[0].applications_granted, r.json.count);
  assert.equal(st.rows[0].amount_granted, r.json.total);
  assert.equal(st.rows[0].unused, null, 'unused funds are not known while some amount granted is not');
  assert.equal(st.totals.amounts_unknown, r.json.amounts_unknown);
  const nat = (await anon.get('/api/v1/statistics')).json;
  assert.equal(nat.totals.amounts_unknown, nat.rows.reduce((s, x) => s + x.amounts_unknown, 0));
  const sc = await anon.get('/api/v1/statistics.csv?tenant=imdi&year=2024');
  assert.match(sc.text, /"… av dem uten IMDis samtykke";"Tildelinger med beløp ikke oppgitt"\r\n/);
  assert.ok(sc.text.includes(`;${r.json.amounts_unknown}\r\n`), sc.text);
});

test('the importer: a scheme column, amounts not given (empty or a marker), goals of the scheme\'s kind; all or nothing', async () => {
  const imdi = await loginAs(stack, 'admin@imdi.demo');
  const send = (text) => imdi.req('POST', '/api/v1/tenants/imdi/imports', text, { 'content-type': 'text/csv' });
  const head = 'forvalter;år;ordning;mottaker;prosjekt;beløp;delmål';
  const good = [head,
    'imdi;2016;kvalifisering-kommuner;Hamar kommune;Velkommen til Hamar;;4',
    'imdi;2016;kvalifisering-kommuner;Hamar kommune;Velkommen til Hamar;;4',
    'imdi;2016;kvalifisering-kommuner;Gjøvik kommune;Språkløft;Ikke oppgitt;1',
    'imdi;2016;;Frivillig Forening;Leksehjelp;"50 000";B',
    'imdi;2016;frivillig-integrering;Frivillig Forening;Språkkafé;ukjent;A'].join('\n');
  const count = async () => Number((await stack.sql('SELECT COUNT(*) FROM historical_grants WHERE year = 2016'))[0][0]);
  // an unknown scheme, a sub-goal in the public scheme, a priority area in the voluntary one, a short row
  const bad = await send(`${good}\nimdi;2016;atlantis;X;Y;1 000;\nimdi;2016;kvalifisering-kommuner;X;Y;;A\nimdi;2016;;X;Y;;4\nimdi;2016;;X;Y`);
  const p = checkProblem(bad, 422, 'lines[7].scheme');
  for (const f of ['lines[8].sub_goal', 'lines[9].sub_goal', 'lines[10].amount']) assert.ok(p.errors.some((e) => e.field === f), `${f}: ${bad.text}`);
  assert.equal(await count(), 0, 'nothing imported');
  const first = await send(good);
  assert.equal(first.status, 200, first.text);
  check('/api/v1/tenants/{slug}/imports', 'post', 200, first.headers.get('content-type'), first.json);
  assert.deepEqual([first.json.rows, first.json.imported, first.json.total, first.json.amounts_unknown], [5, 5, 50000, 4]);
  const rows = await stack.sql(`SELECT h.organisation, h.title, h.amount, h.sub_goal, s.code FROM historical_grants h
    JOIN schemes s ON s.id = h.scheme_id WHERE h.year = 2016 ORDER BY h.id`);
  assert.deepEqual(rows.map((x) => [x[2], x[3], x[4]]), [[null, '4', 'kvalifisering-kommuner'], [null, '4', 'kvalifisering-kommuner'],
    [null, '1', 'kvalifisering-kommuner'], ['50000', 'B', 'frivillig-integrering'], [null, 'A', 'frivillig-integrering']]);
  const again = await send(good);
  assert.deepEqual([again.json.imported, again.json.unchanged], [0, 5]);
  // the command line says how many rows have no amount
  const file = path.join(stack.dir, 'kommuner.csv');
  await writeFile(file, `${head}\nimdi;2016;kvalifisering-kommuner;Hamar kommune;Velkommen til Hamar;;4\n`);
  const out = await stack.ctl('import', file);
  assert.match(out.stdout, /1 rows without an amount/);
  assert.equal(await count(), 5);
});

// names in the order people look for them: aa is two a's, æ ø å come after z
const NAMES = ['Ålesund Frivilligsentral', 'Ørland Idrettslag', 'Bærum Røde Kors', 'Arendal Forening', 'Aasen Venner',
  'Zeta Forening', 'Somå Lag', 'Soomaali Ururka', 'Bodø Kor', 'Øvre Eiker Lag'];
const ORDER = ['Aasen Venner', 'Arendal Forening', 'Bodø Kor', 'Bærum Røde Kors', 'Somå Lag', 'Soomaali Ururka', 'Zeta Forening',
  'Ørland Idrettslag', 'Øvre Eiker Lag', 'Ålesund Frivilligsentral'];

test('the pages\' sorting: Norwegian order, and aa is not å', () => {
  assert.deepEqual(sortNb(NAMES), ORDER);
  assert.deepEqual(sortNb(NAMES.map((n) => ({ n })), (x) => x.n).map((x) => x.n), ORDER);
  assert.ok(compareNb('Haakon', 'Håkon') < 0 && compareNb('Hz', 'Håkon') < 0 && compareNb('Ødegård', 'Ål') < 0);
});

test('the API\'s lists are in Norwegian order: tenants, recipients, published years, statistics', async () => {
  const tenants = (await anon.get('/api/v1/tenants')).json;
  const names = (tenants.items || tenants).map((t) => t.name);
  assert.match(names[0], /IMDi|Integrerings/);
  const munis = names.slice(1).map((n) => n.replace(/ kommune$/, ''));
  assert.deepEqual(munis, ['Arendal', 'Bergen', 'Bodø', 'Bærum', 'Drammen', 'Fredrikstad', 'Gjøvik', 'Hamar', 'Kristiansand',
    'Lillestrøm', 'Oslo', 'Sandefjord', 'Sandnes', 'Sarpsborg', 'Skien', 'Stavanger', 'Tromsø', 'Trondheim', 'Tønsberg', 'Ålesund']);
  assert.deepEqual(sortNb(names.slice(1)), names.slice(1), 'the pages and the API agree');

  const imdi = await loginAs(stack, 'admin@imdi.demo');
  const csv = ['forvalter;år;mottaker;prosjekt;beløp', ...NAMES.map((n, i) => `imdi;2017;${n};Prosjekt;${(i + 1) * 1000}`)].join('\n');
  const r = await imdi.req('POST', '/api/v1/tenants/imdi/imports', csv, { 'content-type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  await (await loginAs(stack, 'beslutter@imdi.demo')).post('/api/v1/tenants/imdi/published-years', { year: 2017 });
  const rec = (await anon.get('/api/v1/recipients?tenant=imdi&year=2017')).json;
  assert.deepEqual(rec.items.map((x) => x.organisation), ORDER);
  // the 2021 list too: the API's order is the pages' order
  const y2021 = (await anon.get('/api/v1/recipients?tenant=imdi&year=2021')).json.items.map((x) => x.organisation);
  assert.deepEqual(sortNb(y2021), y2021);

  // the national statistics: IMDi first, then the municipalities in Norwegian order
  await stack.sql(`INSERT IGNORE INTO published_years (tenant_id, year) SELECT id, 2017 FROM tenants WHERE slug IN ('alesund', 'baerum', 'arendal', 'bodo')`);
  const st = (await anon.get('/api/v1/statistics?year=2017')).json.rows.map((x) => x.tenant);
  assert.deepEqual(st, ['imdi', 'arendal', 'bodo', 'baerum', 'alesund']);
});

/** A valid organisation number from 8 digits (modulus 11, weights 3 2 7 6 5 4 3 2), or null. */
function orgnr(eight) {
  const w = [3, 2, 7, 6, 5, 4, 3, 2];
  const r = 11 - ([...eight].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11);
  if (r === 10) return null;
  return eight + (r === 11 ? '0' : String(r));
}

test('the inbox sorted by organisation or title is in Norwegian order, both ways', async () => {
  const call = await insertCall(stack, 'bergen', {});
  let n = 0;
  for (const [i, name] of NAMES.entries()) {
    let nr = null;
    while (!nr) nr = orgnr(String(91000000 + (n++)));
    await stack.sql(`INSERT INTO organisations (orgnr, name, municipality, kind, volunteer_register) VALUES ('${nr}', '${name}', 'Bergen', 'voluntary', 1)`);
    await stack.sql(`INSERT INTO applications (org_id, call_id, tenant_id, status, title, applied_amount, data, created_by, updated_by, reference, submitted_at, sub_goals)
      SELECT o.id, ${call.id}, c.tenant_id, 'submitted', '${name}', 10000, '{}', 1, 1, 'NBS-${call.year}-${i}', UTC_TIMESTAMP(), 'A'
      FROM organisations o, calls c WHERE o.orgnr = '${nr}' AND c.id = ${call.id}`);
  }
  const staff = await loginAs(stack, 'saksbehandler@bergen.demo');
  const list = async (sort) => (await staff.get(`/api/v1/tenants/bergen/applications?call=${call.id}&sort=${sort}`)).json.items;
  assert.deepEqual((await list('organisation')).map((x) => x.organisation), ORDER);
  assert.deepEqual((await list('-organisation')).map((x) => x.organisation), ORDER.slice().reverse());
  assert.deepEqual((await list('title')).map((x) => x.title), ORDER);
});
