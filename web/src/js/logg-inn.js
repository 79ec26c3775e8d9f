// logg-inn.js: the login page. On success goes to ?next= (only a place on this site: lib/nexturl.js)
// or "Min konto".

import { apiSend, ApiError } from './lib/api.js';
import { byId } from './lib/dom.js';
import { startPage, mountForm, param, showMessage } from './lib/page.js';
import { safeNext } from './lib/nexturl.js';

startPage(async () => {
  mountForm(byId('form'), {
    testid: 'login-form',
    submitLabel: 'Logg inn',
    fields: [
      { name: 'email', label: 'E-postadresse', type: 'email', autocomplete: 'username', required: true },
      { name: 'password', label: 'Passord', type: 'password', autocomplete: 'current-password', required: true },
    ],
    check: (v) => [
      ...(v.email.trim() ? [] : [{ field: 'email', detail: 'Skriv e-postadressen din.' }]),
      ...(v.password ? [] : [{ field: 'password', detail: 'Skriv passordet ditt.' }]),
    ],
    submit: async (v) => {
      try {
        await apiSend('POST', '/api/v1/auth/login', { email: v.email.trim(), password: v.password });
      } catch (err) {
        if (err instanceof ApiError && err.status === 429) {
          const wait = err.problem && err.problem.detail;
          showMessage('warning', 'For mange forsøk', `${wait || 'Vent litt.'}`);
          return;
        }
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          showMessage('danger', err.status === 401 ? 'Innloggingen mislyktes' : 'Ikke bekreftet', (err.problem && err.problem.detail) || 'Feil e-postadresse eller passord.');
          return;
        }
        throw err;
      }
      window.location.assign(safeNext(param('next'), window.location.origin));
    },
  });
});
