import { monthsBefore } from './destruction.service';

describe('monthsBefore (the cutoff of a rule)', () => {
  it('counts calendar months back as PostgreSQL does, a day past the shorter month’s end becoming its last day', () => {
    expect(monthsBefore('2026-12-06', 0)).toBe('2026-12-06');
    expect(monthsBefore('2026-12-06', 12)).toBe('2025-12-06');
    expect(monthsBefore('2026-12-06', 24)).toBe('2024-12-06');
    expect(monthsBefore('2027-03-31', 1)).toBe('2027-02-28');
    expect(monthsBefore('2028-03-31', 1)).toBe('2028-02-29');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
    expect(monthsBefore('2026-05-31', 60)).toBe('2021-05-31');
  });
});
