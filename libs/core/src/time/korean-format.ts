/*
 * Dates and times as Korean readers write them, on Seoul's calendar and clock, for the web UI and the files the
 * api makes alike: "2026. 12. 20. (일) 오후 2:40". Built from Intl's parts rather than the ko-KR pattern,
 * whose day period is "PM" with some ICU data (Node 20's among them): Korean readers see 오전/오후, never AM/PM.
 * No Node or browser API beyond Intl: the web app imports this file too.
 */

const PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const WEEKDAY: Record<string, string> = { Sun: '일', Mon: '월', Tue: '화', Wed: '수', Thu: '목', Fri: '금', Sat: '토' };

interface SeoulParts {
  year: string;
  month: string;
  day: string;
  weekday: string;
  hour: number;
  minute: string;
  second: string;
}

function seoulParts(value: Date | string): SeoulParts | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  const parts = Object.fromEntries(PARTS.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: parts.year, month: parts.month, day: parts.day, weekday: WEEKDAY[parts.weekday], hour: Number(parts.hour) % 24, minute: parts.minute, second: parts.second };
}

const dayText = (p: SeoulParts) => `${p.year}. ${p.month}. ${p.day}. (${p.weekday})`;
const clockText = (p: SeoulParts, seconds: boolean) => `${p.hour < 12 ? '오전' : '오후'} ${p.hour % 12 || 12}:${p.minute}${seconds ? `:${p.second}` : ''}`;

/** "2026. 12. 20. (일)": the Seoul day of an instant, or of a YYYY-MM-DD date (that day itself). */
export function koreanDate(value: Date | string): string {
  // A calendar date names its day; read as an instant it would be the UTC midnight, the same Seoul day.
  const p = seoulParts(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+09:00` : value);
  return p ? dayText(p) : String(value);
}

/** "2026. 12. 20. (일) 오후 2:40" (with seconds: "오후 2:40:05"), in Seoul. */
export function koreanDateTime(value: Date | string, { seconds = false }: { seconds?: boolean } = {}): string {
  const p = seoulParts(value);
  return p ? `${dayText(p)} ${clockText(p, seconds)}` : String(value);
}

/** "오후 2:40", in Seoul. */
export function koreanTime(value: Date | string): string {
  const p = seoulParts(value);
  return p ? clockText(p, false) : String(value);
}
