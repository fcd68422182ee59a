import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StoredFiles, XLSX_CONTENT_TYPE } from '@app/core';
import { analyseTest, ItemSpec, scoreResponses } from '../analysis';
import { AssessmentsService } from '../assessments/assessments.service';
import { groupFigures, withheld } from './literacy-groups';
import { EquatingService } from '../equating/equating.service';
import { groupSheet, itemSheet, trendSheet, workbook } from './literacy-report-workbook';

/** school_id 0 in literacy_report_files is the city's workbook. */
export const CITY_REPORT = 0;

/**
 * Builds every school's report workbook and the city's in one job, with progress. Each file is
 * stored under (job, school), and literacy_report_files points at the latest per school, so a
 * rerun replaces the files instead of adding to them.
 */
@Injectable()
export class LiteracyReportBuilder {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly files: StoredFiles,
    private readonly equating: EquatingService,
  ) {}

  async buildAll(assessmentId: number, jobId: string, progress: (percent: number) => Promise<void>) {
    const a = await this.assessments.get(assessmentId);
    const [analysis] = await this.ds.query(`SELECT items FROM literacy_analyses WHERE assessment_id = $1`, [assessmentId]);
    if (!analysis) throw new Error(`literacy assessment ${assessmentId} has no analysis yet`);
    const areas = Object.fromEntries((await this.assessments.areas()).map((x) => [x.code, x.name]));
    const levels = a.cutScores.map((c) => c.level);
    const cityItems = analysis.items as { id: string; area: string; dropped: boolean; facility: number | null; discrimination: number | null; flags: string[]; rasch: { difficulty?: number | null } }[];
    const [offices, schools, city] = await Promise.all([
      groupFigures(this.ds, assessmentId, 'office').then((g) => withheld(g)),
      groupFigures(this.ds, assessmentId, 'school').then((g) => withheld(g)),
      groupFigures(this.ds, assessmentId, 'city').then((g) => withheld(g)[0] ?? null),
    ]);
    const specs: ItemSpec[] = a.items.map((i) => ({ id: i.id, area: i.area, type: i.type, maxScore: i.maxScore, key: i.key, dropped: i.dropped }));
    const schoolRows: { id: number; name: string; office: string }[] = await this.ds.query(
      `SELECT DISTINCT s.id, s.name, d.office_code AS office FROM literacy_scores x JOIN students st ON st.id = x.student_id JOIN schools s ON s.id = st.school_id
       JOIN districts d ON d.name = s.district WHERE x.assessment_id = $1 ORDER BY s.id`,
      [assessmentId],
    );
    const save = async (schoolId: number, filename: string, content: Buffer) => {
      const fileId = await this.files.saveForJob(`${jobId}:${schoolId}`, { kind: 'literacy-report', filename, contentType: XLSX_CONTENT_TYPE, ownerId: null, content });
      await this.ds.query(
        `INSERT INTO literacy_report_files (assessment_id, school_id, file_id) VALUES ($1, $2, $3)
         ON CONFLICT (assessment_id, school_id) DO UPDATE SET file_id = EXCLUDED.file_id, built_at = now()`,
        [assessmentId, schoolId, fileId],
      );
    };

    await save(CITY_REPORT, `리터러시_${a.name}_서울시.xlsx`, await workbook([
      groupSheet('교육지원청별', '교육지원청', [city, ...offices], levels, areas),
      groupSheet('자치구별', '자치구', withheld(await groupFigures(this.ds, assessmentId, 'district')), levels, areas),
      groupSheet('학교급별', '학교급', withheld(await groupFigures(this.ds, assessmentId, 'level')), levels, areas),
      itemSheet(cityItems.map((i) => ({ ...i, difficulty: i.rasch?.difficulty ?? null })), areas),
      // The city's trend (no viewer: the city workbook is the city administrators').
      trendSheet(await this.equating.trend(a.grade, null)),
    ]));
    await progress(5);

    for (const [n, school] of schoolRows.entries()) {
      const students: { code: string; classNo: number | null; total: number; percent: number; level: string | null; areas: Record<string, number>; responses: (string | null)[] }[] = await this.ds.query(
        `SELECT st.student_code AS code, st.class_no AS "classNo", x.total, x.percent, x.level, x.areas, r.responses
         FROM literacy_scores x JOIN students st ON st.id = x.student_id JOIN literacy_results r ON r.assessment_id = x.assessment_id AND r.student_id = x.student_id
         WHERE x.assessment_id = $1 AND st.school_id = $2 ORDER BY st.class_no NULLS LAST, st.student_code`,
        [assessmentId, school.id],
      );
      const mine = schools.find((g) => g.key === String(school.id)) ?? null;
      const office = offices.find((g) => g.key === school.office) ?? null;
      const classes = withheld(await groupFigures(this.ds, assessmentId, 'class', { schoolId: school.id }));
      const sheets = [
        groupSheet('학교 요약', '구분', [mine, office, city], levels, areas),
        groupSheet('학급별', '학급', classes, levels, areas),
        {
          name: '학생별 결과',
          columns: [
            { header: '학생 ID', key: 'code', width: 14 }, { header: '반', key: 'classNo', width: 6 }, { header: '총점', key: 'total', width: 8 },
            { header: '백분율 점수', key: 'percent', width: 10 }, { header: '성취 수준', key: 'level', width: 10 },
            ...Object.keys(areas).map((c) => ({ header: `${areas[c]} (%)`, key: `area:${c}`, width: 14 })),
          ],
          rows: students.map((s) => ({ ...s, ...Object.fromEntries(Object.entries(s.areas).map(([c, v]) => [`area:${c}`, v])) })),
        },
      ];
      // Item results of the school only from 5 students, like every other group figure.
      if (mine && !mine.suppressed) {
        const { matrix } = scoreResponses(specs, students.map((s) => s.responses));
        const own = analyseTest(matrix, specs).items;
        sheets.push(itemSheet(own.map((i) => ({ id: i.id, area: i.area, dropped: i.dropped, facility: i.facility })), areas, false));
      }
      await save(school.id, `리터러시_${a.name}_${school.name}.xlsx`, await workbook(sheets));
      await progress(5 + Math.round(((n + 1) / schoolRows.length) * 95));
    }
    return { schools: schoolRows.length, cityReport: true };
  }
}
