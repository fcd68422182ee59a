import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, QueryRunner } from 'typeorm';
import { AuditLog, AuthUser, copyTransaction, importRejected, JobName, JobQueue, ParsedTable, readTable } from '@app/core';
import { parseCompletionRows, StagedCompletion } from './completion-rows';

export const DUPLICATE_POLICIES = ['skip', 'replace', 'reject'] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];

export interface CompletionImportResult {
  batchId: number;
  encoding: string;
  received: number;
  inserted: number;
  replaced: number;
  skipped: number;
  participantsCreated: number;
  badgeJobId: string;
}

/** 100,000 completions in one go: validated in memory, COPYed to a staging table, merged in SQL, in one transaction. */
@Injectable()
export class CompletionImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
    private readonly jobs: JobQueue,
  ) {}

  async import(file: Buffer, filename: string, policy: DuplicatePolicy, actor: AuthUser): Promise<CompletionImportResult> {
    const table = await readTable(file, filename, { maxRows: 200_000 });
    return this.importTable(table, filename, policy, actor);
  }

  async importTable(table: ParsedTable, filename: string, policy: DuplicatePolicy, actor: AuthUser): Promise<CompletionImportResult> {
    const lookups = await this.lookups();
    const { rows, problems, withinFileDuplicates } = parseCompletionRows(table, lookups, policy);
    if (problems.length) throw importRejected(problems);

    const result = await copyTransaction(this.ds, async (qr, client) => {
      const merged = await this.merge(qr, client, rows, filename, policy, actor);
      // In the same transaction (the outbox): the completions exist if and only if their badge job does.
      const { jobId } = await this.jobs.enqueue(JobName.BadgeIssuance, { requestedBy: actor.id, batchId: merged.batchId }, { dedupeKey: String(merged.batchId) }, qr.manager);
      await qr.query(`UPDATE training_import_batches SET badge_job_id = $2 WHERE id = $1`, [merged.batchId, jobId]);
      return { ...merged, badgeJobId: jobId };
    });
    return { ...result, encoding: table.encoding, received: table.rows.length, skipped: result.skipped + withinFileDuplicates };
  }

  private async lookups() {
    const [courses, sessions, schools] = await Promise.all([
      this.ds.query(`SELECT id, code, school_year AS "schoolYear", credit_hours::float AS "creditHours", audience FROM training_courses`),
      this.ds.query(`SELECT id, course_id AS "courseId", code FROM training_sessions`),
      this.ds.query(`SELECT id, neis_code AS "neisCode" FROM schools WHERE neis_code IS NOT NULL`),
    ]);
    return { courses, sessions, schools };
  }

  private async merge(qr: QueryRunner, client: PoolClient, rows: StagedCompletion[], filename: string, policy: DuplicatePolicy, actor: AuthUser) {
    await qr.query(`
      CREATE TEMP TABLE staged_completions (
        row_no int, external_id text, name text, email text, kind text, school_id int,
        course_id int, session_id int, completed_on date, hours numeric(5,1)
      ) ON COMMIT DROP`);
    await pipeline(
      Readable.from(stagingText(rows)),
      client.query(copyFrom(`COPY staged_completions (row_no, external_id, name, email, kind, school_id, course_id, session_id, completed_on, hours) FROM STDIN`)),
    );
    await qr.query(`ANALYZE staged_completions`);

    if (policy === 'reject') {
      const dupes: { row_no: number }[] = await qr.query(
        `SELECT s.row_no FROM staged_completions s
         JOIN training_participants p ON p.external_id = s.external_id
         JOIN training_completions c ON c.participant_id = p.id AND c.course_id = s.course_id AND coalesce(c.session_id, 0) = coalesce(s.session_id, 0)
         ORDER BY s.row_no LIMIT 1000`,
      );
      if (dupes.length) {
        throw importRejected(dupes.map((d) => ({ row: d.row_no, column: 'participant_id', reason: 'this person already has a completion of this course and session (duplicate policy: reject)' })));
      }
    }

    // People are matched to their accounts by teacher number (the participant id is the 교원 개인번호),
    // or by email for an account without one, and take the account's school when the row names none;
    // the latest row of a person wins for name and school.
    // Counted in SQL: returning 100,000 rows to count them would cost more than the insert.
    const [{ created: participantsCreated }] = await qr.query(
      `WITH upserted AS (
         INSERT INTO training_participants (external_id, name, email, kind, school_id, user_id)
         SELECT DISTINCT ON (s.external_id) s.external_id, s.name, s.email, s.kind, coalesce(s.school_id, ut.school_id, ue.school_id), coalesce(ut.id, ue.id)
         FROM staged_completions s
         LEFT JOIN users ut ON ut.teacher_number = s.external_id
         LEFT JOIN users ue ON ue.email = s.email AND ue.role IN ('teacher', 'principal') AND ue.teacher_number IS NULL
         ORDER BY s.external_id, s.row_no DESC
         ON CONFLICT (external_id) DO UPDATE SET name = EXCLUDED.name, email = coalesce(EXCLUDED.email, training_participants.email),
           school_id = coalesce(EXCLUDED.school_id, training_participants.school_id), user_id = coalesce(training_participants.user_id, EXCLUDED.user_id)
         RETURNING (xmax = 0) AS created
       ) SELECT count(*) FILTER (WHERE created)::int AS created FROM upserted`,
    );
    const [{ id: batchId }] = await qr.query(
      `INSERT INTO training_import_batches (filename, duplicate_policy, rows_received, inserted, replaced, skipped, participants_created, imported_by)
       VALUES ($1, $2, $3, 0, 0, 0, 0, $4) RETURNING id`,
      [filename, policy, rows.length, actor.id],
    );
    const conflict = policy === 'replace'
      ? `DO UPDATE SET completed_on = EXCLUDED.completed_on, hours = EXCLUDED.hours, batch_id = EXCLUDED.batch_id, updated_at = now()`
      : 'DO NOTHING';
    const [{ inserted, written }] = await qr.query(
      `WITH w AS (
         INSERT INTO training_completions (participant_id, course_id, session_id, completed_on, hours, batch_id)
         SELECT p.id, s.course_id, s.session_id, s.completed_on, s.hours, $1
         FROM staged_completions s JOIN training_participants p ON p.external_id = s.external_id
         ON CONFLICT (participant_id, course_id, (coalesce(session_id, 0))) ${conflict}
         RETURNING (xmax = 0) AS inserted
       ) SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS written FROM w`,
      [batchId],
    );
    const replaced = written - inserted;
    const skipped = rows.length - written;
    await qr.query(`UPDATE training_import_batches SET inserted = $2, replaced = $3, skipped = $4, participants_created = $5 WHERE id = $1`, [batchId, inserted, replaced, skipped, participantsCreated]);
    await this.audit.record(qr.manager, actor, { action: 'import', entityType: 'training_import', entityId: batchId, after: { filename, policy, rows: rows.length, inserted, replaced, skipped, participantsCreated } });
    return { batchId: batchId as number, inserted, replaced, skipped, participantsCreated };
  }
}

/** COPY text of a free-text cell: backslash, tab and line breaks escaped (rarely present, so tested first). */
const NEEDS_ESCAPE = /[\\\t\n\r]/;
function copyText(v: string): string {
  return NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

/**
 * The staging COPY text, built straight from the validated rows in 64 KiB chunks. Numbers, the
 * kind, and the date (YYYY-MM-DD, validated) never need escaping; the names, ids and emails do.
 */
function* stagingText(rows: StagedCompletion[]): Generator<string> {
  let chunk = '';
  for (const r of rows) {
    chunk += `${r.rowNumber}\t${copyText(r.externalId)}\t${copyText(r.name)}\t${r.email === null ? '\\N' : copyText(r.email)}\t${r.kind}\t${r.schoolId ?? '\\N'}\t${r.courseId}\t${r.sessionId ?? '\\N'}\t${r.completedOn}\t${r.hours}\n`;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
