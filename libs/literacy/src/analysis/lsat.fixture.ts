/*
 * LSAT section 6: 1000 examinees × 5 dichotomous items, Bock & Lieberman (1970), "Fitting a
 * response model for n dichotomously scored items", Psychometrika 35, 179–197. Distributed as
 * `LSAT` in the R package ltm (and `LSAT6` in mirt); here as the 30 observed response patterns
 * with their frequencies, as ltm's factor.scores() lists them (patterns 01010 and 01100 never
 * occur). The frequencies add up to 1000.
 */
export const LSAT_PATTERNS: ReadonlyArray<readonly [string, number]> = [
  ['00000', 3], ['00001', 6], ['00010', 2], ['00011', 11], ['00100', 1], ['00101', 1],
  ['00110', 3], ['00111', 4], ['01000', 1], ['01001', 8], ['01011', 16], ['01101', 3],
  ['01110', 2], ['01111', 15], ['10000', 10], ['10001', 29], ['10010', 14], ['10011', 81],
  ['10100', 3], ['10101', 28], ['10110', 15], ['10111', 80], ['11000', 16], ['11001', 56],
  ['11010', 21], ['11011', 173], ['11100', 11], ['11101', 61], ['11110', 28], ['11111', 298],
];

/** The 1000 × 5 score rows, patterns in the order above. */
export function lsatRows(): number[][] {
  const rows: number[][] = [];
  for (const [pattern, n] of LSAT_PATTERNS) for (let i = 0; i < n; i++) rows.push([...pattern].map(Number));
  return rows;
}
