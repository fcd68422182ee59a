import { addMonths } from './badge-issuer.service';

describe('badge expiry date', () => {
  it.each([
    ['2025-04-01', 1, '2025-04-30T15:00:00Z'],
    ['2025-01-31', 1, '2025-02-27T15:00:00Z'],
    ['2024-01-31', 1, '2024-02-28T15:00:00Z'],
    ['2025-11-15', 3, '2026-02-14T15:00:00Z'],
    ['2025-03-01', 24, '2027-02-28T15:00:00Z'],
  ])('%s + %i months → %s (midnight Seoul)', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });
});
