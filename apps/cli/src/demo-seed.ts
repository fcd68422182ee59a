import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SystemUser, UsersService } from '@app/accounts';
import { AuthUser, schoolYearOf } from '@app/core';
import { ClassroomService, ClubsService, EquipmentService } from '@app/classrooms';
import { seedDemoAccounts } from './demo-accounts';
import { seedDemoConsent } from './demo-consent';
import { seedDemoDesignations } from './demo-designations';
import { seedDemoLiteracy } from './demo-literacy';
import { seedDemoSurveys } from './demo-surveys';
import { seedDemoTraining } from './demo-training';

export const DEMO_PASSWORD = 'aiedu-demo-2026';

/** The school the demo principal and teacher belong to: the first school of the 284 list. */
const DEMO_SCHOOL = { name: '서울개포초등학교', district: '강남구' };

export interface DemoAccount {
  email: string;
  role: string;
  scope: string;
}

export interface DemoSeed {
  accounts: DemoAccount[];
  /** The activation link of the demo's account waiting for activation (only on the run that creates it). */
  activationUrl?: string;
}

/** Demo accounts and a few classroom records; running it again changes nothing. */
export async function seedDemo(app: INestApplicationContext): Promise<DemoSeed> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const accounts = app.get(UsersService);
  const [school] = await ds.query(`SELECT id FROM schools WHERE name = $1 AND district = $2 ORDER BY id LIMIT 1`, [DEMO_SCHOOL.name, DEMO_SCHOOL.district]);
  if (!school) throw new Error('Run npm run migrate first: the 284 AI-classroom schools are missing');
  // A middle school for the consent rules, which do not apply to elementary students.
  const [middle] = await ds.query(`SELECT id, name FROM schools WHERE level = 'middle' AND district = '강남구' ORDER BY name LIMIT 1`);
  const demoAccounts: (SystemUser & { scope: string })[] = [
    { email: 'admin@sen.go.kr', password: DEMO_PASSWORD, role: 'city_admin', displayName: '교육청 관리자', scope: '서울특별시교육청' },
    { email: 'gangnam@sen.go.kr', password: DEMO_PASSWORD, role: 'district_admin', districtOffice: 'gangnam-seocho', displayName: '강남서초 담당자', scope: '강남서초교육지원청' },
    { email: 'principal@gaepo.es.kr', password: DEMO_PASSWORD, role: 'principal', schoolId: school.id, displayName: '개포초 교장', scope: DEMO_SCHOOL.name },
    { email: 'teacher@gaepo.es.kr', password: DEMO_PASSWORD, role: 'teacher', schoolId: school.id, displayName: '개포초 교사', scope: DEMO_SCHOOL.name },
    { email: 'principal@middle.demo.sen.go.kr', password: DEMO_PASSWORD, role: 'principal', schoolId: middle.id, displayName: `${middle.name} 교장`, scope: middle.name },
    { email: 'teacher@middle.demo.sen.go.kr', password: DEMO_PASSWORD, role: 'teacher', schoolId: middle.id, displayName: `${middle.name} 교사`, scope: middle.name },
  ];
  const users = new Map<string, AuthUser>();
  for (const { scope: _, ...a } of demoAccounts) {
    const [existing] = await ds.query(`SELECT id FROM users WHERE email = $1`, [a.email]);
    if (!existing) users.set(a.email, (await accounts.createSystem(a)).user);
  }
  const principal = users.get('principal@gaepo.es.kr');
  if (principal) {
    const equipment = app.get(EquipmentService);
    const clubs = app.get(ClubsService);
    await app.get(ClassroomService).update(school.id, { floorAreaUnits: 1.5 }, principal);
    await equipment.create(school.id, { category: 'robot_kit', name: '햄스터 로봇 S', quantity: 24, assetTag: 'GP-AI-001', purchaseDate: '2023-04-12', costKrw: 3_600_000, condition: 'good', lastAuditDate: '2025-09-01', nextAuditDate: '2026-09-01' }, principal);
    await equipment.create(school.id, { category: 'tablet', name: '태블릿 PC', quantity: 30, assetTag: 'GP-AI-002', purchaseDate: '2023-04-12', costKrw: 15_000_000, condition: 'good' }, principal);
    await equipment.create(school.id, { category: 'physical_computing_kit', name: '마이크로비트 키트', quantity: 15, assetTag: 'GP-AI-003', condition: 'needs_repair' }, principal);
    await clubs.create(school.id, { schoolYear: schoolYearOf(), name: 'AI 탐험대', members: 18 }, principal);
  }
  const [admin] = await ds.query(`SELECT id, email, role, school_id AS "schoolId", district_office_code AS "districtOffice", display_name AS "displayName" FROM users WHERE email = 'admin@sen.go.kr'`);
  await seedDemoDesignations(app, admin, DEMO_PASSWORD);
  await seedDemoTraining(app, admin);
  const { activationUrl } = await seedDemoAccounts(app);
  await seedDemoSurveys(app, admin);
  await seedDemoLiteracy(app, admin);
  const [middleTeacher] = await ds.query(`SELECT id, email, role, school_id AS "schoolId", district_office_code AS "districtOffice", display_name AS "displayName" FROM users WHERE email = 'teacher@middle.demo.sen.go.kr'`);
  await seedDemoConsent(app, admin, middleTeacher);
  return { accounts: demoAccounts.map(({ email, role, scope }) => ({ email, role, scope })), activationUrl };
}
