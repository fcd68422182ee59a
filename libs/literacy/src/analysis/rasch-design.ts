import type { RaschExclusionReason, RaschResult } from './rasch';
import type { ItemSpec, MissingPolicy, ScoreMatrix } from './types';
/*
 * The design of a Rasch / partial credit fit: the calibrated items and their score categories,
 * and the students grouped by (items taken, raw score), the statistic the model needs (see rasch.ts).
 */
/** Category probabilities and moments of one PCM item at ability θ. */
export function itemAt(theta: number, delta: Float64Array, off: number, m: number, p: Float64Array): number {
  // Fills p[0..m] and returns log Z.
  let eta = 0;
  let max = 0;
  p[0] = 0;
  for (let k = 1; k <= m; k++) {
    eta += theta - delta[off + k - 1];
    p[k] = eta;
    if (eta > max) max = eta;
  }
  let sum = 0;
  for (let k = 0; k <= m; k++) {
    p[k] = Math.exp(p[k] - max);
    sum += p[k];
  }
  for (let k = 0; k <= m; k++) p[k] /= sum;
  return max + Math.log(sum);
}

export interface Design {
  cols: number[];
  ids: string[];
  m: Int32Array;
  off: Int32Array;
  nItem: Int32Array;
  pd: number;
  T: Float64Array;
  start: Float64Array;
  maskItems: Int32Array[];
  maskMax: number[];
  gMask: Int32Array;
  gR: Float64Array;
  gN: Float64Array;
  personGroup: Int32Array;
  excluded: RaschResult['excluded'];
}

export function design(mat: ScoreMatrix, items: readonly ItemSpec[], missing: MissingPolicy): Design {
  const J0 = mat.nItems;
  const N = mat.nStudents;
  // Category counts per item, for exclusions and start values.
  const counts = items.map((it) => new Float64Array(it.maxScore + 1));
  for (let s = 0; s < N; s++) {
    for (let i = 0; i < J0; i++) {
      let v = mat.data[s * J0 + i];
      if (v !== v) {
        if (missing === 'exclude') continue;
        v = 0;
      }
      if (!Number.isInteger(v) || v < 0 || v > items[i].maxScore)
        throw new RangeError(`student ${s}, item ${items[i].id}: score ${v} is not a whole number in 0..${items[i].maxScore}`);
      counts[i][v]++;
    }
  }
  const excluded: RaschResult['excluded'] = [];
  const cols: number[] = [];
  items.forEach((it, i) => {
    const c = counts[i];
    const total = c.reduce((a, b) => a + b, 0);
    let reason: RaschExclusionReason | null = null;
    if (it.dropped) reason = 'dropped';
    else if (total === 0) reason = 'no-responses';
    else if (c[0] === 0 || c[it.maxScore] === 0) reason = 'extreme';
    else if (c.some((x) => x === 0)) reason = 'unobserved-category';
    if (reason) excluded.push({ id: it.id, column: i, reason });
    else cols.push(i);
  });
  const J = cols.length;
  const m = Int32Array.from(cols.map((i) => items[i].maxScore));
  const off = new Int32Array(J);
  let pd = 0;
  for (let j = 0; j < J; j++) {
    off[j] = pd;
    pd += m[j];
  }
  const T = new Float64Array(pd);
  const start = new Float64Array(pd);
  const nItem = new Int32Array(J);
  for (let j = 0; j < J; j++) {
    const c = counts[cols[j]];
    nItem[j] = c.reduce((a, b) => a + b, 0);
    let above = nItem[j];
    for (let h = 1; h <= m[j]; h++) {
      above -= c[h - 1];
      T[off[j] + h - 1] = above;
      start[off[j] + h - 1] = Math.log(c[h - 1] / c[h]);
    }
  }

  // Group students by (items taken, raw score).
  const maskIndex = new Map<string, number>();
  const maskItems: Int32Array[] = [];
  const maskMax: number[] = [];
  const maxTotal = m.reduce((a, b) => a + b, 0);
  const groupIndex = new Map<number, number>();
  const gMask: number[] = [];
  const gR: number[] = [];
  const gN: number[] = [];
  const personGroup = new Int32Array(N).fill(-1);
  const taken = new Uint8Array(J);
  const chunks = new Uint16Array(Math.ceil(J / 16));
  for (let s = 0; s < N; s++) {
    let r = 0;
    let any = false;
    chunks.fill(0);
    for (let j = 0; j < J; j++) {
      const v = mat.data[s * J0 + cols[j]];
      const has = v === v;
      taken[j] = has || missing === 'zero' ? 1 : 0;
      if (taken[j]) {
        any = true;
        chunks[j >> 4] |= 1 << (j & 15);
        if (has) r += v;
      }
    }
    if (!any) continue;
    const key = missing === 'zero' ? '' : String.fromCharCode(...chunks);
    let mi = maskIndex.get(key);
    if (mi === undefined) {
      mi = maskItems.length;
      maskIndex.set(key, mi);
      const list: number[] = [];
      let mx = 0;
      for (let j = 0; j < J; j++)
        if (taken[j]) {
          list.push(j);
          mx += m[j];
        }
      maskItems.push(Int32Array.from(list));
      maskMax.push(mx);
    }
    const gk = mi * (maxTotal + 1) + r;
    let g = groupIndex.get(gk);
    if (g === undefined) {
      g = gN.length;
      groupIndex.set(gk, g);
      gMask.push(mi);
      gR.push(r);
      gN.push(0);
    }
    gN[g]++;
    personGroup[s] = g;
  }
  return {
    cols,
    ids: cols.map((i) => items[i].id),
    m,
    off,
    nItem,
    pd,
    T,
    start,
    maskItems,
    maskMax,
    gMask: Int32Array.from(gMask),
    gR: Float64Array.from(gR),
    gN: Float64Array.from(gN),
    personGroup,
    excluded,
  };
}
