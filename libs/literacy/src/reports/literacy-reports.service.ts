import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, ForbiddenError, NotFoundError, ReadReplica, SchoolAccess, schoolScopeSql, SqlParams } from '@app/core';
import { analyseTest, histogram, ItemSpec, scoreResponses } from '../analysis';
import { Assessment, AssessmentsService } from '../assessments/assessments.service';
import { EquatingService } from '../equating/equating.service';
import { GroupBy, groupFigures, withheld } from './literacy-groups';
import type { LiteracySchoolsWithResultsDto } from '../assessments/assessment-responses.dto';
import type { LiteracyStudentAreaDto, LiteracyStudentReportDto } from './report-responses.dto';

/** An area is a strength (weakness) when the student is this many points above (below) the city's mean there. */
export const STRENGTH_MARGIN = 10;

/**
 * Reports for the student, the class, the school and the city. Individual figures go only to
 * those who may read the student's school; group figures of fewer than 5 students are withheld.
 */
@Injectable()
export class LiteracyReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly schools: SchoolAccess,
    /** The school and city reports may lag a moment (DATABASE_REPLICA_URL); a student's and a class's read the primary. */
    private readonly replica: ReadReplica,
    private readonly equating: EquatingService,
  ) {}

  private async analysed(assessmentId: number): Promise<Assessment> {
    const a = await this.assessments.get(assessmentId);
    if (!a.analysedAt) throw new NotFoundError('analysis (not computed yet) of literacy assessment', assessmentId, 'NOT_ANALYSED');
    return a;
  }

  private async areaNames(): Promise<Map<string, string>> {
    return new Map((await this.assessments.areas()).map((a) => [a.code, a.name]));
  }

  /** One group, withheld or not as it is among all its siblings, so every report shows it alike. */
  private async one(assessmentId: number, by: Exclude<GroupBy, 'class'>, key: string) {
    return withheld(await groupFigures(this.replica, assessmentId, by)).find((g) => g.key === key) ?? null;
  }

  async student(assessmentId: number, studentId: number, actor: AuthUser): Promise<LiteracyStudentReportDto> {
    const a = await this.analysed(assessmentId);
    const [s] = await this.ds.query(
      `SELECT st.id, st.student_code AS code, st.grade, st.class_no AS "classNo", st.school_id AS "schoolId", sc.name AS "schoolName",
              x.total, x.percent, x.level, x.ability, x.ability_se AS "abilitySe", x.areas
       FROM literacy_scores x JOIN students st ON st.id = x.student_id JOIN schools sc ON sc.id = st.school_id
       WHERE x.assessment_id = $1 AND x.student_id = $2`,
      [assessmentId, studentId],
    );
    if (!s) throw new NotFoundError('result of student', studentId);
    await this.schools.assert(actor, s.schoolId, 'read');
    const [school, city, names] = await Promise.all([this.one(assessmentId, 'school', String(s.schoolId)), this.one(assessmentId, 'city', 'all'), this.areaNames()]);
    const cityAreas = city && !city.suppressed ? city.areas : {};
    // In the configured order of areas, not the stored object's.
    const own = s.areas as Record<string, number | null>;
    const areas = [...names.keys()].filter((code) => code in own).map((code): LiteracyStudentAreaDto => {
      const percent = own[code];
      const cityMean = cityAreas[code] ?? null;
      const diff = percent === null || cityMean === null ? null : percent - cityMean;
      return {
        area: code,
        name: names.get(code) ?? code,
        percent,
        schoolMean: school && !school.suppressed ? school.areas[code] ?? null : null,
        cityMean,
        judgement: diff === null ? null : diff >= STRENGTH_MARGIN ? 'strength' : diff <= -STRENGTH_MARGIN ? 'weakness' : 'typical',
      };
    });
    return {
      assessment: { id: a.id, name: a.name, schoolYear: a.schoolYear, grade: a.grade, cutScores: a.cutScores },
      student: { id: s.id, code: s.code, grade: s.grade, classNo: s.classNo, schoolId: s.schoolId, schoolName: s.schoolName },
      total: s.total, percent: s.percent, level: s.level, ability: s.ability, abilitySe: s.abilitySe,
      areas,
      school: school && { n: school.suppressed ? null : school.n, mean: school.suppressed ? null : school.mean, suppressed: school.suppressed },
      city: city && { n: city.suppressed ? null : city.n, mean: city.suppressed ? null : city.mean, suppressed: city.suppressed },
    };
  }

  /** A class: its students' scores (for their teachers) and, from 5 students, its distribution and item results. */
  async classReport(assessmentId: number, schoolId: number, classNo: number, actor: AuthUser) {
    await this.schools.assert(actor, schoolId, 'read');
    const a = await this.analysed(assessmentId);
    const students: { id: number; code: string; total: number; percent: number; level: string | null; responses: (string | null)[] }[] = await this.ds.query(
      `SELECT st.id, st.student_code AS code, x.total, x.percent, x.level, r.responses
       FROM literacy_scores x JOIN students st ON st.id = x.student_id JOIN literacy_results r ON r.assessment_id = x.assessment_id AND r.student_id = x.student_id
       WHERE x.assessment_id = $1 AND st.school_id = $2 AND st.class_no = $3 ORDER BY st.student_code`,
      [assessmentId, schoolId, classNo],
    );
    if (!students.length) throw new NotFoundError(`class ${classNo} results at school`, schoolId, 'NO_RESULTS');
    const group = withheld(await groupFigures(this.ds, assessmentId, 'class', { schoolId })).find((g) => g.key === String(classNo))!;
    const analysis = await this.cityItems(assessmentId);
    let items = null;
    if (!group.suppressed) {
      const specs: ItemSpec[] = a.items.map((i) => ({ id: i.id, area: i.area, type: i.type, maxScore: i.maxScore, key: i.key, dropped: i.dropped }));
      const { matrix } = scoreResponses(specs, students.map((s) => s.responses));
      items = analyseTest(matrix, specs).items.map((s) => ({ id: s.id, area: s.area, dropped: s.dropped, facility: s.facility, cityFacility: analysis.get(s.id) ?? null }));
    }
    return {
      assessment: { id: a.id, name: a.name, grade: a.grade, cutScores: a.cutScores },
      schoolId, classNo,
      group,
      items,
      students: students.map(({ responses: _, ...s }) => s),
    };
  }

  private async cityItems(assessmentId: number): Promise<Map<string, number | null>> {
    const [row] = await this.ds.query(`SELECT items FROM literacy_analyses WHERE assessment_id = $1`, [assessmentId]);
    return new Map(((row?.items ?? []) as { id: string; facility: number | null }[]).map((i) => [i.id, i.facility]));
  }

  /** The school against its office and the city, overall, by area and by class. */
  async schoolReport(assessmentId: number, schoolId: number, actor: AuthUser) {
    const school = await this.schools.assert(actor, schoolId, 'read');
    const a = await this.analysed(assessmentId);
    const [mine, office, city, classes, names] = await Promise.all([
      this.one(assessmentId, 'school', String(schoolId)),
      this.one(assessmentId, 'office', school.districtOffice),
      this.one(assessmentId, 'city', 'all'),
      groupFigures(this.replica, assessmentId, 'class', { schoolId }).then((g) => withheld(g)),
      this.areaNames(),
    ]);
    if (!mine) throw new NotFoundError('results of school', schoolId, 'NO_RESULTS');
    return {
      assessment: { id: a.id, name: a.name, grade: a.grade, cutScores: a.cutScores },
      areas: Object.fromEntries(names),
      school: mine,
      office,
      city,
      classes,
      distribution: mine.suppressed ? null : await this.distribution(assessmentId, schoolId),
    };
  }

  /**
   * A school's raw scores in the bins of the city's distribution (the stored analysis: its full marks and
   * bin width), so that the school's chart reads like the analysis's.
   */
  private async distribution(assessmentId: number, schoolId: number) {
    const [row]: { maxScore: number | null; width: number | null }[] = await this.replica.query(
      `SELECT (test->>'maxScore')::float AS "maxScore", ((test->'histogram'->0->>'to')::float - (test->'histogram'->0->>'from')::float) AS width
       FROM literacy_analyses WHERE assessment_id = $1`,
      [assessmentId],
    );
    const totals: { total: number }[] = await this.replica.query(
      `SELECT x.total::float AS total FROM literacy_scores x JOIN students st ON st.id = x.student_id WHERE x.assessment_id = $1 AND st.school_id = $2`,
      [assessmentId, schoolId],
    );
    const maxScore = row?.maxScore ?? Math.max(0, ...totals.map((t) => t.total));
    return { maxScore, bins: histogram(totals.map((t) => t.total), maxScore, row?.width && row.width > 0 ? row.width : undefined) };
  }

  /** Schools with results in the caller's scope, with their number of students (for picking a school report). */
  async schoolsWithResults(assessmentId: number, actor: AuthUser): Promise<LiteracySchoolsWithResultsDto> {
    await this.assessments.get(assessmentId);
    const p = new SqlParams();
    const id = p.add(assessmentId);
    const items = await this.ds.query(
      `SELECT s.id, s.name, s.district, d.office_code AS office, count(*)::int AS students
       FROM literacy_results r JOIN students st ON st.id = r.student_id JOIN schools s ON s.id = st.school_id JOIN districts d ON d.name = s.district
       WHERE r.assessment_id = ${id} AND ${schoolScopeSql(actor, p, { schoolId: 's.id', office: 'd.office_code' })}
       GROUP BY s.id, d.office_code ORDER BY s.name`,
      p.values,
    );
    return { items };
  }

  /** The city report by office, district or school level, with item statistics; a district admin sees their office and the city. */
  async cityReport(assessmentId: number, by: 'office' | 'district' | 'level', actor: AuthUser) {
    if (actor.role !== 'city_admin' && actor.role !== 'district_admin') throw new ForbiddenError('The city report is for administrators', 'ROLE_NOT_ALLOWED');
    const a = await this.analysed(assessmentId);
    const analysisSql = `SELECT computed_at AS "computedAt", students, test, items, rasch, levels FROM literacy_analyses WHERE assessment_id = $1`;
    // The primary said it is analysed: a replica a moment behind that has no analysis yet is asked no further.
    const [analysis] = await this.replica.query(analysisSql, [assessmentId]).then((rows: unknown[]) => (rows.length ? rows : this.ds.query(analysisSql, [assessmentId])));
    let groups = withheld(await groupFigures(this.replica, assessmentId, by));
    if (actor.role === 'district_admin') {
      const own = new Set<string>(
        by === 'office' ? [actor.districtOffice!] : (await this.ds.query(`SELECT name FROM districts WHERE office_code = $1`, [actor.districtOffice])).map((d: { name: string }) => d.name),
      );
      groups = by === 'level' ? withheld(await groupFigures(this.replica, assessmentId, 'level', { office: actor.districtOffice! })) : groups.filter((g) => own.has(g.key));
    }
    return {
      assessment: { id: a.id, name: a.name, schoolYear: a.schoolYear, phase: a.phase, grade: a.grade, cutScores: a.cutScores },
      areas: Object.fromEntries(await this.areaNames()),
      city: await this.one(assessmentId, 'city', 'all'),
      by,
      groups,
      analysis,
      trend: await this.equating.trend(a.grade, actor),
    };
  }
}
