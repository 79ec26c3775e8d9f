// orgform.js: the organisation fields shared by registration and the organisation page.

export const ORG_KINDS = [['voluntary', 'Frivillig organisasjon'], ['immigrant', 'Innvandrerorganisasjon'], ['foundation', 'Stiftelse'],
  ['municipality', 'Kommune'], ['county', 'Fylkeskommune']];

export function orgFields(org = {}) {
  return [
    { name: 'name', label: 'Navn', required: true, max: 200, value: org.name },
    { name: 'municipality', label: 'Kommune', required: true, max: 100, value: org.municipality },
    { name: 'kind', label: 'Type', type: 'select', options: ORG_KINDS, value: org.kind },
    { name: 'volunteer_since', label: 'Registrert i Frivillighetsregisteret fra (dato, tom hvis ikke registrert)', type: 'date', value: org.volunteer_since || '' },
    { name: 'business_since', label: 'Registrert i Brønnøysundregistrene (Enhetsregisteret) fra (dato, tom hvis ikke)', type: 'date', value: org.business_since || '' },
  ];
}

/** The API body from the form's values. */
export function orgBody(v, hasEmployees) {
  return {
    name: v.name.trim(), municipality: v.municipality.trim(), kind: v.kind,
    volunteer_register: Boolean(v.volunteer_since), volunteer_since: v.volunteer_since || null,
    business_register: Boolean(v.business_since), business_since: v.business_since || null,
    has_employees: Boolean(hasEmployees),
  };
}

/** Modulus-11 check of a Norwegian organisation number (weights 3 2 7 6 5 4 3 2). */
export function orgnrValid(s) {
  if (!/^\d{9}$/.test(s)) return false;
  const w = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = w.reduce((acc, x, i) => acc + x * Number(s[i]), 0);
  let k = 11 - (sum % 11);
  if (k === 11) k = 0;
  return k !== 10 && k === Number(s[8]);
}
