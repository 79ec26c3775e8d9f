// logg-inn.js: the login page. On success goes to ?next= (only a place on this site: lib/nexturl.js)
// or "Min konto"; when a second factor is due, first to its step (tofaktor.js), which goes on to the
// same place.

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
      let r;
      try {
        r = await apiSend('POST', '/api/v1/auth/login', { email: v.email.trim(), password: v.password });
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
      const next = safeNext(param('next'), window.location.origin);
      if (r.status === 202) { // the password was right; a second factor is due
        sessionStorage.setItem('portal-login-next', next);
        window.location.assign(r.body.step === 'enrol' ? '/tofaktor.html?steg=ny' : '/tofaktor.html');
        return;
      }
      window.location.assign(next);
    },
  });
});
