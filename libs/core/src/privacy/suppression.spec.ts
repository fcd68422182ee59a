import { assertThreshold, DEFAULT_SUPPRESSION_THRESHOLD, MIN_SUPPRESSION_THRESHOLD, suppress, suppressWithin } from './suppression';

interface SchoolRow {
  school: string;
  n: number;
  mean: number;
  agree: number;
}

const row = (school: string, n: number): SchoolRow => ({ school, n, mean: 3.5, agree: Math.floor(n / 2) });

describe('assertThreshold', () => {
  it('defaults to 5 and refuses anything below 3', () => {
    expect(DEFAULT_SUPPRESSION_THRESHOLD).toBe(5);
    expect(MIN_SUPPRESSION_THRESHOLD).toBe(3);
    expect(() => assertThreshold(3)).not.toThrow();
    expect(() => assertThreshold(10)).not.toThrow();
  });

  it.each([2, 1, 0, -5])('refuses %p', (t) => {
    expect(() => assertThreshold(t)).toThrow(new RangeError(`suppression threshold must be at least 3, got ${t}`));
  });

  it.each([3.5, NaN, Infinity])('refuses the non-whole %p', (t) => {
    expect(() => assertThreshold(t)).toThrow(RangeError);
  });
});

describe('suppress', () => {
  it('passes groups at or above the threshold through unchanged, marked unsuppressed', () => {
    expect(suppress([row('a', 5), row('b', 12)])).toEqual([
      { ...row('a', 5), suppressed: false },
      { ...row('b', 12), suppressed: false },
    ]);
  });

  it('removes every figure, n included, from small groups; keeps only the fields asked for', () => {
    const result = suppress([row('a', 2), row('b', 1), row('c', 30)], 5, { keep: ['school'] });
    expect(result).toEqual([
      { school: 'a', suppressed: true, reason: 'small_cell' },
      { school: 'b', suppressed: true, reason: 'small_cell' },
      { ...row('c', 30), suppressed: false },
    ]);
  });

  it('keeps nothing but the marker by default', () => {
    expect(suppress([row('a', 1), row('b', 1)])).toEqual([
      { suppressed: true, reason: 'small_cell' },
      { suppressed: true, reason: 'small_cell' },
    ]);
  });

  it('uses the given threshold, and suppresses empty groups', () => {
    const result = suppress([row('a', 0), row('b', 9), row('c', 10), row('d', 11)], 10, { keep: ['school'], totalShown: false });
    expect(result.map((g) => g.suppressed)).toEqual([true, true, false, false]);
  });

  it('refuses a threshold below 3', () => {
    expect(() => suppress([row('a', 2)], 2)).toThrow(RangeError);
  });

  it('refuses keeping n and invalid counts', () => {
    // @ts-expect-error: n is a figure and cannot be kept
    expect(() => suppress([row('a', 1)], 5, { keep: ['n'] })).toThrow(TypeError);
    expect(() => suppress([row('a', -1)])).toThrow(RangeError);
    expect(() => suppress([row('a', 2.5)])).toThrow('groups[0].n must be a non-negative whole number, got 2.5');
  });

  it('returns nothing for no groups', () => {
    expect(suppress([])).toEqual([]);
  });

  describe('complementary suppression', () => {
    // District total n = 3 + 20 + 8 + 40 = 71. With only the 3 hidden, 71 - 20 - 8 - 40 = 3 gives it
    // away, and so would the same subtraction on the agree counts.
    const district = [row('a', 20), row('b', 3), row('c', 8), row('d', 40)];

    it('also hides the smallest other sibling when exactly one is small and the total is shown', () => {
      expect(suppress(district, 5, { keep: ['school'] })).toEqual([
        { ...row('a', 20), suppressed: false },
        { school: 'b', suppressed: true, reason: 'small_cell' },
        { school: 'c', suppressed: true, reason: 'complementary' },
        { ...row('d', 40), suppressed: false },
      ]);
    });

    it('leaves the hidden pair underivable: only their sum follows from the total', () => {
      const total = district.reduce((sum, g) => sum + g.n, 0);
      const result = suppress(district, 5, { keep: ['school'] });
      const shown = result.reduce((sum, g) => (g.suppressed ? sum : sum + g.n), 0);
      expect(result.filter((g) => g.suppressed)).toHaveLength(2);
      expect(total - shown).toBe(3 + 8);
    });

    it('is on by default and off when the total is not published', () => {
      expect(suppress(district).filter((g) => g.suppressed)).toHaveLength(2);
      expect(suppress(district, 5, { totalShown: true }).filter((g) => g.suppressed)).toHaveLength(2);
      expect(suppress(district, 5, { totalShown: false }).map((g) => g.suppressed)).toEqual([false, true, false, false]);
    });

    it('is not needed when two or more groups are already small', () => {
      const result = suppress([row('a', 20), row('b', 3), row('c', 4), row('d', 40)], 5, { keep: ['school'] });
      expect(result.map((g) => (g.suppressed ? g.reason : 'shown'))).toEqual(['shown', 'small_cell', 'small_cell', 'shown']);
    });

    it('picks the first of equally small siblings', () => {
      const result = suppress([row('a', 9), row('b', 7), row('c', 2), row('d', 7)], 5, { keep: ['school'] });
      expect(result.map((g) => (g.suppressed ? g.reason : 'shown'))).toEqual(['shown', 'complementary', 'small_cell', 'shown']);
    });

    it('hides both of two siblings', () => {
      const result = suppress([row('a', 2), row('b', 50)], 5, { keep: ['school'] });
      expect(result).toEqual([
        { school: 'a', suppressed: true, reason: 'small_cell' },
        { school: 'b', suppressed: true, reason: 'complementary' },
      ]);
    });

    it('leaves a lone small group alone: the total is then that group and must be suppressed itself', () => {
      expect(suppress([row('a', 2)])).toEqual([{ suppressed: true, reason: 'small_cell' }]);
    });
  });

  it('narrows the result type on suppressed', () => {
    for (const g of suppress([row('a', 7), row('b', 1), row('c', 9)], 5, { keep: ['school'] })) {
      if (g.suppressed) {
        expect(g.school).toMatch(/^[ab]$/);
        // @ts-expect-error: figures are gone from suppressed groups
        expect(g.mean).toBeUndefined();
      } else {
        expect(g.mean).toBe(3.5);
      }
    }
  });
});

describe('suppressWithin', () => {
  it('treats the children of each parent as one set of siblings', () => {
    // District A: one small school, so its next-smallest sibling goes too. District B also has one
    // small school; suppressing the city's schools as one set would count two small cells and stop.
    const schools = [
      { key: 'a1', district: 'A', n: 2 }, { key: 'a2', district: 'A', n: 30 }, { key: 'a3', district: 'A', n: 12 },
      { key: 'b1', district: 'B', n: 1 }, { key: 'b2', district: 'B', n: 40 },
    ];
    const within = suppressWithin(schools, (s) => s.district, 5, { keep: ['key'] as const });
    expect(within.map((g) => (g.suppressed ? `${g.key}:${g.reason}` : g.key))).toEqual(['a1:small_cell', 'a2', 'a3:complementary', 'b1:small_cell', 'b2:complementary']);
    const flat = suppress(schools, 5, { keep: ['key'] as const });
    expect(flat.filter((g) => g.suppressed)).toHaveLength(2);
  });
});
