import type { ItemSpec, ScoreMatrix } from './types';

/*
 * Simulated responses from a known partial credit model, for tests: a seeded generator (mulberry32)
 * so every run sees the same data.
 */

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface SimulatedTest {
  items: ItemSpec[];
  /** Step difficulties per item. */
  steps: number[][];
  thetas: Float64Array;
  matrix: ScoreMatrix;
}

/**
 * `nStudents` abilities from N(0, sigma²); items with the given step difficulties (one step =
 * dichotomous); a share `missingRate` of cells left empty at random.
 */
export function simulate(nStudents: number, steps: number[][], options: { seed?: number; sigma?: number; missingRate?: number } = {}): SimulatedTest {
  const random = rng(options.seed ?? 1);
  const sigma = options.sigma ?? 1;
  const J = steps.length;
  const items: ItemSpec[] = steps.map((s, j) => ({
    id: `Q${String(j + 1).padStart(2, '0')}`,
    area: ['AI 이해', 'AI 활용', 'AI 윤리', '디지털 리터러시'][j % 4],
    type: s.length === 1 ? 'dichotomous' : 'partial',
    maxScore: s.length,
  }));
  const thetas = new Float64Array(nStudents);
  const data = new Float64Array(nStudents * J);
  const p: number[] = [];
  for (let n = 0; n < nStudents; n++) {
    const theta = sigma * normal(random);
    thetas[n] = theta;
    for (let j = 0; j < J; j++) {
      const m = steps[j].length;
      let eta = 0;
      let sum = 1;
      p[0] = 1;
      for (let k = 1; k <= m; k++) {
        eta += theta - steps[j][k - 1];
        p[k] = Math.exp(eta);
        sum += p[k];
      }
      let u = random() * sum;
      let k = 0;
      while (k < m && u >= p[k]) {
        u -= p[k];
        k++;
      }
      const missing = options.missingRate ? random() < options.missingRate : false;
      data[n * J + j] = missing ? NaN : k;
    }
  }
  return { items, steps, thetas, matrix: { nStudents, nItems: J, data } };
}

/** 30 items: 24 dichotomous from −2 to 2 logits, 6 partial-credit (0..2 and 0..3). */
export function thirtyItemSteps(): number[][] {
  const steps: number[][] = [];
  for (let j = 0; j < 24; j++) steps.push([-2 + (4 * j) / 23]);
  steps.push([-1, 0.5], [-0.5, 0.8], [0, 1], [-1.2, -0.2, 1.1], [-0.6, 0.4, 1.5], [0.2, -0.4]);
  return steps;
}
