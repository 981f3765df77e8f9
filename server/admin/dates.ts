/**
 * Calendar dates in the branch's time zone (default Asia/Shanghai, `REDTOUR_TIMEZONE`): the
 * dashboard's date filters, quarters and the dates it prints. Written with `Intl` only.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A calendar date, month 1–12. */
export interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(ms: number, timeZone: string): Record<string, number> {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

/** Throws a clear error for a time zone `Intl` does not know. */
export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`unknown time zone ${JSON.stringify(timeZone)} (e.g. Asia/Shanghai)`);
  }
  return timeZone;
}

/** The date at instant `ms` in `timeZone`. */
export function dateAt(ms: number, timeZone: string): CalendarDate {
  const p = partsIn(ms, timeZone);
  return { y: p.year!, m: p.month!, d: p.day! };
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = partsIn(ms, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant local midnight starts `date` in `timeZone` (handles DST zones too). */
export function startOfDay(date: CalendarDate, timeZone: string): number {
  const guess = Date.UTC(date.y, date.m - 1, date.d);
  let ms = guess - offsetAt(guess, timeZone);
  const again = guess - offsetAt(ms, timeZone);
  if (again !== ms) ms = again;
  return ms;
}

/** The next calendar day. */
export function nextDay(date: CalendarDate): CalendarDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** `YYYY-MM-DD`. */
export function formatDate(date: CalendarDate): string {
  return `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of instant `ms` in `timeZone`. */
export function formatDay(ms: number, timeZone: string): string {
  return formatDate(dateAt(ms, timeZone));
}

/** Parses a real `YYYY-MM-DD` date, or null. */
export function parseDate(text: string | null | undefined): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!match) return null;
  const date = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d));
  if (t.getUTCFullYear() !== date.y || t.getUTCMonth() + 1 !== date.m || t.getUTCDate() !== date.d) return null;
  return date;
}

const compare = (a: CalendarDate, b: CalendarDate) => a.y - b.y || a.m - b.m || a.d - b.d;

/** The first and last day of the quarter holding `date`. */
export function quarterOf(date: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  const first = Math.floor((date.m - 1) / 3) * 3 + 1;
  const last = new Date(Date.UTC(date.y, first + 2, 0)).getUTCDate();
  return { from: { y: date.y, m: first, d: 1 }, to: { y: date.y, m: first + 2, d: last } };
}

/** The first and last day of the year holding `date`. */
export function yearOf(date: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  return { from: { y: date.y, m: 1, d: 1 }, to: { y: date.y, m: 12, d: 31 } };
}

export type RangePreset = 'quarter' | 'year' | 'all' | 'custom';

/** A resolved date filter: inclusive calendar days and the instants they span. */
export interface DateRange {
  preset: RangePreset;
  from: CalendarDate | null;
  to: CalendarDate | null;
  /** Inclusive. */
  sinceMs?: number;
  /** Exclusive (midnight after `to`). */
  untilMs?: number;
}

/**
 * The date filter from query parameters: `range=quarter|year|all`, or `from`/`to`
 * (YYYY-MM-DD, either may be left out; swapped if reversed). Default: this quarter.
 */
export function resolveRange(params: URLSearchParams, nowMs: number, timeZone: string): DateRange {
  const today = dateAt(nowMs, timeZone);
  const preset = params.get('range');
  let from: CalendarDate | null;
  let to: CalendarDate | null;
  let kind: RangePreset;
  if (preset === 'all') {
    [from, to, kind] = [null, null, 'all'];
  } else if (preset === 'year') {
    ({ from, to } = yearOf(today));
    kind = 'year';
  } else if (preset !== 'quarter' && (parseDate(params.get('from')) || parseDate(params.get('to')))) {
    from = parseDate(params.get('from'));
    to = parseDate(params.get('to'));
    if (from && to && compare(from, to) > 0) [from, to] = [to, from];
    kind = 'custom';
  } else {
    ({ from, to } = quarterOf(today));
    kind = 'quarter';
  }
  return {
    preset: kind,
    from,
    to,
    ...(from ? { sinceMs: startOfDay(from, timeZone) } : {}),
    ...(to ? { untilMs: startOfDay(nextDay(to), timeZone) } : {}),
  };
}
