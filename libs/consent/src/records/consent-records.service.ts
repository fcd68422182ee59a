import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, ConflictError, schoolYearOf, seoulDate, seoulInstant, seoulToday, ValidationFailedError } from '@app/core';
import type { GuardianRelation } from '../guardian-relation';
import type { ConsentRecordDto, WithdrawDto } from '../consent.dto';
import type { ConsentHistoryDto } from '../consent-responses.dto';
import { AiServices } from '../services/ai-services.service';
import { Roster } from './roster.service';

export interface NewRecord {
  studentId: number;
  serviceId: number;
  noticeId: number;
  decision: 'granted' | 'refused' | 'withdrawn';
  guardianRelation: GuardianRelation;
  guardianName?: string | null;
  guardianContact?: string | null;
  method: 'paper_slip' | 'web_link' | 'other';
  methodNote?: string | null;
  decidedAt: string;
  recordedBy: string | null;
}

/**
 * When a decision counts from. Not in the future. A date alone means now if it is today (so it
 * sorts after anything recorded earlier today) and noon Seoul time for an earlier day; a time
 * without an offset is Seoul time.
 */
export function decisionTime(given: string | undefined, field: string, now = new Date()): string {
  if (!given) return now.toISOString();
  const at = /^\d{4}-\d{2}-\d{2}$/.test(given) ? (given === seoulToday(now) ? now : new Date(`${given}T12:00:00+09:00`)) : new Date(seoulInstant(given));
  if (at.getTime() > now.getTime() + 60_000) throw new ValidationFailedError('A decision cannot be in the future', [{ field, reason: 'in the future' }]);
  return at.toISOString();
}

const RECORD_SELECT = `SELECT r.id::text, r.student_id AS "studentId", r.service_id AS "serviceId", r.notice_id AS "noticeId", n.version AS "noticeVersion",
  r.decision, r.guardian_relation AS "guardianRelation", r.guardian_name AS "guardianName", r.guardian_contact AS "guardianContact",
  r.method, r.method_note AS "methodNote", r.decided_at AS "decidedAt", r.recorded_at AS "recordedAt", u.display_name AS "recordedBy"
  FROM consent_records r JOIN consent_notices n ON n.id = r.notice_id LEFT JOIN users u ON u.id = r.recorded_by`;

/**
 * Consent records are only ever added: a decision, a change of mind or a withdrawal is a new row
 * (the table refuses updates), so the history is the record. Recording one also marks the
 * student's open home-letter slips for that notice as answered.
 */
@Injectable()
export class ConsentRecords {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly roster: Roster,
    private readonly services: AiServices,
  ) {}

  async record(dto: ConsentRecordDto, actor: AuthUser) {
    const student = await this.roster.forActing(dto.studentId, actor);
    const decidedAt = decisionTime(dto.decidedAt, 'decidedAt');
    const notice = await this.currentNotice(dto.serviceId, decidedAt);
    return this.ds.transaction((tx) =>
      this.add(tx, {
        studentId: student.id, serviceId: dto.serviceId, noticeId: notice.id, decision: dto.decision, guardianRelation: dto.guardianRelation,
        guardianName: dto.guardianName, guardianContact: dto.guardianContact, method: dto.method, methodNote: dto.methodNote, decidedAt, recordedBy: actor.id,
      }),
    );
  }

  /** Withdrawal at any time: a new record, effective from its date. */
  async withdraw(dto: WithdrawDto, actor: AuthUser) {
    const student = await this.roster.forActing(dto.studentId, actor);
    const [latest] = await this.ds.query(
      `SELECT decision, notice_id AS "noticeId", decided_at AS "decidedAt" FROM consent_records WHERE student_id = $1 AND service_id = $2 ORDER BY decided_at DESC, id DESC LIMIT 1`,
      [student.id, dto.serviceId],
    );
    if (!latest || latest.decision !== 'granted') throw new ConflictError('There is no consent in force to withdraw', [{ field: 'serviceId', reason: latest ? latest.decision : 'no consent' }], 'NOTHING_TO_WITHDRAW');
    const withdrawnAt = decisionTime(dto.withdrawnAt, 'withdrawnAt');
    // A withdrawal dated before the consent it withdraws would change nothing: the consent is later.
    if (new Date(withdrawnAt) < new Date(latest.decidedAt)) {
      throw new ValidationFailedError('The withdrawal predates the consent', [{ field: 'withdrawnAt', reason: `must be on or after the consent of ${new Date(latest.decidedAt).toISOString()}` }]);
    }
    return this.ds.transaction((tx) =>
      this.add(tx, {
        studentId: student.id, serviceId: dto.serviceId, noticeId: latest.noticeId, decision: 'withdrawn', guardianRelation: dto.guardianRelation,
        method: dto.method, decidedAt: withdrawnAt, recordedBy: actor.id,
      }),
    );
  }

  async currentNotice(serviceId: number, at: string) {
    await this.services.get(serviceId);
    const day = at.length > 10 ? seoulDate(at) : at;
    const notice = await this.services.noticeInForce(serviceId, schoolYearOf(day), day);
    if (!notice) throw new ValidationFailedError('No consent notice is published for this service and school year', [{ field: 'serviceId', reason: 'publish a consent notice first' }], 'NO_NOTICE');
    return notice as { id: number; version: number; validUntil: string };
  }

  async add(tx: EntityManager, r: NewRecord) {
    const [id] = await this.addMany(tx, [r]);
    const [out] = await tx.query(`${RECORD_SELECT} WHERE r.id = $1`, [id]);
    return out;
  }

  /** Records in one statement (an import adds a class at once); decisions also answer open slips. */
  async addMany(tx: EntityManager, records: NewRecord[]): Promise<string[]> {
    if (!records.length) return [];
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO consent_records (student_id, service_id, notice_id, decision, guardian_relation, guardian_name, guardian_contact, method, method_note, decided_at, recorded_by)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(student_id int, service_id int, notice_id int, decision text, guardian_relation text, guardian_name text,
         guardian_contact text, method text, method_note text, decided_at timestamptz, recorded_by uuid)
       RETURNING id::text`,
      [JSON.stringify(records.map((r) => ({
        student_id: r.studentId, service_id: r.serviceId, notice_id: r.noticeId, decision: r.decision, guardian_relation: r.guardianRelation,
        guardian_name: r.guardianName ?? null, guardian_contact: r.guardianContact ?? null, method: r.method, method_note: r.methodNote ?? null,
        decided_at: r.decidedAt, recorded_by: r.recordedBy,
      })))],
    );
    // A grant or refusal answers the student's open slips for the notice; each keeps the record that answered it.
    const answered = records.map((r, i) => ({ ...r, id: rows[i].id })).filter((r) => r.decision !== 'withdrawn');
    if (answered.length) {
      await tx.query(
        `UPDATE consent_slips k SET answered_at = now(), record_id = a.record_id FROM consent_letters l, unnest($1::int[], $2::int[], $3::bigint[]) AS a(notice_id, student_id, record_id)
         WHERE k.letter_id = l.id AND l.notice_id = a.notice_id AND k.student_id = a.student_id AND k.answered_at IS NULL`,
        [answered.map((r) => r.noticeId), answered.map((r) => r.studentId), answered.map((r) => r.id)],
      );
    }
    return rows.map((r) => r.id);
  }


  async history(studentId: number, actor: AuthUser): Promise<ConsentHistoryDto> {
    const student = await this.roster.get(studentId, actor);
    const items = await this.ds.query(`${RECORD_SELECT} WHERE r.student_id = $1 ORDER BY r.decided_at DESC, r.id DESC`, [studentId]);
    return { student, items };
  }
}
