// hardening-uploads.test.mjs: attachments are recognised by their structure, not their first bytes
// (files that only start like an allowed type get 415 and nothing is stored); stored names are
// cleaned of control and bidirectional characters and carry the recognised type's extension, in
// the answer, the list, the download and the signed copy (also for rows stored before the rule);
// and the quotas: open drafts per organisation and call, and attachment storage per organisation,
// each refused with a 422 naming the field and the limit, and never passed by concurrent requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { loginAs } from '../lib/client.mjs';
import { checkProblem } from '../lib/openapi.mjs';
import { validDraft, files, insertCall } from '../lib/apps.mjs';

const DRAFTS = 3, STORAGE_MIB = 1;
let stack, leader, orgId;
before(async () => {
  stack = await startStack({ workers: 4, env: { DRAFTS_PER_CALL: String(DRAFTS), ORG_STORAGE_MIB: String(STORAGE_MIB) } });
  leader = await loginAs(stack, 'leder@frivillig.demo');
  [[orgId]] = await stack.sql("SELECT id FROM organisations WHERE orgnr = '987654325'");
}, { timeout: 120000 });
after(async () => { if (stack) await stack.stop(); });

const count = async (table, where = '1') => Number((await stack.sql(`SELECT COUNT(*) FROM ${table} WHERE ${where}`))[0][0]);
const newDraft = (callId, org = orgId) => leader.post(`/api/v1/organisations/${org}/applications`, { call_id: callId });
const upload = (appId, buf, filename = 'fil', kind = 'other') => leader.req('POST',
  `/api/v1/applications/${appId}/attachments?kind=${kind}&filename=${encodeURIComponent(filename)}`, buf,
  { 'content-type': 'application/octet-stream' });
const used = async (org) => Number((await stack.sql(`SELECT COALESCE(SUM(t.size), 0) FROM attachments t
  JOIN applications a ON a.id = t.application_id WHERE a.org_id = ${org}`))[0][0]);

/** A second organisation with the demo leader as its admin and signer (made in the database). */
async function secondOrg() {
  const orgnr = '9' + String(Date.now() % 1e6).padStart(6, '0');
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  for (let last = 0; last < 10; last++) {
    const base = orgnr + last, sum = weights.reduce((s, w, i) => s + w * Number(base[i]), 0), check = 11 - (sum % 11);
    if (check === 10) continue;
    const nr = base + (check === 11 ? 0 : check);
    await stack.sql(`INSERT INTO organisations (orgnr, name, municipality, kind, volunteer_register, volunteer_since)
      VALUES ('${nr}', 'Andre Forening ${nr}', 'Oslo', 'voluntary', 1, '2020-01-01')`);
    const [[id]] = await stack.sql(`SELECT id FROM organisations WHERE orgnr = '${nr}'`);
    await stack.sql(`INSERT INTO org_members (org_id, user_id, role) SELECT ${id}, u.id, r.role FROM users u,
      (SELECT 'admin' AS role UNION SELECT 'signer') r WHERE u.email = 'leder@frivillig.demo'`);
    return Number(id);
  }
  throw new Error('no organisation number');
}

/** Removes the organisation's attachments again, so each test starts from the demo data's usage. */
async function freeStorage(org, keepBelow) {
  await stack.sql(`DELETE t FROM attachments t JOIN applications a ON a.id = t.application_id
    WHERE a.org_id = ${org} AND t.id > ${keepBelow}`);
}

test('types by structure: each allowed type is stored as itself; files that only start like one get 415 and nothing is stored', async () => {
  const call = await insertCall(stack, 'oslo', {});
  const app = (await newDraft(call.id)).json.id;
  const [[maxId]] = await stack.sql('SELECT COALESCE(MAX(id), 0) FROM attachments');
  for (const [name, type] of [['pdf', 'application/pdf'], ['png', 'image/png'], ['jpeg', 'image/jpeg'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['odt', 'application/vnd.oasis.opendocument.text'], ['ods', 'application/vnd.oasis.opendocument.spreadsheet']]) {
    const r = await upload(app, files[name], `vedlegg.${name}`);
    assert.equal(r.status, 201, `${name}: ${r.text}`);
    assert.equal(r.json.content_type, type);
  }
  const before = await count('attachments');
  for (const [name, buf] of Object.entries(files.fakes)) {
    const p = checkProblem(await upload(app, buf, `${name}.pdf`), 415, 'file');
    assert.equal(p.type, 'https://tilskudd.example/problems/unsupported-media-type', name);
  }
  for (const bad of ['exe', 'html', 'zipOther']) checkProblem(await upload(app, files[bad]), 415, 'file');
  assert.equal(await count('attachments'), before, 'nothing stored');
  await freeStorage(orgId, maxId);
});

test('names: a PDF sent as poly.html is stored and downloaded as poly.pdf with the PDF type; control and bidi characters are cleaned out', async () => {
  const call = await insertCall(stack, 'oslo', {});
  const app = (await newDraft(call.id)).json.id;
  const [[maxId]] = await stack.sql('SELECT COALESCE(MAX(id), 0) FROM attachments');
  const cases = [
    [files.pdf, 'poly.html', 'poly.pdf'],
    [files.pdf, 'budsjett.PDF', 'budsjett.PDF'],
    [files.jpeg, 'faktura\u202Egpj.exe', 'fakturagpj.jpg'],      // shows as "fakturaexe.jpg" with the override
    [files.png, 'a\u200Eb\u2067c\u2069\t\u0085.png', 'abc.png'], // (C0 controls but tab: 400 from the query parser)
    [files.docx, 'søknad', 'søknad.docx'],
    [files.xlsx, '\u202E', 'vedlegg.xlsx'],
  ];
  for (const [buf, given, stored] of cases) {
    const r = await upload(app, buf, given);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.filename, stored, given);
  }
  const [[rawName]] = await stack.sql(`SELECT filename FROM attachments WHERE application_id = ${app} AND filename LIKE 'faktura%'`);
  assert.equal(rawName, 'fakturagpj.jpg', 'stored cleaned, not only shown cleaned');
  // refused as before: not UTF-8, a path, too long
  checkProblem(await leader.req('POST', `/api/v1/applications/${app}/attachments?kind=other&filename=%FF.pdf`, files.pdf), 400, 'filename');
  checkProblem(await upload(app, files.pdf, '../etc/passwd'), 400, 'filename');
  checkProblem(await upload(app, files.pdf, 'x'.repeat(201)), 400, 'filename');
  assert.equal((await upload(app, files.pdf, 'æ'.repeat(200))).json.filename, 'æ'.repeat(196) + '.pdf');

  const list = (await leader.get(`/api/v1/applications/${app}/attachments`)).json.items;
  assert.deepEqual(list.slice(0, cases.length).map((a) => a.filename), cases.map((c) => c[2]));
  const poly = list.find((a) => a.filename === 'poly.pdf');
  const dl = await leader.get(`/api/v1/applications/${app}/attachments/${poly.id}`);
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('content-type'), 'application/pdf');
  assert.equal(dl.headers.get('content-disposition'), 'attachment; filename="vedlegg.pdf"; filename*=UTF-8\'\'poly.pdf');
  assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
  const jpg = list.find((a) => a.content_type === 'image/jpeg');
  assert.equal((await leader.get(`/api/v1/applications/${app}/attachments/${jpg.id}`)).headers.get('content-disposition'),
    'attachment; filename="vedlegg.jpg"; filename*=UTF-8\'\'fakturagpj.jpg');

  // a row stored before the rule is listed, downloaded and signed by the same rule
  await stack.sql(`INSERT INTO attachments (application_id, kind, filename, content_type, size, sha256, content, created_by)
    SELECT ${app}, 'other', CONCAT('gammel', CHAR(0xE280AE USING utf8mb4), '.html'), 'application/pdf', LENGTH(x.b), UNHEX(SHA2(x.b, 256)), x.b, u.id
    FROM (SELECT '%PDF-1.4\\nold\\n' AS b) x, users u WHERE u.email = 'leder@frivillig.demo'`);
  const old = (await leader.get(`/api/v1/applications/${app}/attachments`)).json.items.find((a) => a.filename.startsWith('gammel'));
  assert.equal(old.filename, 'gammel.pdf');
  assert.match((await leader.get(`/api/v1/applications/${app}/attachments/${old.id}`)).headers.get('content-disposition'), /filename\*=UTF-8''gammel\.pdf$/);
  const put = await leader.req('PUT', `/api/v1/applications/${app}`, validDraft({ startYear: call.year }), { 'if-match': '"v1"' });
  assert.equal(put.status, 200, put.text);
  assert.equal((await leader.post(`/api/v1/applications/${app}/submit`, {})).status, 201);
  const receipt = (await leader.get(`/api/v1/applications/${app}/receipt`)).json;
  assert.ok(receipt.attachments.some((a) => a.filename === 'gammel.pdf'), JSON.stringify(receipt.attachments));
  assert.ok(receipt.attachments.every((a) => !/[\u202A-\u202E\u2066-\u2069\u200E\u200F]|\.html$/.test(a.filename)));
  await freeStorage(orgId, maxId);
});

test('open drafts per organisation and call: past the quota 422 names call_id and the limit; concurrent creations never pass it; a submitted draft frees its place', async () => {
  const call = await insertCall(stack, 'oslo', {});
  const ids = [];
  for (let i = 0; i < DRAFTS; i++) {
    const r = await newDraft(call.id);
    assert.equal(r.status, 201, r.text);
    ids.push(r.json.id);
  }
  const before = await count('applications');
  const p = checkProblem(await newDraft(call.id), 422, 'call_id');
  assert.equal(p.type, 'https://tilskudd.example/problems/draft-limit');
  assert.equal(p.limit, DRAFTS);
  assert.match(p.detail, new RegExp(`${DRAFTS} utkast`));
  assert.equal(await count('applications'), before, 'nothing written');

  // another call, and another organisation on the same call, have their own quota
  assert.equal((await newDraft((await insertCall(stack, 'oslo', {})).id)).status, 201);
  const other = await secondOrg();
  assert.equal((await newDraft(call.id, other)).status, 201);

  // submitting one of the drafts frees its place
  const put = await leader.req('PUT', `/api/v1/applications/${ids[0]}`, validDraft({ startYear: call.year }), { 'if-match': '"v1"' });
  assert.equal(put.status, 200, put.text);
  assert.equal((await leader.post(`/api/v1/applications/${ids[0]}/submit`, {})).status, 201);
  assert.equal((await newDraft(call.id)).status, 201);
  checkProblem(await newDraft(call.id), 422, 'call_id');

  // twelve at once on a fresh call: exactly the quota is created
  const fresh = await insertCall(stack, 'oslo', {});
  const all = await Promise.all(Array.from({ length: 12 }, () => newDraft(fresh.id)));
  assert.equal(all.filter((r) => r.status === 201).length, DRAFTS, all.map((r) => r.status).join());
  for (const r of all.filter((x) => x.status !== 201)) checkProblem(r, 422, 'call_id');
  assert.equal(await count('applications', `call_id = ${fresh.id} AND org_id = ${orgId}`), DRAFTS);
});

test('storage per organisation: an upload past the quota gets 422 naming file and the limit, across its applications; removing frees it; concurrent uploads never pass it', async () => {
  const limit = STORAGE_MIB * 1024 * 1024;
  const [[maxId]] = await stack.sql('SELECT COALESCE(MAX(id), 0) FROM attachments');
  const a = (await newDraft((await insertCall(stack, 'oslo', {})).id)).json.id;
  const b = (await newDraft((await insertCall(stack, 'bergen', {})).id)).json.id;
  const room = limit - await used(orgId);
  assert.ok(room > 100000, `the demo organisation uses ${limit - room} bytes`);

  // exactly up to the limit fits, one byte more does not, on another application of the organisation
  const first = await upload(a, files.pdfOfSize(room - 1000), 'stor.pdf');
  assert.equal(first.status, 201, first.text);
  assert.equal((await upload(b, files.pdfOfSize(1000), 'rest.pdf')).status, 201);
  const before = await count('attachments');
  const p = checkProblem(await upload(b, files.pdf, 'en-til.pdf'), 422, 'file');
  assert.equal(p.type, 'https://tilskudd.example/problems/storage-limit');
  assert.equal(p.limit, limit);
  assert.match(p.detail, /1 MiB/);
  assert.equal(await count('attachments'), before, 'nothing stored');
  assert.equal(await used(orgId), limit);

  // another organisation is not affected
  const other = await secondOrg();
  const c = (await newDraft((await insertCall(stack, 'oslo', {})).id, other)).json.id;
  assert.equal((await upload(c, files.pdf)).status, 201);

  // removing an attachment frees its bytes
  assert.equal((await leader.del(`/api/v1/applications/${a}/attachments/${first.json.id}`)).status, 204);
  assert.equal((await upload(b, files.pdfOfSize(200000))).status, 201);

  // eight uploads at once, each fitting alone, two fitting together: exactly two are stored
  await freeStorage(orgId, maxId);
  const each = Math.floor((limit - await used(orgId)) / 2) - 10;
  const all = await Promise.all(Array.from({ length: 8 }, (_, i) => upload(i % 2 ? a : b, files.pdfOfSize(each), `del-${i}.pdf`)));
  assert.equal(all.filter((r) => r.status === 201).length, 2, all.map((r) => r.status).join());
  for (const r of all.filter((x) => x.status !== 201)) checkProblem(r, 422, 'file');
  assert.ok(await used(orgId) <= limit);
  await freeStorage(orgId, maxId);
});
