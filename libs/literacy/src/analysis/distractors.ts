import { ChoiceMatrix } from './choices';
import { normaliseResponse } from './scoring';
import type { ItemSpec } from './types';

/*
 * Distractor analysis of choice items (items with an answer key): how many students chose each
 * option, whether it is the key, and the mean total score of those who chose it. A distractor
 * nobody chooses does not work; one chosen by students with a high mean total may be a second
 * correct answer or a misleading key.
 */

export interface OptionCount {
  option: string;
  isKey: boolean;
  count: number;
  /** count ÷ students who answered the item; null when nobody did. */
  proportion: number | null;
  /** Mean total score of the students who chose the option; null without totals or choosers. */
  meanTotal: number | null;
}

export interface DistractorAnalysis {
  itemId: string;
  n: number;
  answered: number;
  omitted: number;
  options: OptionCount[];
}

export interface DistractorOptions {
  /** Student rows to analyse; all by default. */
  rows?: ArrayLike<number>;
  /** Total score of every student (indexed by student, not by position in rows), for meanTotal. */
  totals?: ArrayLike<number>;
  /** The options each item offers (e.g. ['1','2','3','4']), so unchosen options show with 0. */
  optionsOf?: Readonly<Record<string, readonly string[]>>;
}

const collator = new Intl.Collator('en', { numeric: true });

/** One analysis per choice item (items without a key are skipped), in item order. */
export function distractorAnalysis(
  items: readonly ItemSpec[],
  responses: ReadonlyArray<ReadonlyArray<unknown>> | ChoiceMatrix,
  options: DistractorOptions = {},
): DistractorAnalysis[] {
  const answerOf = responses instanceof ChoiceMatrix ? (s: number, i: number) => responses.at(s, i) : (s: number, i: number) => normaliseResponse(responses[s]?.[i]);
  const rows = options.rows ?? Array.from({ length: responses.length }, (_, i) => i);
  const totals = options.totals;
  if (totals && totals.length !== responses.length) throw new RangeError('totals needs one entry per student');
  const out: DistractorAnalysis[] = [];
  items.forEach((item, i) => {
    if (item.key === undefined) return;
    const keys = new Set((typeof item.key === 'string' ? [item.key] : item.key).map((k) => k.trim()));
    const counts = new Map<string, { count: number; sum: number }>();
    const declared = options.optionsOf?.[item.id] ?? [];
    for (const o of declared) counts.set(o, { count: 0, sum: 0 });
    for (const k of keys) if (!counts.has(k)) counts.set(k, { count: 0, sum: 0 });
    let answered = 0;
    for (let r = 0; r < rows.length; r++) {
      const s = rows[r];
      const raw = answerOf(s, i);
      if (raw === null) continue;
      answered++;
      let c = counts.get(raw);
      if (!c) counts.set(raw, (c = { count: 0, sum: 0 }));
      c.count++;
      if (totals) c.sum += totals[s];
    }
    const order = [...counts.keys()].sort((a, b) => {
      const da = declared.indexOf(a);
      const db = declared.indexOf(b);
      if (da >= 0 && db >= 0) return da - db;
      if (da >= 0 || db >= 0) return da >= 0 ? -1 : 1;
      return collator.compare(a, b);
    });
    out.push({
      itemId: item.id,
      n: rows.length,
      answered,
      omitted: rows.length - answered,
      options: order.map((o) => {
        const c = counts.get(o)!;
        return {
          option: o,
          isKey: keys.has(o),
          count: c.count,
          proportion: answered ? c.count / answered : null,
          meanTotal: totals && c.count ? c.sum / c.count : null,
        };
      }),
    });
  });
  return out;
}
