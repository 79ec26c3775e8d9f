// glemt-passord.js: asks for a password reset link.

import { apiSend } from './lib/api.js';
import { byId } from './lib/dom.js';
import { startPage, mountForm, showMessage } from './lib/page.js';

startPage(async () => {
  const form = mountForm(byId('form'), {
    submitLabel: 'Send lenke',
    fields: [{ name: 'email', label: 'E-postadresse', type: 'email', autocomplete: 'email', required: true }],
    submit: async (v) => {
      const r = await apiSend('POST', '/api/v1/auth/reset-request', { email: v.email.trim() });
      form.hidden = true;
      showMessage('success', 'Sjekk e-posten din', r.body.detail);
    },
  });
});
