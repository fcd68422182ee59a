/*
 * Shared shapes of the analysis engine. Everything here is plain data: no NestJS, no database.
 *
 * A score matrix holds one row per student and one column per item, row-major in a Float64Array,
 * with NaN for "no score" (not answered, not reached or not administered). Typed storage keeps a
 * 10,000 × 30 matrix at 2.4 MB and lets the loops below run without boxing.
 */

export type ItemType = 'dichotomous' | 'partial';

export interface ItemSpec {
  id: string;
  /** Competency area (AI understanding, AI use, AI ethics, digital literacy, … — configurable). */
  area: string;
  type: ItemType;
  /** 1 for a dichotomous item; the maximum score of a partial-credit item (a whole number ≥ 1). */
  maxScore: number;
  /**
   * Answer key of a choice item: the correct option, or several options that are all accepted.
   * Raw responses of an item with a key are scored key → maxScore, any other option → 0.
   * An item without a key is scored by the platform or a rater: its raw value is the score.
   */
  key?: string | readonly string[];
  /** Dropped from scoring by an admin after review: left out of totals, alpha and Rasch. */
  dropped?: boolean;
}

export interface ScoreMatrix {
  readonly nStudents: number;
  readonly nItems: number;
  /** Row-major, `data[student * nItems + item]`; NaN = no score. */
  readonly data: Float64Array;
}

/**
 * How a missing score (null/NaN) is treated.
 * - `zero`: as a score of 0, the way a CBT test grades an unanswered item (and Moodle's quiz
 *   statistics count an unanswered question). The default.
 * - `exclude`: as not administered (another form, not reached): left out of that item's statistics
 *   and, in the Rasch model, out of the likelihood.
 */
export type MissingPolicy = 'zero' | 'exclude';

export function scoreMatrix(rows: ReadonlyArray<ReadonlyArray<number | null | undefined>>, nItems?: number): ScoreMatrix {
  const width = nItems ?? (rows.length > 0 ? rows[0].length : 0);
  const data = new Float64Array(rows.length * width);
  for (let s = 0; s < rows.length; s++) {
    const row = rows[s];
    if (row.length !== width) throw new RangeError(`row ${s} has ${row.length} scores, expected ${width}`);
    for (let i = 0; i < width; i++) {
      const v = row[i];
      data[s * width + i] = v === null || v === undefined ? NaN : v;
    }
  }
  return { nStudents: rows.length, nItems: width, data };
}

/** The score of one cell, null for no score. */
export function cell(m: ScoreMatrix, student: number, item: number): number | null {
  const v = m.data[student * m.nItems + item];
  return Number.isNaN(v) ? null : v;
}

export function assertShape(m: ScoreMatrix, items: readonly ItemSpec[]): void {
  if (m.nItems !== items.length) throw new RangeError(`matrix has ${m.nItems} items, metadata ${items.length}`);
  if (m.data.length !== m.nStudents * m.nItems) throw new RangeError('matrix data length does not match its shape');
}
