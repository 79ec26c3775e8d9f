// organisasjon-ny.js: registers an organisation; a number that is taken offers to ask its admins for access.

import { apiSend, ApiError } from './lib/api.js';
import { byId, h } from './lib/dom.js';
import { checkbox } from './lib/forms.js';
import { startPage, mountForm, showMessage } from './lib/page.js';
import { userOrLogin } from './lib/session.js';
import { orgFields, orgBody, orgnrValid } from './lib/orgform.js';

startPage(async () => {
  if (!(await userOrLogin())) return;
  mountForm(byId('form'), {
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
});
