/*
 * Gauss–Hermite quadrature for a standard normal density: ∫ f(z) φ(z) dz ≈ Σ w_q f(z_q), with
 * Σ w_q = 1. Nodes of the physicists' rule (weight e^{−x²}) by Newton's method on the orthonormal
 * Hermite recurrence (the "gauher" routine of Numerical Recipes, 2nd ed., §4.5), then z = √2·x and
 * w = w_x / √π.
 */

export interface Quadrature {
  nodes: Float64Array;
  weights: Float64Array;
}

export function gaussHermiteNormal(n: number): Quadrature {
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new RangeError('quadrature points must be a whole number from 1 to 200');
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const PIM4 = Math.PI ** -0.25;
  const m = (n + 1) >> 1;
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-14 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i];
  }
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  // Ascending order, z = √2·x, weights normalised to sum 1 (exactly, against rounding).
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i];
  for (let i = 0; i < n; i++) {
    nodes[i] = Math.SQRT2 * x[n - 1 - i];
    weights[i] = w[n - 1 - i] / sum;
  }
  return { nodes, weights };
}
