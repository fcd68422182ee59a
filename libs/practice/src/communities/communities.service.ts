import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, ForbiddenError, NotFoundError, ParsedTable, rethrowConstraint, seoulToday, SqlParams, updateReturning, ValidationFailedError } from '@app/core';
import { CompletionImportService, CoursesService } from '@app/training';
import type { AddMembersDto, CreateCommunityDto, CreateMeetingDto, UpdateCommunityDto } from './community.dto';
import type { CommunityDto, CommunitySummaryDto, CreditResultDto } from './community-responses.dto';

export const COMMUNITY_ENTITY = 'learning_community';

const SUMMARY_SELECT = `
  SELECT c.id, c.name, c.description, c.school_year AS "schoolYear", c.school_id AS "schoolId", s.name AS "schoolName",
         c.district_office_code AS "districtOffice",
         (SELECT count(*)::int FROM learning_community_members m WHERE m.community_id = c.id) AS "memberCount",
         (SELECT count(*)::int FROM learning_community_meetings g WHERE g.community_id = c.id) AS "meetingCount",
         (SELECT coalesce(sum(g.hours), 0)::float FROM learning_community_meetings g WHERE g.community_id = c.id) AS "totalHours"
  FROM learning_communities c LEFT JOIN schools s ON s.id = c.school_id`;

interface CommunityRef {
  id: number;
  schoolId: number | null;
  districtOffice: string | null;
  isMember: boolean;
  isLeader: boolean;
}

/**
 * 교원 학습공동체 (조례 제8조): one school's or across schools, with members (accounts), meetings and
 * hours. The office decides that a community's hours count as a training course's completion; the
 * completions go through the training module's own import (same checks, same badge job).
 */
@Injectable()
export class CommunitiesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
    private readonly courses: CoursesService,
    private readonly completions: CompletionImportService,
  ) {}

  async create(dto: CreateCommunityDto, actor: AuthUser): Promise<CommunityDto> {
    let schoolId = dto.schoolId ?? null;
    let office: string | null = null;
    if (actor.role === 'principal' || actor.role === 'teacher') {
      if (schoolId !== null && schoolId !== actor.schoolId) {
        throw new ForbiddenError('A school community is for your own school', 'SCHOOL_OUT_OF_SCOPE', [{ field: 'schoolId', reason: 'not your school' }]);
      }
      if (dto.districtOffice) throw new ValidationFailedError('Only the city names an office', [{ field: 'districtOffice', reason: 'only the city sets it' }]);
      schoolId = actor.schoolId;
    } else if (actor.role === 'district_admin') {
      if (dto.districtOffice && dto.districtOffice !== actor.districtOffice) {
        throw new ForbiddenError('Another office', 'OFFICE_OUT_OF_SCOPE', [{ field: 'districtOffice', reason: 'not your office' }]);
      }
      office = actor.districtOffice;
    } else {
      office = dto.districtOffice ?? null;
    }
    if (schoolId !== null) {
      const [school] = await this.ds.query(`SELECT d.office_code AS office FROM schools s JOIN districts d ON d.name = s.district WHERE s.id = $1`, [schoolId]);
      if (!school) throw new ValidationFailedError('No such school', [{ field: 'schoolId', reason: `no school ${schoolId}` }]);
      if (actor.role === 'district_admin' && school.office !== actor.districtOffice) {
        throw new ForbiddenError("The school is not in your office's district", 'SCHOOL_OUT_OF_SCOPE', [{ field: 'schoolId', reason: 'not in your office' }]);
      }
      if (dto.districtOffice && dto.districtOffice !== school.office) throw new ValidationFailedError('The school is in another office', [{ field: 'districtOffice', reason: `the school is in ${school.office}` }]);
      office = school.office;
    }
    const id = await this.ds.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO learning_communities (name, description, school_year, school_id, district_office_code, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [dto.name, dto.description ?? '', dto.schoolYear, schoolId, office, actor.id],
      );
      // A teacher or principal who starts a community leads it.
      if (actor.role === 'teacher' || actor.role === 'principal') {
        await tx.query(`INSERT INTO learning_community_members (community_id, user_id, role) VALUES ($1, $2, 'leader')`, [id, actor.id]);
      }
      await this.audit.record(tx, actor, { action: 'create', entityType: COMMUNITY_ENTITY, entityId: id, schoolId, after: { name: dto.name, schoolYear: dto.schoolYear, schoolId, districtOffice: office } });
      return id as number;
    });
    return this.get(id);
  }

  async list(user: AuthUser): Promise<CommunitySummaryDto[]> {
    const p = new SqlParams();
    return this.ds.query(`${SUMMARY_SELECT} WHERE ${this.visibleSql(user, p)} ORDER BY c.school_year DESC, c.id DESC LIMIT 1000`, p.values);
  }

  async getFor(id: number, user: AuthUser): Promise<CommunityDto> {
    await this.assertVisible(id, user);
    return this.get(id);
  }

  async update(id: number, dto: UpdateCommunityDto, actor: AuthUser): Promise<CommunityDto> {
    const ref = await this.assertManager(id, actor);
    await this.ds.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT name, description FROM learning_communities WHERE id = $1 FOR UPDATE`, [id]);
      await tx.query(`UPDATE learning_communities SET name = coalesce($2, name), description = coalesce($3, description), updated_at = now() WHERE id = $1`, [id, dto.name ?? null, dto.description ?? null]);
      const [after] = await tx.query(`SELECT name, description FROM learning_communities WHERE id = $1`, [id]);
      await this.audit.record(tx, actor, { action: 'update', entityType: COMMUNITY_ENTITY, entityId: id, schoolId: ref.schoolId, before, after });
    });
    return this.get(id);
  }

  /** A community whose hours were credited to training stays, as the record behind those completions. */
  async remove(id: number, actor: AuthUser): Promise<void> {
    const ref = await this.assertManager(id, actor);
    await this.ds.transaction(async (tx) => {
      const [credited] = await tx.query(`SELECT 1 FROM learning_community_credits WHERE community_id = $1 LIMIT 1`, [id]);
      if (credited) throw new ConflictError('Its hours were credited to training: the community is kept', [{ field: 'id', reason: 'credited' }], 'INVALID_STATE');
      const [before] = await tx.query(`SELECT name, school_year AS "schoolYear" FROM learning_communities WHERE id = $1`, [id]);
      await tx.query(`DELETE FROM learning_communities WHERE id = $1`, [id]);
      await this.audit.record(tx, actor, { action: 'delete', entityType: COMMUNITY_ENTITY, entityId: id, schoolId: ref.schoolId, before });
    });
  }

  async addMembers(id: number, dto: AddMembersDto, actor: AuthUser): Promise<CommunityDto> {
    const ref = await this.assertManager(id, actor);
    const users: { id: string; role: string; schoolId: number | null; office: string | null; active: boolean }[] = await this.ds.query(
      `SELECT u.id, u.role, u.school_id AS "schoolId", d.office_code AS office, u.status = 'active' AS active
       FROM users u LEFT JOIN schools s ON s.id = u.school_id LEFT JOIN districts d ON d.name = s.district WHERE u.id = ANY($1::uuid[])`,
      [dto.userIds],
    );
    const problems: { field: string; id: string; reason: string }[] = [];
    for (const [i, userId] of dto.userIds.entries()) {
      const u = users.find((x) => x.id === userId);
      const field = `userIds.${i}`;
      if (!u) problems.push({ field, id: userId, reason: 'no such account' });
      else if (!u.active) problems.push({ field, id: userId, reason: 'the account is disabled' });
      else if (u.role !== 'teacher' && u.role !== 'principal') problems.push({ field, id: userId, reason: 'members are teachers or principals' });
      else if (ref.schoolId !== null && u.schoolId !== ref.schoolId) problems.push({ field, id: userId, reason: "not of the community's school" });
      else if (ref.schoolId === null && ref.districtOffice !== null && u.office !== ref.districtOffice) problems.push({ field, id: userId, reason: "not of a school of the community's office" });
    }
    if (problems.length) {
      const outOfScope = problems.every((p) => p.reason.startsWith('not of'));
      throw new ValidationFailedError('Some accounts may not join this community', problems, outOfScope ? 'MEMBER_OUT_OF_SCOPE' : 'VALIDATION_FAILED');
    }
    await this.ds.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO learning_community_members (community_id, user_id, role) SELECT $1, unnest($2::uuid[]), $3
         ON CONFLICT (community_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
        [id, dto.userIds, dto.role ?? 'member'],
      );
      await this.audit.record(tx, actor, { action: 'add_members', entityType: COMMUNITY_ENTITY, entityId: id, schoolId: ref.schoolId, after: { userIds: dto.userIds, role: dto.role ?? 'member' } });
    });
    return this.get(id);
  }

  async removeMember(id: number, userId: string, actor: AuthUser): Promise<CommunityDto> {
    const ref = await this.assertManager(id, actor);
    await this.ds.transaction(async (tx) => {
      const removed = await updateReturning(tx, `DELETE FROM learning_community_members WHERE community_id = $1 AND user_id = $2 RETURNING user_id`, [id, userId]);
      if (!removed.length) throw new NotFoundError('member', userId);
      await this.audit.record(tx, actor, { action: 'remove_member', entityType: COMMUNITY_ENTITY, entityId: id, schoolId: ref.schoolId, before: { userId } });
    });
    return this.get(id);
  }

  /** A meeting with its hours; those who attended must be members (all of them when not named). */
  async addMeeting(id: number, dto: CreateMeetingDto, actor: AuthUser): Promise<CommunityDto> {
    const ref = await this.assertManager(id, actor);
    if (dto.heldOn > seoulToday()) throw new ValidationFailedError('A meeting is recorded after it was held', [{ field: 'heldOn', reason: 'is in the future' }]);
    if (dto.heldOn < '2000-01-01') throw new ValidationFailedError('Too early a date', [{ field: 'heldOn', reason: 'must be in 2000 or later' }]);
    await this.ds.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM learning_communities WHERE id = $1 FOR UPDATE`, [id]);
      const members: string[] = (await tx.query(`SELECT user_id AS id FROM learning_community_members WHERE community_id = $1`, [id])).map((m: { id: string }) => m.id);
      const attendees = dto.attendeeIds ?? members;
      const strangers = attendees.map((a, i) => ({ a, i })).filter(({ a }) => !members.includes(a));
      if (strangers.length) throw new ValidationFailedError('Attendees must be members', strangers.map(({ a, i }) => ({ field: `attendeeIds.${i}`, id: a, reason: 'not a member' })));
      if (!attendees.length) throw new ValidationFailedError('A meeting needs attendees', [{ field: 'attendeeIds', reason: 'the community has no members yet' }]);
      const [{ id: meetingId }] = await tx.query(
        `INSERT INTO learning_community_meetings (community_id, held_on, topic, hours, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [id, dto.heldOn, dto.topic, dto.hours, actor.id],
      );
      await tx.query(`INSERT INTO learning_community_attendance (meeting_id, user_id) SELECT $1, unnest($2::uuid[])`, [meetingId, attendees]);
      await this.audit.record(tx, actor, { action: 'add_meeting', entityType: COMMUNITY_ENTITY, entityId: id, schoolId: ref.schoolId, after: { meetingId, heldOn: dto.heldOn, topic: dto.topic, hours: dto.hours, attendees: attendees.length } });
    });
    return this.get(id);
  }

  /**
   * The office's decision: each member's hours of the course's school year become a completion of
   * the course, imported through the training module (a repeat skips what is there already).
   */
  async credit(id: number, courseId: number, actor: AuthUser): Promise<CreditResultDto> {
    const ref = await this.ref(id, actor);
    if (actor.role !== 'city_admin' && !(actor.role === 'district_admin' && ref.districtOffice === actor.districtOffice)) {
      throw new ForbiddenError("The community's district office or the city credits its hours", 'OFFICE_OUT_OF_SCOPE');
    }
    // The completions are imported (their own transaction) before the credit row is written: without
    // this lock two requests at once would both import, and the one refused (409) would leave its batch.
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    const key = `learning_community_credit:${id}:${courseId}`;
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [key]);
      return await this.creditLocked(id, courseId, ref, actor);
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]).catch(() => undefined);
      await runner.release();
    }
  }

  private async creditLocked(id: number, courseId: number, ref: CommunityRef, actor: AuthUser): Promise<CreditResultDto> {
    const course = await this.courses.get(courseId).catch((e) => {
      throw e instanceof NotFoundError ? new ValidationFailedError('No such course', [{ field: 'courseId', reason: `no course ${courseId}` }]) : e;
    });
    if (!(course.audience as string[]).includes('teacher')) throw new ValidationFailedError('The course is not for teachers', [{ field: 'courseId', reason: 'audience does not include teachers' }]);
    const [done] = await this.ds.query(`SELECT 1 FROM learning_community_credits WHERE community_id = $1 AND course_id = $2`, [id, courseId]);
    if (done) throw new ConflictError('These hours were credited to this course already', [{ field: 'courseId', reason: 'already credited' }], 'ALREADY_CREDITED');

    const year: number = course.schoolYear;
    const rows: { userId: string; displayName: string; email: string; externalId: string; neisCode: string | null; hours: number; lastOn: string | null }[] = await this.ds.query(
      `SELECT u.id AS "userId", coalesce(nullif(u.display_name, ''), u.email) AS "displayName", u.email,
              coalesce((SELECT p.external_id FROM training_participants p WHERE p.user_id = u.id), u.teacher_number, 'account-' || u.id) AS "externalId",
              s.neis_code AS "neisCode",
              coalesce(sum(g.hours), 0)::float AS hours, to_char(max(g.held_on), 'YYYY-MM-DD') AS "lastOn"
       FROM learning_community_members m JOIN users u ON u.id = m.user_id LEFT JOIN schools s ON s.id = u.school_id
       LEFT JOIN learning_community_attendance a ON a.user_id = m.user_id
         AND a.meeting_id IN (SELECT g2.id FROM learning_community_meetings g2 WHERE g2.community_id = m.community_id AND g2.held_on >= make_date($2, 3, 1) AND g2.held_on < make_date($2 + 1, 3, 1))
       LEFT JOIN learning_community_meetings g ON g.id = a.meeting_id
       WHERE m.community_id = $1
       GROUP BY u.id, s.neis_code ORDER BY u.id`,
      [id, year],
    );
    const credited = rows.filter((r) => r.hours > 0);
    const skipped = rows.filter((r) => r.hours <= 0).map((r) => ({ userId: r.userId, displayName: r.displayName, reason: `no meeting hours in school year ${year}` }));
    if (!credited.length) throw new ConflictError(`No member has meeting hours in school year ${year}`, [{ field: 'courseId', reason: `no hours in school year ${year}` }], 'NOTHING_TO_CREDIT');

    const table: ParsedTable = {
      headers: ['participant_id', 'name', 'email', 'kind', 'neis_school_code', 'course_code', 'completed_on', 'hours'],
      rows: credited.map((r, i) => ({
        rowNumber: i + 2,
        values: { participant_id: r.externalId, name: r.displayName, email: r.email, kind: 'teacher', neis_school_code: r.neisCode ?? '', course_code: course.code, completed_on: r.lastOn!, hours: String(Math.min(999, Math.round(r.hours * 10) / 10)) },
      })),
      encoding: 'utf-8',
    };
    const imported = await this.completions.importTable(table, `learning-community-${id}.csv`, 'skip', actor);
    const creditId = await this.ds.transaction(async (tx) => {
      const [{ id: creditId }] = await tx
        .query(
          `INSERT INTO learning_community_credits (community_id, course_id, members_credited, training_batch_id, credited_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [id, courseId, credited.length, imported.batchId, actor.id],
        )
        .catch((e) => rethrowConstraint(e, { learning_community_credits_key: { field: 'courseId', message: 'These hours were credited to this course already' } }));
      await this.audit.record(tx, actor, {
        action: 'credit_hours', entityType: COMMUNITY_ENTITY, entityId: id, schoolId: ref.schoolId,
        after: { courseId, courseCode: course.code, schoolYear: year, trainingBatchId: imported.batchId, members: credited.map((r) => ({ userId: r.userId, hours: r.hours })) },
      });
      return creditId as number;
    });
    return {
      creditId, courseId, trainingBatchId: imported.batchId, badgeJobId: imported.badgeJobId,
      credited: credited.map((r) => ({ userId: r.userId, displayName: r.displayName, hours: r.hours })), skipped,
    };
  }

  /** For commendations: a community's name, school and office. */
  async nominee(id: number): Promise<{ name: string; schoolId: number | null; districtOffice: string | null } | undefined> {
    const [row] = await this.ds.query(`SELECT name, school_id AS "schoolId", district_office_code AS "districtOffice" FROM learning_communities WHERE id = $1`, [id]);
    return row;
  }

  async get(id: number, manager: EntityManager = this.ds.manager): Promise<CommunityDto> {
    const [row] = await manager.query(
      `${SUMMARY_SELECT.replace('FROM learning_communities c', `,
         coalesce((SELECT json_agg(json_build_object('userId', u.id, 'displayName', u.display_name, 'role', m.role, 'schoolId', u.school_id, 'schoolName', ms.name,
                     'hours', coalesce((SELECT sum(g.hours) FROM learning_community_attendance a JOIN learning_community_meetings g ON g.id = a.meeting_id
                                        WHERE a.user_id = m.user_id AND g.community_id = c.id), 0)::float) ORDER BY m.role, u.display_name, u.id)
                   FROM learning_community_members m JOIN users u ON u.id = m.user_id LEFT JOIN schools ms ON ms.id = u.school_id WHERE m.community_id = c.id), '[]') AS members,
         coalesce((SELECT json_agg(json_build_object('id', g.id, 'heldOn', to_char(g.held_on, 'YYYY-MM-DD'), 'topic', g.topic, 'hours', g.hours::float,
                     'attendeeIds', coalesce((SELECT json_agg(a.user_id ORDER BY a.user_id) FROM learning_community_attendance a WHERE a.meeting_id = g.id), '[]')) ORDER BY g.held_on, g.id)
                   FROM learning_community_meetings g WHERE g.community_id = c.id), '[]') AS meetings,
         coalesce((SELECT json_agg(json_build_object('id', r.id, 'courseId', r.course_id, 'courseCode', tc.code, 'courseTitle', tc.title, 'membersCredited', r.members_credited,
                     'creditedAt', r.credited_at) ORDER BY r.id)
                   FROM learning_community_credits r JOIN training_courses tc ON tc.id = r.course_id WHERE r.community_id = c.id), '[]') AS credits
       FROM learning_communities c`)} WHERE c.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError('community', id);
    return row;
  }

  private visibleSql(user: AuthUser, p: SqlParams): string {
    const member = (uid: string) => `EXISTS (SELECT 1 FROM learning_community_members m WHERE m.community_id = c.id AND m.user_id = ${uid})`;
    switch (user.role) {
      case 'city_admin':
        return 'TRUE';
      case 'district_admin':
        return `c.district_office_code = ${p.add(user.districtOffice)}`;
      case 'principal':
        return `(c.school_id = ${p.add(user.schoolId)} OR ${member(p.add(user.id))})`;
      default:
        return member(p.add(user.id));
    }
  }

  private async ref(id: number, user: AuthUser): Promise<CommunityRef> {
    const [row] = await this.ds.query(
      `SELECT c.id, c.school_id AS "schoolId", c.district_office_code AS "districtOffice", m.user_id IS NOT NULL AS "isMember", coalesce(m.role = 'leader', false) AS "isLeader"
       FROM learning_communities c LEFT JOIN learning_community_members m ON m.community_id = c.id AND m.user_id = $2 WHERE c.id = $1`,
      [id, user.id],
    );
    if (!row) throw new NotFoundError('community', id);
    return row;
  }

  /** Teachers see the communities they belong to; a principal also their school's; an office its own; the city all. */
  private async assertVisible(id: number, user: AuthUser): Promise<CommunityRef> {
    const ref = await this.ref(id, user);
    const ok =
      user.role === 'city_admin' ||
      (user.role === 'district_admin' && ref.districtOffice === user.districtOffice) ||
      (user.role === 'principal' && ref.schoolId !== null && ref.schoolId === user.schoolId) ||
      ref.isMember;
    if (!ok) throw new ForbiddenError('You are not a member of this community', 'COMMUNITY_OUT_OF_SCOPE');
    return ref;
  }

  /** Its leaders, the principal of its school, its office, the city. */
  private async assertManager(id: number, user: AuthUser): Promise<CommunityRef> {
    const ref = await this.assertVisible(id, user);
    const ok =
      user.role === 'city_admin' ||
      (user.role === 'district_admin' && ref.districtOffice === user.districtOffice) ||
      (user.role === 'principal' && ref.schoolId !== null && ref.schoolId === user.schoolId) ||
      ref.isLeader;
    if (!ok) throw new ForbiddenError("Only the community's leaders, its school's principal or its office change it", 'COMMUNITY_OUT_OF_SCOPE');
    return ref;
  }
}
