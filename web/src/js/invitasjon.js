// invitasjon.js: accepts an invitation (the invited address must be the one logged in).

import { apiSend, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, param, showMessage } from './lib/page.js';
import { userOrLogin } from './lib/session.js';

startPage(async () => {
  const user = await userOrLogin();
  if (!user) return;
  const btn = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', text: 'Godta invitasjonen' });
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      const r = await apiSend('POST', '/api/v1/invitations/accept', { token: param('token') || '' });
      window.location.assign(`/organisasjon.html?id=${r.body.organisation_id}`);
    } catch (err) {
      btn.disabled = false;
      showMessage('danger', 'Kunne ikke godta invitasjonen', describeError(err));
    }
  });
  replaceChildren(byId('accept'), h('p', { class: 'ds-paragraph', text: `Du er logget inn som ${user.email}.` }), btn);
});
