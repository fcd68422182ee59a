import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, AuthUser, CellProblem, importRejected, ParsedTable, readTable, requireHeaders } from '@app/core';
import { districtFromRoadAddress } from './district-office';
import { OUT_OF_SCOPE_NEIS_KINDS, parseSchoolLevel, SchoolLevel } from './school-level';

/** NEIS 학교기본정보 (schoolInfo) column names. */
export const NEIS_COLUMNS = {
  code: 'SD_SCHUL_CODE',
  name: 'SCHUL_NM',
  kind: 'SCHUL_KND_SC_NM',
  founding: 'FOND_SC_NM',
  address: 'ORG_RDNMA',
} as const;

interface ImportRow {
  rowNumber: number;
  neisCode: string;
  name: string;
  level: SchoolLevel;
  district: string;
  foundingType: string | null;
  roadAddress: string;
}

export interface SchoolImportResult {
  encoding: string;
  received: number;
  inserted: number;
  updated: number;
  matchedByName: number;
  skipped: { row: number; reason: string }[];
  warnings: string[];
}

@Injectable()
export class SchoolImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** All or nothing: any bad row rejects the file with every problem listed, and nothing is written. */
  async import(file: Buffer, filename: string, actor: AuthUser): Promise<SchoolImportResult> {
    const table = await readTable(file, filename);
    requireHeaders(table, [NEIS_COLUMNS.code, NEIS_COLUMNS.name, NEIS_COLUMNS.kind, NEIS_COLUMNS.address]);
    const districts = new Set<string>((await this.ds.query(`SELECT name FROM districts`)).map((r: { name: string }) => r.name));
    const { rows, skipped, problems } = validateRows(table, districts);
    if (problems.length) {
      throw importRejected(problems);
    }
    return this.ds.transaction(async (tx) => {
      // Two concurrent imports would each match the same unnumbered school; serialise them.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('schools.import'))`);
      const result = await this.apply(tx, rows);
      const summary: SchoolImportResult = { encoding: table.encoding, received: table.rows.length, ...result, skipped };
      await this.audit.record(tx, actor, { action: 'schools.import', entityType: 'school_import', entityId: filename, after: { ...summary, filename } });
      return summary;
    });
  }

  private async apply(tx: EntityManager, rows: ImportRow[]) {
    const existing: { id: number; name: string; district: string; neisCode: string | null }[] = await tx.query(
      `SELECT id, name, district, neis_code AS "neisCode" FROM schools
       WHERE neis_code = ANY($1) OR (neis_code IS NULL AND (name, district) IN (SELECT * FROM unnest($2::text[], $3::text[])))
       ORDER BY id`,
      [rows.map((r) => r.neisCode), rows.map((r) => r.name), rows.map((r) => r.district)],
    );
    const byCode = new Map(existing.filter((e) => e.neisCode).map((e) => [e.neisCode!, e.id]));
    const uncoded = new Map<string, number[]>();
    for (const e of existing.filter((x) => !x.neisCode)) {
      const key = `${e.district}/${e.name}`;
      uncoded.set(key, [...(uncoded.get(key) ?? []), e.id]);
    }
    const warnings: string[] = [];
    const updates: (ImportRow & { id: number })[] = [];
    const inserts: ImportRow[] = [];
    let matchedByName = 0;
    for (const r of rows) {
      const id = byCode.get(r.neisCode);
      if (id) {
        updates.push({ ...r, id });
        continue;
      }
      const candidates = uncoded.get(`${r.district}/${r.name}`);
      if (candidates?.length) {
        // Same name twice in a district (송례중학교 in the 284 list): the lowest id gets the code; say so.
        if (candidates.length > 1) {
          warnings.push(`row ${r.rowNumber}: ${r.name} (${r.district}) matches ${candidates.length} schools without a NEIS code (ids ${candidates.join(', ')}); gave the code to id ${candidates[0]}`);
        }
        updates.push({ ...r, id: candidates.shift()! });
        matchedByName++;
        continue;
      }
      inserts.push(r);
    }
    if (updates.length) {
      await tx.query(
        `UPDATE schools s SET neis_code = u.code, name = u.name, level = u.level, district = u.district,
                founding_type = u.founding, road_address = u.address, updated_at = now()
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS u(id, code, name, level, district, founding, address)
         WHERE s.id = u.id`,
        columns(updates, (r) => [r.id, r.neisCode, r.name, r.level, r.district, r.foundingType, r.roadAddress]),
      );
    }
    if (inserts.length) {
      await tx.query(
        `INSERT INTO schools (neis_code, name, level, district, founding_type, road_address)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
        columns(inserts, (r) => [r.neisCode, r.name, r.level, r.district, r.foundingType, r.roadAddress]),
      );
    }
    return { inserted: inserts.length, updated: updates.length, matchedByName, warnings };
  }
}

/** Row-wise checks that need no database beyond the district list. */
export function validateRows(table: ParsedTable, districts: Set<string>) {
  const problems: CellProblem[] = [];
  const skipped: { row: number; reason: string }[] = [];
  const rows: ImportRow[] = [];
  const seenCodes = new Map<string, number>();
  for (const { rowNumber: row, values } of table.rows) {
    const code = values[NEIS_COLUMNS.code]?.trim() ?? '';
    const name = values[NEIS_COLUMNS.name]?.trim() ?? '';
    const kind = values[NEIS_COLUMNS.kind]?.trim() ?? '';
    const address = values[NEIS_COLUMNS.address]?.trim() ?? '';
    const before = problems.length;
    if (OUT_OF_SCOPE_NEIS_KINDS.has(kind)) {
      skipped.push({ row, reason: `${kind} is not one of the platform's school levels` });
      continue;
    }
    if (!/^\d{7}$/.test(code)) problems.push({ row, column: NEIS_COLUMNS.code, reason: `NEIS school code must be 7 digits, got '${code}'` });
    else if (seenCodes.has(code)) problems.push({ row, column: NEIS_COLUMNS.code, reason: `duplicate of row ${seenCodes.get(code)}` });
    else seenCodes.set(code, row);
    if (!name) problems.push({ row, column: NEIS_COLUMNS.name, reason: 'school name is empty' });
    else if (name.length > 100) problems.push({ row, column: NEIS_COLUMNS.name, reason: 'school name is longer than 100 characters' });
    const level = parseSchoolLevel(kind);
    if (!level) problems.push({ row, column: NEIS_COLUMNS.kind, reason: `unknown school kind '${kind}' (expected 초등학교, 중학교, 고등학교 or 특수학교)` });
    const district = districtFromRoadAddress(address);
    if (!district || !districts.has(district)) {
      problems.push({ row, column: NEIS_COLUMNS.address, reason: `road address must start with 서울특별시 and one of the 25 districts, got '${address}'` });
    }
    if (problems.length === before) {
      rows.push({ rowNumber: row, neisCode: code, name, level: level!, district: district!, foundingType: values[NEIS_COLUMNS.founding]?.trim() || null, roadAddress: address });
    }
  }
  if (table.rows.length === 0) problems.push({ row: 2, reason: 'the file has a header but no rows' });
  return { rows, skipped, problems };
}

function columns<T>(rows: T[], pick: (r: T) => unknown[]): unknown[][] {
  const out: unknown[][] = [];
  for (const r of rows) pick(r).forEach((v, i) => (out[i] ??= []).push(v));
  return out;
}
