/**
 * Progress of an indicator against its target for a school year, as a pure rule.
 *
 * The school year runs from 1 March to the end of February. By a given day a share of it has
 * passed (`expected`); the indicator has covered a share of the way from its baseline to its
 * target (`achieved`, which works for targets below the baseline too). The status compares the two:
 *   - on_track: achieved ≥ expected − 0.1, or the target is reached;
 *   - at_risk:  achieved ≥ expected − 0.3;
 *   - behind:   otherwise.
 * Without an actual figure there is no status (null).
 */
export const PROGRESS_STATUSES = ['on_track', 'at_risk', 'behind'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const ON_TRACK_MARGIN = 0.1;
export const AT_RISK_MARGIN = 0.3;

/** Share of school year `year` passed on `day` (YYYY-MM-DD): 0 before 1 March, 1 from the next 1 March. */
export function yearElapsed(year: number, day: string): number {
  const start = Date.UTC(year, 2, 1);
  const end = Date.UTC(year + 1, 2, 1);
  const at = Date.parse(`${day}T00:00:00Z`);
  return Math.min(1, Math.max(0, (at - start) / (end - start)));
}

export interface Progress {
  expected: number;
  achieved: number | null;
  status: ProgressStatus | null;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function progressOf(baseline: number, target: number, actual: number | null, expected: number): Progress {
  if (actual === null || !Number.isFinite(actual)) return { expected: round(expected), achieved: null, status: null };
  const span = target - baseline;
  const achieved = span === 0 ? (actual >= target ? 1 : 0) : (actual - baseline) / span;
  const status: ProgressStatus = achieved >= 1 || achieved >= expected - ON_TRACK_MARGIN ? 'on_track' : achieved >= expected - AT_RISK_MARGIN ? 'at_risk' : 'behind';
  return { expected: round(expected), achieved: round(achieved), status };
}

/** The quarter of the school year a day falls in: Q1 Mar–May, Q2 Jun–Aug, Q3 Sep–Nov, Q4 Dec–Feb. */
export function quarterOf(day: string): { schoolYear: number; quarter: number } {
  const [y, m] = day.split('-').map(Number);
  const schoolYear = m >= 3 ? y : y - 1;
  const quarter = m >= 3 ? Math.floor((m - 3) / 3) + 1 : 4;
  return { schoolYear, quarter };
}
