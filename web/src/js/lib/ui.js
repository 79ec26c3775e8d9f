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
