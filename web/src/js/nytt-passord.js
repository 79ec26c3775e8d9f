// nytt-passord.js: sets a new password with the token from the reset link.

import { apiSend } from './lib/api.js';
import { byId, h } from './lib/dom.js';
import { startPage, mountForm, param, showMessage } from './lib/page.js';

startPage(async () => {
  const token = param('token') || '';
  const form = mountForm(byId('form'), {
    submitLabel: 'Lagre nytt passord',
    fields: [
      { name: 'password', label: 'Nytt passord', type: 'password', autocomplete: 'new-password', required: true, max: 256, description: 'Minst 12 tegn.' },
      { name: 'password2', label: 'Gjenta passordet', type: 'password', autocomplete: 'new-password', required: true },
    ],
    check: (v) => {
      const n = [...v.password].length;
      if (n < 12 || n > 256) return [{ field: 'password', detail: 'Passordet må ha fra 12 til 256 tegn.' }];
      return v.password === v.password2 ? [] : [{ field: 'password2', detail: 'Passordene er ikke like.' }];
    },
    submit: async (v) => {
      await apiSend('POST', '/api/v1/auth/reset', { token, password: v.password });
      form.hidden = true;
      showMessage('success', 'Passordet er endret', 'Du er logget ut overalt. Logg inn med det nye passordet.', h('a', { class: 'ds-link', href: '/logg-inn.html', text: 'Logg inn' }));
    },
  });
});
