import type { ItemSpec, ScoreMatrix } from './types';

/*
 * Turning raw responses into scores, and checking scores that arrive already scored.
 * Nothing throws on bad data: every bad cell is reported (student row, item, reason) so an import
 * can be refused whole with the full list, as the import rules require.
 */

export interface ScoreProblem {
  /** 0-based student row, or -1 for a problem with the item itself. */
  student: number;
  itemId: string;
  reason: string;
}

/** Problems with item metadata: ids, types, maximum scores and keys. */
export function validateItems(items: readonly ItemSpec[]): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const p = (reason: string) => problems.push({ student: -1, itemId: item.id, reason });
    if (!item.id) p('item id is empty');
    if (seen.has(item.id)) p('duplicate item id');
    seen.add(item.id);
    if (item.type !== 'dichotomous' && item.type !== 'partial') p(`unknown item type ${String(item.type)}`);
    if (!Number.isInteger(item.maxScore) || item.maxScore < 1) p('maxScore must be a whole number of at least 1');
    else if (item.type === 'dichotomous' && item.maxScore !== 1) p('a dichotomous item has maxScore 1');
    if (item.key !== undefined) {
      const keys = keysOf(item);
      if (keys.length === 0 || keys.some((k) => k.trim() === '')) p('answer key is empty');
    }
  }
  return problems;
}

function keysOf(item: ItemSpec): string[] {
  if (item.key === undefined) return [];
  return (typeof item.key === 'string' ? [item.key] : [...item.key]).map((k) => k.trim());
}

/** Normalises a raw response: trims text, null for blank. Numbers become their decimal text. */
export function normaliseResponse(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : '') : String(raw);
  const t = text.trim();
  return t === '' ? null : t;
}

/**
 * Checks one score against its item: a whole number from 0 to maxScore. Whole numbers only, because
 * the partial credit model needs score categories (half points would have to be rescaled first).
 */
export function checkScore(item: ItemSpec, value: number): string | null {
  if (!Number.isFinite(value)) return 'score is not a number';
  if (!Number.isInteger(value)) return `score ${value} is not a whole number`;
  if (value < 0 || value > item.maxScore) return `score ${value} is outside 0..${item.maxScore}`;
  return null;
}

export interface ScoredResponses {
  matrix: ScoreMatrix;
  problems: ScoreProblem[];
}

/**
 * Scores raw responses (students × items). Choice items (with a key): the key, or any of several
 * keys, earns maxScore, any other option 0. Other items: the raw value must be a score 0..maxScore.
 * Blank → no score (NaN). Problem cells are left NaN and reported.
 */
export function scoreResponses(items: readonly ItemSpec[], responses: ReadonlyArray<ReadonlyArray<unknown>>): ScoredResponses {
  const scorer = new ResponseScorer(items);
  const data = new Float64Array(responses.length * items.length);
  for (let s = 0; s < responses.length; s++) scorer.scoreRow(responses[s], s, data, s * items.length);
  return { matrix: { nStudents: responses.length, nItems: items.length, data }, problems: scorer.problems };
}

/**
 * Scores one student's raw responses at a time into a matrix the caller owns, so a million results
 * can be scored as they are read, without holding their text.
 */
export class ResponseScorer {
  readonly problems: ScoreProblem[] = [];
  private readonly keys: (Set<string> | null)[];

  constructor(private readonly items: readonly ItemSpec[]) {
    this.keys = items.map((it) => (it.key === undefined ? null : new Set(keysOf(it))));
  }

  /** Writes the row's scores at data[offset …]; `student` names the row in problems. */
  scoreRow(row: ReadonlyArray<unknown>, student: number, data: Float64Array, offset: number): void {
    const items = this.items;
    const nItems = items.length;
    if (row.length !== nItems) {
      this.problems.push({ student, itemId: '', reason: `row has ${row.length} responses, expected ${nItems}` });
      data.fill(NaN, offset, offset + nItems);
      return;
    }
    for (let i = 0; i < nItems; i++) {
      const r = normaliseResponse(row[i]);
      let score = NaN;
      if (r !== null) {
        const k = this.keys[i];
        if (k) score = k.has(r) ? items[i].maxScore : 0;
        else {
          const v = Number(r);
          const bad = checkScore(items[i], v);
          if (bad) this.problems.push({ student, itemId: items[i].id, reason: bad });
          else score = v;
        }
      }
      data[offset + i] = score;
    }
  }
}

/** Every cell of an already scored matrix that is not NaN and not a valid score of its item. */
export function checkScores(items: readonly ItemSpec[], m: ScoreMatrix): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  for (let s = 0; s < m.nStudents; s++) {
    for (let i = 0; i < m.nItems; i++) {
      const v = m.data[s * m.nItems + i];
      if (Number.isNaN(v)) continue;
      const bad = checkScore(items[i], v);
      if (bad) problems.push({ student: s, itemId: items[i].id, reason: bad });
    }
  }
  return problems;
}
