import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, AuditLog, AuthUser, CodeGuesses, ConflictError, NotFoundError, REDIS, Sealer, schoolScopeSql, SqlParams, ValidationFailedError } from '@app/core';
import type { GuardianRelation } from '../guardian-relation';
import type { LetterDto } from '../consent.dto';
import type { ConsentLetterDto, GuardianAnswerResultDto, GuardianLetterDto, LetterTrackingListDto } from '../consent-responses.dto';
import { ConsentRecords } from '../records/consent-records.service';
import { Roster } from '../records/roster.service';
import { SchoolStaff } from '../school-staff';
import { AiServices } from '../services/ai-services.service';
import { LinkCodeHash, newLinkCode } from './link-code';

const TRACKING = `
  count(k.*)::int AS slips,
  count(k.*) FILTER (WHERE k.guardian_no = 2)::int AS "secondGuardianSlips",
  count(DISTINCT k.student_id)::int AS students,
  count(DISTINCT k.student_id) FILTER (WHERE k.opened_at IS NOT NULL)::int AS opened,
  count(DISTINCT k.student_id) FILTER (WHERE k.answered_at IS NOT NULL)::int AS answered`;

/**
 * Home letters (가정통신문) per class: the notice with a return slip per student, each carrying a
 * one-time link for answering on the web. Tracking counts sent, opened and answered per letter.
 */
@Injectable()
export class ConsentLetters {
  private readonly sealer: Sealer;
  private readonly links: LinkCodeHash;
  private readonly guesses: CodeGuesses;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly staff: SchoolStaff,
    private readonly roster: Roster,
    private readonly services: AiServices,
    private readonly records: ConsentRecords,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    @Inject(REDIS) redis: Redis,
  ) {
    this.sealer = new Sealer(config.badgeKeySecret, 'consent-links');
    this.links = new LinkCodeHash(config.badgeKeySecret);
    this.guesses = new CodeGuesses(redis, `${config.redisKeyPrefix}:consent-link-fail`, config.loginWindowSeconds, config.surveyCodeMaxFailures, 'consent link');
  }

  /** `work`, refused while the address has typed too many wrong link codes (a wrong one counted). */
  guarded<T>(ip: string, work: () => Promise<T>): Promise<T> {
    return this.guesses.guarded(ip, work);
  }

  async create(dto: LetterDto, actor: AuthUser) {
    await this.staff.assertActsFor(actor, dto.schoolId);
    const notice = await this.records.currentNotice(dto.serviceId, new Date().toISOString());
    const students = await this.roster.classList(dto.schoolId, dto.grade, dto.classNo, actor);
    if (!students.length) throw new ValidationFailedError('The class has no students on the roster', [{ field: 'classNo', reason: 'add the class roster first' }], 'EMPTY_CLASS');
    const id = await this.ds.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO consent_letters (notice_id, school_id, grade, class_no, second_guardian_after_days, link_valid_days, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [notice.id, dto.schoolId, dto.grade, dto.classNo, dto.secondGuardianAfterDays ?? 3, dto.linkValidDays ?? 14, actor.id],
      );
      await this.addSlips(tx, id, students.map((s) => s.id), 1);
      await this.audit.record(tx, actor, { action: 'create_letter', entityType: 'consent_letter', entityId: id, schoolId: dto.schoolId, after: { ...dto, noticeId: notice.id, students: students.length } });
      return id as number;
    });
    return this.printable(id, actor);
  }

  /** Slips with fresh links for these students; a slip that exists already is kept as it is. */
  async addSlips(tx: EntityManager, letterId: number, studentIds: number[], guardianNo: 1 | 2): Promise<number> {
    const tokens = studentIds.map(newLinkCode);
    const rows: unknown[] = await tx.query(
      `INSERT INTO consent_slips (letter_id, student_id, guardian_no, token_hash, sealed_token, expires_at)
       SELECT $1, t.student_id, $2, t.token_hash, t.sealed, now() + make_interval(days => l.link_valid_days)
       FROM unnest($3::int[], $4::text[], $5::text[]) AS t(student_id, token_hash, sealed) JOIN consent_letters l ON l.id = $1
       ON CONFLICT (letter_id, student_id, guardian_no) DO NOTHING RETURNING student_id`,
      [letterId, guardianNo, studentIds, tokens.map((t) => this.links.hash(t)), tokens.map((t) => this.sealer.seal(t))],
    );
    return rows.length;
  }

  private async letter(id: number) {
    const [l] = await this.ds.query(
      `SELECT l.id, l.school_id AS "schoolId", s.name AS "schoolName", s.level AS "schoolLevel", l.grade, l.class_no AS "classNo", l.created_at AS "createdAt",
              l.second_guardian_after_days AS "secondGuardianAfterDays", l.notice_id AS "noticeId", a.id AS "serviceId", a.name AS "serviceName", a.provider,
              a.min_age AS "minAge", a.consent_under_age AS "consentUnderAge"
       FROM consent_letters l JOIN schools s ON s.id = l.school_id JOIN consent_notices n ON n.id = l.notice_id JOIN ai_services a ON a.id = n.service_id WHERE l.id = $1`,
      [id],
    );
    if (!l) throw new NotFoundError('home letter', id);
    return l;
  }

  /** The letter to print: the notice, and one return slip per student and guardian with its link. */
  async printable(id: number, actor: AuthUser): Promise<ConsentLetterDto> {
    const letter = await this.letter(id);
    await this.staff.assertActsFor(actor, letter.schoolId);
    const slips: { studentCode: string; guardianNo: number; sealed: string; expiresAt: string; openedAt: string | null; answeredAt: string | null }[] = await this.ds.query(
      `SELECT st.student_code AS "studentCode", k.guardian_no AS "guardianNo", k.sealed_token AS sealed, k.expires_at AS "expiresAt", k.opened_at AS "openedAt", k.answered_at AS "answeredAt"
       FROM consent_slips k JOIN students st ON st.id = k.student_id WHERE k.letter_id = $1 ORDER BY st.student_code, k.guardian_no`,
      [id],
    );
    return {
      ...letter,
      notice: await this.services.notice(letter.noticeId),
      respondUrl: `${this.config.publicBaseUrl}/consent/respond`,
      slips: slips.map(({ sealed, ...s }) => {
        const token = this.sealer.open(sealed);
        return { ...s, token, url: `${this.config.publicBaseUrl}/consent/respond/${token}` };
      }),
    };
  }

  /** Letters of the schools in the caller's scope, with sent / opened / answered counts. */
  async tracking(actor: AuthUser, schoolId?: number): Promise<LetterTrackingListDto> {
    if (schoolId) await this.staff.assertReads(actor, schoolId);
    const p = new SqlParams();
    const where = [schoolScopeSql(actor, p, { schoolId: 's.id', office: 'd.office_code' })];
    if (schoolId) where.push(`s.id = ${p.add(schoolId)}`);
    const items = await this.ds.query(
      `SELECT l.id, l.school_id AS "schoolId", s.name AS "schoolName", s.level AS "schoolLevel", l.grade, l.class_no AS "classNo", a.name AS "serviceName", n.version AS "noticeVersion",
              l.created_at AS "createdAt", ${TRACKING}
       FROM consent_letters l JOIN schools s ON s.id = l.school_id JOIN districts d ON d.name = s.district
       JOIN consent_notices n ON n.id = l.notice_id JOIN ai_services a ON a.id = n.service_id
       LEFT JOIN consent_slips k ON k.letter_id = l.id
       WHERE ${where.join(' AND ')} GROUP BY l.id, s.name, s.level, a.name, n.version ORDER BY l.created_at DESC, l.id DESC`,
      p.values,
    );
    return { items };
  }

  private async slip(token: string, checkExpiry = true) {
    const [slip] = await this.ds.query(
      `SELECT k.token_hash AS "tokenHash", k.letter_id AS "letterId", k.student_id AS "studentId", k.guardian_no AS "guardianNo", k.expires_at AS "expiresAt",
              k.answered_at AS "answeredAt", st.student_code AS "studentCode", l.notice_id AS "noticeId", n.service_id AS "serviceId",
              CASE WHEN r.id IS NOT NULL THEN json_build_object('decision', r.decision, 'guardianRelation', r.guardian_relation, 'method', r.method, 'decidedAt', r.decided_at) END AS answer
       FROM consent_slips k JOIN students st ON st.id = k.student_id JOIN consent_letters l ON l.id = k.letter_id JOIN consent_notices n ON n.id = l.notice_id
       LEFT JOIN consent_records r ON r.id = k.record_id
       WHERE k.token_hash = $1`,
      [this.links.hash(token)],
    );
    if (!slip) throw new NotFoundError('consent link', '(given)');
    if (checkExpiry && new Date(slip.expiresAt) <= new Date()) throw new ConflictError('This link has expired; ask the school for a new slip', [{ field: 'token', reason: 'expired' }], 'LINK_EXPIRED');
    return slip;
  }

  /**
   * The guardian opens the link: the notice, and nothing about the child but the school's id for them. A used
   * link shows what answered it and when, also after it expired.
   */
  async open(token: string): Promise<GuardianLetterDto> {
    const found = await this.slip(token, false);
    const slip = found.answeredAt ? found : await this.slip(token);
    await this.ds.query(`UPDATE consent_slips SET opened_at = coalesce(opened_at, now()) WHERE token_hash = $1`, [slip.tokenHash]);
    const letter = await this.letter(slip.letterId);
    return {
      schoolName: letter.schoolName, schoolLevel: letter.schoolLevel, grade: letter.grade, classNo: letter.classNo, studentCode: slip.studentCode,
      service: { name: letter.serviceName, provider: letter.provider, minAge: letter.minAge, consentUnderAge: letter.consentUnderAge },
      notice: await this.services.notice(slip.noticeId),
      answered: slip.answeredAt !== null,
      answer: slip.answer ? { ...slip.answer, decidedAt: new Date(slip.answer.decidedAt).toISOString() } : null,
    };
  }

  /** One answer per link: the slip row is locked and answered in the same transaction as the record. */
  async answer(token: string, decision: 'granted' | 'refused', guardianRelation: GuardianRelation, guardianName?: string): Promise<GuardianAnswerResultDto> {
    return this.ds.transaction(async (tx) => {
      const [locked] = await tx.query(`SELECT answered_at FROM consent_slips WHERE token_hash = $1 FOR UPDATE`, [this.links.hash(token)]);
      const slip = await this.slip(token, false);
      if (locked?.answered_at ?? slip.answeredAt) throw new ConflictError('This link has already been used', [{ field: 'token', reason: 'used' }], 'LINK_USED');
      if (new Date(slip.expiresAt) <= new Date()) throw new ConflictError('This link has expired; ask the school for a new slip', [{ field: 'token', reason: 'expired' }], 'LINK_EXPIRED');
      await tx.query(`UPDATE consent_slips SET opened_at = coalesce(opened_at, now()) WHERE token_hash = $1`, [slip.tokenHash]);
      // Adding the record answers this slip (and the other guardian's), each keeping the record.
      const record = await this.records.add(tx, {
        studentId: slip.studentId, serviceId: slip.serviceId, noticeId: slip.noticeId, decision, guardianRelation, guardianName: guardianName ?? null,
        method: 'web_link', methodNote: `가정통신문 ${slip.letterId}, 보호자 ${slip.guardianNo}`, decidedAt: new Date().toISOString(), recordedBy: null,
      });
      return { decision: record.decision, decidedAt: record.decidedAt };
    });
  }
}
