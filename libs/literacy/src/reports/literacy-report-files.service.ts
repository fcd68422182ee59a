import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, ForbiddenError, NotFoundError, SchoolAccess, schoolScopeSql, SqlParams, StoredFiles } from '@app/core';
import { CITY_REPORT } from './literacy-report-builder.service';
import type { LiteracyReportFileListDto } from './report-responses.dto';

/** The built report workbooks, each readable by whoever may read its school (the city's: city administrators). */
@Injectable()
export class LiteracyReportFiles {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly schools: SchoolAccess,
    private readonly files: StoredFiles,
  ) {}

  async list(assessmentId: number, actor: AuthUser): Promise<LiteracyReportFileListDto> {
    const p = new SqlParams();
    const id = p.add(assessmentId);
    const scope = schoolScopeSql(actor, p, { schoolId: 's.id', office: 'd.office_code' });
    const items = await this.ds.query(
      `SELECT f.school_id AS "schoolId", coalesce(s.name, '서울특별시 전체') AS name, f.built_at AS "builtAt", m.byte_size AS bytes
       FROM literacy_report_files f JOIN stored_files m ON m.id = f.file_id
       LEFT JOIN schools s ON s.id = f.school_id LEFT JOIN districts d ON d.name = s.district
       WHERE f.assessment_id = ${id} AND (${f0(actor)} OR (s.id IS NOT NULL AND ${scope}))
       ORDER BY f.school_id = 0 DESC, s.name`,
      p.values,
    );
    return { items };
  }

  async download(assessmentId: number, schoolId: number, actor: AuthUser) {
    if (schoolId === CITY_REPORT) {
      // It holds every office's figures; a district admin reads their own office's on screen.
      if (actor.role !== 'city_admin') throw new ForbiddenError("The city's workbook is for the office's administrators", 'ROLE_NOT_ALLOWED');
    } else {
      await this.schools.assert(actor, schoolId, 'read');
    }
    const [row] = await this.ds.query(`SELECT file_id AS "fileId" FROM literacy_report_files WHERE assessment_id = $1 AND school_id = $2`, [assessmentId, schoolId]);
    if (!row) throw new NotFoundError('built report (run the report job first) for school', schoolId);
    return { meta: (await this.files.meta(row.fileId))!, content: await this.files.content(row.fileId) };
  }

  /**
   * The students a school's workbook lists (its 학생별 결과 sheet), for the access log; the city's
   * workbook holds group figures only. Counted when downloaded: the file itself does not say.
   */
  async studentsIn(assessmentId: number, schoolId: number): Promise<number[]> {
    if (schoolId === CITY_REPORT) return [];
    const rows: { id: number }[] = await this.ds.query(
      `SELECT x.student_id AS id FROM literacy_scores x JOIN students st ON st.id = x.student_id WHERE x.assessment_id = $1 AND st.school_id = $2`,
      [assessmentId, schoolId],
    );
    return rows.map((r) => r.id);
  }
}

/** City administrators also see the city's workbook in the list. */
function f0(actor: AuthUser): string {
  return actor.role === 'city_admin' ? 'f.school_id = 0' : 'FALSE';
}
