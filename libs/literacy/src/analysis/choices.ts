import { normaliseResponse } from './scoring';
import type { ItemSpec } from './types';

/** Distinct answers kept per item; a choice item offers a handful, so more means a broken export. */
const MAX_CODES = 255;

/**
 * The option each student chose on each choice item, one byte per cell (0: no answer), for the
 * distractor analysis of results too many to keep as text: a million students × 30 items is 30 MB
 * here against gigabytes as JavaScript strings. Items without a key are not recorded.
 */
export class ChoiceMatrix {
  private readonly codes: Uint8Array;
  private readonly answers: string[][];
  private readonly lookup: Map<string, number>[];
  private readonly choice: boolean[];

  constructor(
    readonly length: number,
    private readonly items: readonly ItemSpec[],
  ) {
    this.codes = new Uint8Array(length * items.length);
    this.answers = items.map(() => []);
    this.lookup = items.map(() => new Map());
    this.choice = items.map((i) => i.key !== undefined);
  }

  record(student: number, row: ReadonlyArray<unknown>): void {
    const n = this.items.length;
    for (let i = 0; i < n; i++) {
      if (!this.choice[i]) continue;
      const value = normaliseResponse(row[i]);
      if (value === null) continue;
      let code = this.lookup[i].get(value);
      if (code === undefined) {
        if (this.answers[i].length >= MAX_CODES) throw new RangeError(`item ${this.items[i].id} has more than ${MAX_CODES} distinct answers`);
        this.answers[i].push(value);
        code = this.answers[i].length;
        this.lookup[i].set(value, code);
      }
      this.codes[student * n + i] = code;
    }
  }

  at(student: number, item: number): string | null {
    const code = this.codes[student * this.items.length + item];
    return code === 0 ? null : this.answers[item][code - 1];
  }
}
