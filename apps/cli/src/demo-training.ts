import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, ParsedTable, schoolYearOf, seoulToday } from '@app/core';
import { BadgeIssuer, CompletionImportService, CoursesService } from '@app/training';

/** A few courses across the four levels, the basic pathway, and completions with their badges. */
export async function seedDemoTraining(app: INestApplicationContext, admin: AuthUser): Promise<void> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [existing] = await ds.query(`SELECT 1 FROM training_courses LIMIT 1`);
  if (existing) return;
  const courses = app.get(CoursesService);
  const year = schoolYearOf();
  const base = { schoolYear: year, audience: ['teacher', 'staff'], provider: '서울특별시교육청교육연수원' };
  for (const c of [
    { code: 'AI-B-101', title: 'AI 교육의 이해', titleEn: 'Understanding AI in Education', level: 'basic', deliveryMode: 'remote', creditHours: 15 },
    { code: 'AI-B-102', title: '디지털 수업 도구 기초', titleEn: 'Digital Classroom Tools', level: 'basic', deliveryMode: 'in_person', creditHours: 15 },
    { code: 'AI-A-201', title: '생성형 AI 활용 수업 설계', titleEn: 'Designing Lessons with Generative AI', level: 'applied', deliveryMode: 'blended', creditHours: 30, prerequisiteLevel: 'basic' },
    { code: 'AI-D-301', title: 'AI 융합 교육과정 재구성', titleEn: 'AI-integrated Curriculum', level: 'advanced', deliveryMode: 'on_site', creditHours: 30 },
    { code: 'AI-E-401', title: 'AI 교육 선도교원 양성', titleEn: 'AI Education Lead Teachers', level: 'expert', deliveryMode: 'in_person', creditHours: 60, audience: ['teacher'] },
  ]) {
    await courses.create({ ...base, ...c, description: `${c.title} 연수`, criteria: `${c.title} 과정의 출석 및 과제 기준을 충족함` }, admin);
  }
  await courses.setPathway('basic', { courseCodes: ['AI-B-101', 'AI-B-102'] }, admin);
  await courses.setPathway('applied', { courseCodes: ['AI-A-201'] }, admin);

  const [gaepo] = await ds.query(`SELECT neis_code FROM schools WHERE name = '서울개포초등학교' ORDER BY id LIMIT 1`);
  const day = (month: number) => `${month >= 3 ? year : year + 1}-${String(month).padStart(2, '0')}-15`;
  const today = seoulToday();
  const rows = [
    ['T-DEMO-1', '개포초 교사', 'teacher@gaepo.es.kr', '교원', 'AI-B-101', day(4)],
    ['T-DEMO-1', '개포초 교사', 'teacher@gaepo.es.kr', '교원', 'AI-B-102', day(5)],
    ['T-DEMO-1', '개포초 교사', 'teacher@gaepo.es.kr', '교원', 'AI-A-201', day(7)],
    ['T-DEMO-2', '김하늘', '', '교원', 'AI-B-101', day(4)],
    ['S-DEMO-1', '박주무관', '', '직원', 'AI-B-101', day(6)],
  ].filter((r) => r[5] <= today);
  const table: ParsedTable = {
    encoding: 'utf-8',
    headers: ['participant_id', 'name', 'email', 'kind', 'neis_school_code', 'course_code', 'completed_on'],
    rows: rows.map((r, i) => ({ rowNumber: i + 2, values: { participant_id: r[0], name: r[1], email: r[2], kind: r[3], neis_school_code: gaepo?.neis_code ?? '', course_code: r[4], completed_on: r[5] } })),
  };
  if (!table.rows.length) return;
  const { batchId } = await app.get(CompletionImportService).importTable(table, '데모_이수자.csv', 'skip', admin);
  await app.get(BadgeIssuer).issueForBatch(batchId);
}
