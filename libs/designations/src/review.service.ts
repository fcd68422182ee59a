import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, ForbiddenError, SchoolAccess, ValidationFailedError } from '@app/core';
import { ApplicationsService } from './applications.service';
import { CallsService } from './calls.service';
import type { ScoreDto } from './designation.dto';

export interface RankingRow {
  applicationId: number;
  schoolId: number;
  schoolName: string;
  schoolLevel: string;
  districtOffice: string;
  districtOfficeName: string;
  status: string;
  reviewers: number;
  meanTotal: number | null;
  minTotal: number | null;
  maxTotal: number | null;
  spread: number | null;
  stddev: number | null;
  rank: number | null;
  rankInOffice: number | null;
}

/** Why a reviewer may not score an application, or null when they may. */
const EXCLUSION_SQL = `
  CASE
    WHEN NOT EXISTS (SELECT 1 FROM designation_reviewers r WHERE r.call_id = a.call_id AND r.reviewer_id = $2) THEN 'not_assigned'
    WHEN EXISTS (SELECT 1 FROM designation_recusals x WHERE x.application_id = a.id AND x.reviewer_id = $2) THEN 'recused'
    WHEN c.recuse_own_office AND u.district_office_code IS NOT NULL AND u.district_office_code = d.office_code THEN 'own_office'
  END`;

@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calls: CallsService,
    private readonly applications: ApplicationsService,
    private readonly audit: AuditLog,
    private readonly schools: SchoolAccess,
  ) {}

  /** An application is read by those who may read its school, and by the call's reviewers (who review other offices' schools). */
  async assertMayReadApplication(applicationId: number, user: AuthUser) {
    const app = await this.applications.get(applicationId);
    if (user.role === 'city_admin' || user.role === 'district_admin') {
      const [reviewer] = await this.ds.query(`SELECT 1 FROM designation_reviewers WHERE call_id = $1 AND reviewer_id = $2`, [app.callId, user.id]);
      if (reviewer) return app;
    }
    await this.schools.assert(user, app.schoolId, 'read');
    return app;
  }

  async assign(callId: number, reviewerIds: string[], actor: AuthUser) {
    await this.calls.get(callId);
    const found: { id: string; role: string }[] = await this.ds.query(`SELECT id, role FROM users WHERE id = ANY($1) AND status = 'active'`, [reviewerIds]);
    const problems = reviewerIds
      .map((id, i) => ({ id, i, user: found.find((f) => f.id === id) }))
      .filter((r) => !r.user || (r.user.role !== 'city_admin' && r.user.role !== 'district_admin'))
      .map((r) => ({ field: `reviewerIds.${r.i}`, reason: r.user ? 'reviewers must be city or district administrators' : 'no such active user' }));
    if (problems.length) throw new ValidationFailedError('Some reviewers cannot review', problems);
    await this.ds.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO designation_reviewers (call_id, reviewer_id, assigned_by) SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
        [callId, reviewerIds, actor.id],
      );
      await this.audit.record(tx, actor, { action: 'assign', entityType: 'designation_call', entityId: callId, after: { reviewerIds } });
    });
    return this.reviewers(callId);
  }

  reviewers(callId: number): Promise<{ id: string; email: string; role: string; districtOffice: string | null; displayName: string }[]> {
    return this.ds.query(
      `SELECT u.id, u.email, u.role, u.district_office_code AS "districtOffice", u.display_name AS "displayName"
       FROM designation_reviewers r JOIN users u ON u.id = r.reviewer_id WHERE r.call_id = $1 ORDER BY u.email`,
      [callId],
    );
  }

  /** A reviewer sees a call's scores when assigned to it; city admins, who run calls and decide, always do. */
  async assertMaySeeScores(callId: number, user: AuthUser): Promise<void> {
    if (user.role === 'city_admin') return;
    const [row] = await this.ds.query(`SELECT 1 FROM designation_reviewers WHERE call_id = $1 AND reviewer_id = $2`, [callId, user.id]);
    if (!row) throw new ForbiddenError('You are not a reviewer of this call', 'NOT_A_REVIEWER');
  }

  async exclusion(applicationId: number, reviewer: AuthUser): Promise<string | null> {
    const [row] = await this.ds.query(
      `SELECT ${EXCLUSION_SQL} AS reason
       FROM designation_applications a JOIN designation_calls c ON c.id = a.call_id
       JOIN schools s ON s.id = a.school_id JOIN districts d ON d.name = s.district JOIN users u ON u.id = $2
       WHERE a.id = $1`,
      [applicationId, reviewer.id],
    );
    return row?.reason ?? null;
  }

  async recuse(applicationId: number, reason: string, reviewer: AuthUser) {
    const app = await this.applications.get(applicationId);
    await this.assertMaySeeScores(app.callId, reviewer);
    await this.ds.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO designation_recusals (application_id, reviewer_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT (application_id, reviewer_id) DO UPDATE SET reason = EXCLUDED.reason`,
        [applicationId, reviewer.id, reason],
      );
      // Scores given before the declaration no longer count.
      await tx.query(`DELETE FROM designation_scores WHERE application_id = $1 AND reviewer_id = $2`, [applicationId, reviewer.id]);
      await this.audit.record(tx, reviewer, { action: 'recuse', entityType: 'designation_application', entityId: applicationId, schoolId: app.schoolId, after: { reviewer: reviewer.displayName || reviewer.email, reason } });
    });
    return { applicationId, recused: true, reason };
  }

  async score(applicationId: number, dto: ScoreDto, reviewer: AuthUser) {
    const app = await this.applications.get(applicationId);
    const excluded = await this.exclusion(applicationId, reviewer);
    if (excluded === 'not_assigned') throw new ForbiddenError('You are not a reviewer of this call', 'NOT_A_REVIEWER');
    if (excluded) throw new ForbiddenError(excluded === 'recused' ? 'You declared a conflict of interest for this application' : "You may not score your own district office's schools in this call", 'REVIEWER_EXCLUDED');
    if (app.status !== 'submitted') throw new ConflictError(`Only submitted applications are scored; this one is ${app.status}`, [{ field: 'status', reason: app.status }], 'INVALID_STATE');
    const call = await this.calls.get(app.callId);
    const problems: { field: string; reason: string }[] = [];
    dto.scores.forEach((s, i) => {
      const criterion = call.criteria.find((c) => c.id === s.criterionId);
      if (!criterion) problems.push({ field: `scores.${i}.criterionId`, reason: 'not a criterion of this call' });
      else if (s.score > criterion.maxScore) problems.push({ field: `scores.${i}.score`, reason: `at most ${criterion.maxScore} for '${criterion.name}'` });
    });
    const ids = dto.scores.map((s) => s.criterionId);
    if (new Set(ids).size !== ids.length) problems.push({ field: 'scores', reason: 'a criterion appears twice' });
    if (problems.length) throw new ValidationFailedError('Invalid scores', problems);
    await this.ds.transaction(async (tx) => {
      const before = await tx.query(`SELECT criterion_id AS "criterionId", score::float FROM designation_scores WHERE application_id = $1 AND reviewer_id = $2 ORDER BY 1`, [applicationId, reviewer.id]);
      await tx.query(
        `INSERT INTO designation_scores (application_id, reviewer_id, criterion_id, score, comment)
         SELECT $1, $2, * FROM unnest($3::int[], $4::numeric[], $5::text[])
         ON CONFLICT (application_id, reviewer_id, criterion_id) DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment, scored_at = now()`,
        [applicationId, reviewer.id, ids, dto.scores.map((s) => s.score), dto.scores.map((s) => s.comment ?? '')],
      );
      const after = await tx.query(`SELECT criterion_id AS "criterionId", score::float FROM designation_scores WHERE application_id = $1 AND reviewer_id = $2 ORDER BY 1`, [applicationId, reviewer.id]);
      await this.audit.record(tx, reviewer, { action: 'score', entityType: 'designation_application', entityId: applicationId, schoolId: app.schoolId, before: { reviewer: reviewer.displayName || reviewer.email, scores: before }, after: { reviewer: reviewer.displayName || reviewer.email, scores: after } });
    });
    return this.scores(applicationId, reviewer);
  }

  /** Each reviewer's scores of one application, with the weighted total. */
  async scores(applicationId: number, user: AuthUser) {
    const app = await this.applications.get(applicationId);
    await this.assertMaySeeScores(app.callId, user);
    // A reviewer kept from scoring an application (own office, declared conflict) does not read its scores either.
    if (user.role !== 'city_admin' && (await this.exclusion(applicationId, user))) {
      throw new ForbiddenError('You may not see the scores of an application you are excluded from reviewing', 'REVIEWER_EXCLUDED');
    }
    return this.ds.query(
      `SELECT coalesce(nullif(u.display_name, ''), u.email) AS reviewer, u.email AS "reviewerEmail", u.id AS "reviewerId", sum(sc.score * k.weight)::float AS total, count(*)::int AS "criteriaScored",
              json_agg(json_build_object('criterionId', k.id, 'name', k.name, 'score', sc.score::float, 'maxScore', k.max_score::float, 'comment', sc.comment) ORDER BY k.position) AS scores
       FROM designation_scores sc JOIN designation_criteria k ON k.id = sc.criterion_id JOIN users u ON u.id = sc.reviewer_id
       WHERE sc.application_id = $1 GROUP BY u.email, u.id ORDER BY u.email`,
      [applicationId],
    );
  }

  /**
   * The ranking of submitted and decided applications: each reviewer's weighted total counts once
   * they have scored every criterion; the mean ranks the call and each office, and the spread
   * between reviewers shows where they disagree.
   */
  async ranking(callId: number, user: AuthUser): Promise<RankingRow[]> {
    await this.calls.get(callId);
    await this.assertMaySeeScores(callId, user);
    // Only city administrators see the whole ranking; a reviewer sees the applications they may score,
    // ranked among themselves, so excluded ones (own office, declared conflicts) reveal nothing.
    const mine = user.role === 'city_admin' ? '' : `AND (${EXCLUSION_SQL}) IS NULL`;
    return this.ds.query(
      `WITH per_reviewer AS (
         SELECT sc.application_id, sc.reviewer_id, sum(sc.score * k.weight) AS total
         FROM designation_scores sc JOIN designation_criteria k ON k.id = sc.criterion_id
         WHERE k.call_id = $1
         GROUP BY sc.application_id, sc.reviewer_id
         HAVING count(*) = (SELECT count(*) FROM designation_criteria WHERE call_id = $1)
       ), per_app AS (
         SELECT application_id, count(*)::int AS reviewers, avg(total) AS mean, min(total) AS lo, max(total) AS hi, stddev_pop(total) AS sd
         FROM per_reviewer GROUP BY application_id
       )
       SELECT a.id AS "applicationId", s.id AS "schoolId", s.name AS "schoolName", s.level AS "schoolLevel",
              d.office_code AS "districtOffice", o.name AS "districtOfficeName", a.status,
              coalesce(p.reviewers, 0) AS reviewers, round(p.mean, 2)::float AS "meanTotal", round(p.lo, 2)::float AS "minTotal",
              round(p.hi, 2)::float AS "maxTotal", round(p.hi - p.lo, 2)::float AS spread, round(p.sd, 2)::float AS stddev,
              CASE WHEN p.mean IS NOT NULL THEN (rank() OVER (ORDER BY p.mean DESC NULLS LAST))::int END AS rank,
              CASE WHEN p.mean IS NOT NULL THEN (rank() OVER (PARTITION BY d.office_code ORDER BY p.mean DESC NULLS LAST))::int END AS "rankInOffice"
       FROM designation_applications a JOIN designation_calls c ON c.id = a.call_id
       JOIN schools s ON s.id = a.school_id JOIN districts d ON d.name = s.district JOIN district_offices o ON o.code = d.office_code
       JOIN users u ON u.id = $2
       LEFT JOIN per_app p ON p.application_id = a.id
       WHERE a.call_id = $1 AND a.status IN ('submitted', 'designated', 'rejected') ${mine}
       ORDER BY p.mean DESC NULLS LAST, s.name`,
      [callId, user.id],
    );
  }

  /** The reviewer's work list: applications of the calls they are assigned to, with whether they may score each. */
  assignments(reviewer: AuthUser) {
    return this.ds.query(
      `SELECT a.id AS "applicationId", a.call_id AS "callId", c.title AS "callTitle", s.name AS "schoolName", d.office_code AS "districtOffice",
              a.status, ${EXCLUSION_SQL} AS "excludedBecause",
              (SELECT count(*)::int FROM designation_scores sc WHERE sc.application_id = a.id AND sc.reviewer_id = $2) AS "criteriaScored",
              (SELECT count(*)::int FROM designation_criteria k WHERE k.call_id = a.call_id) AS "criteriaTotal"
       FROM designation_applications a JOIN designation_calls c ON c.id = a.call_id
       JOIN schools s ON s.id = a.school_id JOIN districts d ON d.name = s.district JOIN users u ON u.id = $2
       WHERE a.status = 'submitted' AND ($1::int IS NULL OR a.call_id = $1)
         AND EXISTS (SELECT 1 FROM designation_reviewers r WHERE r.call_id = a.call_id AND r.reviewer_id = $2)
       ORDER BY c.closes_at DESC, s.name`,
      [null, reviewer.id],
    );
  }
}
