// bekreft.js: confirms the email address with the token from the link.

import { apiSend, describeError } from './lib/api.js';
import { h } from './lib/dom.js';
import { startPage, param, showMessage } from './lib/page.js';

startPage(async () => {
  const token = param('token');
  if (!token) {
    showMessage('danger', 'Lenken er ufullstendig', 'Åpne lenken fra e-posten på nytt.');
    return;
  }
  try {
    await apiSend('POST', '/api/v1/auth/verify', { token });
    showMessage('success', 'E-postadressen er bekreftet', 'Nå kan du logge inn.', h('a', { class: 'ds-link', href: '/logg-inn.html', text: 'Logg inn' }));
  } catch (err) {
    showMessage('danger', 'Kunne ikke bekrefte', describeError(err), h('a', { class: 'ds-link', href: '/logg-inn.html', text: 'Til innlogging' }));
  }
});
