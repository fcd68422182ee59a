import { fitRasch, type RaschOptions, type RaschResult } from './rasch';
import type { ItemSpec, ScoreMatrix } from './types';

/*
 * Anchor-item linking: putting a new year's Rasch calibration on the item bank's scale through
 * the items both forms share (anchors).
 *
 * (a) Mean–mean linking (Loyd & Hoover 1980; under the Rasch model the slope is 1, so only the
 *     shift is estimated). The new form is calibrated freely (its own θ mean = 0); for every
 *     anchor the displacement d_i = bank_i − current_i, and the linking constant is their mean,
 *         c = mean(d_i),  so  θ_bank = θ_new + c  and  δ_bank = δ_new + c.
 *     c is also the new population's mean on the bank scale. SE(c) = sd(d) / √n (n − 1 in sd):
 *     the error from the choice of anchors (Wright & Stone 1979, Best Test Design, ch. 5;
 *     the PISA "link error", Monseur & Berezner 2007). It does not include the sampling error of
 *     the two calibrations' origins (each ≈ σ/√N, shared by all anchors), which the caller adds
 *     if comparing populations rather than scales.
 *
 *     Drift. An anchor is flagged when its displacement is out of line with the others, by
 *     either rule:
 *     - |d_i − c| > 0.5 logit (default): the "logit difference" (displacement) rule;
 *     - robust z = (d_i − median d) / (1.4826·MAD d) with |z| > 2.7 (default): Huynh & Meyer
 *       (2010), "Use of robust z in detecting unstable items in IRT models", PARE 15(2).
 *     Both cut-offs (0.5 logit, 2.7) are the ones compared in Liu & Jurich (2023), Applied
 *     Psychological Measurement 47(1), 34–47. MAD is floored at `minScale`
 *       (default 0.1 logit, about the SE of a difference of two difficulties at N ≈ 1,000):
 *       with ten well-behaved anchors MAD can be near zero by chance and would make trivial
 *       differences "significant".
 *     With `dropDrifting`, flagged anchors are removed, c is recomputed on the rest and the
 *     threshold rule re-applied against the new c, until no more anchors drop (never below
 *     `minAnchors`, default 3). Median and MAD are of all anchors (they are already robust).
 *
 * (b) Fixed-parameter calibration: the new form is calibrated by the same MML (rasch.ts) with the
 *     anchors' steps held at their bank values, estimating the other items, σ and the population
 *     mean μ directly on the bank scale. Pass the anchors that survived (a) to keep drifting
 *     items from pulling the scale.
 */

export interface AnchorPair {
  id: string;
  /** Item-bank difficulty (bank scale). */
  bank: number;
  /** Difficulty from the new free calibration (its own scale). */
  current: number;
}

export interface LinkingOptions {
  /** Flag when |d − c| exceeds this; default 0.5 logit. */
  threshold?: number;
  /** Flag when |robust z| exceeds this; default 2.7. */
  robustZ?: number;
  /** Floor of the robust z's scale (1.4826·MAD); default 0.1 logit. */
  minScale?: number;
  /** Remove flagged anchors and recompute; default false. */
  dropDrifting?: boolean;
  /** Never drop below this many anchors; default 3. */
  minAnchors?: number;
}

export type DriftRule = 'displacement' | 'robust-z';

export interface AnchorDrift extends AnchorPair {
  /** bank − current. */
  displacement: number;
  /** displacement − linking constant. */
  residual: number;
  robustZ: number;
  flagged: boolean;
  rules: DriftRule[];
  /** Whether the anchor entered the final linking constant. */
  used: boolean;
}

export interface MeanMeanLink {
  /** c: add to new-scale difficulties and abilities to put them on the bank scale. */
  constant: number;
  se: number | null;
  /** Anchors in the constant. */
  n: number;
  anchors: AnchorDrift[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function meanSE(xs: number[]): { mean: number; se: number | null } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, se: null };
  const ss = xs.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, se: Math.sqrt(ss / (n - 1) / n) };
}

export function meanMeanLink(anchors: readonly AnchorPair[], options: LinkingOptions = {}): MeanMeanLink {
  if (anchors.length === 0) throw new RangeError('no anchors');
  for (const a of anchors) if (!Number.isFinite(a.bank) || !Number.isFinite(a.current)) throw new RangeError(`anchor ${a.id}: difficulties must be finite`);
  const threshold = options.threshold ?? 0.5;
  const zMax = options.robustZ ?? 2.7;
  const minScale = options.minScale ?? 0.1;
  const minAnchors = options.minAnchors ?? 3;
  const d = anchors.map((a) => a.bank - a.current);
  const med = median(d);
  const mad = median(d.map((x) => Math.abs(x - med)));
  const scale = Math.max(1.4826 * mad, minScale);
  const z = d.map((x) => (x - med) / scale);

  let used = anchors.map(() => true);
  let link = meanSE(d);
  const flagsFor = (c: number) =>
    d.map((x, i) => {
      const rules: DriftRule[] = [];
      if (Math.abs(x - c) > threshold) rules.push('displacement');
      if (Math.abs(z[i]) > zMax) rules.push('robust-z');
      return rules;
    });
  let rules = flagsFor(link.mean);
  if (options.dropDrifting) {
    for (let it = 0; it < anchors.length; it++) {
      const keep = rules.map((r) => r.length === 0);
      if (keep.filter(Boolean).length < minAnchors || keep.every((k, i) => k === used[i])) break;
      used = keep;
      link = meanSE(d.filter((_, i) => used[i]));
      rules = flagsFor(link.mean);
    }
  }
  return {
    constant: link.mean,
    se: link.se,
    n: used.filter(Boolean).length,
    anchors: anchors.map((a, i) => ({
      ...a,
      displacement: d[i],
      residual: d[i] - link.mean,
      robustZ: z[i],
      flagged: rules[i].length > 0,
      rules: rules[i],
      used: used[i],
    })),
  };
}

/** Anchor pairs from bank difficulties by id and a free calibration (items it did not calibrate are left out). */
export function anchorPairs(bank: Readonly<Record<string, number>>, fit: Pick<RaschResult, 'items'>): AnchorPair[] {
  return fit.items.filter((it) => bank[it.id] !== undefined).map((it) => ({ id: it.id, bank: bank[it.id], current: it.difficulty }));
}

export interface AnchoredCalibration {
  fit: RaschResult;
  /** Population mean of the new form on the bank scale, with its MML standard error. */
  mean: number;
  meanSE: number | null;
  /** Anchor ids actually held fixed (present in the form and calibrated). */
  anchors: string[];
}

/**
 * Fixed-parameter calibration: `bankSteps` holds the bank step difficulties by item id; `anchors`
 * (default: every id in `bankSteps`) chooses which are held fixed.
 */
export function anchoredCalibration(
  mat: ScoreMatrix,
  items: readonly ItemSpec[],
  bankSteps: Readonly<Record<string, readonly number[]>>,
  options: RaschOptions & { anchors?: readonly string[] } = {},
): AnchoredCalibration {
  const ids = options.anchors ?? Object.keys(bankSteps);
  const fixed: Record<string, readonly number[]> = {};
  for (const id of ids) {
    if (!bankSteps[id]) throw new RangeError(`anchor ${id} has no bank parameters`);
    if (items.some((it) => it.id === id)) fixed[id] = bankSteps[id];
  }
  const { anchors: _ignored, ...raschOptions } = options;
  const fit = fitRasch(mat, items, { ...raschOptions, fixed });
  return { fit, mean: fit.mean, meanSE: fit.meanSE, anchors: fit.items.filter((it) => it.fixed).map((it) => it.id) };
}
