import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { AuditLog, AuthUser, canAccessSchool, copyRows, copyTransaction, ForbiddenError, importRejected, pgTextArray, readTable, ValidationFailedError, withParseSlot } from '@app/core';
import { AssessmentsService } from '../assessments/assessments.service';
import { parseQtiResults, QtiFormatError } from '../import/qti-results';
import { recordsFromQti, recordsFromTable } from './record-readers';
import { checkRecords, RawRecord, SchoolRef, StagedResult } from './result-records';

export interface ResultsImportResult {
  batchId: number;
  format: 'csv' | 'xlsx' | 'qti';
  received: number;
  inserted: number;
  replaced: number;
  studentsCreated: number;
  analysisJobId: string;
}

const MAX_STUDENTS = 50_000;

/**
 * Results of one assessment from CSV/XLSX (one row per student, one column per item) or QTI 3.0
 * results XML (one file or a ZIP). All or nothing: every problem is reported with its row and
 * column, and nothing is written unless the whole file is good. A student's new result replaces
 * their earlier one. The analysis runs afterwards as a job.
 */
@Injectable()
export class ResultsImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly audit: AuditLog,
  ) {}

  async import(assessmentId: number, file: Buffer, filename: string, actor: AuthUser): Promise<ResultsImportResult> {
    if (actor.role === 'teacher') throw new ForbiddenError('Teachers do not import results', 'ROLE_NOT_ALLOWED');
    const assessment = await this.assessments.get(assessmentId);
    const ext = extname(filename).toLowerCase();
    const itemIds = assessment.items.map((i) => i.id);
    let format: ResultsImportResult['format'];
    let read: { records: RawRecord[]; problems: { row: number; column?: string; reason: string }[] };
    if (ext === '.xml' || ext === '.zip') {
      format = 'qti';
      let parsed;
      try {
        // One of the process's parse slots, like readTable (UPLOAD_PARSE_CONCURRENCY).
        parsed = await withParseSlot(() => parseQtiResults(file, filename, { maxResults: MAX_STUDENTS }));
      } catch (e) {
        if (e instanceof QtiFormatError) throw new ValidationFailedError(e.message, [{ field: 'file', reason: e.message }], 'BAD_FILE');
        throw e;
      }
      const fromQti = recordsFromQti(parsed.results, new Set(assessment.items.filter((i) => i.key).map((i) => i.id)), new Set(itemIds));
      read = { records: fromQti.records, problems: [...parsed.problems, ...fromQti.problems] };
    } else {
      format = ext === '.xlsx' ? 'xlsx' : 'csv';
      read = recordsFromTable(await readTable(file, filename, { maxRows: MAX_STUDENTS }), itemIds, actor.role === 'principal');
    }
    if (!read.records.length && !read.problems.length) throw new ValidationFailedError('The file holds no results', [{ field: 'file', reason: 'no rows' }], 'EMPTY_FILE');
    const schools = await this.schools();
    const { staged, problems } = checkRecords(read.records, {
      assessment,
      schools,
      mayWrite: (s) => canAccessSchool(actor, { id: s.id, districtOffice: s.office }, 'write'),
      defaultSchool: actor.role === 'principal' ? [...schools.values()].find((s) => s.id === actor.schoolId) : undefined,
    });
    const all = [...read.problems, ...problems].sort((a, b) => a.row - b.row);
    if (all.length) throw importRejected(all);

    // The analysis job is written with the results (the outbox): committed results are always analysed.
    const result = await copyTransaction(this.ds, async (qr, client) => ({
      ...(await this.write(qr, client, assessmentId, staged, format, filename, actor)),
      analysisJobId: (await this.assessments.analyseSoon(assessmentId, actor, qr.manager)).jobId,
    }));
    return { ...result, format, received: staged.length };
  }

  private async schools(): Promise<Map<string, SchoolRef>> {
    const rows: { id: number; neis: string | null; level: string; office: string }[] = await this.ds.query(
      `SELECT s.id, s.neis_code AS neis, s.level, d.office_code AS office FROM schools s JOIN districts d ON d.name = s.district`,
    );
    const map = new Map<string, SchoolRef>();
    for (const r of rows) {
      const ref = { id: r.id, level: r.level, office: r.office };
      map.set(String(r.id), ref);
      if (r.neis) map.set(r.neis, ref);
    }
    return map;
  }

  private async write(qr: QueryRunner, client: PoolClient, assessmentId: number, rows: StagedResult[], format: string, filename: string, actor: AuthUser) {
    await qr.query(`CREATE TEMP TABLE staged_results (row_no int, student_code text, school_id int, grade smallint, class_no smallint, form text, responses text[]) ON COMMIT DROP`);
    await copyRows(client, 'staged_results', ['row_no', 'student_code', 'school_id', 'grade', 'class_no', 'form', 'responses'],
      rows.map((r) => [r.row, r.studentCode, r.schoolId, r.grade, r.classNo, r.form, pgTextArray(r.responses)]));
    const [{ created }] = await qr.query(
      `WITH up AS (
         INSERT INTO students (school_id, student_code, grade, class_no)
         SELECT school_id, student_code, grade, class_no FROM staged_results
         ON CONFLICT (school_id, student_code) DO UPDATE SET grade = EXCLUDED.grade, class_no = coalesce(EXCLUDED.class_no, students.class_no)
         RETURNING (xmax = 0) AS created
       ) SELECT count(*) FILTER (WHERE created)::int AS created FROM up`,
    );
    const [{ id: batchId }] = await qr.query(
      `INSERT INTO literacy_import_batches (assessment_id, format, filename, rows_received, inserted, replaced, imported_by) VALUES ($1, $2, $3, $4, 0, 0, $5) RETURNING id`,
      [assessmentId, format, filename, rows.length, actor.id],
    );
    const [{ inserted, written }] = await qr.query(
      `WITH w AS (
         INSERT INTO literacy_results (assessment_id, student_id, form, responses, batch_id)
         SELECT $1, st.id, s.form, s.responses, $2 FROM staged_results s JOIN students st ON st.school_id = s.school_id AND st.student_code = s.student_code
         ON CONFLICT (assessment_id, student_id) DO UPDATE SET form = EXCLUDED.form, responses = EXCLUDED.responses, batch_id = EXCLUDED.batch_id
         RETURNING (xmax = 0) AS inserted
       ) SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS written FROM w`,
      [assessmentId, batchId],
    );
    await qr.query(`UPDATE literacy_import_batches SET inserted = $2, replaced = $3 WHERE id = $1`, [batchId, inserted, written - inserted]);
    const schoolIds = [...new Set(rows.map((r) => r.schoolId))];
    await this.audit.record(qr.manager, actor, {
      action: 'import', entityType: 'literacy_results', entityId: batchId, schoolId: schoolIds.length === 1 ? schoolIds[0] : null,
      after: { assessmentId, filename, format, rows: rows.length, inserted, replaced: written - inserted, schools: schoolIds.length },
    });
    return { batchId: batchId as number, inserted: inserted as number, replaced: (written - inserted) as number, studentsCreated: created as number };
  }
}
