export const SCHOOL_LEVELS = ['elementary', 'middle', 'high', 'special'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const SCHOOL_LEVEL_KO: Record<SchoolLevel, string> = {
  elementary: '초등학교',
  middle: '중학교',
  high: '고등학교',
  special: '특수학교',
};

const ALIASES: Record<string, SchoolLevel> = {
  elementary: 'elementary', 초: 'elementary', 초등학교: 'elementary',
  middle: 'middle', 중: 'middle', 중학교: 'middle',
  high: 'high', 고: 'high', 고등학교: 'high',
  special: 'special', 특수: 'special', 특수학교: 'special',
};

/**
 * NEIS school kinds (학교종류) that exist in Seoul but are outside this platform's four levels;
 * an import skips them with a note instead of failing the whole file.
 */
export const OUT_OF_SCOPE_NEIS_KINDS = new Set(['각종학교', '방송통신중학교', '방송통신고등학교', '고등기술학교', '공민학교', '고등공민학교', '유치원']);

export function parseSchoolLevel(raw: string): SchoolLevel | undefined {
  return ALIASES[raw.trim()];
}

/** Schools write the grade within their level (중2 = 2); the platform counts years of schooling (중2 = 8). */
const YEARS_BEFORE: Record<SchoolLevel, number> = { elementary: 0, middle: 6, high: 9, special: 0 };

/** How many grades a level has (special schools count years of schooling outright). */
export const GRADES_IN_LEVEL: Record<SchoolLevel, number> = { elementary: 6, middle: 3, high: 3, special: 12 };

export function yearOfSchooling(level: SchoolLevel, gradeInLevel: number): number {
  return gradeInLevel + YEARS_BEFORE[level];
}

/** The other way: year of schooling 8 at a middle school is its 2nd grade (중2). */
export function gradeInLevel(level: SchoolLevel, yearOfSchooling: number): number {
  return yearOfSchooling - YEARS_BEFORE[level];
}
