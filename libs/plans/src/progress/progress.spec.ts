import { progressOf, quarterOf, yearElapsed } from './progress';

describe('plan progress', () => {
  it('measures the school year from 1 March', () => {
    expect(yearElapsed(2026, '2026-02-10')).toBe(0);
    expect(yearElapsed(2026, '2026-03-01')).toBe(0);
    expect(yearElapsed(2026, '2026-09-01')).toBeCloseTo(0.504, 2);
    expect(yearElapsed(2026, '2027-03-01')).toBe(1);
  });

  it('compares the way covered with the year passed', () => {
    expect(progressOf(0.2, 0.3, 0.25, 0.5).status).toBe('on_track');
    expect(progressOf(0.2, 0.3, 0.23, 0.5).status).toBe('at_risk');
    expect(progressOf(0.2, 0.3, 0.2, 0.5).status).toBe('behind');
    expect(progressOf(0.2, 0.3, 0.31, 1).status).toBe('on_track');
    // A target below the baseline (fewer is better).
    expect(progressOf(10, 5, 6, 1)).toEqual({ expected: 1, achieved: 0.8, status: 'at_risk' });
    expect(progressOf(1, 2, null, 0.5)).toEqual({ expected: 0.5, achieved: null, status: null });
  });

  it('names the quarter of the school year', () => {
    expect(quarterOf('2026-03-01')).toEqual({ schoolYear: 2026, quarter: 1 });
    expect(quarterOf('2026-08-31')).toEqual({ schoolYear: 2026, quarter: 2 });
    expect(quarterOf('2026-12-06')).toEqual({ schoolYear: 2026, quarter: 4 });
    expect(quarterOf('2027-02-28')).toEqual({ schoolYear: 2026, quarter: 4 });
  });
});
