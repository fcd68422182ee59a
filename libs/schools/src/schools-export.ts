import { buildWorkbook, SheetColumn, SheetSpec } from '@app/core';
import { SCHOOL_LEVEL_KO } from './school-level';
import type { SchoolSummary } from './schools.service';

/** A school as a spreadsheet row: the school list's export, and the all-schools sheet of the classroom export. */
export const SCHOOL_COLUMNS: SheetColumn[] = [
  { header: '학교명', key: 'name', width: 26 },
  { header: '학교급', key: 'level', width: 10 },
  { header: '자치구', key: 'district', width: 10 },
  { header: '교육지원청', key: 'districtOfficeName', width: 20 },
  { header: 'NEIS 학교코드', key: 'neisCode', width: 14 },
  { header: '설립 구분', key: 'foundingType', width: 10 },
  { header: '도로명 주소', key: 'roadAddress', width: 40 },
  { header: 'AI 교실', key: 'hasAiClassroom', width: 10 },
  { header: 'AI 교실 구축 연도', key: 'classroomBuildYear', width: 16 },
];

export function schoolsSheet(name: string, schools: SchoolSummary[]): SheetSpec {
  return {
    name,
    columns: SCHOOL_COLUMNS,
    rows: schools.map((s) => ({ ...s, level: SCHOOL_LEVEL_KO[s.level] ?? s.level, hasAiClassroom: s.hasAiClassroom ? '있음' : '없음' })),
  };
}

export function schoolsWorkbook(schools: SchoolSummary[]): Promise<Buffer> {
  return buildWorkbook([schoolsSheet('학교 목록', schools)]);
}
