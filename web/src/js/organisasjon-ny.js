// organisasjon-ny.js: registers an organisation; a number that is taken offers to ask its admins for access.
// When the portal has the public register, what it holds of the number (name, kind, municipality and
// registrations) fills the form read-only: the server takes those from the register whatever is sent.

import { apiSend, getJson, ApiError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { checkbox } from './lib/forms.js';
import { startPage, mountForm, showMessage } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { orgFields, orgBody, orgnrValid, ORG_KINDS } from './lib/orgform.js';
import { formatDate } from './lib/format.js';

const FROM_REGISTER = ['name', 'municipality', 'volunteer_since', 'business_since'];

/** Shows what the register holds of the number, and locks those fields (or unlocks them). */
function showRegister(form, r) {
  const el = (name) => form.querySelector(`#field-${name}`);
  const unit = r && r.found ? r.unit : null;
  for (const name of FROM_REGISTER) el(name).readOnly = Boolean(unit);
  for (const o of el('kind').options) o.disabled = Boolean(unit) && !unit.kinds.includes(o.value);
  if (!unit) {
    replaceChildren(byId('register'), r && r.loaded
      ? h('div', { class: 'ds-alert', 'data-color': 'warning', 'data-testid': 'register-unknown' },
        h('p', { class: 'ds-paragraph', text: 'Enhetsregisteret, slik portalen har det, har ikke dette organisasjonsnummeret. Sjekk nummeret.' }))
      : null);
    return;
  }
  el('name').value = unit.name;
  if (unit.municipality) el('municipality').value = unit.municipality;
  el('volunteer_since').value = unit.volunteer_since || '';
  el('business_since').value = unit.business_since || '';
  if (unit.kinds.length && !unit.kinds.includes(el('kind').value)) el('kind').value = unit.kinds[0];
  const kind = (k) => (ORG_KINDS.find(([v]) => v === k) || [, k])[1];
  replaceChildren(byId('register'), h('div', { class: 'ds-alert', 'data-color': unit.kind ? 'info' : 'warning', 'data-testid': 'register-found' },
    h('p', { class: 'ds-paragraph', text: unit.kind
      ? `Hentet fra Enhetsregisteret: ${unit.name}, ${kind(unit.kind).toLowerCase()}${unit.municipality ? ` i ${unit.municipality}` : ''}. `
        + `Frivillighetsregisteret: ${unit.volunteer_register ? `registrert${unit.volunteer_since ? ` fra ${formatDate(unit.volunteer_since)}` : ''}` : 'ikke registrert'}. `
        + 'Disse opplysningene kan ikke endres her.'
      : `Organisasjonsformen i Enhetsregisteret (${unit.form}) kan ikke søke her: ordningen gjelder foreninger og lag, stiftelser, kommuner og fylkeskommuner.` }),
    unit.kinds.length > 1 ? h('p', { class: 'ds-paragraph', text: 'Registeret sier ikke om foreningen er en innvandrerorganisasjon: velg type selv.' }) : null,
    unit.email ? h('p', { class: 'ds-paragraph', text: `Lenken for å bekrefte signaturrett kan sendes til ${unit.email}.` }) : null));
}

startPage(async () => {
  if (!(await userOrLogin())) return;
  const form = mountForm(byId('form'), {
    testid: 'org-form',
    submitLabel: 'Registrer organisasjonen',
    fields: [{ name: 'orgnr', label: 'Organisasjonsnummer', required: true, description: '9 sifre, fra Brønnøysundregistrene.' }, ...orgFields(),
      checkbox({ name: 'has_employees', label: 'Organisasjonen har ansatte' })],
    check: (v) => (orgnrValid(v.orgnr.replace(/\s/g, '')) ? [] : [{ field: 'orgnr', detail: 'Organisasjonsnummeret er ugyldig: det må ha 9 sifre og riktig kontrollsiffer.' }]),
    submit: async (v) => {
      const orgnr = v.orgnr.replace(/\s/g, '');
      try {
        const r = await apiSend('POST', '/api/v1/organisations', { orgnr, ...orgBody(v, v.has_employees) });
        window.location.assign(`/organisasjon.html?id=${r.body.id}`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          const ask = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', text: 'Be om tilgang' });
          ask.addEventListener('click', async () => {
            await apiSend('POST', '/api/v1/organisations/access-requests', { orgnr, message: '' });
            showMessage('success', 'Forespørselen er sendt', 'Organisasjonens administratorer har fått en e-post og kan invitere deg.');
          });
          showMessage('warning', 'Organisasjonen er allerede registrert', err.problem.detail, ask);
          return;
        }
        throw err;
      }
    },
  });
  const orgnrInput = form.querySelector('#field-orgnr');
  orgnrInput.addEventListener('change', async () => {
    const orgnr = orgnrInput.value.replace(/\s/g, '');
    if (!orgnrValid(orgnr)) return showRegister(form, null);
    try {
      showRegister(form, await getJson('/api/v1/register', { orgnr }));
    } catch {
      showRegister(form, null);
    }
  });
});
