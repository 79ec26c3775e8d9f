// schemes.test.mjs: the three schemes, each tried end to end on the real stack. The voluntary
// scheme: public bodies refused, one year only, the budget as a file or in the form, national reach
// for a national call, most members in the municipality, and the audit threshold over the
// organisation's grants of the year. Operating support: immigrant organisations of the municipality
// only, once a year, members, activities and the last annual accounts, no project budget, one term.
// The public scheme: municipalities and county councils, area 4 for county councils only, at least
// ten participants, own contribution, partners of a joint application, two terms on the call's
// dates (a date passed at acceptance falls due at once), and the status report in the letter.
// Each walked apply → decide → letter → accept → pay → report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from '../lib/stack.mjs';
import { loginAs } from '../lib/client.mjs';
import { check, checkProblem } from '../lib/openapi.mjs';
import { validDraft, files, insertCall } from '../lib/apps.mjs';

let stack;
const staff = {};
const applicants = {};
const orgs = {};
before(async () => {
  stack = await startStack({ workers: 2 });
  for (const slug of ['imdi', 'bergen', 'lillestrom', 'oslo']) {
    staff[slug] = { cw: await loginAs(stack, `saksbehandler@${slug}.demo`), dm: await loginAs(stack, `beslutter@${slug}.demo`) };
  }
  for (const [key, email, orgnr] of [['municipality', 'kommunedirektor@bergen-kommune.demo', '964338531'],
    ['county', 'prosjektleder@trondelag-fylke.demo', '817920632'], ['immigrant', 'leder@bergenforum.demo', '913580249'],
    ['voluntary', 'leder@sprakvenn.demo', '918518525'], ['lillestrom', 'leder@lillestromfrivillige.demo', '916049382']]) {
    applicants[key] = await loginAs(stack, email);
    [[orgs[key]]] = await stack.sql(`SELECT id FROM organisations WHERE orgnr = '${orgnr}'`);
  }
}, { timeout: 180000 });
after(async () => { if (stack) await stack.stop(); });

const ok = (r, status = 200) => { assert.equal(r.status, status, r.text); return r.json; };
const staffUrl = (slug, id) => `/api/v1/tenants/${slug}/applications/${id}`;
let nextYear = 2070;

/** A call of scheme (code) for tenant slug with the rules given as columns; returns { id, year }. */
async function schemeCall(slug, scheme, rules) {
  const { id, year } = await insertCall(stack, slug, { year: nextYear++ });
  const sets = Object.entries(rules).map(([k, v]) => `${k} = ${v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : v}`);
  await stack.sql(`UPDATE calls SET scheme_id = (SELECT id FROM schemes WHERE code = '${scheme}'), budget_frame = 50000000${sets.length ? ', ' + sets.join(', ') : ''} WHERE id = ${id}`);
  return { id, year };
}

/** A draft of the applicant's organisation for call, saved with data; attachments [[kind, name]]. */
async function draft(who, call, data, attachments = []) {
  const c = ok(await applicants[who].post(`/api/v1/organisations/${orgs[who]}/applications`, { call_id: call.id }), 201);
  ok(await applicants[who].req('PUT', `/api/v1/applications/${c.id}`, data, { 'if-match': '"v1"' }));
  for (const [kind, name] of attachments) {
    ok(await applicants[who].req('POST', `/api/v1/applications/${c.id}/attachments?kind=${kind}&filename=${name}`, files.pdf, { 'content-type': 'application/pdf' }), 201);
  }
  return c.id;
}

/** Submits, answering the receipt's reference; or the problem's fields when refused. */
async function submit(who, id) {
  const r = await applicants[who].post(`/api/v1/applications/${id}/submit`);
  if (r.status === 201) return r.json.reference;
  return checkProblem(r, 422).errors;
}
const fields = (errors) => (Array.isArray(errors) ? errors.map((e) => e.field) : []);
const detail = (errors, field) => errors.find((e) => e.field === field)?.detail;

/** Decided by the tenant's staff (impartial, reviewed, recommended), the letter sent; returns the letter. */
async function grantedWithLetter(slug, id, amount) {
  const { cw, dm } = staff[slug];
  for (const c of [cw, dm]) ok(await c.post(`${staffUrl(slug, id)}/impartiality`, { impartial: true }));
  ok(await cw.post(`${staffUrl(slug, id)}/review`));
  ok(await cw.post(`${staffUrl(slug, id)}/recommend`, { amount, reasons: 'Innstilling' }));
  ok(await dm.post(`${staffUrl(slug, id)}/decide`, { outcome: 'grant', amount }));
  const sent = await cw.post(`${staffUrl(slug, id)}/letter`, {});
  assert.equal(sent.status, 200, sent.text);
  check('/api/v1/tenants/{slug}/applications/{app_id}/letter', 'post', 200, sent.headers.get('content-type'), sent.json);
  return sent.json.letter;
}

/** Accepted, every term paid, the report filed; returns the payments as the applicant sees them. */
async function acceptPayReport(who, slug, id, extra = []) {
  const app = applicants[who];
  assert.equal(ok(await app.post(`/api/v1/applications/${id}/accept`, { accept: true })).status, 'accepted');
  const view = ok(await app.get(`/api/v1/applications/${id}/case`));
  for (const p of view.payments) ok(await staff[slug].cw.post(`${staffUrl(slug, id)}/payments`, { term: p.term }));
  for (const [kind, name] of extra) {
    ok(await app.req('POST', `/api/v1/applications/${id}/attachments?kind=${kind}&filename=${name}`, files.pdf, { 'content-type': 'application/pdf' }), 201);
  }
  const report = { goals_reached: 'Målene er nådd.', participants: 25, activities: 'Samlinger hver uke', accounts: [{ item: 'Drift', budget: 10000, actual: 10000 }], unused: 0 };
  const filed = await app.req('PUT', `/api/v1/applications/${id}/report`, report);
  assert.equal(filed.status, 200, filed.text);
  assert.equal(filed.json.status, 'report_received');
  assert.equal(ok(await staff[slug].cw.post(`${staffUrl(slug, id)}/report-review`, { outcome: 'approve' })).status, 'report_approved');
  return view.payments;
}

// ---- the voluntary-organisation scheme ------------------------------------------------------------

test('voluntary scheme: a municipality is refused, as public bodies cannot apply; a voluntary organisation is not', async () => {
  const call = await insertCall(stack, 'bergen', {});
  const id = await draft('municipality', call, validDraft({ municipality: 'Bergen', startYear: call.year }), [['budget', 'b.pdf']]);
  const errors = await submit('municipality', id);
  assert.ok(fields(errors).includes('organisation.kind'), JSON.stringify(errors));
  assert.match(detail(errors, 'organisation.kind'), /ikke åpen for kommuner/);
  assert.equal(Number((await stack.sql(`SELECT COUNT(*) FROM applications WHERE id = ${id} AND status = 'draft'`))[0][0]), 1);
});

test('voluntary scheme: one year only; the budget as a file or in the form; national reach for a national call', async () => {
  const call = await insertCall(stack, 'oslo', {});
  // two years where the call gives one
  const two = await draft('voluntary', call, { ...validDraft({ startYear: call.year }), period: { start_year: call.year, years: 2 } });
  assert.match(detail(await submit('voluntary', two), 'period.years'), /bare ett år/);
  // no budget in the form and none attached: refused; a budget file is enough
  const { budget, ...noBudget } = validDraft({ startYear: call.year });
  assert.ok(budget);
  const file = await draft('voluntary', call, noBudget);
  assert.match(detail(await submit('voluntary', file), 'budget.costs'), /skjemaet eller last det opp som vedlegg/);
  ok(await applicants.voluntary.req('POST', `/api/v1/applications/${file}/attachments?kind=budget&filename=budsjett.pdf`, files.pdf, { 'content-type': 'application/pdf' }), 201);
  assert.match(await submit('voluntary', file), /^OSL-/);
  // in the form and no file: also enough
  assert.match(await submit('voluntary', await draft('voluntary', call, validDraft({ startYear: call.year }))), /^OSL-/);
  // IMDi's national call: only for organisations that work across the country (a declared field)
  const national = await schemeCall('imdi', 'frivillig-integrering', { requires_national_reach: 1 });
  const n = await draft('voluntary', national, validDraft({ startYear: national.year }));
  assert.match(detail(await submit('voluntary', n), 'national_reach'), /landsdekkende/);
  ok(await applicants.voluntary.req('PUT', `/api/v1/applications/${n}`, { ...validDraft({ startYear: national.year }), national_reach: true }, { 'if-match': '"v2"' }));
  assert.match(await submit('voluntary', n), /^IMD-/);
});

test('voluntary scheme walked: most members in the municipality; the audit threshold over the organisation\'s grants of the year; two terms; report', async () => {
  const call = await schemeCall('lillestrom', 'frivillig-integrering', { requires_local_members: 1, audit_scope: 'org_year', requires_business_register: 1 });
  const base = validDraft({ municipality: 'Lillestrøm', startYear: call.year, amount: 60000 });
  const id = await draft('lillestrom', call, { ...base, members_total: 30, members_local: 10 });
  assert.match(detail(await submit('lillestrom', id), 'members_local'), /Hovedandelen av medlemmene må bo i Lillestrøm kommune \(10 av 30/);
  assert.ok(fields(await submit('lillestrom', await draft('lillestrom', call, base))).includes('members_total'));
  ok(await applicants.lillestrom.req('PUT', `/api/v1/applications/${id}`, { ...base, members_total: 30, members_local: 20 }, { 'if-match': '"v2"' }));
  assert.match(await submit('lillestrom', id), /^LIL-/);
  let letter = await grantedWithLetter('lillestrom', id, 60000);
  assert.deepEqual(letter.payment_plan.map((t) => t.amount), [30000, 30000]);
  assert.equal(letter.audit_required, false, '60 000 alone is under the threshold');
  await acceptPayReport('lillestrom', 'lillestrom', id);

  // a second grant the same year: 60 000 + 50 000 is over 100 000, so this one needs audited accounts
  const second = await draft('lillestrom', call, { ...validDraft({ municipality: 'Lillestrøm', startYear: call.year, amount: 50000, title: 'Leksehjelp for nye innbyggere' }), members_total: 30, members_local: 20 });
  assert.match(await submit('lillestrom', second), /^LIL-/);
  letter = await grantedWithLetter('lillestrom', second, 50000);
  assert.equal(letter.audit_required, true);
  assert.ok(letter.conditions.some((c) => /organisasjonens tilskudd fra Lillestrøm kommune i \d+ til sammen/.test(c)), letter.conditions.join('\n'));
  const app = applicants.lillestrom;
  // the case pages say what the letter says, to the caseworker and to the organisation
  assert.equal(ok(await staff.lillestrom.cw.get(staffUrl("lillestrom", second))).audit_required, true);
  assert.equal(ok(await app.get(`/api/v1/applications/${second}/case`)).audit_required, true);
  ok(await app.post(`/api/v1/applications/${second}/accept`, { accept: true }));
  for (const term of [1, 2]) ok(await staff.lillestrom.cw.post(`${staffUrl('lillestrom', second)}/payments`, { term }));
  const report = { goals_reached: 'Nådd.', participants: 20, activities: 'Leksehjelp', accounts: [{ item: 'Drift', budget: 50000, actual: 50000 }], unused: 0 };
  checkProblem(await app.req('PUT', `/api/v1/applications/${second}/report`, report), 422, 'audited_accounts');
  ok(await app.req('POST', `/api/v1/applications/${second}/attachments?kind=audited_accounts&filename=revidert.pdf`, files.pdf, { 'content-type': 'application/pdf' }), 201);
  ok(await app.req('PUT', `/api/v1/applications/${second}/report`, report));
  assert.equal(ok(await staff.lillestrom.cw.post(`${staffUrl('lillestrom', second)}/report-review`, { outcome: 'approve' })).status, 'report_approved');
});

// ---- operating support ----------------------------------------------------------------------------

const operatingRules = { support_kind: 'operating', applicant_kinds: 'immigrant', requires_local_activity: 1, one_per_org: 1, budget_rule: 'none', payment_rule: 'one_term', sub_goals: '', min_amount: 5000, max_amount: 100000 };
const operatingDraft = (extra = {}) => ({ title: 'Driftstilskudd', members_total: 140, members_local: 120, activities: 'Norskkurs, leksehjelp og kulturkvelder gjennom året.', applied_amount: 20000, other_funding_declaration: { has_other: false }, ...extra });

test('operating support: refused for an organisation that is not an immigrant organisation of the municipality, and without members, activities or accounts', async () => {
  const call = await schemeCall('bergen', 'driftstilskudd-innvandrerorganisasjoner', operatingRules);
  const other = await draft('voluntary', call, operatingDraft(), [['annual_accounts', 'regnskap.pdf']]);
  const errors = await submit('voluntary', other);
  assert.match(detail(errors, 'organisation.kind'), /ikke åpen for frivillige organisasjoner/);
  assert.match(detail(errors, 'organisation.municipality'), /Bergen kommune/);
  const empty = await draft('immigrant', call, { title: 'Driftstilskudd', budget: { costs: [{ text: 'Husleie', amount: 1000 }] } });
  const missing = fields(await submit('immigrant', empty));
  for (const f of ['members_local', 'members_total', 'activities', 'attachments.annual_accounts', 'applied_amount', 'budget']) assert.ok(missing.includes(f), `${f} in ${missing}`);
  assert.ok(!missing.includes('sub_goals') && !missing.includes('milestones'), 'no project fields');
});

test('operating support walked: members, activities and accounts; once per organisation and year; one term; report', async () => {
  const call = await schemeCall('bergen', 'driftstilskudd-innvandrerorganisasjoner', operatingRules);
  const id = await draft('immigrant', call, operatingDraft(), [['annual_accounts', 'regnskap.pdf']]);
  const ref = await submit('immigrant', id);
  assert.match(ref, /^BGO-/);
  const [[members, own, participants]] = await stack.sql(`SELECT members_local, own_contribution, participants FROM applications WHERE id = ${id}`);
  assert.deepEqual([Number(members), own, participants], [120, null, null]);
  const [[receipt]] = await stack.sql("SELECT body FROM outbox WHERE to_email = 'leder@bergenforum.demo' AND kind = 'receipt' ORDER BY id DESC LIMIT 1");
  assert.match(receipt, /Medlemmer i kommunen: 120 av 140/);
  // a second application the same year is refused
  const again = await draft('immigrant', call, operatingDraft({ title: 'Driftstilskudd igjen' }), [['annual_accounts', 'regnskap.pdf']]);
  assert.match(detail(await submit('immigrant', again), 'call'), /én gang per organisasjon og år/);

  const letter = await grantedWithLetter('bergen', id, 20000);
  assert.deepEqual(letter.payment_plan.map((t) => [t.term, t.amount]), [[1, 20000]]);
  const payments = await acceptPayReport('immigrant', 'bergen', id);
  assert.deepEqual(payments.map((p) => [p.term, p.amount]), [[1, 20000]]);
});

// ---- the scheme for municipalities and county councils -------------------------------------------

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
async function publicCall() {
  const year = nextYear;
  return schemeCall('imdi', 'kvalifisering-kommuner', {
    applicant_kinds: 'municipality,county', requires_volunteer_register: 0, requires_own_contribution: 1, min_participants: 10,
    joint_applications: 1, budget_rule: 'form', payment_rule: 'two_terms', sub_goals: '1,2,4,5', appeal_rule: 'dismissal_and_reactions',
    spring_due: '2020-03-01', autumn_due: `${year}-09-01`, status_report_due: `${year}-09-01`, report_due: `${year + 1}-02-01`,
  });
}
const publicDraft = (call, extra = {}) => ({ ...validDraft({ startYear: call.year, subGoals: ['4'] }), volunteers: undefined, expected_participants: 12, ...extra });

test('public scheme: a county council under area 4 is accepted, a municipality refused; fewer than ten participants and no own contribution refused', async () => {
  const call = await publicCall();
  const m = await draft('municipality', call, publicDraft(call));
  assert.match(detail(await submit('municipality', m), 'sub_goals[0]'), /bare åpent for fylkeskommuner/);
  const few = await draft('municipality', call, publicDraft(call, { sub_goals: ['1'], expected_participants: 9 }));
  assert.match(detail(await submit('municipality', few), 'expected_participants'), /minst 10 deltakere/);
  const noOwn = publicDraft(call, { sub_goals: ['5'] });
  noOwn.budget = { ...noOwn.budget, own_contribution: 0, other_funding: [{ source: 'Stat', amount: 10000 }] };
  assert.match(detail(await submit('municipality', await draft('municipality', call, noOwn)), 'budget.own_contribution'), /egenandel/);
  // the municipality under its own areas is accepted, the county council under area 4 too
  assert.match(await submit('municipality', await draft('municipality', call, publicDraft(call, { sub_goals: ['1', '5'] }))), /^IMD-/);
  assert.match(await submit('county', await draft('county', call, publicDraft(call))), /^IMD-/);
  // a voluntary organisation cannot apply here
  assert.ok(fields(await submit('voluntary', await draft('voluntary', call, publicDraft(call, { sub_goals: ['1'] })))).includes('organisation.kind'));
});

test('public scheme walked: a joint application signed by the lead; two terms on the call\'s dates; the status report in the letter; report', async () => {
  const call = await publicCall();
  const bad = await draft('county', call, publicDraft(call, { co_applicants: [{ name: '', orgnr: '123' }] }));
  const errors = fields(await submit('county', bad));
  assert.ok(errors.includes('co_applicants[0].name') && errors.includes('co_applicants[0].orgnr'), errors.join());
  const id = await draft('county', call, publicDraft(call, { co_applicants: [{ name: 'Stjørdal kommune', orgnr: '964338531' }] }));
  assert.match(await submit('county', id), /^IMD-/);
  const [[receipt]] = await stack.sql("SELECT body FROM outbox WHERE to_email = 'prosjektleder@trondelag-fylke.demo' AND kind = 'receipt' ORDER BY id DESC LIMIT 1");
  assert.match(receipt, /Søker sammen med Stjørdal kommune/);
  assert.match(receipt, /Egenandel: 6000 kroner/);
  assert.match(receipt, /fullmakt fra kommune- eller fylkeskommunedirektøren/);
  const [[own, participants]] = await stack.sql(`SELECT own_contribution, participants FROM applications WHERE id = ${id}`);
  assert.deepEqual([Number(own), Number(participants)], [6000, 12]);

  const letter = await grantedWithLetter('imdi', id, 50000);
  assert.deepEqual(letter.payment_plan.map((t) => t.amount), [25000, 25000], 'always two terms, also under the split threshold');
  assert.match(letter.payment_plan[0].when, /når vilkårene er akseptert/);
  assert.match(letter.payment_plan[1].when, new RegExp(`1\\. september ${call.year}`));
  assert.ok(letter.conditions.some((c) => new RegExp(`Statusrapport.*1\\. september ${call.year}`).test(c)), letter.conditions.join('\n'));
  const payments = await acceptPayReport('county', 'imdi', id);
  // the spring date had passed at acceptance: due at once; the autumn term on the call's date
  assert.deepEqual(payments.map((p) => [p.term, p.amount, p.due_date.slice(0, 10)]), [[1, 25000, today()], [2, 25000, `${call.year}-09-01`]]);
});
