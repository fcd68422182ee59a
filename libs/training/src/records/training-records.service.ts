import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccountHooks, AuthUser, canAccessSchool, EXPORT_MAX_ROWS, exportRows, ForbiddenError, NotFoundError, Page, schoolScopeSql, SqlParams } from '@app/core';
import { TRAINING_LEVELS, TrainingLevel } from '../training-terms';

export interface ParticipantRow {
  id: number;
  externalId: string;
  name: string;
  kind: string;
  schoolId: number | null;
  schoolName: string | null;
  districtOffice: string | null;
  userId: string | null;
}

const PARTICIPANT_SELECT = `
  SELECT p.id, p.external_id AS "externalId", p.name, p.kind, p.school_id AS "schoolId", s.name AS "schoolName",
         d.office_code AS "districtOffice", p.user_id AS "userId"
  FROM training_participants p LEFT JOIN schools s ON s.id = p.school_id LEFT JOIN districts d ON d.name = s.district`;

/** The participants list's filters: part of the name or the exact id, and a school. */
export interface ParticipantFilter {
  search?: string;
  schoolId?: number;
}

export type ParticipantListRow = ParticipantRow & { completions: number; hours: number };

/** A row of the participants list: the person, with their completions counted. */
const PARTICIPANT_LIST_SELECT = PARTICIPANT_SELECT.replace(
  'SELECT p.id,',
  `SELECT (SELECT count(*)::int FROM training_completions c WHERE c.participant_id = p.id) AS completions,
     (SELECT coalesce(sum(c.hours), 0)::float FROM training_completions c WHERE c.participant_id = p.id) AS hours, p.id,`,
);
const PARTICIPANT_ORDER = 'x.name, x.id';

/**
 * The people a caller may list that match the filters, as a WHERE over PARTICIPANT_SELECT (the list
 * and its export alike): the city everyone; a district admin their office's schools; a principal
 * their school; a teacher nobody (their own record is GET /training/me).
 */
function participantFilterSql(user: AuthUser, q: ParticipantFilter, p: SqlParams): string {
  if (user.role === 'teacher') throw new ForbiddenError('Teachers see their own records only', 'ROLE_NOT_ALLOWED');
  const where = [user.role === 'city_admin' ? 'TRUE' : `p.school_id IS NOT NULL AND ${schoolScopeSql(user, p, { schoolId: 'p.school_id', office: 'd.office_code' })}`];
  if (q.search) where.push(`(p.name ILIKE ${p.add(`%${q.search}%`)} OR p.external_id = ${p.add(q.search)})`);
  if (q.schoolId) where.push(`p.school_id = ${p.add(q.schoolId)}`);
  return where.join(' AND ');
}

@Injectable()
export class TrainingRecordsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly hooks: AccountHooks,
  ) {}

  onModuleInit(): void {
    this.hooks.onAccountsSaved((manager, userIds) => linkAccounts(manager, userIds));
  }

  /** A teacher reads only their own record; principals their school's people; district admins their office's. */
  async participantFor(user: AuthUser, participantId: number): Promise<ParticipantRow> {
    const [p] = await this.ds.query(`${PARTICIPANT_SELECT} WHERE p.id = $1`, [participantId]);
    if (!p) throw new NotFoundError('participant', participantId);
    const own = p.userId === user.id;
    const inScope = user.role !== 'teacher' && (user.role === 'city_admin' || (p.schoolId !== null && canAccessSchool(user, { id: p.schoolId, districtOffice: p.districtOffice }, 'read')));
    if (!own && !inScope) throw new ForbiddenError('You may not see this person\'s training records', 'PARTICIPANT_OUT_OF_SCOPE');
    return p;
  }

  async myParticipant(user: AuthUser): Promise<ParticipantRow> {
    const [p] = await this.ds.query(`${PARTICIPANT_SELECT} WHERE p.user_id = $1`, [user.id]);
    if (!p) throw new NotFoundError('training record of user', user.email);
    return p;
  }

  async participants(user: AuthUser, q: ParticipantFilter & { page: number; pageSize: number }): Promise<Page<ParticipantListRow>> {
    const p = new SqlParams();
    const where = participantFilterSql(user, q, p);
    const rows = await this.ds.query(
      `SELECT x.*, count(*) OVER () AS total FROM (${PARTICIPANT_LIST_SELECT} WHERE ${where}) x
       ORDER BY ${PARTICIPANT_ORDER} LIMIT ${p.add(q.pageSize)} OFFSET ${p.add((q.page - 1) * q.pageSize)}`,
      p.values,
    );
    return { items: rows.map(({ total: _, ...r }: { total: string }) => r), total: rows.length ? Number(rows[0].total) : 0, page: q.page, pageSize: q.pageSize };
  }

  /** Every person of the filtered list, in its order, with the office's name (the XLSX export); a 422 beyond `max`. */
  async allParticipants(user: AuthUser, q: ParticipantFilter, max = EXPORT_MAX_ROWS): Promise<(ParticipantListRow & { districtOfficeName: string | null })[]> {
    const p = new SqlParams();
    const where = participantFilterSql(user, q, p);
    const rows = await this.ds.query(
      `SELECT x.*, o.name AS "districtOfficeName" FROM (${PARTICIPANT_LIST_SELECT} WHERE ${where}) x LEFT JOIN district_offices o ON o.code = x."districtOffice"
       ORDER BY ${PARTICIPANT_ORDER} LIMIT ${p.add(max + 1)}`,
      p.values,
    );
    return exportRows(rows, max);
  }

  /** One person's page: courses, hours per level and year, badges, and what the next level still needs. */
  async record(participant: ParticipantRow) {
    const id = participant.id;
    const [completions, byLevel, byYear, badges, pathways] = await Promise.all([
      this.ds.query(
        `SELECT c.id, k.code, k.title, k.level, k.delivery_mode AS "deliveryMode", k.school_year AS "schoolYear", s.code AS "sessionCode",
                to_char(c.completed_on, 'YYYY-MM-DD') AS "completedOn", c.hours::float,
                (SELECT b.id FROM badge_credentials b WHERE b.completion_id = c.id) AS "badgeId"
         FROM training_completions c JOIN training_courses k ON k.id = c.course_id LEFT JOIN training_sessions s ON s.id = c.session_id
         WHERE c.participant_id = $1 ORDER BY c.completed_on DESC, k.code`,
        [id],
      ),
      this.ds.query(`SELECT k.level, count(*)::int AS courses, sum(c.hours)::float AS hours FROM training_completions c JOIN training_courses k ON k.id = c.course_id WHERE c.participant_id = $1 GROUP BY k.level`, [id]),
      this.ds.query(
        `SELECT CASE WHEN extract(month FROM c.completed_on) >= 3 THEN extract(year FROM c.completed_on) ELSE extract(year FROM c.completed_on) - 1 END::int AS "schoolYear",
                count(*)::int AS courses, sum(c.hours)::float AS hours
         FROM training_completions c WHERE c.participant_id = $1 GROUP BY 1 ORDER BY 1 DESC`,
        [id],
      ),
      this.ds.query(
        `SELECT b.id, b.achievement_id AS "achievementId", b.credential->'credentialSubject'->'achievement'->>'name' AS name, b.pathway_level AS "pathwayLevel",
                b.issued_at AS "issuedAt", b.valid_until AS "validUntil", b.revoked_at AS "revokedAt", b.revoke_reason AS "revokeReason",
                CASE WHEN b.revoked_at IS NOT NULL THEN 'revoked' WHEN b.valid_until < now() THEN 'expired' ELSE 'valid' END AS status
         FROM badge_credentials b WHERE b.participant_id = $1 ORDER BY b.issued_at DESC`,
        [id],
      ),
      this.ds.query(
        `SELECT w.level, w.name, w.course_codes AS "courseCodes",
                array(SELECT need.code FROM unnest(w.course_codes) AS need(code) WHERE NOT EXISTS (
                  SELECT 1 FROM training_completions c JOIN training_courses k ON k.id = c.course_id WHERE c.participant_id = $1 AND k.code = need.code)) AS missing
         FROM training_pathways w ORDER BY array_position(ARRAY['basic','applied','advanced','expert'], w.level)`,
        [id],
      ),
    ]);
    const earned = pathways.filter((w: { missing: string[] }) => w.missing.length === 0).map((w: { level: string }) => w.level);
    const next = pathways.find((w: { missing: string[] }) => w.missing.length > 0) ?? null;
    return {
      participant,
      completions,
      hoursByLevel: Object.fromEntries(TRAINING_LEVELS.map((l) => [l, byLevel.find((b: { level: string }) => b.level === l) ?? { level: l, courses: 0, hours: 0 }])) as Record<TrainingLevel, { level: string; courses: number; hours: number }>,
      hoursByYear: byYear,
      badges,
      levelsEarned: earned,
      nextLevel: next && { level: next.level, name: next.name, missingCourses: next.missing },
    };
  }

  /** Participation in SQL: by level, mode, office and school, and each school's share of teachers per level. */
  async stats(user: AuthUser, schoolYear?: number) {
    const p = new SqlParams();
    const scope = schoolScopeSql(user, p, { schoolId: 'p.school_id', office: 'd.office_code' });
    const year = schoolYear ? `AND k.school_year = ${p.add(schoolYear)}` : '';
    const base = `FROM training_completions c JOIN training_courses k ON k.id = c.course_id JOIN training_participants p ON p.id = c.participant_id
                  LEFT JOIN schools s ON s.id = p.school_id LEFT JOIN districts d ON d.name = s.district
                  WHERE ${user.role === 'city_admin' ? 'TRUE' : scope} ${year}`;
    const group = (expr: string, label: string) =>
      this.ds.query(`SELECT ${expr} AS key, ${label} AS label, count(DISTINCT c.participant_id)::int AS participants, count(*)::int AS completions, coalesce(sum(c.hours), 0)::float AS hours ${base} GROUP BY 1, 2 ORDER BY 1`, p.values);
    const [byLevel, byMode, byOffice, bySchool, teacherShare] = await Promise.all([
      group('k.level', 'k.level'),
      group('k.delivery_mode', 'k.delivery_mode'),
      group(`coalesce(d.office_code, 'none')`, `coalesce((SELECT name FROM district_offices WHERE code = d.office_code), '소속 없음')`),
      group(`coalesce(s.id::text, 'none')`, `coalesce(s.name, '소속 없음')`),
      this.ds.query(
        // The school's known teachers are the denominator: teacher accounts, plus teachers on training rolls who have none.
        `SELECT s.id AS "schoolId", s.name AS "schoolName", k.level,
                count(DISTINCT p.id)::int AS completed,
                ((SELECT count(*) FROM users u WHERE u.school_id = s.id AND u.role = 'teacher')
                 + (SELECT count(*) FROM training_participants t WHERE t.school_id = s.id AND t.kind = 'teacher' AND t.user_id IS NULL))::int AS teachers
         ${base} AND p.kind = 'teacher' AND s.id IS NOT NULL GROUP BY s.id, s.name, k.level ORDER BY s.name, k.level`,
        p.values,
      ),
    ]);
    return {
      byLevel, byMode, byOffice, bySchool,
      teacherShareBySchool: teacherShare.map((r: { completed: number; teachers: number }) => ({ ...r, share: r.teachers ? Math.round((r.completed / r.teachers) * 1000) / 1000 : null })),
    };
  }
}

/**
 * A teacher's completions belong to their account: the participant whose external id is the
 * account's teacher number is that person, whether the completions came before or after the account.
 * The account's school is the person's school (a teacher who moved keeps their record, at the new
 * school). A participant already linked to another account is left alone.
 */
export async function linkAccounts(manager: EntityManager, userIds: string[]): Promise<void> {
  await manager.query(
    `UPDATE training_participants p SET user_id = u.id, school_id = coalesce(u.school_id, p.school_id)
     FROM users u
     WHERE u.id = ANY($1::uuid[]) AND u.teacher_number = p.external_id
       AND (p.user_id IS NULL OR p.user_id = u.id)
       AND NOT EXISTS (SELECT 1 FROM training_participants q WHERE q.user_id = u.id AND q.id <> p.id)
       AND (p.user_id IS DISTINCT FROM u.id OR p.school_id IS DISTINCT FROM coalesce(u.school_id, p.school_id))`,
    [userIds],
  );
}
