import { KindStats, monthRange, outsideWorkingHours, previousMonth, reviewFlags } from './review-rules';

const stats = (over: Partial<KindStats>): KindStats => ({
  kind: 'outside_hours', actorId: 'a', actorEmail: 'a@x.kr', actorName: '가', actorRole: 'teacher', records: 1, subjects: 1,
  firstAt: '2026-11-02T00:00:00.000Z', lastAt: '2026-11-02T00:00:00.000Z', ...over,
});

describe('the monthly access review rules', () => {
  it.each([
    ['2026-11-02T06:59:59+09:00', true], // Monday before 07:00
    ['2026-11-02T07:00:00+09:00', false],
    ['2026-11-02T20:59:59+09:00', false],
    ['2026-11-02T21:00:00+09:00', true],
    ['2026-11-01T12:00:00+09:00', true], // Sunday
    ['2026-11-07T12:00:00+09:00', true], // Saturday
    ['2026-11-06T23:30:00Z', true], // Saturday 08:30 in Seoul, Friday in UTC
    ['2026-11-02T22:30:00Z', false], // Tuesday 07:30 in Seoul, Monday night in UTC
  ])('%s is outside working hours: %s', (at, expected) => {
    expect(outsideWorkingHours(new Date(at))).toBe(expected);
  });

  it('bounds a Seoul month, December and February included', () => {
    expect(monthRange('2026-12')).toEqual({
      firstDay: '2026-12-01', lastDay: '2026-12-31', from: new Date('2026-11-30T15:00:00Z'), to: new Date('2026-12-31T15:00:00Z'),
    });
    expect(monthRange('2028-02').lastDay).toBe('2028-02-29');
    expect(() => monthRange('2026-13')).toThrow(RangeError);
    expect(previousMonth('2027-01-01')).toBe('2026-12');
    expect(previousMonth('2026-11-30')).toBe('2026-10');
  });

  it('flags many subjects only above the limit, and every other kind when it occurs', () => {
    const limits = { manySubjects: 10, bulkDownload: 1000 };
    const flags = reviewFlags([
      stats({ kind: 'many_subjects', actorId: 'ten', subjects: 10, records: 10 }),
      stats({ kind: 'many_subjects', actorId: 'eleven', subjects: 11, records: 11 }),
      stats({ kind: 'outside_scope', actorId: 'scope', schools: 2, records: 3, actorRole: 'district_admin' }),
      stats({ kind: 'bulk_download', actorId: 'bulk', subjects: 1500, largest: 1500 }),
      stats({ kind: 'outside_hours', actorId: 'night', records: 2 }),
    ], limits);
    expect(flags.map((f) => [f.kind, f.actorId])).toEqual([
      ['many_subjects', 'eleven'], ['outside_scope', 'scope'], ['outside_hours', 'night'], ['bulk_download', 'bulk'],
    ]);
    expect(flags[0].detail).toContain('학생 11명');
    expect(flags[1].detail).toContain('교육지원청 밖 학교 2곳');
    expect(flags[3].detail).toContain('1,500명');
  });
});
