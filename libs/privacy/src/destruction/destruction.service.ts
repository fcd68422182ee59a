import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, FileStore, JobAcceptedDto, JobName, JobQueue, NotFoundError, seoulToday } from '@app/core';
import { ConsentOverview } from '@app/consent';
import { CATEGORY_INFO, DestructionMethod, RETENTION_CATEGORIES, RetentionCategory, ruleText } from '../retention/categories';
import type { DestructionDryRunDto, DryRunRuleDto, DryRunSchoolDto } from './destruction.dto';
import { ANONYMOUS_CODE_SQL, categoryParts, CONSENT_RECORDS, destroyConsentRecords, DestructionPart, HELD_BY_SCHOOL_OR_STUDENT } from './destruction-parts';

/** Rows per batch: each batch is its own short transaction. */
export const DESTRUCTION_BATCH = 1000;

/** One run at a time (a schedule and a run-now may overlap); the session holds it for the run. */
const RUN_LOCK = 7406116;

interface ActiveRule {
  id: number;
  category: RetentionCategory;
  description: string;
  keepMonths: number;
  method: DestructionMethod;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface DestructionRunRule {
  ruleId: number;
  category: RetentionCategory;
  /** Rows destroyed, per kind of row. */
  destroyed: Record<string, number>;
  held: number;
  registerId: string | null;
}

export interface DestructionRunSummary {
  runId: string;
  asOf: string;
  destroyed: number;
  held: number;
  rules: DestructionRunRule[];
  /** Active rules not yet approved by a city administrator: never applied. */
  unapproved: RetentionCategory[];
}

/** Reads the overview of every school (scope: the city) to keep a year's class figures. */
const FIGURES_READER: AuthUser = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'privacy-destruction@system.invalid',
  role: 'city_admin',
  schoolId: null,
  districtOffice: null,
  displayName: '개인정보 파기',
};

/**
 * `day` minus `months` calendar months, as PostgreSQL counts (`date - interval 'n months'`): a day
 * past the end of the shorter month becomes its last day.
 */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const iso = (v: Date | string | null | undefined): string | null => (v ? new Date(v).toISOString() : null);

/**
 * The destruction of personal data past its retention (개인정보 보호법 제21조), one engine for every
 * category (destruction-parts.ts says what each destroys):
 *
 * - a run applies every active, approved rule: rows whose starting day + the rule's months is before
 *   today (Seoul) are destroyed in batches of DESTRUCTION_BATCH, each its own short transaction;
 *   rows an active legal hold keeps (on their school or student) are skipped and counted;
 * - a rule that destroyed something gets one register entry per run, written in the transaction of
 *   its last batch (for the access log with the chain anchor, so the chain never lacks its start);
 * - destroyed rows are gone or no longer selected, so a second run finds nothing and writes nothing;
 * - before a school year's consent records go, each class's figures for that year are kept in
 *   consent_year_tallies (from the consent overview on the year's last day), which the overview
 *   reads from then on.
 */
@Injectable()
export class Destruction {
  private readonly logger = new Logger('Destruction');
  private readonly parts: Record<RetentionCategory, DestructionPart[]>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    files: FileStore,
    private readonly overview: ConsentOverview,
    private readonly jobs: JobQueue,
    private readonly audit: AuditLog,
  ) {
    this.parts = categoryParts(files);
  }

  /** A run now, as the administrator: the job and its audit record commit together (as run-now on the jobs page). */
  async requestRun(actor: AuthUser): Promise<JobAcceptedDto> {
    const { jobId } = await this.ds.transaction(async (tx) => {
      const job = await this.jobs.enqueue(JobName.PrivacyDestruction, { requestedBy: actor.id }, { dedupeKey: 'run' }, tx);
      await this.audit.record(tx, actor, { action: 'privacy.destruction_run', entityType: 'job', entityId: job.jobId, after: { jobId: job.jobId } });
      return job;
    });
    const relayed = await this.jobs.relay(jobId).catch(() => new Map<string, string>());
    const bullId = relayed.get(jobId);
    return { jobId: bullId ?? jobId, deduplicated: bullId !== undefined && bullId !== jobId, state: bullId ? 'queued' : 'pending', statusUrl: `/api/v1/jobs/${bullId ?? jobId}` };
  }

  /** What the next run would destroy, per rule and school; changes nothing. */
  async dryRun(): Promise<DestructionDryRunDto> {
    const asOf = seoulToday();
    const rules = await this.activeRules();
    const out: DryRunRuleDto[] = [];
    for (const rule of rules) {
      const cutoff = monthsBefore(asOf, rule.keepMonths);
      const schools = new Map<number, DryRunSchoolDto>();
      let total = 0;
      let held = 0;
      let from: Date | null = null;
      let to: Date | null = null;
      for (const part of this.parts[rule.category]) {
        const rows: { schoolId: number | null; schoolName: string | null; count: number; held: number; from: Date | null; to: Date | null }[] = await this.ds.query(
          `SELECT m.school_id AS "schoolId", s.name AS "schoolName", count(*) FILTER (WHERE NOT m.kept)::int AS count, count(*) FILTER (WHERE m.kept)::int AS held,
                  min(m.covered) FILTER (WHERE NOT m.kept) AS "from", max(m.covered) FILTER (WHERE NOT m.kept) AS "to"
           FROM (${marked(part)}) m LEFT JOIN schools s ON s.id = m.school_id
           GROUP BY m.school_id, s.name`,
          [cutoff],
        );
        for (const r of rows) {
          total += r.count;
          held += r.held;
          if (r.from && (!from || r.from < from)) from = r.from;
          if (r.to && (!to || r.to > to)) to = r.to;
          if (r.schoolId === null) continue;
          const s = schools.get(r.schoolId) ?? { schoolId: r.schoolId, schoolName: r.schoolName ?? '', count: 0, held: 0 };
          s.count += r.count;
          s.held += r.held;
          schools.set(r.schoolId, s);
        }
      }
      out.push({
        ruleId: rule.id, category: rule.category, method: rule.method, description: rule.description, keepMonths: rule.keepMonths,
        basis: CATEGORY_INFO[rule.category].basis, cutoff, approved: rule.approvedAt !== null, total, held, periodFrom: iso(from), periodTo: iso(to),
        schools: [...schools.values()].sort((a, b) => (a.schoolName < b.schoolName ? -1 : a.schoolName > b.schoolName ? 1 : a.schoolId - b.schoolId)),
      });
    }
    return { asOf, rules: out };
  }

  /** Applies the schedule; `executedBy` is the requester's id or `scheduler`. */
  async run(executedBy: string): Promise<DestructionRunSummary> {
    const runId = randomUUID();
    const asOf = seoulToday();
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.query(`SELECT pg_advisory_lock($1)`, [RUN_LOCK]);
      try {
        const rules = await this.activeRules();
        const summary: DestructionRunSummary = { runId, asOf, destroyed: 0, held: 0, rules: [], unapproved: [] };
        for (const rule of rules) {
          if (!rule.approvedAt) {
            summary.unapproved.push(rule.category);
            continue;
          }
          const done = await this.applyRule(qr.manager, rule, monthsBefore(asOf, rule.keepMonths), runId, executedBy);
          summary.rules.push(done);
          summary.destroyed += Object.values(done.destroyed).reduce((a, b) => a + b, 0);
          summary.held += done.held;
        }
        this.logger.log({ msg: 'destruction run', runId, destroyed: summary.destroyed, held: summary.held });
        return summary;
      } finally {
        await qr.query(`SELECT pg_advisory_unlock($1)`, [RUN_LOCK]).catch(() => undefined);
      }
    } finally {
      await qr.release();
    }
  }

  private async applyRule(db: EntityManager, rule: ActiveRule, cutoff: string, runId: string, executedBy: string): Promise<DestructionRunRule> {
    const parts = this.parts[rule.category];
    let held = 0;
    for (const part of parts) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM (${marked(part)}) m WHERE m.kept`, [cutoff]);
      held += n;
    }
    if (rule.category === 'consent_records') await this.keepClassFigures(cutoff);

    const state = { total: 0, from: null as Date | null, to: null as Date | null, anchor: null as string | null, registerId: null as string | null };
    const destroyed: Record<string, number> = {};
    for (const [i, part] of parts.entries()) {
      destroyed[part.name] = 0;
      for (let final = false; !final; ) {
        final = await db.transaction(async (tx) => {
          const batch: { key: string; covered: Date }[] = await tx.query(
            `SELECT m.key::text AS key, m.covered FROM (${marked(part)}) m WHERE NOT m.kept ORDER BY m.key LIMIT ${DESTRUCTION_BATCH}`,
            [cutoff],
          );
          let n = 0;
          if (batch.length) {
            const res = await part.destroy(tx, batch.map((b) => b.key));
            n = res.destroyed;
            if (res.anchor) state.anchor = res.anchor;
            for (const { covered } of batch) {
              if (!state.from || covered < state.from) state.from = covered;
              if (!state.to || covered > state.to) state.to = covered;
            }
          }
          destroyed[part.name] += n;
          state.total += n;
          // A batch that destroyed nothing (another run took it) ends the part rather than looping.
          const last = batch.length < DESTRUCTION_BATCH || n === 0;
          if (last && i === parts.length - 1 && state.total > 0) {
            state.registerId = await insertRegister(tx, {
              runId, rule, ruleText: ruleText(rule), recordCount: state.total, heldCount: held, from: state.from, to: state.to, cutoff,
              approvedBy: rule.approvedBy, approvedAt: rule.approvedAt, approvedNow: false, executedBy, requestId: null, chainAnchor: state.anchor,
            });
          }
          return last;
        });
      }
    }
    return { ruleId: rule.id, category: rule.category, destroyed, held, registerId: state.registerId };
  }

  /**
   * Each class's consent figures on the last day of every school year whose records are about to
   * go, for the schools losing records and not yet kept. Taken from the overview itself, so they are
   * what it showed; kept once (a later run, or one after a hold is released, adds only new schools).
   */
  private async keepClassFigures(cutoff: string): Promise<void> {
    const due: { year: number; serviceId: number; schoolId: number }[] = await this.ds.query(
      `SELECT DISTINCT m.school_year AS year, m.service_id AS "serviceId", m.school_id AS "schoolId"
       FROM (${marked(CONSENT_RECORDS)}) m
       WHERE NOT m.kept AND NOT EXISTS (SELECT 1 FROM consent_year_tallies t WHERE t.school_year = m.school_year AND t.service_id = m.service_id AND t.school_id = m.school_id)
       ORDER BY 1, 2, 3`,
      [cutoff],
    );
    const byYearService = new Map<string, { year: number; serviceId: number; schools: Set<number> }>();
    for (const d of due) {
      const key = `${d.year}:${d.serviceId}`;
      const entry = byYearService.get(key) ?? { year: d.year, serviceId: d.serviceId, schools: new Set<number>() };
      entry.schools.add(d.schoolId);
      byYearService.set(key, entry);
    }
    for (const { year, serviceId, schools } of byYearService.values()) {
      // Day 0 of March: the last day of February.
      const lastDay = new Date(Date.UTC(year + 1, 2, 0)).toISOString().slice(0, 10);
      const figures = await this.overview.overview({ serviceId, level: 'class' }, lastDay, FIGURES_READER);
      const rows = figures.groups
        .filter((g) => g.schoolId !== null && schools.has(g.schoolId))
        .map((g) => ({
          school_id: g.schoolId, grade: g.grade, class_no: g.classNo,
          counts: { students: g.students, eligible: g.eligible, notEligible: g.notEligible, granted: g.granted, refused: g.refused, noAnswer: g.noAnswer },
        }));
      if (!rows.length) continue;
      await this.ds.query(
        `INSERT INTO consent_year_tallies (school_year, service_id, school_id, grade, class_no, counts)
         SELECT $1, $2, t.school_id, t.grade, t.class_no, t.counts FROM jsonb_to_recordset($3::jsonb) AS t(school_id int, grade smallint, class_no smallint, counts jsonb)
         ON CONFLICT DO NOTHING`,
        [year, serviceId, JSON.stringify(rows)],
      );
    }
  }

  /**
   * A data subject's deletion request for one student: their consent records with the slips and
   * eligibility decisions, and their roster entry anonymised, in one transaction, each category
   * with a register entry naming the request (whatever it found: the entry is the evidence the
   * request was carried out). 409 LEGAL_HOLD while a hold keeps the student or their school.
   */
  async destroyStudentData(studentId: number, opts: { requestId: number; actor: AuthUser }): Promise<{ registerIds: number[]; destroyed: Record<string, number> }> {
    const rules = new Map((await this.activeRules()).map((r) => [r.category, r]));
    const today = seoulToday();
    const runId = randomUUID();
    return this.ds.transaction(async (tx) => {
      const [student] = await tx.query(`SELECT id, school_id AS "schoolId", created_at AS "createdAt" FROM students WHERE id = $1 FOR UPDATE`, [studentId]);
      if (!student) throw new NotFoundError('student', studentId);
      const holds: { id: number }[] = await tx.query(
        `SELECT id FROM legal_holds WHERE released_at IS NULL AND (student_id = $1 OR school_id = $2) ORDER BY id`,
        [studentId, student.schoolId],
      );
      if (holds.length) {
        throw new ConflictError('A legal hold keeps this student’s data', holds.map((h) => ({ resource: 'legal_hold', id: String(h.id) })), 'LEGAL_HOLD');
      }
      const [span] = await tx.query(`SELECT min(decided_at) AS "from", max(decided_at) AS "to" FROM consent_records WHERE student_id = $1`, [studentId]);
      const slips = (await tx.query(`DELETE FROM consent_slips WHERE student_id = $1`, [studentId]))[1] as number;
      const ids: { id: string }[] = await tx.query(`SELECT id::text FROM consent_records WHERE student_id = $1`, [studentId]);
      const records = ids.length ? await destroyConsentRecords(tx, ids.map((r) => r.id)) : 0;
      const decisions = (await tx.query(`DELETE FROM eligibility_log WHERE student_id = $1`, [studentId]))[1] as number;
      const anonymised = (await tx.query(
        `UPDATE students SET student_code = ${ANONYMOUS_CODE_SQL('students')}, birth_month = NULL WHERE id = $1 AND student_code <> ${ANONYMOUS_CODE_SQL('students')}`,
        [studentId],
      ))[1] as number;

      const entry = (category: RetentionCategory, method: DestructionMethod, recordCount: number, from: Date | null, to: Date | null) => {
        const rule = rules.get(category);
        const text = rule ? ruleText(rule) : CATEGORY_INFO[category].name;
        return insertRegister(tx, {
          runId, rule: rule ?? { id: null, category, method }, ruleText: `정보주체 삭제 요청 #${opts.requestId}: ${text}`, recordCount, heldCount: 0, from, to, cutoff: today,
          approvedBy: opts.actor.id, approvedAt: null, approvedNow: true, executedBy: opts.actor.id, requestId: opts.requestId, chainAnchor: null,
        });
      };
      const registerIds = [
        Number(await entry('consent_records', 'delete', slips + records + decisions, span.from, span.to)),
        Number(await entry('students', 'anonymize', anonymised, student.createdAt, student.createdAt)),
      ];
      return { registerIds, destroyed: { consent_slips: slips, consent_records: records, eligibility_log: decisions, students: anonymised } };
    });
  }

  private async activeRules(): Promise<ActiveRule[]> {
    return this.ds.query(
      `SELECT id, category, description, keep_months AS "keepMonths", method, approved_by AS "approvedBy", approved_at AS "approvedAt"
       FROM retention_rules WHERE active ORDER BY array_position($1::text[], category), id`,
      [RETENTION_CATEGORIES],
    );
  }
}

/** The due rows of a part, each marked whether a legal hold keeps it. */
function marked(part: DestructionPart): string {
  const held = part.held ?? HELD_BY_SCHOOL_OR_STUDENT;
  const kept = part.prefix ? `bool_or(${held}) OVER (ORDER BY c.key)` : held;
  return `SELECT c.*, ${kept} AS kept FROM (${part.due}) c`;
}

interface RegisterEntry {
  runId: string;
  rule: { id: number | null; category: RetentionCategory; method: DestructionMethod };
  ruleText: string;
  recordCount: number;
  heldCount: number;
  from: Date | null;
  to: Date | null;
  cutoff: string;
  approvedBy: string | null;
  approvedAt: string | null;
  /** The executor approves it as they carry it out (a data subject's request). */
  approvedNow: boolean;
  executedBy: string;
  requestId: number | null;
  chainAnchor: string | null;
}

async function insertRegister(tx: EntityManager, e: RegisterEntry): Promise<string> {
  const [{ id }] = await tx.query(
    `INSERT INTO destruction_register (run_id, rule_id, category, method, rule_text, record_count, held_count, period_from, period_to, cutoff,
       approved_by, approved_at, executed_by, request_id, chain_anchor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $12::boolean THEN now() ELSE $13::timestamptz END, $14, $15, $16)
     RETURNING id::text`,
    [e.runId, e.rule.id, e.rule.category, e.rule.method, e.ruleText, e.recordCount, e.heldCount, e.from, e.to, e.cutoff, e.approvedBy, e.approvedNow, e.approvedAt, e.executedBy, e.requestId, e.chainAnchor],
  );
  return id;
}
