import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@app/core';
import { CampaignsService, RespondService, SurveyAggregationService, SurveyDistribution, SurveyTemplatesService } from '@app/surveys';

const DAY = 24 * 3600_000;

const SATISFACTION = {
  title: 'AI 교육 만족도 조사 (학부모)',
  sections: [
    { id: 'experience', title: 'AI 수업 경험', questions: [
      { id: 'aware', text: '자녀가 학교에서 AI 수업을 받는 것을 알고 있습니까?', required: true, type: 'single', options: [{ value: 'yes', label: '알고 있다' }, { value: 'no', label: '모른다' }] },
      { id: 'satisfaction', text: '자녀의 AI 수업에 전반적으로 만족하십니까?', required: true, type: 'likert5', showIf: { questionId: 'aware', operator: 'equals', value: 'yes' } },
      { id: 'areas', text: '도움이 되었다고 생각하는 부분을 모두 고르십시오.', required: false, type: 'multiple', options: [{ value: 'thinking', label: '논리적 사고' }, { value: 'creativity', label: '창의성' }, { value: 'digital', label: '디지털 활용 능력' }, { value: 'ethics', label: 'AI 윤리 의식' }], showIf: { questionId: 'aware', operator: 'equals', value: 'yes' } },
    ] },
    { id: 'ethics', title: 'AI 윤리', questions: [
      { id: 'ethics_guidance', text: '학교가 AI 윤리 교육을 충분히 하고 있다고 생각하십니까?', required: true, type: 'likert5' },
      { id: 'home_hours', text: '자녀가 가정에서 AI 도구를 쓰는 시간은 주당 몇 시간입니까?', required: false, type: 'numeric', min: 0, max: 40, integer: true },
      { id: 'comment', text: '바라는 점을 자유롭게 적어 주십시오.', required: false, type: 'long_text' },
    ] },
  ],
};

const STATUS = {
  title: 'AI 교육 실태조사 (학교)',
  sections: [
    { id: 'room', title: 'AI 교실 운영', questions: [
      { id: 'room_hours', text: 'AI 교실의 주당 평균 활용 시간', required: true, type: 'numeric', min: 0, max: 60, integer: true },
      { id: 'club', text: 'AI 동아리를 운영합니까?', required: true, type: 'single', options: [{ value: 'yes', label: '운영' }, { value: 'no', label: '미운영' }] },
      { id: 'club_members', text: 'AI 동아리 학생 수', required: true, type: 'numeric', min: 1, max: 500, integer: true, showIf: { questionId: 'club', operator: 'equals', value: 'yes' } },
    ] },
    { id: 'curriculum', title: '교육과정', questions: [
      { id: 'curriculum_hours', text: '학년별 AI 관련 수업 시수 (연간)', required: true, type: 'numeric', min: 0, max: 200, integer: true },
      { id: 'priorities', text: '내년 AI 교육 우선순위', required: false, type: 'ranking', options: [{ value: 'training', label: '교원 연수' }, { value: 'devices', label: '기기 확충' }, { value: 'content', label: '교육 콘텐츠' }] },
    ] },
  ],
};

/**
 * An open parents' satisfaction survey in 강남서초 with answers, its snapshot and notices, and an
 * open school-level status survey that 서울개포초등학교 still has to answer. Runs once.
 */
export async function seedDemoSurveys(app: INestApplicationContext, admin: AuthUser): Promise<void> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [existing] = await ds.query(`SELECT 1 FROM survey_templates LIMIT 1`);
  if (existing) return;
  const templates = app.get(SurveyTemplatesService);
  const campaigns = app.get(CampaignsService);
  const respond = app.get(RespondService);
  const window = { opensAt: new Date(Date.now() - 3 * DAY).toISOString(), closesAt: new Date(Date.now() + 14 * DAY).toISOString() };

  const satisfaction = await templates.create({ kind: 'satisfaction', definition: SATISFACTION }, admin);
  const parents = await campaigns.create(
    { templateId: satisfaction.id, title: '2026 AI 교육 만족도 조사 (학부모)', audience: 'parents', grades: [5, 6], ...window, codesPerSchool: 20, target: { offices: ['gangnam-seocho'], levels: ['elementary'] } },
    admin,
  );
  const status = await templates.create({ kind: 'status', definition: STATUS }, admin);
  await campaigns.create({ templateId: status.id, title: '2026 AI 교육 실태조사', audience: 'school', ...window, target: { offices: ['gangnam-seocho'] } }, admin);

  // Distribution as the worker would do it, then answers from the first schools' printed codes:
  // 개포 and two more with enough answers to be shown, one with 3 (withheld in the report).
  const distribution = app.get(SurveyDistribution);
  for (const c of await ds.query(`SELECT id FROM survey_campaigns ORDER BY id`)) await distribution.distribute(c.id);
  const schools: { school_id: number }[] = await ds.query(
    `SELECT x.school_id FROM survey_campaign_schools x JOIN schools s ON s.id = x.school_id WHERE x.campaign_id = $1 ORDER BY s.name <> '서울개포초등학교', s.name LIMIT 4`,
    [parents.id],
  );
  let n = 0;
  for (const [i, { school_id }] of schools.entries()) {
    const sheet = await campaigns.codeSheet(parents.id, school_id, (await campaigns.codeBatches(parents.id, school_id, admin)).items[0].id, admin);
    for (const { code } of sheet.codes.slice(0, [12, 8, 6, 3][i])) {
      n++;
      const aware = n % 6 !== 0;
      const answers = aware
        ? { aware: 'yes', satisfaction: [4, 5, 3, 4, 5, 2, 4][n % 7], areas: [['thinking', 'digital'], ['creativity'], ['digital', 'ethics']][n % 3], ethics_guidance: [3, 4, 4, 5, 2][n % 5], home_hours: n % 9 }
        : { aware: 'no', ethics_guidance: 3 };
      await respond.submit(code, answers, `demo-${n}`);
    }
  }
  await app.get(SurveyAggregationService).recompute(parents.id);
}
