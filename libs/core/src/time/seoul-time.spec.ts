import { addDays, schoolYearOf, seoulDate, seoulDayEnd, seoulDayStart, seoulInstant, seoulToday, seoulWindow } from './seoul-time';

// 00:30 and 23:30 in Seoul on 10 June 2026, as UTC instants (the first is still 9 June in UTC).
const AT_0030 = new Date('2026-06-09T15:30:00Z');
const AT_2330 = new Date('2026-06-10T14:30:00Z');

describe('Seoul days', () => {
  it('runs with the process TZ unset, so nothing here can lean on it', () => {
    expect(process.env.TZ).toBeUndefined();
  });

  it('takes the calendar day in Seoul, not in UTC or the process time zone', () => {
    expect(seoulDate(AT_0030)).toBe('2026-06-10');
    expect(seoulDate(AT_2330)).toBe('2026-06-10');
    expect(seoulDate('2026-06-10T15:00:00Z')).toBe('2026-06-11');
    expect(seoulDate(Date.parse('2026-06-10T14:59:59.999Z'))).toBe('2026-06-10');
    expect(seoulToday(AT_0030)).toBe('2026-06-10');
    expect(seoulDate('2026-12-31T15:00:00Z')).toBe('2027-01-01');
  });

  it('bounds a Seoul day by its midnights', () => {
    expect(seoulDayStart('2026-06-10').toISOString()).toBe('2026-06-09T15:00:00.000Z');
    expect(seoulDayEnd('2026-06-10').toISOString()).toBe('2026-06-10T15:00:00.000Z');
    expect(seoulDayEnd('2026-12-31').toISOString()).toBe('2026-12-31T15:00:00.000Z');
    for (const at of [AT_0030, AT_2330]) {
      expect(at >= seoulDayStart('2026-06-10') && at < seoulDayEnd('2026-06-10')).toBe(true);
    }
  });

  it('counts calendar days across month and year ends', () => {
    expect(addDays('2026-06-10', 1)).toBe('2026-06-11');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('reads API instants: offsets as given, bare times and dates in Seoul', () => {
    expect(seoulInstant('2026-06-10T00:30:00+09:00')).toBe('2026-06-10T00:30:00+09:00');
    expect(seoulInstant('2026-06-09T15:30:00Z')).toBe('2026-06-09T15:30:00Z');
    expect(seoulInstant('2026-06-10T00:30:00')).toBe('2026-06-09T15:30:00.000Z');
    expect(seoulInstant('2026-06-10T23:30')).toBe('2026-06-10T14:30:00.000Z');
    expect(seoulInstant('2026-06-10 23:30:15.250')).toBe('2026-06-10T14:30:15.250Z');
    expect(seoulInstant('2026-06-10')).toBe('2026-06-09T15:00:00.000Z');
    expect(seoulInstant('2026-06-10', 'end')).toBe('2026-06-10T15:00:00.000Z');
    expect(seoulInstant('2026-W24')).toBe('2026-W24');
  });

  it('makes a window of dates run from the first day’s start to the last day’s end in Seoul', () => {
    expect(seoulWindow({ title: 'x', opensAt: '2026-06-01', closesAt: '2026-06-10' })).toEqual({
      title: 'x',
      opensAt: '2026-05-31T15:00:00.000Z',
      closesAt: '2026-06-10T15:00:00.000Z',
    });
  });

  it('gives the same answers whatever the process time zone is set to', () => {
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Seoul']) {
      process.env.TZ = tz;
      try {
        expect([seoulDate(AT_0030), seoulDate(AT_2330), seoulInstant('2026-06-10T00:30:00'), seoulInstant('2026-06-10', 'end'), schoolYearOf(new Date('2026-02-28T15:30:00Z'))])
          .toEqual(['2026-06-10', '2026-06-10', '2026-06-09T15:30:00.000Z', '2026-06-10T15:00:00.000Z', 2026]);
      } finally {
        delete process.env.TZ;
      }
    }
    expect(new Date(2026, 5, 10).toISOString()).toBe('2026-06-10T00:00:00.000Z'); // back to the unset (UTC) zone
  });

  it('starts the school year on 1 March in Seoul', () => {
    expect(schoolYearOf(new Date('2026-02-28T14:59:59Z'))).toBe(2025); // 23:59:59 on 28 Feb in Seoul
    expect(schoolYearOf(new Date('2026-02-28T15:30:00Z'))).toBe(2026); // 00:30 on 1 March in Seoul
    expect(schoolYearOf('2026-02-28')).toBe(2025);
    expect(schoolYearOf('2026-03-01')).toBe(2026);
    expect(schoolYearOf('2027-01-15')).toBe(2026);
  });
});
