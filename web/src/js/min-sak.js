// min-sak.js: the organisation's side of its case after submission: the status, the letters
// (printable), accepting or declining the grant's conditions, the payment plan, appeals, the
// report (with audited accounts from 100 000 kr) and change requests. What may be done now comes
// from the API's `actions`; who may do it (signer, writer) is checked by the API.

import { getJson, apiSend } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, showMessage, idParam } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { formatDateTime, formatDate, formatKroner } from './lib/format.js';
import { caseStatusLabel, caseStatusTag, renderLetter, problemText } from './lib/casework.js';

const kr = (n) => (n === null || n === undefined ? '–' : formatKroner(Number(n)));
const section = (title, ...body) => h('section', { class: 'portal-case-section' }, h('h2', { class: 'ds-heading', 'data-size': 'md', text: title }), ...body);
const para = (text) => h('p', { class: 'ds-paragraph portal-prewrap', text });
const btn = (text, testid, variant = 'primary') => h('button', { type: 'button', class: 'ds-button', 'data-variant': variant, 'data-testid': testid, text });
const labelled = (id, label, control) => h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: id, text: label }), control);
const area = (id, label) => labelled(id, label, h('textarea', { class: 'ds-input', id, rows: '4' }));
const field = (id, label, type = 'text') => labelled(id, label, h('input', { class: 'ds-input', id, type }));
const val = (id) => document.getElementById(id).value.trim();
const int = (s) => (/^\d{1,12}$/.test(String(s).replace(/[\s\u00a0]/g, '')) ? Number(String(s).replace(/[\s\u00a0]/g, '')) : null);
const APPEAL_STATUS = { filed: 'Mottatt', changed: 'Vedtaket endret', forwarded: 'Sendt klageinstansen', upheld: 'Ikke tatt til følge', reversed: 'Tatt til følge' };
const CR_STATUS = { pending: 'Venter på svar', approved: 'Godkjent', refused: 'Avslått' };

startPage(async () => {
  const user = await userOrLogin();
  if (!user) return;
  const id = idParam('id');
  if (!id) throw new Error('missing id');
  const base = `/api/v1/applications/${id}`;
  const app = await getJson(base);

  async function act(method, path, body, done) {
    try {
      await apiSend(method, `${base}/${path}`, body);
      await render();
      if (done) showMessage('success', done, '');
    } catch (err) {
      showMessage('danger', 'Det gikk ikke', problemText(err));
    }
  }
  const onClick = (b, fn) => { b.addEventListener('click', fn); return b; };

  async function render() {
    const c = await getJson(`${base}/case`);
    const can = (a) => (c.actions || []).includes(a);
    const parts = [
      h('p', { class: 'ds-paragraph' }, h('a', { class: 'ds-link', href: '/mine-soknader.html', text: '← Mine søknader' }), ' · ',
        h('a', { class: 'ds-link', href: `/kvittering.html?id=${id}`, text: 'Kvittering og signert søknad' })),
      h('h1', { class: 'ds-heading', 'data-size': 'lg', text: app.title || c.reference || 'Søknad' }),
      h('p', { class: 'ds-paragraph' }, `${c.reference || ''} · Status: `, h('strong', { 'data-testid': 'case-status', text: caseStatusLabel(c.status) }), ' ', caseStatusTag(c.status)),
    ];
    const facts = [];
    if (c.granted_amount != null) facts.push(`Innvilget: ${kr(c.granted_amount)}.`);
    if (c.appeal_deadline) facts.push(`Klagefrist: ${formatDateTime(c.appeal_deadline)}.`);
    if (c.report_due) facts.push(`Rapport og regnskap innen ${formatDate(c.report_due)}.`);
    if (c.audit_required) facts.push('Regnskapet må være revidert av statsautorisert eller registrert revisor (tilskudd på 100 000 kr eller mer).');
    if (facts.length) parts.push(para(facts.join(' ')));

    if ((c.letters || []).length) {
      parts.push(section('Brev', ...c.letters.map((l) => h('article', { class: 'portal-letter-box', 'data-testid': 'letter' }, renderLetter(l.content),
        h('p', { class: 'ds-paragraph portal-noprint', text: `Sendt ${formatDateTime(l.sent_at)}` }))),
      onClick(btn('Skriv ut', 'print-letter', 'tertiary'), () => window.print())));
    }
    if (can('accept') || can('decline')) {
      const decline = btn('Takk nei til tilskuddet', 'decline', 'secondary');
      let armed = false;
      decline.addEventListener('click', () => {
        if (!armed) {
          armed = true;
          decline.textContent = 'Bekreft: takk nei til tilskuddet';
          return;
        }
        act('POST', 'accept', { accept: false }, 'Du har takket nei til tilskuddet');
      });
      parts.push(section('Aksept av vilkårene',
        para('Les tilskuddsbrevet. Den som kan signere for organisasjonen, aksepterer vilkårene før tilskuddet blir utbetalt.'),
        onClick(btn('Aksepter vilkårene', 'accept'), () => act('POST', 'accept', { accept: true }, 'Vilkårene er akseptert')), ' ', decline));
    }
    if ((c.payments || []).length) {
      parts.push(section('Utbetalingsplan', h('table', { class: 'ds-table', 'data-size': 'sm', 'data-testid': 'payment-plan' },
        h('thead', {}, h('tr', {}, ['Termin', 'Beløp', 'Forfall', 'Utbetalt'].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, c.payments.map((p) => h('tr', { 'data-testid': `payment-term-${p.term}` }, h('td', { text: String(p.term) }),
          h('td', { class: 'portal-num', text: kr(p.amount) }), h('td', { text: p.due_date ? formatDate(p.due_date) : '' }),
          h('td', { text: p.paid_at ? formatDateTime(p.paid_at) : 'Ikke utbetalt' })))))));
    }

    const appeals = (c.appeals || []).map((a) => h('li', {},
      `${formatDateTime(a.filed_at)}: ${APPEAL_STATUS[a.status] || a.status}${a.late ? ' (mottatt etter fristen)' : ''}. ${a.reasons}`,
      a.handled_reasons ? ` Svar: ${a.handled_reasons}` : '', a.ruling_reasons ? ` Klageinstansen: ${a.ruling_reasons}` : ''));
    if (appeals.length || can('appeal')) {
      const ap = [appeals.length ? h('ul', { class: 'ds-list' }, appeals) : null];
      if (can('appeal')) {
        const late = c.appeal_deadline && new Date(c.appeal_deadline) < new Date();
        ap.push(para(late ? 'Klagefristen er ute. En klage blir likevel registrert, men merket som for sen.' : 'Du kan klage på vedtaket innen tre uker etter at brevet ble sendt.'),
          area('appeal-reasons', 'Hva klager dere på, og hvorfor?'),
          onClick(btn('Send klage', 'file-appeal'), () => act('POST', 'appeals', { reasons: val('appeal-reasons') }, 'Klagen er sendt')));
      }
      parts.push(section('Klage', ...ap));
    }

    if (c.report) {
      parts.push(section('Rapport', para(`Rapporten ble sendt ${formatDateTime(c.report.submitted_at)}${c.report.late ? ' (etter fristen)' : ''}.`
        + (c.report.review === 'approved' ? ' Rapporten er godkjent.' : c.report.review === 'changes_asked' ? ` Forvalteren ber om endringer: ${c.report.review_comment || ''}` : ' Den er til gjennomgang.')
        + (c.report.payback_amount ? ` Beløp som skal betales tilbake: ${kr(c.report.payback_amount)}.` : ''))));
    }
    if (can('receive_report')) {
      const lines = h('tbody', {});
      const addLine = () => {
        const n = lines.children.length;
        lines.append(h('tr', {}, ['item', 'budget', 'actual'].map((k) => h('td', {}, h('input', { class: 'ds-input', id: `acc-${k}-${n}`, 'aria-label': { item: 'Post', budget: 'Budsjett', actual: 'Regnskap' }[k] })))));
      };
      addLine();
      const upload = c.audit_required ? [labelled('audited-file', 'Revidert regnskap (PDF)', h('input', { class: 'ds-input', id: 'audited-file', type: 'file', accept: 'application/pdf' })),
        onClick(btn('Last opp revidert regnskap', 'upload-audited', 'secondary'), async () => {
          const f = document.getElementById('audited-file').files[0];
          if (!f) return showMessage('warning', 'Velg en fil', 'Velg filen med det reviderte regnskapet først.');
          await act('POST', `attachments?kind=audited_accounts&filename=${encodeURIComponent(f.name)}`, f, 'Det reviderte regnskapet er lastet opp');
        })] : [];
      parts.push(section('Send rapport og regnskap',
        area('report-goals', 'Hvordan ble målene nådd?'), field('report-participants', 'Antall deltakere'), area('report-activities', 'Aktiviteter som ble gjennomført'),
        h('table', { class: 'ds-table', 'data-size': 'sm' }, h('thead', {}, h('tr', {}, ['Post', 'Budsjett (kr)', 'Regnskap (kr)'].map((t) => h('th', { scope: 'col', text: t })))), lines),
        onClick(btn('Legg til linje', 'add-account-line', 'tertiary'), addLine),
        field('report-unused', 'Ubrukte midler (kr)'), ...upload,
        onClick(btn('Send rapporten', 'submit-report'), () => {
          const accounts = [];
          for (let i = 0; i < lines.children.length; i++) {
            const item = val(`acc-item-${i}`);
            if (item) accounts.push({ item, budget: int(val(`acc-budget-${i}`)) ?? 0, actual: int(val(`acc-actual-${i}`)) ?? 0 });
          }
          act('PUT', 'report', { goals_reached: val('report-goals'), participants: int(val('report-participants')) ?? 0, activities: val('report-activities'),
            accounts, unused: int(val('report-unused')) ?? 0 }, 'Rapporten er sendt');
        })));
    }

    const crs = (c.change_requests || []).map((cr) => h('li', { text: `${formatDateTime(cr.requested_at)}: ${cr.description} – ${CR_STATUS[cr.status] || cr.status}${cr.response ? `. Svar: ${cr.response}` : ''}` }));
    const inForce = ['accepted', 'partly_paid', 'paid', 'report_due', 'changes_asked'].includes(c.status);
    if (crs.length || inForce) {
      parts.push(section('Endringer i tilskuddet', crs.length ? h('ul', { class: 'ds-list' }, crs) : null,
        inForce ? [para('Endringer i formål, aktiviteter eller budsjett krever skriftlig samtykke fra forvalteren på forhånd.'),
          labelled('cr-kind', 'Hva vil dere endre?', h('select', { class: 'ds-input', id: 'cr-kind' },
            [['purpose', 'Formål'], ['activities', 'Aktiviteter'], ['budget', 'Budsjett']].map(([v, t]) => h('option', { value: v, text: t })))),
          area('cr-description', 'Beskriv endringen og hvorfor'),
          onClick(btn('Send endringsønske', 'send-change-request', 'secondary'), () => act('POST', 'change-requests', { kind: val('cr-kind'), description: val('cr-description') }, 'Endringsønsket er sendt'))] : null));
    }
    replaceChildren(byId('case'), ...parts);
    byId('case').removeAttribute('aria-busy');
  }
  await render();
});
