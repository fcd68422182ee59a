import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, schoolYearOf } from '@app/core';
import { AssessmentsService, EquatingService, LiteracyAnalysisService, ResultsImportService } from '@app/literacy';

const AREAS = ['ai_understanding', 'ai_use', 'ai_ethics', 'digital_literacy'];
const KEYS = ['2', '4', '1', '3', '2', '1', '4', '3', '1', '2', '4', '3', '2', '1', '3', '4', '2', '3'];

/**
 * A main-test assessment for 초5 with results for the first elementary schools of 강남서초 (classes
 * of 22 and one of 3, so the reports show a withheld class), analysed and ready for the reports.
 * Before it, last year's main test of the same grade (the item bank's base: 13 of its items are
 * this year's Q01–Q12 and S01, the anchors), whose students were simulated 0.12 weaker on the
 * generator's ability scale; this year's is linked to it, so the trend shows two years on one scale.
 */
export async function seedDemoLiteracy(app: INestApplicationContext, admin: AuthUser): Promise<void> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [existing] = await ds.query(`SELECT 1 FROM literacy_assessments LIMIT 1`);
  if (existing) return;
  const year = schoolYearOf();
  const cutScores = [{ level: '기초', min: 0 }, { level: '보통', min: 40 }, { level: '우수', min: 75 }];
  const items = [
    ...KEYS.map((key, i) => ({ id: `Q${String(i + 1).padStart(2, '0')}`, area: AREAS[i % 4], type: 'dichotomous' as const, key: [key], options: ['1', '2', '3', '4'] })),
    { id: 'S01', area: 'ai_ethics', type: 'partial' as const, maxScore: 3 },
    { id: 'S02', area: 'ai_use', type: 'partial' as const, maxScore: 3 },
  ];
  const schools: { id: number }[] = await ds.query(
    `SELECT s.id FROM schools s JOIN districts d ON d.name = s.district WHERE d.office_code = 'gangnam-seocho' AND s.level = 'elementary' ORDER BY s.name <> '서울개포초등학교', s.name LIMIT 4`,
  );
  type Item = (typeof items)[number];
  /** Results of every school's classes; `shift` moves every student's ability, `prefix` names last year's students apart. */
  const results = (form: Item[], shift: number, prefix: string) => {
    const lines = [['student_id', 'school_id', 'grade', 'class', 'sex', ...form.map((i) => i.id)].join(',')];
    let n = 0;
    for (const [k, school] of schools.entries()) {
      for (const [classNo, size] of [[1, 22], [2, 22], [3, k === 0 ? 3 : 22]]) {
        for (let i = 1; i <= size; i++, n++) {
          const ability = ((n * 37) % 100) / 100 + shift;
          const answers = form.map((item) => {
            // The item's own position in this year's form keeps an anchor as hard in both years.
            const j = Math.max(0, items.findIndex((x) => x.id === item.id));
            const key = 'key' in item ? item.key[0] : '';
            const chance = ((n * 7919 + j * 104729 + prefix.length * 15485863) % 1000) / 1000;
            const correct = chance < 0.2 + ability * 0.8 - (j / items.length) * 0.4;
            if (item.type === 'partial') return String(correct ? 1 + ((n + j) % 3) : 0);
            return correct ? key : ['1', '2', '3', '4'].filter((o) => o !== key)[(n + j) % 3];
          });
          lines.push([`${prefix}S${school.id}-${classNo}${String(i).padStart(2, '0')}`, school.id, 5, classNo, n % 2 ? '여' : '남', ...answers].join(','));
        }
      }
    }
    return Buffer.from(lines.join('\n'));
  };

  // Last year's form: the anchors Q01–Q12 and S01, and six items of its own.
  const ownItems = ['3', '1', '4', '2', '3', '1'].map((key, i) => ({ id: `R${String(i + 1).padStart(2, '0')}`, area: AREAS[(i + 1) % 4], type: 'dichotomous' as const, key: [key], options: ['1', '2', '3', '4'] }));
  const lastForm = [...items.slice(0, 12), ...ownItems, items[18]];
  const last = await app.get(AssessmentsService).create(
    { name: `${year - 1} AI·디지털 리터러시 진단검사 (본검사)`, schoolYear: year - 1, phase: 'main', grade: 5, items: lastForm, cutScores },
    admin,
  );
  await app.get(ResultsImportService).import(last.id, results(lastForm, -0.12, 'Y'), 'demo-results-last-year.csv', admin);
  await app.get(LiteracyAnalysisService).run(last.id);

  const assessment = await app.get(AssessmentsService).create(
    { name: `${year} AI·디지털 리터러시 진단검사 (본검사)`, schoolYear: year, phase: 'main', grade: 5, items, cutScores },
    admin,
  );
  await app.get(ResultsImportService).import(assessment.id, results(items, 0, ''), 'demo-results.csv', admin);
  await app.get(LiteracyAnalysisService).run(assessment.id);
  // This year on last year's scale (fixed-parameter calibration; drifting anchors dropped).
  await app.get(EquatingService).linkNow(assessment.id, { baseAssessmentId: last.id, dropDrifting: true }, admin);
}
