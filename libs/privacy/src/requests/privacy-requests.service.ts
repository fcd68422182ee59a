import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import {
  AppConfig, AuditLog, AuthUser, CodeGuesses, ConflictError, ForbiddenError, Notices, NotFoundError, REDIS, SchoolAccess, schoolScopeSql, SqlParams,
  ValidationFailedError,
} from '@app/core';
import { LinkCodeHash } from '@app/consent';
import { Destruction } from '../destruction/destruction.service';
import type { PrivacyAnswerDto, PrivacyRequestDto, PrivacyRequestQuery, RequestKind } from './privacy-requests.dto';
import type { GuardianMyDataDto, GuardianPrivacyRequestDto, PrivacyRequestPageDto, PrivacyRequestViewDto } from './privacy-request-views.dto';

/** 10 days from the day received (개인정보 보호법 시행령 제41조 제4항, 제43조 제3항, 제44조 제1항). */
export const ANSWER_WITHIN_DAYS = 10;

/** Only these staff record a request at the school: the people a guardian asks in person. */
const RECORDING_ROLES = new Set(['principal', 'teacher']);

const KIND_LABEL: Record<RequestKind, string> = { access: '열람', correction: '정정', deletion: '삭제', suspension: '처리정지' };

/** Unanswered after its due day, a Seoul day. */
const OVERDUE = `(r.status = 'received' AND r.due_on < (now() AT TIME ZONE 'Asia/Seoul')::date)`;

const VIEW_SELECT = `
  SELECT r.id, r.school_id AS "schoolId", s.name AS "schoolName", r.student_id AS "studentId", st.student_code AS "studentCode", st.grade, st.class_no AS "classNo",
         r.kind, r.channel, r.requester_relation AS "requesterRelation", r.requester_name AS "requesterName", r.detail, r.received_at AS "receivedAt",
         to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn", r.status, ${OVERDUE} AS overdue, r.outcome, r.answer,
         r.answered_at AS "answeredAt", nullif(ua.display_name, '') AS "answeredBy", nullif(ur.display_name, '') AS "recordedBy",
         coalesce((SELECT array_agg(g.id::int ORDER BY g.id) FROM destruction_register g WHERE g.request_id = r.id), '{}') AS "registerIds"
  FROM privacy_requests r JOIN schools s ON s.id = r.school_id JOIN districts d ON d.name = s.district
  LEFT JOIN students st ON st.id = r.student_id LEFT JOIN users ua ON ua.id = r.answered_by LEFT JOIN users ur ON ur.id = r.recorded_by`;

const GUARDIAN_SELECT = `
  SELECT r.id, r.kind, r.channel, r.detail, r.received_at AS "receivedAt", to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn", r.status, r.outcome, r.answer,
         r.answered_at AS "answeredAt"
  FROM privacy_requests r`;

interface NewRequest {
  studentId: number;
  schoolId: number;
  channel: 'guardian_link' | 'school';
  recordedBy: string | null;
}

/**
 * The rights of the people whose data it is (개인정보 보호법 제35–37조): a guardian, through the one-time link of a
 * consent slip they hold or in person at the school, sees what the platform holds about their child and asks
 * to see, correct, delete or stop processing it. The request goes to the school's principal, who answers within
 * 10 days; the answer is kept with the request, and a deletion answered "done" runs the same destruction as the
 * retention schedule, entered in the destruction register under the request.
 *
 * A link is accepted while it is valid and, once used (answered), for good: the guardian holds it, and a used link
 * still shows its answer on the consent page. An expired link that was never used is refused as on the consent
 * page (LINK_EXPIRED): nobody answered with it, so nothing ties its holder to the child.
 */
@Injectable()
export class PrivacyRequests {
  private readonly links: LinkCodeHash;
  private readonly guesses: CodeGuesses;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly schools: SchoolAccess,
    private readonly audit: AuditLog,
    private readonly notices: Notices,
    private readonly destruction: Destruction,
    config: AppConfig,
    @Inject(REDIS) redis: Redis,
  ) {
    this.links = new LinkCodeHash(config.badgeKeySecret);
    // The consent page's counter: wrong codes tried here and there add up, so splitting guesses between them gains nothing.
    this.guesses = new CodeGuesses(redis, `${config.redisKeyPrefix}:consent-link-fail`, config.loginWindowSeconds, config.surveyCodeMaxFailures, 'consent link');
  }

  /** `work`, refused while the address has typed too many wrong link codes (a wrong one counted). */
  guarded<T>(ip: string, work: () => Promise<T>): Promise<T> {
    return this.guesses.guarded(ip, work);
  }

  /** The student behind a guardian's link. */
  private async linkStudent(token: string): Promise<{ studentId: number; schoolId: number }> {
    const [slip] = await this.ds.query(
      `SELECT k.student_id AS "studentId", st.school_id AS "schoolId", k.expires_at AS "expiresAt", k.answered_at AS "answeredAt"
       FROM consent_slips k JOIN students st ON st.id = k.student_id WHERE k.token_hash = $1`,
      [this.links.hash(token)],
    );
    if (!slip) throw new NotFoundError('consent link', '(given)');
    if (!slip.answeredAt && new Date(slip.expiresAt) <= new Date()) {
      throw new ConflictError('This link has expired; ask the school for a new slip', [{ field: 'token', reason: 'expired' }], 'LINK_EXPIRED');
    }
    return { studentId: slip.studentId, schoolId: slip.schoolId };
  }

  /** What the platform holds about the child behind the link, and the child's requests. */
  async myData(token: string): Promise<GuardianMyDataDto> {
    const { studentId } = await this.linkStudent(token);
    const [student] = await this.ds.query(
      `SELECT s.name AS "schoolName", s.level AS "schoolLevel", st.grade, st.class_no AS "classNo", st.student_code AS "studentCode",
              to_char(st.birth_month, 'YYYY-MM') AS "birthMonth"
       FROM students st JOIN schools s ON s.id = st.school_id WHERE st.id = $1`,
      [studentId],
    );
    const consents = await this.ds.query(
      `SELECT a.name AS "serviceName", a.provider, r.decision, r.guardian_relation AS "guardianRelation", r.guardian_name AS "guardianName",
              (r.guardian_contact IS NOT NULL AND r.guardian_contact <> '') AS "guardianContactHeld", r.method, r.decided_at AS "decidedAt",
              n.school_year AS "noticeSchoolYear", n.version AS "noticeVersion"
       FROM consent_records r JOIN ai_services a ON a.id = r.service_id JOIN consent_notices n ON n.id = r.notice_id
       WHERE r.student_id = $1 ORDER BY r.decided_at DESC, r.id DESC`,
      [studentId],
    );
    const [{ checks }] = await this.ds.query(`SELECT count(*)::int AS checks FROM eligibility_log WHERE student_id = $1`, [studentId]);
    const literacy = await this.ds.query(
      `SELECT a.name, a.school_year AS "schoolYear" FROM literacy_assessments a
       WHERE EXISTS (SELECT 1 FROM literacy_results x WHERE x.assessment_id = a.id AND x.student_id = $1)
          OR EXISTS (SELECT 1 FROM literacy_scores x WHERE x.assessment_id = a.id AND x.student_id = $1)
       ORDER BY a.school_year DESC, a.name`,
      [studentId],
    );
    return { ...student, consents, eligibilityChecks: checks, literacy, requests: await this.ofStudent(studentId) };
  }

  private ofStudent(studentId: number): Promise<GuardianPrivacyRequestDto[]> {
    return this.ds.query(`${GUARDIAN_SELECT} WHERE r.student_id = $1 ORDER BY r.received_at DESC, r.id DESC`, [studentId]);
  }

  /** A guardian's request through their link. */
  async fromGuardian(token: string, dto: PrivacyRequestDto, receivedAt?: Date): Promise<PrivacyRequestViewDto> {
    checkDetail(dto);
    const { studentId, schoolId } = await this.linkStudent(token);
    return this.create(dto, { studentId, schoolId, channel: 'guardian_link', recordedBy: null }, null, receivedAt);
  }

  /** A request made at the school (in writing, by phone, in person), recorded by its principal or a teacher. */
  async fromSchool(dto: PrivacyRequestDto, actor: AuthUser, receivedAt?: Date): Promise<PrivacyRequestViewDto> {
    checkDetail(dto);
    if (!RECORDING_ROLES.has(actor.role)) {
      throw new ForbiddenError("Requests are recorded by the student's school (its principal or a teacher)", 'ROLE_NOT_ALLOWED');
    }
    const [student] = await this.ds.query(`SELECT school_id AS "schoolId" FROM students WHERE id = $1`, [dto.studentId]);
    if (!student) throw new NotFoundError('student', dto.studentId!);
    // A teacher records for their own school only, like the consent records (SchoolStaff).
    await this.schools.assert(actor, student.schoolId, 'read');
    return this.create(dto, { studentId: dto.studentId!, schoolId: student.schoolId, channel: 'school', recordedBy: actor.id }, actor, receivedAt);
  }

  private async create(dto: PrivacyRequestDto, to: NewRequest, actor: AuthUser | null, receivedAt?: Date): Promise<PrivacyRequestViewDto> {
    const detail = dto.detail ?? '';
    const id = await this.ds.transaction(async (tx) => {
      // The due day is the Seoul day of receipt + 10, whatever the session's TimeZone.
      const [row] = await tx.query(
        `INSERT INTO privacy_requests (student_id, school_id, kind, channel, requester_relation, requester_name, detail, received_at, due_on, recorded_by)
         SELECT $1, $2, $3, $4, $5, $6, $7, t.at, (t.at AT TIME ZONE 'Asia/Seoul')::date + ${ANSWER_WITHIN_DAYS}, $9
         FROM (SELECT coalesce($8::timestamptz, now()) AS at) t
         RETURNING id, to_char(due_on, 'YYYY-MM-DD') AS "dueOn"`,
        [to.studentId, to.schoolId, dto.kind, to.channel, dto.requesterRelation, dto.requesterName ?? null, detail, receivedAt?.toISOString() ?? null, to.recordedBy],
      );
      await this.audit.record(tx, actor, {
        action: 'privacy_request.received', entityType: 'privacy_request', entityId: row.id, schoolId: to.schoolId,
        after: { studentId: to.studentId, kind: dto.kind, channel: to.channel, requesterRelation: dto.requesterRelation, dueOn: row.dueOn },
      });
      await this.notices.toPrincipals(tx, [to.schoolId], {
        kind: 'privacy_request',
        title: `개인정보 ${KIND_LABEL[dto.kind]} 요청이 접수되었습니다`,
        body: `${to.channel === 'guardian_link' ? '보호자가 동의서 링크로' : '학교에서'} 접수한 요청입니다. ${row.dueOn}까지 답해야 합니다(개인정보 보호법 시행령, 10일 이내).`,
        link: '/consent/privacy-requests',
        dedupeKey: `privacy-request:${row.id}`,
      });
      return row.id as number;
    });
    return this.view(id);
  }

  async view(id: number, manager: EntityManager = this.ds.manager): Promise<PrivacyRequestViewDto> {
    const [row] = await manager.query(`${VIEW_SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw new NotFoundError('privacy request', id);
    return row;
  }

  /** One request, for staff who may read its school. */
  async readable(id: number, actor: AuthUser): Promise<PrivacyRequestViewDto> {
    const found = await this.view(id);
    await this.schools.assert(actor, found.schoolId, 'read');
    return found;
  }

  /** Requests of the schools in the caller's scope. */
  async list(actor: AuthUser, q: PrivacyRequestQuery): Promise<PrivacyRequestPageDto> {
    if (q.schoolId) await this.schools.assert(actor, q.schoolId, 'read');
    const p = new SqlParams();
    const where = [schoolScopeSql(actor, p, { schoolId: 'r.school_id', office: 'd.office_code' })];
    if (q.schoolId) where.push(`r.school_id = ${p.add(q.schoolId)}`);
    if (q.status) where.push(`r.status = ${p.add(q.status)}`);
    if (q.kind) where.push(`r.kind = ${p.add(q.kind)}`);
    if (q.overdue !== undefined) where.push(`${q.overdue ? '' : 'NOT '}${OVERDUE}`);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const items = await this.ds.query(
      `${VIEW_SELECT} WHERE ${where.join(' AND ')}
       ORDER BY (r.status = 'received') DESC, CASE WHEN r.status = 'received' THEN r.due_on END, r.received_at DESC, r.id DESC
       LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`,
      p.values,
    );
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM privacy_requests r JOIN schools s ON s.id = r.school_id JOIN districts d ON d.name = s.district WHERE ${where.join(' AND ')}`,
      p.values.slice(0, p.values.length - 2),
    );
    return { items, total, page, pageSize };
  }

  /**
   * The school's answer. A deletion answered "done" destroys the student's data first, through the destruction
   * path (its register rows carry the request's id); the answer is recorded only once that has succeeded, so a
   * failed destruction leaves the request unanswered and can be answered again.
   */
  async answer(id: number, dto: PrivacyAnswerDto, actor: AuthUser): Promise<PrivacyRequestViewDto> {
    const found = await this.view(id);
    await this.schools.assert(actor, found.schoolId, 'write');
    if (found.status === 'answered') throw this.answered();
    await this.ds.transaction(async (tx) => {
      // One answer at a time per request, with an advisory lock rather than this row's: the destruction runs in a
      // transaction of its own, and a student row deleted there (student_id ON DELETE SET NULL) would wait for ever
      // on a row lock held here.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('privacy_request'), $1)`, [id]);
      const [row] = await tx.query(`SELECT status, kind, student_id AS "studentId" FROM privacy_requests WHERE id = $1`, [id]);
      if (row.status === 'answered') throw this.answered();
      let destroyed: { registerIds: number[]; destroyed: Record<string, number> } | null = null;
      if (row.kind === 'deletion' && dto.outcome === 'done' && row.studentId !== null) {
        destroyed = await this.destruction.destroyStudentData(row.studentId, { requestId: id, actor });
      }
      await tx.query(
        `UPDATE privacy_requests SET status = 'answered', outcome = $2, answer = $3, answered_by = $4, answered_at = now() WHERE id = $1`,
        [id, dto.outcome, dto.answer, actor.id],
      );
      await this.audit.record(tx, actor, {
        action: 'privacy_request.answered', entityType: 'privacy_request', entityId: id, schoolId: found.schoolId,
        before: { status: 'received' },
        after: { status: 'answered', outcome: dto.outcome, studentId: found.studentId, kind: found.kind, ...(destroyed && { registerIds: destroyed.registerIds, destroyed: destroyed.destroyed }) },
      });
    });
    return this.view(id);
  }

  private answered(): ConflictError {
    return new ConflictError('This request has already been answered', [{ field: 'id', reason: 'answered' }], 'REQUEST_ANSWERED');
  }
}

/** A correction says what is wrong; the other kinds may leave it to the whole of the child's data. */
function checkDetail(dto: PrivacyRequestDto): void {
  if (dto.kind === 'correction' && !dto.detail) {
    throw new ValidationFailedError('Say what is to be corrected', [{ field: 'detail', reason: 'required for a correction' }]);
  }
}
