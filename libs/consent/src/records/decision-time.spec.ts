import { decisionTime } from './consent-records.service';

describe('decisionTime', () => {
  const now = new Date('2026-11-26T03:00:00Z'); // 12:00 in Seoul

  it('takes now when nothing or today is given, and noon Seoul time for an earlier day', () => {
    expect(decisionTime(undefined, 'decidedAt', now)).toBe(now.toISOString());
    expect(decisionTime('2026-11-26', 'decidedAt', now)).toBe(now.toISOString());
    expect(decisionTime('2026-11-20', 'decidedAt', now)).toBe('2026-11-20T03:00:00.000Z');
    expect(decisionTime('2026-11-25T09:30:00+09:00', 'decidedAt', now)).toBe('2026-11-25T00:30:00.000Z');
  });

  it('refuses the future, naming the field', () => {
    expect(() => decisionTime('2026-11-27', 'withdrawnAt', now)).toThrow('A decision cannot be in the future');
    try {
      decisionTime('2026-12-01T00:00:00Z', 'withdrawnAt', now);
    } catch (e) {
      expect((e as { details: unknown[] }).details).toEqual([{ field: 'withdrawnAt', reason: 'in the future' }]);
    }
  });
});
