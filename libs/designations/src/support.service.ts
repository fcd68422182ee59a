import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser, ValidationFailedError } from '@app/core';
import type { SupportDto } from './designation.dto';

/** 제5조 ②: the ledger of budget and staff granted, and how it splits between designated and other schools. */
@Injectable()
export class SupportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async grant(dto: SupportDto, actor: AuthUser) {
    const problems: { field: string; reason: string }[] = [];
    if (dto.kind === 'budget' && !dto.amountKrw) problems.push({ field: 'amountKrw', reason: 'required for budget support' });
    if (dto.kind === 'budget' && dto.staffCount) problems.push({ field: 'staffCount', reason: 'only for staff support' });
    if (dto.kind === 'staff' && !dto.staffCount) problems.push({ field: 'staffCount', reason: 'required for staff support' });
    if (dto.kind === 'staff' && dto.amountKrw) problems.push({ field: 'amountKrw', reason: 'only for budget support' });
    if (dto.designationId) {
      const [d] = await this.ds.query(`SELECT school_id FROM designations WHERE id = $1`, [dto.designationId]);
      if (!d) problems.push({ field: 'designationId', reason: 'no such designation' });
      else if (d.school_id !== dto.schoolId) problems.push({ field: 'designationId', reason: 'belongs to another school' });
    }
    const [school] = await this.ds.query(`SELECT 1 FROM schools WHERE id = $1`, [dto.schoolId]);
    if (!school) problems.push({ field: 'schoolId', reason: 'no such school' });
    if (problems.length) throw new ValidationFailedError('Invalid support entry', problems);
    return this.ds.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO designation_support (school_id, designation_id, kind, amount_krw, staff_count, description, granted_on, granted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id, school_id AS "schoolId", designation_id AS "designationId", kind, amount_krw::float AS "amountKrw",
                   staff_count::float AS "staffCount", description, to_char(granted_on, 'YYYY-MM-DD') AS "grantedOn"`,
        [dto.schoolId, dto.designationId ?? null, dto.kind, dto.amountKrw ?? null, dto.staffCount ?? null, dto.description ?? '', dto.grantedOn, actor.id],
      );
      await this.audit.record(tx, actor, { action: 'grant', entityType: 'designation_support', entityId: row.id, schoolId: dto.schoolId, after: row });
      return row;
    });
  }

  list(schoolId?: number) {
    return this.ds.query(
      `SELECT g.id, g.school_id AS "schoolId", s.name AS "schoolName", g.designation_id AS "designationId", g.kind,
              g.amount_krw::float AS "amountKrw", g.staff_count::float AS "staffCount", g.description,
              to_char(g.granted_on, 'YYYY-MM-DD') AS "grantedOn"
       FROM designation_support g JOIN schools s ON s.id = g.school_id
       WHERE ($1::int IS NULL OR g.school_id = $1) ORDER BY g.granted_on DESC, g.id DESC`,
      [schoolId ?? null],
    );
  }

  /** Support per designation type, per district office, and designated vs. not designated schools (in a school year). */
  async report(schoolYear: number) {
    const params = [schoolYear];
    const inYear = `g.granted_on >= make_date($1::int, 3, 1) AND g.granted_on < make_date($1::int + 1, 3, 1)`;
    const byType = await this.ds.query(
      `SELECT coalesce(t.code, 'none') AS type, coalesce(t.name, '지정 없음') AS "typeName", count(DISTINCT g.school_id)::int AS schools,
              coalesce(sum(g.amount_krw), 0)::float AS "budgetKrw", coalesce(sum(g.staff_count), 0)::float AS staff
       FROM designation_support g LEFT JOIN designations d ON d.id = g.designation_id LEFT JOIN designation_types t ON t.code = d.type_code
       WHERE ${inYear} GROUP BY 1, 2 ORDER BY 1`,
      params,
    );
    const byOffice = await this.ds.query(
      `SELECT o.code AS office, o.name AS "officeName", count(DISTINCT g.school_id)::int AS schools,
              coalesce(sum(g.amount_krw), 0)::float AS "budgetKrw", coalesce(sum(g.staff_count), 0)::float AS staff
       FROM district_offices o JOIN districts x ON x.office_code = o.code JOIN schools s ON s.district = x.name
       JOIN designation_support g ON g.school_id = s.id AND ${inYear}
       GROUP BY o.code, o.name, o.sort_order ORDER BY o.sort_order`,
      params,
    );
    // Every school in the registry, grouped by whether it held a designation during the year.
    const designatedVsNot = await this.ds.query(
      `WITH flagged AS (
         SELECT s.id, EXISTS (SELECT 1 FROM designations d WHERE d.school_id = s.id AND d.status <> 'revoked'
                   AND d.term_start < make_date($1::int + 1, 3, 1) AND d.term_end >= make_date($1::int, 3, 1)) AS designated
         FROM schools s
       )
       SELECT f.designated, count(DISTINCT f.id)::int AS schools, count(DISTINCT g.school_id)::int AS "schoolsSupported",
              coalesce(sum(g.amount_krw), 0)::float AS "budgetKrw", coalesce(sum(g.staff_count), 0)::float AS staff,
              round(coalesce(sum(g.amount_krw), 0) / count(DISTINCT f.id))::float AS "budgetKrwPerSchool"
       FROM flagged f LEFT JOIN designation_support g ON g.school_id = f.id AND ${inYear}
       GROUP BY f.designated ORDER BY f.designated DESC`,
      params,
    );
    return { schoolYear, byType, byOffice, designatedVsNot };
  }
}
