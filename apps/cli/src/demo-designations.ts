import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsersService } from '@app/accounts';
import { AuthUser, schoolYearOf } from '@app/core';
import { ApplicationsService, CallsService, DesignationsService, ReviewService, SupportService } from '@app/designations';

export const DEMO_CALL_TITLE = '2027학년도 AI 교육 선도학교 공모 (시연)';

/** One open call with an application in every state: draft, submitted, withdrawn, designated, rejected. */
export async function seedDemoDesignations(app: INestApplicationContext, admin: AuthUser, password: string): Promise<void> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [existing] = await ds.query(`SELECT id FROM designation_calls WHERE title = $1`, [DEMO_CALL_TITLE]);
  if (existing) return;
  const accounts = app.get(UsersService);
  const now = Date.now();
  const nextMarch = schoolYearOf() + 1;
  const call = await app.get(CallsService).create(
    {
      type: 'lead', title: DEMO_CALL_TITLE, schoolYear: nextMarch, termStart: `${nextMarch}-03-01`, termEnd: `${nextMarch + 2}-02-28`,
      eligibleLevels: ['elementary'], opensAt: new Date(now - 7 * 86400_000).toISOString(), closesAt: new Date(now + 30 * 86400_000).toISOString(),
      quota: 3, officeQuotas: [{ office: 'gangnam-seocho', quota: 2 }], requiredAttachments: [],
      criteria: [
        { name: '운영 계획의 타당성', maxScore: 40, weight: 1 },
        { name: '학교 여건 및 추진 역량', maxScore: 30, weight: 1 },
        { name: '성과 확산 계획', maxScore: 30, weight: 1 },
      ],
    },
    admin,
  );
  const applications = app.get(ApplicationsService);
  const states: [string, string, 'draft' | 'submitted' | 'withdrawn' | 'designated' | 'rejected', number[]][] = [
    ['서울도성초등학교', 'dosung', 'draft', []],
    ['서울논현초등학교', 'nonhyeon', 'submitted', [32, 25, 24]],
    ['서울대현초등학교', 'daehyeon', 'withdrawn', []],
    ['서울불암초등학교', 'bulam', 'designated', [38, 27, 28]],
    ['서울당현초등학교', 'danghyeon', 'rejected', [22, 18, 15]],
  ];
  await app.get(ReviewService).assign(call.id, [admin.id], admin);
  for (const [name, key, state, scores] of states) {
    const [school] = await ds.query(`SELECT id FROM schools WHERE name = $1 ORDER BY id LIMIT 1`, [name]);
    const { user: principal } = await accounts.createSystem({ email: `principal.${key}@demo.sen.go.kr`, password, role: 'principal', schoolId: school.id, displayName: `${name} 교장` });
    const created = await applications.create(call.id, { planSummary: `${name}의 AI 융합 수업·동아리 운영 계획` }, principal);
    if (state === 'draft') continue;
    if (state === 'withdrawn') {
      await applications.withdraw(created.id, principal);
      continue;
    }
    await applications.submit(created.id, principal);
    await app.get(ReviewService).score(created.id, { scores: call.criteria.map((c, i) => ({ criterionId: c.id, score: scores[i] })) }, admin);
    if (state === 'designated' || state === 'rejected') {
      await app.get(DesignationsService).decide(created.id, { decision: state === 'designated' ? 'designate' : 'reject', reason: state === 'designated' ? '심사 결과 상위 점수' : '운영 계획 구체성 부족' }, admin);
    }
    if (state === 'designated') {
      const [{ id }] = await ds.query(`SELECT id FROM designations WHERE application_id = $1`, [created.id]);
      await app.get(SupportService).grant({ schoolId: school.id, designationId: id, kind: 'budget', amountKrw: 30_000_000, grantedOn: `${nextMarch}-03-15`, description: '선도학교 운영비' }, admin);
    }
  }
}
