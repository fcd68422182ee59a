import { buildWorkbook, SheetColumn } from '@app/core';
import { SCHOOL_LEVEL_KO } from '@app/schools/school-level';
import type { CampaignDto, CampaignProgressDto } from '../campaigns/campaign-responses.dto';

const COUNTS: SheetColumn[] = [
  { header: '발급 코드 수', key: 'codesIssued', width: 12 },
  { header: '응답 수', key: 'responses', width: 10 },
  { header: '응답률', key: 'rate', width: 10, format: 'percent' },
];

/**
 * A campaign's live response rates as the progress dashboard shows them (GET …/progress, the same
 * scope): a row per school, and the offices' totals. Counts only, nothing of what anyone answered.
 */
export function responseRatesWorkbook(campaign: CampaignDto, progress: CampaignProgressDto): Promise<Buffer> {
  const schoolSurvey = campaign.audience === 'school';
  return buildWorkbook([
    {
      name: '학교별 응답률',
      columns: [
        { header: '학교명', key: 'name', width: 26 },
        { header: '학교급', key: 'level', width: 10 },
        { header: '자치구', key: 'district', width: 10 },
        { header: '교육지원청', key: 'officeName', width: 20 },
        { header: '목표 코드 수', key: 'target', width: 12 },
        ...COUNTS,
        { header: '제출', key: 'submitted', width: 8 },
        { header: '독려 필요', key: 'behind', width: 10 },
        { header: '최근 독려', key: 'lastRemindedAt', width: 18, format: 'datetime' },
      ],
      rows: progress.schools.map((s) => ({
        ...s,
        level: SCHOOL_LEVEL_KO[s.level] ?? s.level,
        // The codes the distribution prints for each school; none for a survey the principal answers.
        target: schoolSurvey || !campaign.codesPerSchool ? null : campaign.codesPerSchool,
        submitted: schoolSurvey ? (s.submitted ? '제출' : '미제출') : '',
        behind: s.behind ? '예' : '',
      })),
    },
    {
      name: '교육지원청별 응답률',
      columns: [
        { header: '교육지원청', key: 'officeName', width: 20 },
        { header: '대상 학교 수', key: 'schools', width: 12 },
        { header: '응답 학교 수', key: 'respondedSchools', width: 12 },
        { header: '독려 필요 학교 수', key: 'behindSchools', width: 16 },
        ...COUNTS,
      ],
      rows: [...progress.offices.map((o) => ({ ...o })), { ...progress.totals, officeName: '합계' }],
    },
  ]);
}
