// tofaktor.js: the second step of a login. After a right password the login page comes here:
// the code from the authenticator app (or a recovery code); or, ?steg=ny, for staff whose roles
// need a second factor they do not have yet, its enrolment first. Then on to where the login was
// going (kept in sessionStorage by logg-inn.js, which checked it).

import { apiSend, ApiError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, mountForm, param, showMessage } from './lib/page.js';
import { enrolIn, mountCodeForm } from './lib/totp.js';
import { safeNext } from './lib/nexturl.js';

const NEXT_KEY = 'portal-login-next';

/** On to where the login was going (kept by the login page), checked again as the login page does. */
function goOn() {
  const stored = sessionStorage.getItem(NEXT_KEY);
  let path = null;
  sessionStorage.removeItem(NEXT_KEY);
  try {
    const url = new URL(stored, window.location.origin);
    if (url.origin === window.location.origin) path = url.pathname + url.search + url.hash;
  } catch { /* nothing kept: the default */ }
  window.location.assign(safeNext(path, window.location.origin));
}

/** A login that waited too long (5 minutes) or was ended: back to the login page. */
function expired(err) {
  if (!(err instanceof ApiError) || err.status !== 401) throw err;
  replaceChildren(byId('step'));
  showMessage('warning', 'Innloggingen er utløpt', 'Logg inn på nytt.', h('a', { class: 'ds-link', href: '/logg-inn.html', text: 'Logg inn' }));
}

function verify(box) {
  const toggle = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-testid': 'use-recovery-code', text: 'Bruk en gjenopprettingskode i stedet' });
  const formBox = h('div');
  replaceChildren(box, h('p', { class: 'ds-paragraph', text: 'Skriv inn koden appen for engangskoder viser nå.' }), formBox, toggle);
  mountCodeForm(formBox, {
    testid: 'totp-verify',
    submitLabel: 'Logg inn',
    submit: async (v) => {
      if (await apiSend('POST', '/api/v1/auth/totp/verify', { code: v.code }).catch(expired)) goOn();
    },
  }).querySelector('input').focus();
  toggle.addEventListener('click', () => {
    toggle.hidden = true;
    mountForm(formBox, {
      testid: 'recovery-verify',
      submitLabel: 'Logg inn',
      fields: [{ name: 'recovery_code', label: 'Gjenopprettingskode', type: 'text', autocomplete: 'off', required: true, description: 'Ti tegn, som xxxxx-xxxxx. Hver kode virker én gang.' }],
      check: (v) => (v.recovery_code.trim() ? [] : [{ field: 'recovery_code', detail: 'Skriv inn en av gjenopprettingskodene dine.' }]),
      submit: async (v) => {
        const r = await apiSend('POST', '/api/v1/auth/totp/verify', { recovery_code: v.recovery_code.trim() }).catch(expired);
        if (r && r.body.recovery_codes_left <= 2) sessionStorage.setItem(NEXT_KEY, '/min-konto.html'); // to make new ones
        if (r) goOn();
      },
    });
  });
}

startPage(async () => {
  const box = byId('step');
  if (param('steg') !== 'ny') {
    verify(box);
    return;
  }
  byId('heading').textContent = 'Ta i bruk totrinnsinnlogging';
  replaceChildren(box, h('p', { class: 'ds-paragraph', text: 'Rollen din krever at du logger inn med både passord og en engangskode fra en app på telefonen.' }));
  const flow = h('div');
  box.append(flow);
  await enrolIn(flow, goOn).catch(expired);
});
