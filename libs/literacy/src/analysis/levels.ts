/*
 * Achievement levels (성취수준) from configurable cut scores: a level holds every score from its
 * `min` up to (not including) the next level's `min`. The scale is the caller's: raw total,
 * percent of the maximum, or Rasch ability — the cut scores just have to be on the same one.
 */

export interface CutScore {
  level: string;
  min: number;
}

/** Problems with a cut-score table: at least one level, names unique and non-empty, mins finite and strictly ascending. */
export function validateCutScores(cuts: readonly CutScore[]): string[] {
  const problems: string[] = [];
  if (cuts.length === 0) problems.push('at least one level is needed');
  const names = new Set<string>();
  cuts.forEach((c, i) => {
    if (!c.level || !c.level.trim()) problems.push(`level ${i + 1} has no name`);
    else if (names.has(c.level)) problems.push(`level ${c.level} appears twice`);
    names.add(c.level);
    if (!Number.isFinite(c.min)) problems.push(`level ${c.level} has no valid minimum`);
    else if (i > 0 && Number.isFinite(cuts[i - 1].min) && !(c.min > cuts[i - 1].min))
      problems.push(`level ${c.level}: minimum ${c.min} is not above the previous level's ${cuts[i - 1].min}`);
  });
  return problems;
}

export class InvalidCutScoresError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid cut scores: ${problems.join('; ')}`);
  }
}

function checked(cuts: readonly CutScore[]): readonly CutScore[] {
  const problems = validateCutScores(cuts);
  if (problems.length) throw new InvalidCutScoresError(problems);
  return cuts;
}

/** The level of one score; null below the first level's minimum or for a missing score. */
export function levelOf(score: number | null, cuts: readonly CutScore[]): string | null {
  checked(cuts);
  return find(score, cuts);
}

function find(score: number | null, cuts: readonly CutScore[]): string | null {
  if (score === null || !Number.isFinite(score)) return null;
  let lo = 0;
  let hi = cuts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid].min <= score) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? null : cuts[found].level;
}

export interface LevelDistribution {
  level: string;
  count: number;
  /** count ÷ students with a level. */
  proportion: number | null;
}

export interface LevelAssignment {
  levels: (string | null)[];
  distribution: LevelDistribution[];
  /** Scores with no level (missing, or below the lowest minimum). */
  unassigned: number;
}

export function assignLevels(scores: ArrayLike<number | null>, cuts: readonly CutScore[]): LevelAssignment {
  checked(cuts);
  const levels: (string | null)[] = new Array(scores.length);
  const counts = new Map<string, number>(cuts.map((c) => [c.level, 0]));
  let unassigned = 0;
  for (let i = 0; i < scores.length; i++) {
    const l = find(scores[i], cuts);
    levels[i] = l;
    if (l === null) unassigned++;
    else counts.set(l, counts.get(l)! + 1);
  }
  const assigned = scores.length - unassigned;
  return {
    levels,
    unassigned,
    distribution: cuts.map((c) => ({ level: c.level, count: counts.get(c.level)!, proportion: assigned ? counts.get(c.level)! / assigned : null })),
  };
}
