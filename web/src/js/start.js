// start.js: the start page (/). Lists every tenant (IMDi first, then the
// municipalities) with its open calls, each linking to /utlysning.html?id=ID.

import { getJson, getAllPages, describeError } from './lib/api.js';
import { h, byId, replaceChildren } from './lib/dom.js';
import { formatKronerRange, formatDateTime, formatTimeLeft } from './lib/format.js';
import { alertBox, retryButton, subGoalTag, setLoading, showAlert } from './lib/ui.js';
import { renderHeader } from './lib/header.js';

function callCard(call) {
  const headingId = `call-${call.id}-title`;
  const deadline = formatDateTime(call.deadline);
  const left = formatTimeLeft(call.deadline);
  return h(
    'li',
    {},
    h(
      'article',
      { class: 'ds-card', 'data-color': 'neutral', 'aria-labelledby': headingId },
      h(
        'h4',
        { class: 'ds-heading portal-call-title', 'data-size': 'xs', id: headingId },
        h('a', {
          class: 'ds-link portal-call-link',
          href: `/utlysning.html?id=${encodeURIComponent(call.id)}`,
          'data-testid': `call-link-${call.id}`,
          text: call.title,
        }),
      ),
      Array.isArray(call.sub_goals) && call.sub_goals.length
        ? h(
            'ul',
            { class: 'portal-tags', 'aria-label': 'Delmål' },
            call.sub_goals.map((g) => h('li', {}, subGoalTag(g, { withName: true }))),
          )
        : null,
      h(
        'dl',
        { class: 'portal-facts ds-paragraph', 'data-size': 'sm' },
        h('dt', { text: 'Beløp' }),
        h('dd', { text: formatKronerRange(call.min_amount, call.max_amount) }),
        h('dt', { text: 'Søknadsfrist' }),
        h('dd', {}, deadline, left ? h('span', { class: 'portal-muted', text: ` (${left})` }) : null),
      ),
    ),
  );
}

function tenantSection(tenant, calls) {
  const headingId = `tenant-${tenant.slug}-title`;
  return h(
    'section',
    { class: 'portal-tenant', 'data-testid': `tenant-${tenant.slug}`, 'aria-labelledby': headingId },
    h('h3', { class: 'ds-heading', 'data-size': 'sm', id: headingId, text: tenant.name }),
    h('ul', { class: 'portal-calls' }, calls.map(callCard)),
  );
}

function quietTenant(tenant) {
  const headingId = `tenant-${tenant.slug}-title`;
  return h(
    'li',
    {},
    h(
      'section',
      { 'data-testid': `tenant-${tenant.slug}`, 'aria-labelledby': headingId },
      h('h3', { class: 'ds-heading', id: headingId, text: tenant.name }),
      h('p', { class: 'ds-paragraph portal-muted', 'data-size': 'sm', text: 'Ingen åpne utlysninger nå' }),
    ),
  );
}

function group(title, ...content) {
  const id = `group-${title.toLowerCase().replace(/[^a-zæøå]+/g, '-')}`;
  return h(
    'section',
    { class: 'portal-group', 'aria-labelledby': id },
    h('h2', { class: 'ds-heading', 'data-size': 'md', id, text: title }),
    ...content,
  );
}

function render(tenants, calls) {
  const bySlug = new Map();
  for (const call of calls) {
    const slug = call.tenant && call.tenant.slug;
    if (!bySlug.has(slug)) bySlug.set(slug, []);
    bySlug.get(slug).push(call);
  }
  for (const list of bySlug.values()) list.sort((a, b) => String(a.deadline).localeCompare(String(b.deadline)) || a.id - b.id);

  const national = tenants.filter((t) => t.kind !== 'municipality');
  const municipal = tenants.filter((t) => t.kind === 'municipality');
  const active = municipal.filter((t) => bySlug.has(t.slug));
  const quiet = municipal.filter((t) => !bySlug.has(t.slug));

  const nationalActive = national.filter((t) => bySlug.has(t.slug));
  const nationalQuiet = national.filter((t) => !bySlug.has(t.slug));
  const nationalContent = [
    nationalActive.length
      ? h('div', { class: 'portal-tenants' }, nationalActive.map((t) => tenantSection(t, bySlug.get(t.slug))))
      : null,
    nationalQuiet.length ? h('ul', { class: 'portal-quiet' }, nationalQuiet.map(quietTenant)) : null,
  ];
  const openCount = calls.filter((c) => tenants.some((t) => t.slug === (c.tenant && c.tenant.slug))).length;
  const summary = h('p', {
    class: 'ds-paragraph',
    'data-testid': 'summary',
    text:
      openCount === 0
        ? 'Det er ingen åpne utlysninger akkurat nå.'
        : `${openCount} ${openCount === 1 ? 'åpen utlysning' : 'åpne utlysninger'} hos ${bySlug.size} ${bySlug.size === 1 ? 'tilskuddsgiver' : 'tilskuddsgivere'}.`,
  });

  return [
    summary,
    national.length ? group('Nasjonale utlysninger', ...nationalContent) : null,
    active.length
      ? group(
          'Kommunale utlysninger',
          h('div', { class: 'portal-tenants' }, active.map((t) => tenantSection(t, bySlug.get(t.slug)))),
        )
      : null,
    quiet.length
      ? group(
          active.length ? 'Andre kommuner' : 'Kommunale utlysninger',
          h('ul', { class: 'portal-quiet' }, quiet.map(quietTenant)),
        )
      : null,
  ];
}

async function load() {
  const status = byId('status');
  const errorBox = byId('error');
  const content = byId('tenants');
  errorBox.hidden = true;
  setLoading(status, true, 'Henter utlysninger …');
  try {
    const [tenantsBody, calls] = await Promise.all([
      getJson('/api/v1/tenants'),
      getAllPages('/api/v1/calls', { status: 'open' }),
    ]);
    const tenants = Array.isArray(tenantsBody.items) ? tenantsBody.items : [];
    replaceChildren(content, render(tenants, calls));
    content.setAttribute('aria-busy', 'false');
  } catch (err) {
    replaceChildren(content);
    showAlert(
      errorBox,
      alertBox('danger', 'Kunne ikke hente utlysningene', describeError(err), retryButton(load)),
    );
  } finally {
    setLoading(status, false);
  }
}

load();

renderHeader();
