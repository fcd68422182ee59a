import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@app/core';
import { PlansService, YearlyPlansService } from '@app/plans';

const ITEMS: Record<number, string> = {
  1: '모든 학생이 인공지능을 이해하고 책임 있게 활용하는 미래 역량을 기른다. 2030년까지 AI 교실 보급률 40%, 교원 AI 연수 이수율 60%를 목표로 한다.',
  2: '① AI 교육 환경 확충 ② 교원 역량 강화 ③ 교육과정 연계 ④ 윤리·안전한 활용 체계의 네 가지 전략과 세부 과제를 추진한다.',
  3: '초등은 놀이·체험 중심, 중학교는 문제 해결 중심, 고등학교는 진로 연계 심화 과목으로 학교급별 교육과정을 연계한다.',
  4: '학교급별 AI 교육 교재와 수업 프로그램을 개발하여 모든 학교에 보급한다.',
  5: '기본·활용·심화·전문가 4단계 연수 체계를 운영하고 이수 이력을 디지털 배지로 관리한다.',
  6: '실태조사와 만족도 조사를 매년 실시하고 선도·연구학교의 우수 사례를 발굴·확산한다.',
  7: '신나는 AI 교실을 확대 구축하고 1.5실 이상 공간 기준과 AI 동아리 운영 기준을 지원한다.',
  8: '생성형 AI 활용 시 보호자 동의 등 안전 기준을 준수한다.',
};

/** An adopted 2026–2030 basic plan and its 2026 yearly plan with tasks across the items; running it again changes nothing. */
export async function seedDemoPlans(app: INestApplicationContext): Promise<void> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [existing] = await ds.query(`SELECT 1 FROM basic_plans LIMIT 1`);
  if (existing) return;
  const [admin]: AuthUser[] = await ds.query(
    `SELECT id, email, role, school_id AS "schoolId", district_office_code AS "districtOffice", display_name AS "displayName" FROM users WHERE email = 'admin@sen.go.kr'`,
  );
  if (!admin) return;
  const plans = app.get(PlansService);
  const years = app.get(YearlyPlansService);
  const plan = await plans.create({
    title: '서울특별시교육청 인공지능 교육 기본계획(2026~2030)',
    periodStart: 2026,
    periodEnd: 2030,
    vision: '함께 배우고 책임 있게 활용하는 서울 AI 교육',
    goals: ['AI 교실 보급률 40%', '교원 AI 연수 이수율 60%', '모든 학교 AI 교육과정 연계'],
    items: Object.entries(ITEMS).map(([item, content]) => ({ item: Number(item), content })),
    fourthIndustrialPlanRef: '서울특별시교육청 4차 산업혁명 대비 교육 기본계획(제4조 ④)',
  }, admin);
  await plans.adopt(plan.id, admin);
  await years.upsert(plan.id, 2026, { title: '2026학년도 인공지능 교육 시행계획', summary: '기본계획 1년차: AI 교실 확대와 교원 연수 기반 마련' }, admin);
  const task = (t: Parameters<YearlyPlansService['createTask']>[2]) => years.createTask(plan.id, 2026, t, admin);
  await task({ item: 1, title: 'AI 교육 추진단 운영', department: '디지털교육과', budgetKrw: 50_000_000, spentKrw: 20_000_000, schedule: '2026-03 ~ 2027-02' });
  await task({ item: 2, title: 'AI 선도학교·연구학교 지정 운영', department: '디지털교육과', budgetKrw: 3_000_000_000, spentKrw: 1_200_000_000, schedule: '2026-03 ~ 2027-02',
    indicators: [{ indicatorId: 'designation.lead_schools', unit: 'count', baseline: 0, target: 100 }, { indicatorId: 'designation.support_budget', unit: 'krw', baseline: 0, target: 3_000_000_000 }] });
  await task({ item: 3, title: '학교급별 AI 교육과정 연계 프로그램 운영', department: '교육과정정책과', budgetKrw: 300_000_000, schedule: '2026-03 ~ 2026-12',
    indicators: [{ indicatorId: 'curriculum.programs', unit: 'count', baseline: 0, target: 12, actual: 4 }, { indicatorId: 'literacy.mean', unit: 'score', baseline: 60, target: 65 }] });
  await task({ item: 4, title: 'AI 교육 교재 개발·보급', department: '디지털교육과', budgetKrw: 400_000_000, spentKrw: 150_000_000, schedule: '2026-04 ~ 2026-12',
    indicators: [{ indicatorId: 'materials.developed', unit: 'count', baseline: 0, target: 6, actual: 2 }] });
  await task({ item: 5, title: '교원 AI 역량 강화 연수', department: '교육연수원', budgetKrw: 2_000_000_000, spentKrw: 900_000_000, schedule: '2026-03 ~ 2027-02',
    indicators: [{ indicatorId: 'training.participants', unit: 'count', baseline: 0, target: 100_000 }, { indicatorId: 'training.hours', unit: 'hours', baseline: 0, target: 1_500_000 }] });
  await task({ item: 6, title: 'AI 교육 실태조사', department: '디지털교육과', budgetKrw: 100_000_000, schedule: '2026-09 ~ 2026-11',
    indicators: [{ indicatorId: 'survey.responses', unit: 'count', baseline: 0, target: 10_000 }] });
  await task({ item: 7, title: '신나는 AI 교실 확대 구축', department: '디지털교육과', budgetKrw: 10_000_000_000, spentKrw: 4_000_000_000, schedule: '2026-03 ~ 2027-02',
    indicators: [
      { indicatorId: 'classroom.coverage', unit: 'ratio', baseline: 0.208, target: 0.25 },
      { indicatorId: 'classroom.space_rule', unit: 'ratio', baseline: 0.9, target: 1 },
      { indicatorId: 'classroom.club_rule', unit: 'ratio', baseline: 0.5, target: 1 },
    ] });
  await task({ item: 7, title: '강남서초 AI 교실 운영 지원', districtOffice: 'gangnam-seocho', budgetKrw: 500_000_000, spentKrw: 100_000_000, schedule: '2026-03 ~ 2027-02',
    indicators: [{ indicatorId: 'classroom.club_rule', unit: 'ratio', baseline: 0.5, target: 1 }] });
  await task({ item: 8, title: '생성형 AI 보호자 동의 안내', department: '디지털교육과', budgetKrw: 20_000_000, schedule: '2026-03 ~ 2026-05',
    indicators: [{ indicatorId: 'consent.coverage', unit: 'ratio', baseline: 0, target: 0.8 }] });
}
