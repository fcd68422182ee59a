import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, EXPORT_MAX_ROWS, exportRows, NotFoundError, Page, ReadReplica, schoolScopeSql, SqlParams } from '@app/core';
import type { SchoolLevel } from './school-level';
import type { SchoolFilter, SchoolQuery } from './school-query.dto';

export interface SchoolSummary {
  id: number;
  name: string;
  level: SchoolLevel;
  district: string;
  districtOffice: string;
  districtOfficeName: string;
  neisCode: string | null;
  foundingType: string | null;
  roadAddress: string | null;
  hasAiClassroom: boolean;
  classroomBuildYear: number | null;
}

/** Exported so bench/ measures the very query the api runs. */
export const SUMMARY_SELECT = `
  SELECT s.id, s.name, s.level, s.district, d.office_code AS "districtOffice", o.name AS "districtOfficeName",
         s.neis_code AS "neisCode", s.founding_type AS "foundingType", s.road_address AS "roadAddress",
         (c.id IS NOT NULL) AS "hasAiClassroom", c.build_year AS "classroomBuildYear"
  FROM schools s
  JOIN districts d ON d.name = s.district
  JOIN district_offices o ON o.code = d.office_code
  LEFT JOIN classrooms c ON c.school_id = s.id`;

/** Another feature's facts about a school, shown on GET /schools/:id (e.g. its designations). */
export type SchoolDetail = (schoolId: number) => Promise<unknown>;

@Injectable()
export class SchoolsService {
  private readonly details = new Map<string, SchoolDetail>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    /** The list and its export may lag a moment (DATABASE_REPLICA_URL); one school's page reads the primary. */
    private readonly replica: ReadReplica,
  ) {}

  /** Lets a feature add to the school page without the registry depending on that feature. */
  registerDetail(key: string, detail: SchoolDetail): void {
    this.details.set(key, detail);
  }

  async list(user: AuthUser, query: SchoolQuery): Promise<Page<SchoolSummary>> {
    const p = new SqlParams();
    const where = schoolFilterSql(user, query, p);
    const limit = p.add(query.pageSize);
    const offset = p.add((query.page - 1) * query.pageSize);
    // One round trip: the window count rides along with the page.
    const rows: (SchoolSummary & { total: string })[] = await this.replica.query(
      `SELECT *, count(*) OVER () AS total FROM (${SUMMARY_SELECT} WHERE ${where}) x
       ORDER BY ${LIST_ORDER} LIMIT ${limit} OFFSET ${offset}`,
      p.values,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && query.page > 1) {
      const [{ n }] = await this.replica.query(`SELECT count(*)::int AS n FROM (${SUMMARY_SELECT} WHERE ${where}) x`, p.values.slice(0, -2));
      total = n;
    }
    return { items: rows.map(({ total: _, ...r }) => r), total, page: query.page, pageSize: query.pageSize };
  }

  /** Every school of the filtered list, in its order (the XLSX export); a 422 beyond `max`. */
  async all(user: AuthUser, filter: SchoolFilter, max = EXPORT_MAX_ROWS): Promise<SchoolSummary[]> {
    const p = new SqlParams();
    const where = schoolFilterSql(user, filter, p);
    return exportRows(await this.replica.query(`SELECT * FROM (${SUMMARY_SELECT} WHERE ${where}) x ORDER BY ${LIST_ORDER} LIMIT ${p.add(max + 1)}`, p.values), max);
  }

  async get(id: number): Promise<SchoolSummary & Record<string, unknown>> {
    const [row] = await this.ds.query(`${SUMMARY_SELECT} WHERE s.id = $1`, [id]);
    if (!row) throw new NotFoundError('school', id);
    const extra = await Promise.all([...this.details].map(async ([key, detail]) => [key, await detail(id)] as const));
    return { ...row, ...Object.fromEntries(extra) };
  }

  async districtOffices(): Promise<{ code: string; name: string; districts: string[] }[]> {
    return this.ds.query(
      `SELECT o.code, o.name, array_agg(d.name ORDER BY d.name) AS districts
       FROM district_offices o JOIN districts d ON d.office_code = o.code GROUP BY o.code, o.name, o.sort_order ORDER BY o.sort_order`,
    );
  }
}

const LIST_ORDER = 'x.name, x.id';

/** The schools a caller may see that match the list's filters, as a WHERE over SUMMARY_SELECT (the list and its export alike). */
function schoolFilterSql(user: AuthUser, filter: SchoolFilter, p: SqlParams): string {
  const where = [schoolScopeSql(user, p, { schoolId: 's.id', office: 'd.office_code' })];
  if (filter.q) where.push(`s.name ILIKE ${p.add(`%${escapeLike(filter.q.trim())}%`)}`);
  if (filter.level) where.push(`s.level = ${p.add(filter.level)}`);
  if (filter.district) where.push(`s.district = ${p.add(filter.district)}`);
  if (filter.districtOffice) where.push(`d.office_code = ${p.add(filter.districtOffice)}`);
  if (filter.hasAiClassroom !== undefined) where.push(filter.hasAiClassroom ? 'c.id IS NOT NULL' : 'c.id IS NULL');
  return where.join(' AND ');
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
