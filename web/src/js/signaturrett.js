// signaturrett.js: the page the link in the e-mail to the organisation's register address opens:
// whoever reads that mailbox confirms that the person who asked may sign. No login: the link is the
// authority, and it works once.

import { apiSend, describeError } from './lib/api.js';
import { byId, h, replaceChildren } from './lib/dom.js';
import { startPage, param, showMessage } from './lib/page.js';

startPage(async () => {
  const token = param('token');
  if (!token) {
    showMessage('danger', 'Lenken er ufullstendig', 'Åpne lenken fra e-posten på nytt.');
    return;
  }
  const button = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', 'data-testid': 'signer-confirm', text: 'Bekreft signaturretten' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const r = await apiSend('POST', '/api/v1/signer-requests/confirm', { token });
      replaceChildren(byId('confirm'));
      showMessage('success', 'Signaturretten er bekreftet', `${r.body.name} kan nå signere søknader for ${r.body.organisation}.`);
    } catch (err) {
      button.disabled = false;
      showMessage('danger', 'Kunne ikke bekrefte', describeError(err));
    }
  });
  replaceChildren(byId('confirm'), h('div', { class: 'portal-actions' }, button));
});
