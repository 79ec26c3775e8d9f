// totp.js: the second factor on the pages. Enrolment: the server makes the secret; the page draws
// its otpauth:// URI as a QR code on a canvas (the qrcode package, bundled: no inline script, no
// data: URL, so the CSP stays 'self'), shows the secret as text and the URI as a link, and sends
// the first code; then the ten recovery codes are shown once. On "Min konto": turn it on, make new
// recovery codes, or turn it off (not when one's roles need it). The second step of a login is
// tofaktor.js.

import QRCode from 'qrcode';
import { apiSend, getJson, describeError } from './api.js';
import { h, replaceChildren } from './dom.js';
import { mountForm } from './page.js';
import { alertBox } from './ui.js';

/** The six-digit field; name "code" is the API's. */
export function codeField(label = 'Kode fra appen') {
  return { name: 'code', label, type: 'text', autocomplete: 'one-time-code', required: true, description: 'Seks sifre, slik appen viser dem nå.' };
}

/** Client-side check of a code field (the server checks again). */
export function checkCode(v) {
  return /^\d{6}$/.test(v.code.replace(/\s/g, '')) ? [] : [{ field: 'code', detail: 'Koden er seks sifre.' }];
}

/** Mounts a form with one code field; the phone keyboard shows digits. */
export function mountCodeForm(container, opts) {
  const form = mountForm(container, { ...opts, fields: [codeField(opts.label)], check: checkCode });
  form.querySelector('input[name=code]').setAttribute('inputmode', 'numeric');
  return form;
}

const grouped = (secret) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** Shows the recovery codes once, with a button that runs done() when they are kept. */
export function showRecoveryCodes(container, codes, done, doneLabel = 'Jeg har tatt vare på kodene') {
  const button = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', 'data-testid': 'recovery-codes-kept', text: doneLabel });
  button.addEventListener('click', done);
  replaceChildren(container,
    alertBox('warning', 'Ta vare på gjenopprettingskodene', 'Mister du telefonen, kan du logge inn med én av disse kodene i stedet for koden fra appen. '
      + 'Hver kode virker én gang. Skriv dem ut eller lagre dem et trygt sted: de vises bare nå.'),
    h('ol', { class: 'portal-recovery-codes', 'data-testid': 'recovery-codes' }, codes.map((c) => h('li', {}, h('code', { text: c })))),
    h('div', { class: 'portal-actions' }, button));
  button.focus();
}

/**
 * Enrols in container: a new secret as QR code and text, confirmed by the first code; then the
 * recovery codes, and done() once they are kept. A failure to start is thrown.
 */
export async function enrolIn(container, done) {
  const { body } = await apiSend('POST', '/api/v1/auth/totp/enrolment', {});
  const canvas = h('canvas', { class: 'portal-qr', 'data-testid': 'totp-qr', role: 'img',
    'aria-label': 'QR-kode med nøkkelen for appen. Kan du ikke skanne den, skriv inn nøkkelen som står under.' });
  await QRCode.toCanvas(canvas, body.uri, { errorCorrectionLevel: 'M', margin: 4, scale: 5 });
  const formBox = h('div');
  replaceChildren(container,
    h('ol', { class: 'ds-list' },
      h('li', { text: 'Åpne en app for engangskoder på telefonen (for eksempel Microsoft Authenticator, Google Authenticator eller FreeOTP), og skann QR-koden.' }),
      h('li', { text: 'Skriv inn den sekssifrede koden appen viser, for å bekrefte.' })),
    canvas,
    h('p', { class: 'ds-paragraph' }, 'Kan du ikke skanne? Skriv inn denne nøkkelen i appen: ',
      h('code', { class: 'portal-secret', 'data-testid': 'totp-secret', text: grouped(body.secret) })),
    h('p', { class: 'ds-paragraph' }, h('a', { class: 'ds-link', href: body.uri, 'data-testid': 'totp-uri', text: 'Åpne i appen på denne enheten' })),
    formBox);
  mountCodeForm(formBox, {
    testid: 'totp-confirm',
    submitLabel: 'Bekreft',
    submit: async (v) => {
      const r = await apiSend('POST', '/api/v1/auth/totp/confirm', { code: v.code });
      showRecoveryCodes(container, r.body.recovery_codes, done);
    },
  });
}

/** The second factor's settings on "Min konto", in box. */
export async function mountTotpSettings(box) {
  const s = await getJson('/api/v1/me/totp');
  const reload = () => mountTotpSettings(box).catch((err) => replaceChildren(box, alertBox('danger', 'Noe gikk galt', describeError(err))));
  const action = h('div');
  const button = (text, testid, run) => {
    const b = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-testid': testid, text });
    b.addEventListener('click', () => Promise.resolve(run()).catch((err) => replaceChildren(action, alertBox('danger', 'Noe gikk galt', describeError(err)))));
    return b;
  };
  if (!s.enabled) {
    replaceChildren(box,
      h('p', { class: 'ds-paragraph', text: s.required
        ? 'Rollene dine krever totrinnsinnlogging. Ta den i bruk nå.'
        : 'Med totrinnsinnlogging trenger du både passordet og en engangskode fra en app på telefonen for å logge inn.' }),
      h('div', { class: 'portal-actions' }, button('Ta i bruk totrinnsinnlogging', 'totp-start', () => enrolIn(action, reload))), action);
    return;
  }
  const renew = () => mountCodeForm(action, {
    testid: 'totp-renew', label: 'Kode fra appen, for å lage nye koder', submitLabel: 'Lag nye gjenopprettingskoder',
    submit: async (v) => showRecoveryCodes(action, (await apiSend('POST', '/api/v1/me/totp/recovery-codes', { code: v.code })).body.recovery_codes, reload),
  });
  const off = () => mountCodeForm(action, {
    testid: 'totp-off', label: 'Kode fra appen, for å slå av', submitLabel: 'Slå av totrinnsinnlogging',
    submit: async (v) => {
      await apiSend('POST', '/api/v1/me/totp/disable', { code: v.code });
      await reload();
    },
  });
  replaceChildren(box,
    h('p', { class: 'ds-paragraph', 'data-testid': 'totp-on', text: `Totrinnsinnlogging er på. Du har ${s.recovery_codes_left} ubrukte gjenopprettingskoder.` }),
    s.required ? h('p', { class: 'ds-paragraph', text: 'Rollene dine krever totrinnsinnlogging, så den kan ikke slås av.' }) : null,
    h('div', { class: 'portal-actions' }, button('Lag nye gjenopprettingskoder', 'totp-renew-start', renew),
      s.required ? null : button('Slå av', 'totp-off-start', off)),
    action);
}
