// min-sak.js: the organisation's side of its case after submission: the status, the letters
// (printable), accepting or declining the grant's conditions, the payment plan, appeals, the
// report (with audited accounts from 100 000 kr) and change requests, each drawn by a section in
// min-sak/. What may be done now comes from the API's `actions`; who may do it (signer, writer) is
// checked by the API. Every change is sent, the case fetched again and the page drawn anew.

import { getJson, apiSend } from './lib/api.js';
import { byId, replaceChildren } from './lib/dom.js';
import { startPage, showMessage, idParam } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { problemText } from './lib/casework.js';
import { caseHeader, caseFacts } from './min-sak/header.js';
import { lettersSection, acceptSection, paymentsSection } from './min-sak/grant.js';
import { appealSection } from './min-sak/appeal.js';
import { reportSection, reportFormSection } from './min-sak/report.js';
import { changesSection } from './min-sak/changes.js';

/** The page's sections for the case c, in order (a section that does not apply is null). */
function casePage(ctx, c) {
  const can = (a) => (c.actions || []).includes(a);
  return [
    ...caseHeader(ctx, c),
    caseFacts(c),
    lettersSection(c),
    acceptSection(ctx, c, can),
    paymentsSection(c),
    appealSection(ctx, c, can),
    reportSection(c),
    reportFormSection(ctx, c, can),
    changesSection(ctx, c),
  ];
}

/** Fetches the case and draws the page anew. */
async function render(ctx) {
  const c = await getJson(`${ctx.base}/case`);
  replaceChildren(byId('case'), ...casePage(ctx, c));
  byId('case').removeAttribute('aria-busy');
}

/** What the sections need: the application, and act() to send a change and draw the page anew. */
function pageContext(id, base, app) {
  const ctx = { id, base, app };
  ctx.act = async (method, path, body, done) => {
    try {
      await apiSend(method, `${base}/${path}`, body);
      await render(ctx);
      if (done) showMessage('success', done, '');
    } catch (err) {
      showMessage('danger', 'Det gikk ikke', problemText(err));
    }
  };
  return ctx;
}

startPage(async () => {
  const user = await userOrLogin();
  if (!user) return;
  const id = idParam('id');
  if (!id) throw new Error('missing id');
  const base = `/api/v1/applications/${id}`;
  const app = await getJson(base);
  await render(pageContext(id, base, app));
});
