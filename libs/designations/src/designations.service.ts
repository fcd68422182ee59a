import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, NotFoundError, Page, schoolScopeSql, SqlParams, ValidationFailedError } from '@app/core';
import { ApplicationsService, auditView } from './applications.service';
import type { DecisionDto, DesignationQuery, EvaluationDto } from './designation.dto';

export interface DesignationRow {
  id: number;
  schoolId: number;
  schoolName: string;
  schoolLevel: string;
  district: string;
  districtOffice: string;
  districtOfficeName: string;
  type: string;
  typeName: string;
  callId: number | null;
  applicationId: number | null;
  termStart: string;
  termEnd: string;
  status: 'active' | 'ended' | 'revoked';
  revokeReason: string | null;
  renewedFrom: number | null;
}

const DESIGNATION_SELECT = `
  SELECT g.id, g.school_id AS "schoolId", s.name AS "schoolName", s.level AS "schoolLevel", s.district,
         g.office_code AS "districtOffice", o.name AS "districtOfficeName", g.type_code AS type, t.name AS "typeName",
         g.call_id AS "callId", g.application_id AS "applicationId",
         to_char(g.term_start, 'YYYY-MM-DD') AS "termStart", to_char(g.term_end, 'YYYY-MM-DD') AS "termEnd",
         g.status, g.revoke_reason AS "revokeReason", g.renewed_from AS "renewedFrom"
  FROM designations g JOIN schools s ON s.id = g.school_id JOIN district_offices o ON o.code = g.office_code
  JOIN designation_types t ON t.code = g.type_code`;

const QUOTA_ERRORS: Record<string, string> = {
  designation_quota_full: 'The quota of this call is already filled',
  designation_office_quota_full: "The quota of this school's district office in this call is already filled",
};

@Injectable()
export class DesignationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly applications: ApplicationsService,
    private readonly audit: AuditLog,
  ) {}

  async get(id: number, manager: EntityManager = this.ds.manager): Promise<DesignationRow> {
    const [row] = await manager.query(`${DESIGNATION_SELECT} WHERE g.id = $1`, [id]);
    if (!row) throw new NotFoundError('designation', id);
    return row;
  }

  /**
   * Designate or reject a submitted application. The quota is the database's to enforce: the insert's
   * trigger locks the call row, so concurrent decisions queue and the one past the quota fails.
   */
  async decide(applicationId: number, dto: DecisionDto, actor: AuthUser) {
    await this.ds
      .transaction(async (tx) => {
        await tx.query(`SELECT 1 FROM designation_applications WHERE id = $1 FOR UPDATE`, [applicationId]);
        const before = await this.applications.get(applicationId, tx);
        if (before.status !== 'submitted') {
          throw new ConflictError(`Only a submitted application can be decided; this one is ${before.status}`, [{ field: 'status', reason: before.status }], 'INVALID_STATE');
        }
        const status = dto.decision === 'designate' ? 'designated' : 'rejected';
        await tx.query(
          `UPDATE designation_applications SET status = $2, decided_at = now(), decided_by = $3, decision_reason = $4, updated_at = now() WHERE id = $1`,
          [applicationId, status, actor.id, dto.reason],
        );
        if (status === 'designated') {
          const [{ id }] = await tx.query(
            `INSERT INTO designations (school_id, type_code, call_id, application_id, office_code, term_start, term_end)
             SELECT a.school_id, c.type_code, c.id, a.id, d.office_code, c.term_start, c.term_end
             FROM designation_applications a JOIN designation_calls c ON c.id = a.call_id
             JOIN schools s ON s.id = a.school_id JOIN districts d ON d.name = s.district
             WHERE a.id = $1 RETURNING id`,
            [applicationId],
          );
          const designation = await this.get(id, tx);
          await this.audit.record(tx, actor, { action: 'designate', entityType: 'designation', entityId: id, schoolId: before.schoolId, after: designation });
        }
        const after = await this.applications.get(applicationId, tx);
        await this.audit.record(tx, actor, { action: 'decide', entityType: 'designation_application', entityId: applicationId, schoolId: before.schoolId, before: auditView(before), after: auditView(after) });
      })
      .catch((e) => {
        const constraint = (e?.driverError ?? e)?.constraint as string | undefined;
        if (constraint && QUOTA_ERRORS[constraint]) throw new ConflictError(QUOTA_ERRORS[constraint], [{ field: 'decision', reason: constraint }], 'QUOTA_FULL');
        throw e;
      });
    return this.applications.get(applicationId);
  }

  async list(user: AuthUser | null, query: DesignationQuery): Promise<Page<DesignationRow>> {
    const p = new SqlParams();
    const where = [user ? schoolScopeSql(user, p, { schoolId: 'g.school_id', office: 'g.office_code' }) : 'TRUE'];
    const status = query.status ?? 'active';
    if (status !== 'all') where.push(`g.status = ${p.add(status)}`);
    if (query.type) where.push(`g.type_code = ${p.add(query.type)}`);
    if (query.level) where.push(`s.level = ${p.add(query.level)}`);
    if (query.districtOffice) where.push(`g.office_code = ${p.add(query.districtOffice)}`);
    if (query.schoolYear) {
      const y = p.add(query.schoolYear);
      where.push(`g.term_start < make_date(${y}::int + 1, 3, 1) AND g.term_end >= make_date(${y}::int, 3, 1)`);
    }
    const limit = p.add(query.pageSize);
    const offset = p.add((query.page - 1) * query.pageSize);
    const rows = await this.ds.query(
      `SELECT x.*, count(*) OVER () AS total FROM (${DESIGNATION_SELECT} WHERE ${where.join(' AND ')}) x
       ORDER BY x."typeName", x."districtOfficeName", x."schoolName" LIMIT ${limit} OFFSET ${offset}`,
      p.values,
    );
    return { items: rows.map(({ total: _, ...r }: DesignationRow & { total: string }) => r), total: rows.length ? Number(rows[0].total) : 0, page: query.page, pageSize: query.pageSize };
  }

  forSchool(schoolId: number): Promise<DesignationRow[]> {
    return this.ds.query(`${DESIGNATION_SELECT} WHERE g.school_id = $1 ORDER BY g.term_start DESC`, [schoolId]);
  }

  async revoke(id: number, reason: string, actor: AuthUser): Promise<DesignationRow> {
    await this.ds.transaction(async (tx) => {
      const before = await this.lockActive(tx, id, 'revoke');
      await tx.query(`UPDATE designations SET status = 'revoked', revoked_at = now(), revoke_reason = $2 WHERE id = $1`, [id, reason]);
      await this.audit.record(tx, actor, { action: 'revoke', entityType: 'designation', entityId: id, schoolId: before.schoolId, before, after: await this.get(id, tx) });
    });
    return this.get(id);
  }

  /** Mid-term or final evaluation; its outcome may end, revoke or renew the designation. */
  async evaluate(id: number, dto: EvaluationDto, actor: AuthUser) {
    return this.ds.transaction(async (tx) => {
      const before = await this.lockActive(tx, id, 'evaluate');
      if (dto.outcome === 'renew' && dto.kind !== 'final') {
        throw new ValidationFailedError('Only a final evaluation can renew', [{ field: 'outcome', reason: 'renew needs kind final' }]);
      }
      const [{ id: evaluationId }] = await tx.query(
        `INSERT INTO designation_evaluations (designation_id, kind, evaluated_on, score, outcome, notes, evaluated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [id, dto.kind, dto.evaluatedOn, dto.score, dto.outcome, dto.notes ?? '', actor.id],
      );
      let renewal: DesignationRow | null = null;
      if (dto.outcome === 'end') {
        await tx.query(`UPDATE designations SET status = 'ended', ended_at = now() WHERE id = $1`, [id]);
      } else if (dto.outcome === 'revoke') {
        await tx.query(`UPDATE designations SET status = 'revoked', revoked_at = now(), revoke_reason = $2 WHERE id = $1`, [id, `평가 결과: ${dto.notes || dto.score}`]);
      } else if (dto.outcome === 'renew') {
        // The new term starts the day after the old one ends and, unless given, lasts as many months and years.
        const [{ id: newId }] = await tx
          .query(
            `INSERT INTO designations (school_id, type_code, office_code, term_start, term_end, renewed_from)
             SELECT school_id, type_code, office_code, term_end + 1, coalesce($2::date, (term_end + 1 + age(term_end + 1, term_start))::date - 1), id
             FROM designations WHERE id = $1 RETURNING id`,
            [id, dto.renewedTermEnd ?? null],
          )
          .catch((e) => {
            if ((e?.driverError ?? e)?.code === '23514') throw new ValidationFailedError('renewedTermEnd must be after the old term ends', [{ field: 'renewedTermEnd', reason: `after ${before.termEnd}` }]);
            throw e;
          });
        renewal = await this.get(newId, tx);
        await this.audit.record(tx, actor, { action: 'renew', entityType: 'designation', entityId: newId, schoolId: before.schoolId, after: renewal });
      }
      const after = await this.get(id, tx);
      await this.audit.record(tx, actor, { action: 'evaluate', entityType: 'designation', entityId: id, schoolId: before.schoolId, before, after: { ...after, evaluation: { id: evaluationId, ...dto } } });
      return { designation: after, evaluationId, renewal };
    });
  }

  evaluations(id: number) {
    return this.ds.query(
      `SELECT e.id, e.kind, to_char(e.evaluated_on, 'YYYY-MM-DD') AS "evaluatedOn", e.score::float, e.outcome, e.notes, coalesce(nullif(u.display_name, ''), u.email) AS "evaluatedBy"
       FROM designation_evaluations e LEFT JOIN users u ON u.id = e.evaluated_by WHERE e.designation_id = $1 ORDER BY e.evaluated_on, e.id`,
      [id],
    );
  }

  /**
   * Ends every active designation whose term ended before `today`. It sets state from the dates alone,
   * so running it twice, or again after a crash half-way, leaves the same rows.
   */
  async endExpiredTerms(today: string): Promise<number[]> {
    return this.ds.transaction(async (tx) => {
      // TypeORM answers an UPDATE with [rows, rowCount].
      const [ended]: [DesignationRow[], number] = await tx.query(
        `UPDATE designations SET status = 'ended', ended_at = now() WHERE status = 'active' AND term_end < $1::date
         RETURNING id, school_id AS "schoolId", to_char(term_end, 'YYYY-MM-DD') AS "termEnd"`,
        [today],
      );
      for (const d of ended) {
        await this.audit.record(tx, null, { action: 'term_end', entityType: 'designation', entityId: d.id, schoolId: d.schoolId, before: { status: 'active' }, after: { status: 'ended', termEnd: d.termEnd } });
      }
      return ended.map((d) => d.id);
    });
  }

  private async lockActive(tx: EntityManager, id: number, what: string): Promise<DesignationRow> {
    await tx.query(`SELECT 1 FROM designations WHERE id = $1 FOR UPDATE`, [id]);
    const row = await this.get(id, tx);
    if (row.status !== 'active') throw new ConflictError(`Cannot ${what} a designation that is ${row.status}`, [{ field: 'status', reason: row.status }], 'INVALID_STATE');
    return row;
  }
}
