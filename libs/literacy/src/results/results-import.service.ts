import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import {
  AppConfig, AuditLog, AuthUser, canAccessSchool, CellProblem, copyRows, copyTransaction, ForbiddenError, importRejected, pgTextArray, parseTable, readChunks, readCsvStream,
  ValidationFailedError, withParseSlot,
} from '@app/core';
import { AssessmentsService } from '../assessments/assessments.service';
import { parseQtiResults, QtiFormatError } from '../import/qti-results';
import { recordsFromQti, tableRecords } from './record-readers';
import { RawRecord, RecordChecker, SchoolRef } from './result-records';

export interface ResultsImportResult {
  batchId: number;
  format: 'csv' | 'xlsx' | 'qti';
  received: number;
  inserted: number;
  replaced: number;
  studentsCreated: number;
  analysisJobId: string;
}

/** The file as it arrives (an upload) or whole (the CLI, the benchmark). */
export type ResultsFile = Buffer | { chunks: AsyncIterable<Buffer>; drain(): void };

/** XLSX and QTI are read whole (a workbook is a ZIP, a QTI export one XML document). */
const MAX_STUDENTS_WHOLE = 50_000;
/** CSV is read as it arrives and checked row by row; 2 M is past the largest 시·도 (Gyeonggi, ~1.2 M). */
const MAX_STUDENTS_STREAMED = 2_000_000;
/** Reading stops at this many problems: nobody fixes a file from a longer list (see TabularFormatError). */
const PROBLEMS_KEPT = 1000;
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

/** Where the records of one upload come from, whatever its format. */
interface RecordSource {
  format: ResultsImportResult['format'];
  /** Problems found before any record (header, parse). */
  problems: CellProblem[];
  records: Iterable<RawRecord> | AsyncIterable<RawRecord>;
  /** Problems the reader found among the records (width, unnamed cells), after they are read. */
  laterProblems(): CellProblem[];
}

/**
 * Results of one assessment from CSV/XLSX (one row per student, one column per item) or QTI 3.0
 * results XML (one file or a ZIP). All or nothing: every problem is reported with its row and
 * column, and nothing is written unless the whole file is good. A student's new result replaces
 * their earlier one. The analysis runs afterwards as a job.
 *
 * A CSV is never held whole: rows are checked as the upload arrives and COPYed into a staging
 * table inside the import's transaction, so memory stays flat from ten students to a million.
 */
@Injectable()
export class ResultsImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  async import(assessmentId: number, file: ResultsFile, filename: string, actor: AuthUser): Promise<ResultsImportResult> {
    const upload = Buffer.isBuffer(file) ? { chunks: once(file), drain: () => {} } : file;
    try {
      if (actor.role === 'teacher') throw new ForbiddenError('Teachers do not import results', 'ROLE_NOT_ALLOWED');
      const assessment = await this.assessments.get(assessmentId);
      const ext = extname(filename.trim()).toLowerCase();
      const head = await peek(upload.chunks);
      if (!head.first.length) throw new ValidationFailedError('The uploaded file is empty', [{ field: 'file', reason: 'empty file' }], 'FILE_EMPTY');
      const streamed = (ext === '.csv' || ext === '.txt') && !head.first.subarray(0, 4).equals(ZIP_MAGIC);
      // One of the process's parse slots (UPLOAD_PARSE_CONCURRENCY) for the whole read, as readTable takes.
      return await withParseSlot(async () => {
        // A workbook, XML or ZIP is read whole, so it keeps the general upload limit however large the route's.
        const source = streamed
          ? await this.csvSource(head.chunks, assessment.items.map((i) => i.id), actor)
          : await this.wholeSource(await readChunks(head.chunks, this.config.uploadLimitBytes), filename, ext, assessment, actor);
        return this.stageAndWrite(assessmentId, assessment, source, filename, actor);
      });
    } finally {
      upload.drain();
    }
  }

  private async csvSource(chunks: AsyncIterable<Buffer>, itemIds: string[], actor: AuthUser): Promise<RecordSource> {
    const stream = await readCsvStream(chunks, { maxRows: MAX_STUDENTS_STREAMED });
    const { problems, toRecord } = tableRecords(stream.headers, itemIds, actor.role === 'principal');
    return {
      format: 'csv',
      problems,
      records: (async function* () {
        if (problems.length) return;
        for await (const row of stream.rows) yield toRecord(row);
      })(),
      laterProblems: () => stream.takeProblems(),
    };
  }

  private async wholeSource(file: Buffer, filename: string, ext: string, assessment: { items: { id: string; key?: string[] | null }[] }, actor: AuthUser): Promise<RecordSource> {
    const itemIds = assessment.items.map((i) => i.id);
    if (ext === '.xml' || ext === '.zip') {
      let parsed;
      try {
        parsed = await parseQtiResults(file, filename, { maxResults: MAX_STUDENTS_WHOLE });
      } catch (e) {
        if (e instanceof QtiFormatError) throw new ValidationFailedError(e.message, [{ field: 'file', reason: e.message }], 'BAD_FILE');
        throw e;
      }
      const fromQti = recordsFromQti(parsed.results, new Set(assessment.items.filter((i) => i.key).map((i) => i.id)), new Set(itemIds));
      return { format: 'qti', problems: [...parsed.problems, ...fromQti.problems], records: fromQti.records, laterProblems: () => [] };
    }
    // parseTable is readTable without taking a parse slot: this import already holds one.
    const table = await parseTable(file, filename, { maxRows: MAX_STUDENTS_WHOLE });
    const { problems, toRecord } = tableRecords(table.headers, itemIds, actor.role === 'principal');
    return { format: ext === '.xlsx' || table.encoding === 'xlsx' ? 'xlsx' : 'csv', problems, records: problems.length ? [] : table.rows.map(toRecord), laterProblems: () => [] };
  }

  private async stageAndWrite(assessmentId: number, assessment: Awaited<ReturnType<AssessmentsService['get']>>, source: RecordSource, filename: string, actor: AuthUser): Promise<ResultsImportResult> {
    if (source.problems.length) throw importRejected(source.problems);
    const schools = await this.schools();
    const checker = new RecordChecker({
      assessment,
      schools,
      mayWrite: (s) => canAccessSchool(actor, { id: s.id, districtOffice: s.office }, 'write'),
      defaultSchool: actor.role === 'principal' ? [...schools.values()].find((s) => s.id === actor.schoolId) : undefined,
    });
    // The analysis job is written with the results (the outbox): committed results are always analysed.
    const result = await copyTransaction(this.ds, async (qr, client) => {
      const received = await this.stage(qr, client, source, checker);
      const problems = [...checker.problems, ...source.laterProblems()];
      if (problems.length < PROBLEMS_KEPT && received > 0) problems.push(...(await this.duplicates(qr)));
      if (problems.length) throw importRejected(problems.sort((a, b) => a.row - b.row));
      if (!received) throw new ValidationFailedError('The file holds no results', [{ field: 'file', reason: 'no rows' }], 'EMPTY_FILE');
      return {
        ...(await this.write(qr, assessmentId, assessment.schoolYear, received, source.format, filename, actor)),
        received,
        analysisJobId: (await this.assessments.analyseSoon(assessmentId, actor, qr.manager)).jobId,
      };
    });
    return { ...result, format: source.format };
  }

  /** Checks every record and COPYs the good ones into the transaction's staging table; returns how many records were read. */
  private async stage(qr: QueryRunner, client: PoolClient, source: RecordSource, checker: RecordChecker): Promise<number> {
    await qr.query(`CREATE TEMP TABLE staged_results (row_no int, student_code text, school_id int, grade smallint, class_no smallint, form text, responses text[], sex text) ON COMMIT DROP`);
    let received = 0;
    await copyRows(client, 'staged_results', ['row_no', 'student_code', 'school_id', 'grade', 'class_no', 'form', 'responses', 'sex'], (async function* () {
      for await (const rec of source.records) {
        received++;
        const r = checker.check(rec);
        if (r) yield [r.row, r.studentCode, r.schoolId, r.grade, r.classNo, r.form, pgTextArray(r.responses), r.sex];
        else if (checker.problems.length >= PROBLEMS_KEPT) return;
      }
    })());
    return received;
  }

  /** Rows naming a student an earlier row of the file already named; found once, in SQL, for a file of any size. */
  private async duplicates(qr: QueryRunner): Promise<CellProblem[]> {
    const rows: { row: number; first: number }[] = await qr.query(
      `SELECT row_no AS row, first FROM (SELECT row_no, min(row_no) OVER (PARTITION BY school_id, student_code) AS first FROM staged_results) d
       WHERE row_no <> first ORDER BY row_no LIMIT ${PROBLEMS_KEPT}`,
    );
    return rows.map((r) => ({ row: r.row, column: 'student_id', reason: `the same student appears on row ${r.first}` }));
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

  /** From staging into students and the school year's partition of literacy_results, in one statement. */
  private async write(qr: QueryRunner, assessmentId: number, schoolYear: number, received: number, format: string, filename: string, actor: AuthUser) {
    const [{ id: batchId }] = await qr.query(
      `INSERT INTO literacy_import_batches (assessment_id, format, filename, rows_received, inserted, replaced, imported_by) VALUES ($1, $2, $3, $4, 0, 0, $5) RETURNING id`,
      [assessmentId, format, filename, received, actor.id],
    );
    const [{ created, inserted, written, schools, oneSchool }] = await qr.query(
      `WITH up AS (
         INSERT INTO students (school_id, student_code, grade, class_no, sex)
         SELECT school_id, student_code, grade, class_no, sex FROM staged_results
         ON CONFLICT (school_id, student_code) DO UPDATE SET grade = EXCLUDED.grade, class_no = coalesce(EXCLUDED.class_no, students.class_no), sex = coalesce(EXCLUDED.sex, students.sex)
         RETURNING id, school_id, student_code, (xmax = 0) AS created
       ), earlier AS (
         -- Every part of the statement sees the rows as they were before it: these are the results replaced.
         SELECT count(*)::int AS n FROM literacy_results r JOIN up ON r.student_id = up.id WHERE r.assessment_id = $1 AND r.school_year = $3
       ), w AS (
         INSERT INTO literacy_results (school_year, assessment_id, student_id, form, responses, batch_id)
         SELECT $3, $1, up.id, s.form, s.responses, $2 FROM staged_results s JOIN up USING (school_id, student_code)
         ON CONFLICT (assessment_id, student_id, school_year) DO UPDATE SET form = EXCLUDED.form, responses = EXCLUDED.responses, batch_id = EXCLUDED.batch_id
         RETURNING 1
       )
       SELECT (SELECT count(*) FILTER (WHERE created) FROM up)::int AS created,
              (SELECT count(DISTINCT school_id) FROM up)::int AS schools, (SELECT min(school_id) FROM up) AS "oneSchool",
              count(*)::int - (SELECT n FROM earlier) AS inserted, count(*)::int AS written FROM w`,
      [assessmentId, batchId, schoolYear],
    );
    await qr.query(`UPDATE literacy_import_batches SET inserted = $2, replaced = $3 WHERE id = $1`, [batchId, inserted, written - inserted]);
    await this.audit.record(qr.manager, actor, {
      action: 'import', entityType: 'literacy_results', entityId: batchId, schoolId: schools === 1 ? oneSchool : null,
      after: { assessmentId, filename, format, rows: received, inserted, replaced: written - inserted, schools },
    });
    return { batchId: batchId as number, inserted: inserted as number, replaced: (written - inserted) as number, studentsCreated: created as number };
  }
}

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

/** The first chunk, and the whole sequence again (the first chunk included). */
async function peek(chunks: AsyncIterable<Buffer>): Promise<{ first: Buffer; chunks: AsyncIterable<Buffer> }> {
  const it = chunks[Symbol.asyncIterator]();
  const r = await it.next();
  const first = r.done ? Buffer.alloc(0) : r.value;
  return {
    first,
    chunks: (async function* () {
      if (r.done) return;
      yield first;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    })(),
  };
}
