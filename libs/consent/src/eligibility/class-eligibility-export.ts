import { buildWorkbook, datedName, DownloadName } from '@app/core';
import { gradeInLevel } from '@app/schools/school-level';
import type { Eligibility } from './eligibility.service';

export type ClassEligibilitySheet = Awaited<ReturnType<Eligibility['forClassSheet']>>;

const CONSENT_KO = (required: boolean | null) => (required === null ? '확인 불가(생년월 없음)' : required ? '필요' : '불필요');

/** `2학년 3반` (grade within the school's level, as teachers say it), not the API's year of schooling (8). */
const classLabel = (s: ClassEligibilitySheet) => `${gradeInLevel(s.schoolLevel, s.grade)}학년 ${s.classNo}반`;

/** A class's eligibility for a service on a day: pseudonymous student ids only, as the list. */
export function classEligibilityWorkbook(sheet: ClassEligibilitySheet): Promise<Buffer> {
  return buildWorkbook([
    {
      name: `${classLabel(sheet)} ${sheet.serviceName}`,
      columns: [
        { header: '학생 ID', key: 'studentCode', width: 14 },
        { header: '이용 가능', key: 'allowed', width: 10 },
        { header: '만 나이', key: 'age', width: 8 },
        { header: '보호자 동의', key: 'consentRequired', width: 20 },
        { header: '이용할 수 없는 이유', key: 'failing', width: 70 },
        { header: '기준일', key: 'date', width: 12, format: 'date' },
      ],
      rows: sheet.items.map((i) => ({
        studentCode: i.studentCode,
        allowed: i.allowed ? '가능' : '불가',
        age: i.age,
        consentRequired: CONSENT_KO(i.consentRequired),
        failing: i.reasons.filter((r) => !r.passed).map((r) => r.message).join('\n'),
        date: i.date,
      })),
    },
  ]);
}

/** `AI_이용_가능_명단_서울○○중학교_2학년_3반_ChatGPT_2026-03-02.xlsx`, dated with the day the list is for. */
export function classEligibilityFileName(sheet: ClassEligibilitySheet): DownloadName {
  const label = classLabel(sheet).replace(' ', '_');
  return datedName(`AI_이용_가능_명단_${sheet.schoolName}_${label}_${sheet.serviceName}`, `ai-eligibility-grade${sheet.grade}-class${sheet.classNo}`, 'xlsx', sheet.date);
}
