/*
 * Days are Seoul days. Every "on day D" in the product (eligibility, notices in force, survey and
 * call windows, designation terms, badge dates, school years, ages) means the Asia/Seoul calendar
 * day, whatever the process's TZ or the database session's TimeZone. Nothing here reads either:
 * TypeScript goes through Intl with an explicit time zone, SQL through AT TIME ZONE.
 *
 * Korea has kept +09:00 all year since 1988, so the start of a Seoul day is that day at
 * 00:00+09:00 and a day is 24 hours long.
 */

export const SEOUL_TIME_ZONE = 'Asia/Seoul';

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A date and a wall-clock time with no offset: ISO 8601 as the API's validators let it through. */
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)$/;

const seoulParts = new Intl.DateTimeFormat('en-US', { timeZone: SEOUL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Seoul calendar day (YYYY-MM-DD) of an instant. */
export function seoulDate(at: Date | string | number): string {
  const parts = seoulParts.formatToParts(at instanceof Date ? at : new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today in Seoul, as YYYY-MM-DD: terms, reminders and the like count Seoul calendar days. */
export function seoulToday(now = new Date()): string {
  return seoulDate(now);
}

/** The instant a Seoul day (YYYY-MM-DD) begins: 00:00 in Seoul. */
export function seoulDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`);
}

/** The instant a Seoul day (YYYY-MM-DD) is over: 00:00 in Seoul the next day (an exclusive bound). */
export function seoulDayEnd(day: string): Date {
  return new Date(seoulDayStart(day).getTime() + DAY_MS);
}

/** A calendar day (YYYY-MM-DD) `days` later (or earlier, when negative). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * An instant as the API takes it, as an ISO string: with an offset (or Z) as given; a date and a
 * time without one, that time in Seoul; a date alone, the start of that Seoul day, or its end
 * (the next day's start) for the closing side of a window or period. Anything else is returned
 * unchanged.
 */
export function seoulInstant(value: string, dateAlone: 'start' | 'end' = 'start'): string {
  if (DAY.test(value)) return (dateAlone === 'end' ? seoulDayEnd(value) : seoulDayStart(value)).toISOString();
  const local = LOCAL_TIME.exec(value);
  return local ? new Date(`${local[1]}T${local[2].replace(',', '.')}+09:00`).toISOString() : value;
}

/** A window (opensAt–closesAt) as the API takes it: given as dates, from the start of the first Seoul day to the end of the last. */
export function seoulWindow<T extends { opensAt: string; closesAt: string }>(window: T): T {
  return { ...window, opensAt: seoulInstant(window.opensAt), closesAt: seoulInstant(window.closesAt, 'end') };
}

/**
 * The Korean school year (학년도) of an instant or of a Seoul day (YYYY-MM-DD): it starts on
 * 1 March, so February 2026 still belongs to school year 2025.
 */
export function schoolYearOf(at: Date | string = new Date()): number {
  const day = typeof at === 'string' && DAY.test(at) ? at : seoulDate(at);
  const [year, month] = day.split('-').map(Number);
  return month >= 3 ? year : year - 1;
}

/**
 * SQL: the instant Seoul day `day` (a date expression) is over, for `ts < …` ("on or before day
 * D" in Seoul). A timestamptz compared with a bare date would use the session's TimeZone instead.
 */
export function seoulDayEndSql(day: string): string {
  return `(((${day}) + 1)::timestamp AT TIME ZONE '${SEOUL_TIME_ZONE}')`;
}
