// registrer.js: registration: name, email, password (12-256 characters, repeated).

import { apiSend } from './lib/api.js';
import { byId } from './lib/dom.js';
import { startPage, mountForm, showMessage } from './lib/page.js';

startPage(async () => {
  const form = mountForm(byId('form'), {
    testid: 'register-form',
    submitLabel: 'Registrer',
    fields: [
      { name: 'name', label: 'Fullt navn', autocomplete: 'name', required: true, max: 200 },
      { name: 'email', label: 'E-postadresse', type: 'email', autocomplete: 'email', required: true },
      { name: 'password', label: 'Passord', type: 'password', autocomplete: 'new-password', required: true, max: 256,
        description: 'Minst 12 tegn. Bruk gjerne en setning du husker.' },
      { name: 'password2', label: 'Gjenta passordet', type: 'password', autocomplete: 'new-password', required: true },
    ],
    check: (v) => {
      const errs = [];
      if (!v.name.trim()) errs.push({ field: 'name', detail: 'Skriv navnet ditt.' });
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email.trim())) errs.push({ field: 'email', detail: 'Skriv en gyldig e-postadresse.' });
      const n = [...v.password].length;
      if (n < 12 || n > 256) errs.push({ field: 'password', detail: 'Passordet må ha fra 12 til 256 tegn.' });
      else if (v.password !== v.password2) errs.push({ field: 'password2', detail: 'Passordene er ikke like.' });
      return errs;
    },
    submit: async (v) => {
      const r = await apiSend('POST', '/api/v1/auth/register', { name: v.name.trim(), email: v.email.trim(), password: v.password });
      form.hidden = true;
      showMessage('success', 'Sjekk e-posten din', r.body.detail);
    },
  });
});
