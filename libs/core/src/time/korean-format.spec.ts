import { koreanDate, koreanDateTime, koreanTime } from './korean-format';

describe('Korean dates and times', () => {
  it('writes Seoul days and times the Korean way, 오전/오후 and never AM/PM', () => {
    expect(koreanDateTime('2026-12-20T05:40:00Z')).toBe('2026. 12. 20. (일) 오후 2:40');
    expect(koreanDateTime(new Date('2026-12-20T05:40:07Z'), { seconds: true })).toBe('2026. 12. 20. (일) 오후 2:40:07');
    // 00:30 and 23:30 in Seoul are 15:30 and 14:30 UTC the day before: the Seoul day is what is written.
    expect(koreanDateTime('2026-03-01T15:30:00Z')).toBe('2026. 3. 2. (월) 오전 12:30');
    expect(koreanDateTime('2026-03-02T14:30:00Z')).toBe('2026. 3. 2. (월) 오후 11:30');
    expect(koreanTime('2026-03-02T03:00:00Z')).toBe('오후 12:00');
    expect(koreanTime('2026-03-01T23:05:00Z')).toBe('오전 8:05');
    for (const text of [koreanDateTime('2026-07-01T01:00:00Z'), koreanDateTime('2026-07-01T13:00:00Z')]) expect(text).not.toMatch(/AM|PM/);
  });

  it('writes a calendar date as that day, whatever the process time zone', () => {
    expect(koreanDate('2026-03-02')).toBe('2026. 3. 2. (월)');
    expect(koreanDate('2026-03-01T15:30:00Z')).toBe('2026. 3. 2. (월)');
    expect(koreanDate(new Date('2026-12-31T14:59:59Z'))).toBe('2026. 12. 31. (목)');
    expect(koreanDate(new Date('2026-12-31T15:00:00Z'))).toBe('2027. 1. 1. (금)');
  });

  it('gives back what is not a date as it is', () => {
    expect(koreanDateTime('not a date')).toBe('not a date');
  });
});
