// organisasjon.js: an organisation's page for its members: applications (and starting a new one for
// an open call), one's signing rights (and asking for them: a link to the organisation's e-mail in
// the register, or a caseworker's check), its data (editable by admins; changes are audited; what
// comes from the register is read-only), members and invitations.

import { apiSend, getJson, getAllPages, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { checkbox } from './lib/forms.js';
import { startPage, mountForm, idParam, showMessage } from './lib/page.js';
import { userOrLogin, roleNames, ROLE_NAMES } from './lib/session.js';
import { orgFields, orgBody, ORG_KINDS } from './lib/orgform.js';
import { formatDateTime, formatKroner } from './lib/format.js';

const STATUS = { draft: 'Utkast', submitted: 'Sendt inn', withdrawn: 'Trukket' };

/** One's signing rights, what one has asked for, and the ways to ask. */
async function renderSigning(id, org, apps) {
  const s = org.my_signing;
  if (s.authority) {
    replaceChildren(byId('signing'), h('p', { class: 'ds-paragraph', text: 'Du har signaturrett og kan signere og sende inn søknader.' }),
      h('p', { class: 'ds-paragraph', 'data-testid': 'signing-authority', text: s.authority }));
    return;
  }
  const ask = async (body, done) => {
    try {
      const r = await apiSend('POST', `/api/v1/organisations/${id}/signer-requests`, body);
      showMessage('success', 'Forespørselen er sendt', done(r.body));
    } catch (err) {
      showMessage('danger', 'Forespørselen ble ikke sendt', describeError(err));
    }
  };
  const parts = [h('p', { class: 'ds-paragraph', text: 'Du har ikke signaturrett ennå. Bare styreleder, daglig leder eller den de har gitt fullmakt, kan signere søknader. Signaturretten bekreftes på en av to måter:' })];
  if (s.pending.length) {
    parts.push(h('ul', { class: 'ds-list', 'data-testid': 'signing-pending' }, s.pending.map((p) => h('li', {
      text: p.method === 'email' ? `Lenke sendt til ${p.email} ${formatDateTime(p.requested_at)}; den gjelder til ${formatDateTime(p.expires_at)}.`
        : `Venter på kontroll hos ${p.tenant} (spurt ${formatDateTime(p.requested_at)}).` }))));
  }
  if (org.register_email) {
    const link = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-testid': 'signer-link', text: `Send lenke til ${org.register_email}` });
    link.addEventListener('click', () => ask({ method: 'email' }, (b) => `En lenke er sendt til ${b.email}, organisasjonens adresse i Enhetsregisteret. Den som leser den, kan bekrefte at du har signaturrett.`));
    parts.push(h('p', { class: 'ds-paragraph', text: 'Lenke til organisasjonens e-postadresse i Enhetsregisteret: den som leser den e-posten, bekrefter at du har signaturrett.' }), h('div', { class: 'portal-actions' }, link));
  } else {
    parts.push(h('p', { class: 'ds-paragraph', text: 'Portalen har ingen e-postadresse for organisasjonen fra Enhetsregisteret, så en saksbehandler må kontrollere signaturretten.' }));
  }
  const names = [...new Set(apps.map((a) => a.tenant))];
  if (names.length) {
    const { items: tenants } = await getJson('/api/v1/tenants');
    const select = h('select', { class: 'ds-input', id: 'signer-tenant', 'data-testid': 'signer-tenant' },
      tenants.filter((t) => names.includes(t.name)).map((t) => h('option', { value: t.slug, text: t.name })));
    const check = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-testid': 'signer-ask', text: 'Be om kontroll' });
    check.addEventListener('click', () => ask({ method: 'caseworker', tenant: select.value }, () => 'En saksbehandler hos forvalteren kontrollerer signaturretten din, for eksempel mot rollene i Enhetsregisteret, og du får svar på e-post.'));
    parts.push(h('div', { class: 'portal-row' }, h('div', { class: 'ds-field' },
      h('label', { class: 'ds-label', for: 'signer-tenant', text: 'Kontroll av en saksbehandler hos' }), select), check));
  } else {
    parts.push(h('p', { class: 'ds-paragraph', text: 'Eller: start en søknad, så kan du be en saksbehandler hos forvalteren kontrollere signaturretten.' }));
  }
  replaceChildren(byId('signing'), ...parts);
}

/** Locks what comes from the register in the edit form (the kind: voluntary or immigrant only). */
function lockRegisterFields(form, org) {
  for (const name of ['name', 'municipality', 'volunteer_since', 'business_since']) form.querySelector(`#field-${name}`).readOnly = true;
  const free = ['voluntary', 'immigrant'].includes(org.kind) ? ['voluntary', 'immigrant'] : [org.kind];
  for (const o of form.querySelector('#field-kind').options) o.disabled = !free.includes(o.value);
}

startPage(async () => {
  if (!(await userOrLogin())) return;
  const id = idParam();
  const org = await getJson(`/api/v1/organisations/${id}`);
  const admin = org.my_roles.includes('admin');
  const writer = org.my_roles.some((r) => r !== 'viewer');
  byId('org-name').textContent = org.name;
  document.title = `${org.name} – Tilskuddsportalen`;

  const { items } = await getJson(`/api/v1/organisations/${id}/applications`);
  replaceChildren(byId('apps'), items.length ? h('ul', { class: 'ds-list', 'data-testid': 'org-applications' }, items.map((a) => h('li', {},
    h('a', { class: 'ds-link', href: a.status === 'draft' ? `/soknad.html?id=${a.id}` : `/kvittering.html?id=${a.id}`, text: a.title || '(uten tittel)' }),
    ` – ${a.call_title} – ${STATUS[a.status] || a.status}${a.reference ? ` (${a.reference})` : ''}${a.applied_amount != null ? `, ${formatKroner(a.applied_amount)}` : ''}`)))
    : h('p', { class: 'ds-paragraph', text: 'Ingen søknader ennå.' }));
  if (writer) {
    const calls = await getAllPages('/api/v1/calls', { status: 'open' });
    const select = h('select', { class: 'ds-input', id: 'new-call', 'data-testid': 'new-call' }, calls.map((c) => h('option', { value: c.id, text: `${c.title} (${c.tenant.name})` })));
    const start = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', 'data-testid': 'start-application', text: 'Start søknad' });
    start.addEventListener('click', async () => {
      try {
        const r = await apiSend('POST', `/api/v1/organisations/${id}/applications`, { call_id: Number(select.value) });
        window.location.assign(`/soknad.html?id=${r.body.id}`);
      } catch (err) { // e.g. the organisation has as many drafts for the call as it may
        showMessage('danger', 'Kunne ikke starte søknaden', describeError(err));
      }
    });
    replaceChildren(byId('new-app'), calls.length ? h('div', { class: 'portal-row' },
      h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: 'new-call', text: 'Ny søknad til utlysning' }), select), start) : null);
  }

  const facts = h('dl', { class: 'portal-facts' },
    h('dt', { text: 'Organisasjonsnummer' }), h('dd', { text: org.orgnr }),
    h('dt', { text: 'Type' }), h('dd', { text: (ORG_KINDS.find(([k]) => k === org.kind) || [, org.kind])[1] }),
    h('dt', { text: 'Frivillighetsregisteret' }), h('dd', { text: org.volunteer_register ? `Registrert fra ${org.volunteer_since || '–'}` : 'Ikke registrert' }),
    h('dt', { text: 'Brønnøysundregistrene' }), h('dd', { text: org.business_register ? `Registrert fra ${org.business_since || '–'}` : 'Ikke registrert' }),
    h('dt', { text: 'Opplysningene' }), h('dd', { text: org.from_register ? 'Hentet fra Enhetsregisteret og Frivillighetsregisteret' : 'Oppgitt av organisasjonen' }),
    h('dt', { text: 'Dine roller' }), h('dd', { text: roleNames(org.my_roles) }));
  await renderSigning(id, org, items);
  const edit = h('div');
  replaceChildren(byId('org'), facts, admin ? [h('h3', { class: 'ds-heading', 'data-size': 'sm', text: 'Endre opplysningene' }), edit] : null);
  if (admin) {
    const editForm = mountForm(edit, {
      submitLabel: 'Lagre endringene',
      fields: [...orgFields(org), checkbox({ name: 'has_employees', label: 'Organisasjonen har ansatte', checked: org.has_employees })],
      submit: async (v) => {
        await apiSend('PUT', `/api/v1/organisations/${id}`, orgBody(v, v.has_employees));
        showMessage('success', 'Lagret', 'Endringene er lagret og ført i loggen.');
      },
    });
    if (org.from_register) lockRegisterFields(editForm, org);
    const { items: members } = await getJson(`/api/v1/organisations/${id}/members`);
    byId('members-section').hidden = false;
    replaceChildren(byId('members'), h('ul', { class: 'ds-list' }, members.map((m) => h('li', { text: `${m.name} (${m.email}) – ${roleNames(m.roles)}` }))));
    const form = mountForm(byId('invite'), {
      submitLabel: 'Send invitasjon',
      fields: [{ name: 'email', label: 'E-postadresse', type: 'email', required: true },
        { name: 'role', label: 'Rolle', type: 'select', options: ['editor', 'signer', 'viewer', 'admin'].filter((r) => r !== 'signer' || org.my_roles.includes('signer')).map((r) => [r, ROLE_NAMES[r]]) }],
      submit: async (v) => {
        await apiSend('POST', `/api/v1/organisations/${id}/invitations`, { email: v.email.trim(), role: v.role });
        form.reset();
        showMessage('success', 'Invitasjonen er sendt', `${v.email.trim()} får en e-post med en lenke. Den gjelder i 7 dager.`);
      },
    });
  }
  void formatDateTime;
});
