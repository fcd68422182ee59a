/**
 * Formatters shared by the signed-in app and the phone links (respond.html), kept apart from labels.ts so the
 * links' bundle carries only these.
 */
import { koreanDate, koreanDateTime } from '../../../libs/core/src/time/korean-format';

/*
 * Dates and times: one Korean format on Seoul's calendar and clock, whatever the browser's time zone, as in the
 * api's files (libs/core/src/time/korean-format.ts): 2026. 12. 20. (일) 오후 2:40, and the day alone 2026. 12. 20. (일).
 */

/** A moment to the minute: 2026. 12. 20. (일) 오후 2:40 */
export const formatDateTime = (iso: string): string => koreanDateTime(iso);

/** The Seoul day of a moment, or a YYYY-MM-DD day: 2026. 3. 1. (일) */
export const formatDate = (iso: string): string => koreanDate(iso);

/** A formatter of ISO moments: '-' (or `none`) for no moment, the text itself when it is not a date. */
const seoul =
  (format: (d: Date) => string) =>
  (iso: string | null | undefined, none = '-'): string => {
    if (!iso) return none;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : format(d);
  };

/** To the minute, '-' for none: 2026. 3. 2. (월) 오전 9:00 */
export const formatSeoulMinute = seoul((d) => koreanDateTime(d));
/** To the second, '-' for none: 2026. 3. 2. (월) 오전 9:00:05 */
export const formatSeoulSecond = seoul((d) => koreanDateTime(d, { seconds: true }));
/** The day, '-' for none: 2026. 3. 9. (월) */
export const formatSeoulLongDate = seoul((d) => koreanDate(d));

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)}KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)}MB`;
}
