// format.js: Norwegian (nb-NO) formatting of money, dates, times and time left.
// Times are always shown in Europe/Oslo, whatever the browser's own time zone.

const TZ = 'Europe/Oslo';
const numberFmt = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });
const dateTimeFmt = new Intl.DateTimeFormat('nb-NO', {
  timeZone: TZ,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dateOnlyFmt = new Intl.DateTimeFormat('nb-NO', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function parts(fmt, date) {
  const out = {};
  for (const p of fmt.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** 1000000 -> "1 000 000" (with no-break spaces, as Intl gives). */
export function formatNumber(n) {
  return numberFmt.format(n);
}

/** 30000 -> "30 000 kr" */
export function formatKroner(n) {
  return `${formatNumber(n)}\u00a0kr`;
}

/** (10000, 1000000) -> "10 000–1 000 000 kr"; either end may be null. */
export function formatKronerRange(min, max) {
  if (min != null && max != null) return `${formatNumber(min)}–${formatNumber(max)}\u00a0kr`;
  if (min != null) return `Fra ${formatKroner(min)}`;
  if (max != null) return `Opptil ${formatKroner(max)}`;
  return 'Ingen beløpsgrense oppgitt';
}

/** Parses an ISO 8601 timestamp with offset; returns null when it is not one. */
export function parseInstant(iso) {
  if (typeof iso !== 'string') return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An instant -> "31. desember 2026 kl. 23:59" in Oslo time. */
export function formatDateTime(isoOrDate) {
  const d = isoOrDate instanceof Date ? isoOrDate : parseInstant(isoOrDate);
  if (!d) return '';
  const p = parts(dateTimeFmt, d);
  return `${p.day}. ${p.month} ${p.year} kl. ${p.hour}:${p.minute}`;
}

/** "2027-02-01" -> "1. februar 2027" (a calendar date, no time zone shift). */
export function formatDate(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
  if (!m) return '';
  const p = parts(dateOnlyFmt, new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  return `${p.day}. ${p.month} ${p.year}`;
}

/** Time from now to an instant: "om 39 dager", "om 5 timer", "for 2 dager siden".
 *  (Written out by hand: Intl.RelativeTimeFormat('nb') says "døgn", not "dager".) */
export function formatTimeLeft(isoOrDate, now = Date.now()) {
  const d = isoOrDate instanceof Date ? isoOrDate : parseInstant(isoOrDate);
  if (!d) return '';
  const diff = d.getTime() - now;
  const abs = Math.abs(diff);
  let text;
  if (abs >= DAY) text = plural(Math.floor(abs / DAY), 'dag', 'dager');
  else if (abs >= HOUR) text = plural(Math.floor(abs / HOUR), 'time', 'timer');
  else text = plural(Math.max(1, Math.floor(abs / MINUTE)), 'minutt', 'minutter');
  return diff < 0 ? `for ${text} siden` : `om ${text}`;
}

function plural(n, one, many) {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** True when the instant is in the past. */
export function isPast(isoOrDate, now = Date.now()) {
  const d = isoOrDate instanceof Date ? isoOrDate : parseInstant(isoOrDate);
  return d !== null && d.getTime() < now;
}

/** 21 -> "3 uker", 10 -> "10 dager", 1 -> "1 dag". */
export function formatDays(days) {
  if (days > 0 && days % 7 === 0) {
    const weeks = days / 7;
    return `${weeks} ${weeks === 1 ? 'uke' : 'uker'}`;
  }
  return `${days} ${days === 1 ? 'dag' : 'dager'}`;
}
