// session.js: who is logged in. GET /api/v1/session once per page (it answers 200 either way, so
// an anonymous visitor causes no error in the console); null when nobody is logged in.

import { getJson } from './api.js';

let cached;

/** The logged-in user ({id, email, name, organisations, tenants}) or null. */
export function currentUser() {
  if (!cached) cached = getJson('/api/v1/session').then((s) => (s.authenticated ? s.user : null));
  return cached;
}

/** Send the visitor to the login page and back here afterwards. */
export function requireLogin() {
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/logg-inn.html?next=${encodeURIComponent(next)}`);
}

/** The user or, when not logged in, a redirect to login (resolves to null). */
export async function userOrLogin() {
  const user = await currentUser();
  if (!user) requireLogin();
  return user;
}

export const ROLE_NAMES = {
  admin: 'Administrator',
  signer: 'Signaturberettiget',
  editor: 'Redaktør',
  viewer: 'Leser',
  caseworker: 'Saksbehandler',
  decision_maker: 'Beslutter',
  tenant_admin: 'Forvalteradministrator',
  national_admin: 'Nasjonal administrator',
};

export const roleNames = (roles) => roles.map((r) => ROLE_NAMES[r] || r).join(', ');

const TENANT_KEY = 'portal.tenant';

/** The tenant a staff member works in now: the one chosen before, else the first. */
export function activeTenant(user) {
  if (!user || !user.tenants.length) return null;
  const chosen = window.localStorage.getItem(TENANT_KEY);
  return user.tenants.find((t) => t.slug === chosen) || user.tenants[0];
}

export function chooseTenant(slug) {
  window.localStorage.setItem(TENANT_KEY, slug);
}
