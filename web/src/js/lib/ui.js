// ui.js: small Designsystemet building blocks shared by the pages (alerts,
// status tags, sub-goal tags, loading state), built with dom.js.

import { h, replaceChildren } from './dom.js';

/**
 * A ds-alert with a heading, text and optional extra nodes (links, buttons).
 * @param {'danger'|'warning'|'info'|'success'} color
 */
export function alertBox(color, heading, text, ...extra) {
  return alertBoxAt('h2', color, heading, text, ...extra);
}

/** Like alertBox, with the heading element chosen ("h1" where the alert is the page's main content). */
export function alertBoxAt(headingTag, color, heading, text, ...extra) {
  return h(
    'div',
    { class: 'ds-alert', 'data-color': color, role: color === 'danger' ? 'alert' : null },
    h(headingTag, { class: 'ds-heading', 'data-size': 'xs', text: heading }),
    h('p', { class: 'ds-paragraph', text }),
    extra.length ? h('p', { class: 'ds-paragraph portal-alert-actions' }, ...extra) : null,
  );
}

/** A "Prøv igjen" button that runs retry(). */
export function retryButton(retry) {
  const btn = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm', text: 'Prøv igjen' });
  btn.addEventListener('click', retry);
  return btn;
}

const STATUS = {
  open: { label: 'Åpen', color: 'success' },
  closed: { label: 'Stengt', color: 'neutral' },
  upcoming: { label: 'Kommer', color: 'info' },
};

/** The Norwegian label of a call status ("open" -> "Åpen"). */
export function statusLabel(status) {
  return (STATUS[status] || { label: 'Ukjent' }).label;
}

/** A ds-tag showing a call's status. */
export function statusTag(status) {
  const s = STATUS[status] || { label: 'Ukjent', color: 'neutral' };
  return h('span', { class: 'ds-tag', 'data-color': s.color, 'data-testid': 'call-status', text: s.label });
}

/** A ds-tag for a sub-goal: "Delmål A" with the name for screen readers and on the page. */
export function subGoalTag(goal, { withName = false } = {}) {
  return h(
    'span',
    { class: 'ds-tag', 'data-color': 'accent' },
    withName ? `${goal.code} – ${goal.name}` : `Delmål ${goal.code}`,
  );
}

/** Show or hide the page's loading indicator (a role=status element with a spinner). */
export function setLoading(statusEl, loading, text) {
  statusEl.hidden = !loading;
  if (text !== undefined) {
    const label = statusEl.querySelector('[data-status-text]');
    if (label) label.textContent = text;
  }
}

/** Put an alert into a container, replacing what was there, and show it. */
export function showAlert(container, alert) {
  replaceChildren(container, alert);
  container.hidden = false;
}

/** A "Skriv ut" button that prints the page. */
export function printButton() {
  const print = h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm', text: 'Skriv ut' });
  print.addEventListener('click', () => window.print());
  return print;
}

/** The page numbers to show: the first, the last and two either side of the current one; 0 stands for a gap. */
function pageNumbers(page, pages) {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return shown.flatMap((p, i) => (i && p - shown[i - 1] > 1 ? [0, p] : [p]));
}

/**
 * The <ul> of a Designsystemet pagination (<nav class="ds-pagination">): previous, the page numbers
 * (only the current one when pages is not known) and next. go(p) shows page p; href(p), when given,
 * makes the steps links to the page (so they can be opened in a new tab). A step that leads nowhere
 * is hidden the Designsystemet way (aria-hidden keeps its place).
 */
export function pagination({ page, pages = null, hasNext = pages !== null && page < pages, href = null, go }) {
  const item = (label, p, props = {}) => {
    const el = href
      ? h('a', { class: 'ds-button', 'data-variant': 'tertiary', href: href(p), ...props, text: label })
      : h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', ...props, text: label });
    el.addEventListener('click', (e) => {
      e.preventDefault();
      go(p);
    });
    return el;
  };
  const step = (label, p, enabled, testid) => (enabled ? item(label, p, { 'data-testid': testid })
    : h('span', { class: 'ds-button', 'data-variant': 'tertiary', 'aria-hidden': 'true', 'data-testid': testid, text: label }));
  const numbers = pages === null ? [page] : pageNumbers(page, pages);
  return h('ul', {},
    h('li', {}, step('Forrige', page - 1, page > 1, 'page-prev')),
    numbers.map((p) => h('li', {}, p ? item(String(p), p, p === page
      ? { 'aria-current': 'true', 'aria-label': pages === null ? `Side ${p}` : `Side ${p} av ${pages}` } : { 'aria-label': `Side ${p}` }) : null)),
    h('li', {}, step('Neste', page + 1, hasNext, 'page-next')));
}
