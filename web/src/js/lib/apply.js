// apply.js: the "apply" box on a call page: log in, register an organisation, or pick one of
// mine, see whether it meets the call's requirements, and start a draft.

import { apiSend, getJson, describeError } from './api.js';
import { h } from './dom.js';
import { currentUser } from './session.js';

function requirements(call, org) {
  const missing = [];
  if (!org.volunteer_register) missing.push('Organisasjonen må være registrert i Frivillighetsregisteret.');
  if (call.requires_business_register && !org.business_register) missing.push('Utlysningen krever registrering i Brønnøysundregistrene.');
  if (call.tenant.kind === 'municipality' && org.municipality && call.tenant.name.replace(/ kommune$/, '').toLowerCase() !== org.municipality.toLowerCase()) {
    missing.push(`Tiltaket må gjennomføres i ${call.tenant.name}.`);
  }
  return missing;
}

/** A section with what the visitor can do to apply for call. */
export async function applyBox(call) {
  const box = h('section', { class: 'ds-card portal-section', 'aria-labelledby': 'apply-h', 'data-testid': 'apply' },
    h('h2', { class: 'ds-heading', 'data-size': 'md', id: 'apply-h', text: 'Søk på denne utlysningen' }));
  if (call.status !== 'open') {
    box.append(h('p', { class: 'ds-paragraph', text: call.status === 'closed' ? 'Søknadsfristen er ute.' : 'Utlysningen er ikke åpnet ennå.' }));
    return box;
  }
  const user = await currentUser().catch(() => null);
  if (!user) {
    box.append(h('p', { class: 'ds-paragraph' }, h('a', { class: 'ds-link', href: `/logg-inn.html?next=${encodeURIComponent(location.pathname + location.search)}`, text: 'Logg inn' }), ' for å søke.'));
    return box;
  }
  const orgs = user.organisations.filter((o) => o.roles.some((r) => r !== 'viewer'));
  if (!orgs.length) {
    box.append(h('p', { class: 'ds-paragraph' }, h('a', { class: 'ds-link', href: '/organisasjon-ny.html', text: 'Registrer organisasjonen din' }), ' for å søke.'));
    return box;
  }
  const select = h('select', { class: 'ds-input', id: 'apply-org', 'data-testid': 'apply-org' }, orgs.map((o) => h('option', { value: o.id, text: o.name })));
  const verdict = h('div', { 'aria-live': 'polite', 'data-testid': 'eligibility' });
  const start = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', 'data-testid': 'apply-start', text: 'Start søknad' });
  async function check() {
    const org = await getJson(`/api/v1/organisations/${select.value}`);
    const missing = requirements(call, org);
    verdict.replaceChildren(missing.length
      ? h('div', { class: 'ds-alert', 'data-color': 'warning' }, h('p', { class: 'ds-paragraph', text: 'Organisasjonen oppfyller ikke alle kravene ennå:' }),
        h('ul', { class: 'ds-list' }, missing.map((m) => h('li', { text: m }))))
      : h('p', { class: 'ds-paragraph', text: 'Organisasjonen oppfyller kravene for å søke.' }));
  }
  select.addEventListener('change', check);
  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      const r = await apiSend('POST', `/api/v1/organisations/${select.value}/applications`, { call_id: call.id });
      location.assign(`/soknad.html?id=${r.body.id}`);
    } catch (err) {
      start.disabled = false;
      verdict.replaceChildren(h('p', { class: 'ds-validation-message', text: describeError(err) }));
    }
  });
  box.append(h('div', { class: 'portal-row' }, h('div', { class: 'ds-field' }, h('label', { class: 'ds-label', for: 'apply-org', text: 'Organisasjon' }), select), start), verdict);
  check().catch(() => {});
  return box;
}
