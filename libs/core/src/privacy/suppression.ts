// Shared by every report that publishes group figures (surveys, literacy): one rule, one threshold floor.
/*
 * Small-cell suppression for published survey results.
 *
 * Results are broken down by school, grade, role and so on. A group of two teachers at one school
 * with a mean satisfaction of 1.5 says what those two people answered, which the survey promised
 * not to reveal. Groups with fewer respondents than a threshold are therefore shown as "suppressed"
 * with every figure removed, including n itself.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;
/** Below 3 a group of two can each subtract their own answer and learn the other's. */
export const MIN_SUPPRESSION_THRESHOLD = 3;

export function assertThreshold(threshold: number): void {
  if (!Number.isInteger(threshold)) throw new RangeError(`suppression threshold must be a whole number, got ${threshold}`);
  if (threshold < MIN_SUPPRESSION_THRESHOLD) {
    throw new RangeError(`suppression threshold must be at least ${MIN_SUPPRESSION_THRESHOLD}, got ${threshold}`);
  }
}

/** small_cell: the group itself is too small. complementary: hidden so a small sibling cannot be derived. */
export type SuppressionReason = 'small_cell' | 'complementary';

export type ShownGroup<T> = T & { suppressed: false };
export type SuppressedGroup<T, K extends keyof T> = Pick<T, K> & { suppressed: true; reason: SuppressionReason };
export type SuppressionResult<T, K extends keyof T> = ShownGroup<T> | SuppressedGroup<T, K>;

export interface SuppressOptions<K> {
  /**
   * Identifying fields to keep on suppressed groups (e.g. 'schoolCode', 'label'), so the table can
   * still show the row. Every other field is treated as a figure and removed. Never 'n'.
   */
  keep?: readonly K[];
  /**
   * Whether the total over these sibling groups is published alongside them. Defaults to true,
   * the safe assumption: it turns on complementary suppression.
   */
  totalShown?: boolean;
}

/**
 * Suppresses small groups within one set of sibling groups (e.g. all schools of one district, whose
 * total is the district figure). Returns the groups in input order.
 *
 * Complementary suppression: if exactly one sibling is suppressed and the total is shown, its
 * figures follow by subtraction (total n minus the other groups' n; likewise for counts and sums).
 * So the smallest remaining sibling (first in input order on ties) is suppressed too: two hidden
 * cells only reveal their combined figures. With two or more small cells nothing more is needed.
 * The total itself is not this function's business: pass it through suppress() as its own group
 * (a lone group of n < threshold is suppressed there, which also covers a one-group set).
 */
export function suppress<T extends { n: number }, K extends Exclude<keyof T, 'n'> = never>(
  groups: readonly T[],
  threshold: number = DEFAULT_SUPPRESSION_THRESHOLD,
  options: SuppressOptions<K> = {},
): SuppressionResult<T, K>[] {
  assertThreshold(threshold);
  const keep = options.keep ?? [];
  if ((keep as readonly PropertyKey[]).includes('n')) throw new TypeError('n cannot be kept on suppressed groups');
  groups.forEach((g, i) => {
    if (!Number.isInteger(g.n) || g.n < 0) throw new RangeError(`groups[${i}].n must be a non-negative whole number, got ${g.n}`);
  });

  const reasons = new Map<number, SuppressionReason>();
  groups.forEach((g, i) => {
    if (g.n < threshold) reasons.set(i, 'small_cell');
  });
  if ((options.totalShown ?? true) && reasons.size === 1 && groups.length > 1) {
    let next = -1;
    groups.forEach((g, i) => {
      if (!reasons.has(i) && (next === -1 || g.n < groups[next].n)) next = i;
    });
    reasons.set(next, 'complementary');
  }

  return groups.map((g, i) => {
    const reason = reasons.get(i);
    if (reason === undefined) return { ...g, suppressed: false as const };
    const kept = {} as Pick<T, K>;
    for (const key of keep) kept[key] = g[key];
    return { ...kept, suppressed: true as const, reason };
  });
}

/**
 * Suppression where the siblings are the children of one published parent (the schools of a
 * district whose total is shown, the districts of an office): each parent's children are one set.
 * Suppressing across all groups at once would miss a parent with exactly one small child whenever
 * another parent also has one. Returns the groups in input order.
 */
export function suppressWithin<T extends { n: number }, K extends Exclude<keyof T, 'n'> = never>(
  groups: readonly T[],
  parentOf: (group: T) => string,
  threshold: number = DEFAULT_SUPPRESSION_THRESHOLD,
  options: SuppressOptions<K> = {},
): SuppressionResult<T, K>[] {
  const sets = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const p = parentOf(g);
    if (!sets.has(p)) sets.set(p, []);
    sets.get(p)!.push(i);
  });
  const out = new Array<SuppressionResult<T, K>>(groups.length);
  for (const members of sets.values()) {
    const result = suppress(members.map((i) => groups[i]), threshold, options);
    members.forEach((i, j) => (out[i] = result[j]));
  }
  return out;
}
