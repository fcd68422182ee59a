import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser, ConflictError, NotFoundError, rethrowConstraint, seoulDayStart, seoulWindow, ValidationFailedError } from '@app/core';
import type { CreateCallDto, CreateDesignationTypeDto } from './designation.dto';

export interface CallView {
  id: number;
  type: string;
  typeName: string;
  title: string;
  schoolYear: number;
  termStart: string;
  termEnd: string;
  eligibleLevels: string[];
  opensAt: string;
  closesAt: string;
  quota: number;
  recuseOwnOffice: boolean;
  requiredAttachments: string[];
  phase: 'upcoming' | 'open' | 'closed';
  criteria: { id: number; position: number; name: string; maxScore: number; weight: number }[];
  maxTotal: number;
  officeQuotas: { office: string; quota: number }[];
  counts: Record<string, number>;
  designated: number;
}

export const CALL_SELECT = `
  SELECT c.id, c.type_code AS type, t.name AS "typeName", c.title, c.school_year AS "schoolYear",
         to_char(c.term_start, 'YYYY-MM-DD') AS "termStart", to_char(c.term_end, 'YYYY-MM-DD') AS "termEnd",
         c.eligible_levels AS "eligibleLevels", c.opens_at AS "opensAt", c.closes_at AS "closesAt", c.quota,
         c.recuse_own_office AS "recuseOwnOffice", c.required_attachments AS "requiredAttachments",
         CASE WHEN now() < c.opens_at THEN 'upcoming' WHEN now() <= c.closes_at THEN 'open' ELSE 'closed' END AS phase,
         coalesce((SELECT json_agg(json_build_object('id', k.id, 'position', k.position, 'name', k.name,
                    'maxScore', k.max_score::float, 'weight', k.weight::float) ORDER BY k.position)
                   FROM designation_criteria k WHERE k.call_id = c.id), '[]') AS criteria,
         coalesce((SELECT sum(k.max_score * k.weight)::float FROM designation_criteria k WHERE k.call_id = c.id), 0) AS "maxTotal",
         coalesce((SELECT json_agg(json_build_object('office', q.office_code, 'quota', q.quota) ORDER BY q.office_code)
                   FROM designation_call_office_quotas q WHERE q.call_id = c.id), '[]') AS "officeQuotas",
         coalesce((SELECT json_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM designation_applications a
                   WHERE a.call_id = c.id AND a.status <> 'draft' GROUP BY status) s), '{}') AS counts,
         (SELECT count(*)::int FROM designations d WHERE d.call_id = c.id AND d.status <> 'revoked') AS designated
  FROM designation_calls c JOIN designation_types t ON t.code = c.type_code`;

@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  types(): Promise<{ code: string; name: string; description: string; builtin: boolean }[]> {
    return this.ds.query(`SELECT code, name, description, builtin FROM designation_types ORDER BY builtin DESC, name`);
  }

  async addType(dto: CreateDesignationTypeDto, actor: AuthUser) {
    return this.ds.transaction(async (tx) => {
      const [row] = await tx
        .query(`INSERT INTO designation_types (code, name, description) VALUES ($1, $2, $3) RETURNING code, name, description, builtin`, [dto.code, dto.name.trim(), dto.description ?? ''])
        .catch((e) => rethrowConstraint(e, { designation_types_pkey: { field: 'code', message: 'This code is taken' }, designation_types_name_key: { field: 'name', message: 'This name is taken' } }));
      await this.audit.record(tx, actor, { action: 'create', entityType: 'designation_type', entityId: row.code, after: row });
      return row;
    });
  }

  /** A window given as dates runs from the start of the first Seoul day to the end of the last. */
  async create(given: CreateCallDto, actor: AuthUser): Promise<CallView> {
    const dto = seoulWindow(given);
    const problems = checkCall(dto);
    if (problems.length) throw new ValidationFailedError(`Invalid call: ${problems.map((p) => p.field).join(', ')}`, problems);
    const id = await this.ds.transaction(async (tx) => {
      const [{ id }] = await tx
        .query(
          `INSERT INTO designation_calls (type_code, title, school_year, term_start, term_end, eligible_levels, opens_at, closes_at,
             quota, recuse_own_office, required_attachments, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [dto.type, dto.title.trim(), dto.schoolYear, dto.termStart, dto.termEnd, dto.eligibleLevels, dto.opensAt, dto.closesAt,
            dto.quota, dto.recuseOwnOffice ?? true, dto.requiredAttachments ?? [], actor.id],
        )
        .catch((e) => rethrowConstraint(e, { designation_calls_type_code_fkey: { field: 'type', message: `Unknown designation type '${dto.type}'` } }));
      await tx.query(
        `INSERT INTO designation_criteria (call_id, position, name, max_score, weight)
         SELECT $1, ord, name, max_score, weight FROM unnest($2::text[], $3::numeric[], $4::numeric[]) WITH ORDINALITY AS k(name, max_score, weight, ord)`,
        [id, dto.criteria.map((c) => c.name.trim()), dto.criteria.map((c) => c.maxScore), dto.criteria.map((c) => c.weight)],
      );
      if (dto.officeQuotas?.length) {
        await tx.query(
          `INSERT INTO designation_call_office_quotas (call_id, office_code, quota) SELECT $1, * FROM unnest($2::text[], $3::int[])`,
          [id, dto.officeQuotas.map((q) => q.office), dto.officeQuotas.map((q) => q.quota)],
        );
      }
      await this.audit.record(tx, actor, { action: 'create', entityType: 'designation_call', entityId: id, after: dto });
      return id as number;
    });
    return this.get(id);
  }

  async get(id: number): Promise<CallView> {
    const [row] = await this.ds.query(`${CALL_SELECT} WHERE c.id = $1`, [id]);
    if (!row) throw new NotFoundError('designation call', id);
    return row;
  }

  /** Principals see the calls their school's level may apply to, each with their own application's state. */
  async list(user: AuthUser): Promise<(CallView & { myApplication?: { id: number; status: string } | null })[]> {
    if (user.role === 'principal' || user.role === 'teacher') {
      return this.ds.query(
        `SELECT x.*, (SELECT json_build_object('id', a.id, 'status', a.status) FROM designation_applications a
                      WHERE a.call_id = x.id AND a.school_id = $1 ORDER BY (a.status = 'withdrawn'), a.id DESC LIMIT 1) AS "myApplication"
         FROM (${CALL_SELECT}) x WHERE (SELECT level FROM schools WHERE id = $1) = ANY(x."eligibleLevels")
         ORDER BY x."closesAt" DESC`,
        [user.schoolId],
      );
    }
    return this.ds.query(`SELECT * FROM (${CALL_SELECT}) x ORDER BY x."closesAt" DESC`);
  }

  /** Applicants act only inside the call's window. */
  assertOpen(call: Pick<CallView, 'phase' | 'opensAt' | 'closesAt'>, what: string): void {
    if (call.phase !== 'open') {
      throw new ConflictError(
        `${what} is only possible while the call is open (${new Date(call.opensAt).toISOString()} – ${new Date(call.closesAt).toISOString()})`,
        [{ field: 'call', reason: `call is ${call.phase}` }],
        'CALL_NOT_OPEN',
      );
    }
  }
}

function checkCall(dto: CreateCallDto): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  if (dto.termEnd <= dto.termStart) problems.push({ field: 'termEnd', reason: 'must be after termStart' });
  if (new Date(dto.closesAt) <= new Date(dto.opensAt)) problems.push({ field: 'closesAt', reason: 'must be after opensAt' });
  if (new Date(dto.closesAt) > seoulDayStart(dto.termStart)) problems.push({ field: 'closesAt', reason: 'applications must close before the term starts' });
  const offices = (dto.officeQuotas ?? []).map((q) => q.office);
  if (new Set(offices).size !== offices.length) problems.push({ field: 'officeQuotas', reason: 'an office appears twice' });
  (dto.officeQuotas ?? []).forEach((q, i) => {
    if (q.quota > dto.quota) problems.push({ field: `officeQuotas.${i}.quota`, reason: `exceeds the overall quota of ${dto.quota}` });
  });
  return problems;
}
