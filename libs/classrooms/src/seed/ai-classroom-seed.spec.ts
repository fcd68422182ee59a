import { parseAiClassroomSeed, readAiClassroomSeed } from './ai-classroom-seed';

describe('the 284 AI-classroom seed', () => {
  const seed = readAiClassroomSeed();

  it('keeps all 284 rows as printed, with the report totals', () => {
    expect(seed.rows).toHaveLength(284);
    const count = (key: 'buildYear' | 'level') => seed.rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r[key]]: (m[r[key]] ?? 0) + 1 }), {});
    expect(count('buildYear')).toEqual({ 2021: 150, 2022: 73, 2023: 54, 2024: 7 });
    expect(count('level')).toEqual({ elementary: 115, middle: 88, high: 74, special: 7 });
    expect(new Set(seed.rows.map((r) => r.district)).size).toBe(25);
  });

  it('reports the duplicated 송례중학교 as a warning instead of merging it', () => {
    expect(seed.warnings).toEqual([expect.stringContaining('송례중학교 (송파구) appears 2 times, rows 215, 216')]);
    expect(seed.rows.filter((r) => r.name === '송례중학교').map((r) => r.buildYear)).toEqual([2022, 2021]);
  });

  it('refuses a malformed seed instead of loading part of it', () => {
    expect(() => parseAiClassroomSeed('no,year,district,level,name\n1,20x1,강남구,초,서울초\n')).toThrow(/line 2/);
    expect(() => parseAiClassroomSeed('a,b\n')).toThrow(/unexpected seed header/);
  });
});
