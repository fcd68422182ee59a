import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildWorkbook, schoolYearOf, SheetColumn } from '@app/core';
import { SCHOOL_LEVEL_KO, SchoolLevel } from '@app/schools/school-level';
import { schoolsSheet } from '@app/schools/schools-export';
import { SchoolSummary, SUMMARY_SELECT } from '@app/schools/schools.service';
import { MIN_FLOOR_AREA_UNITS } from '../classroom.entity';

const SPACE_KO: Record<string, string> = { inquiry_play: '탐구활동·놀이 공간', problem_solving: '문제해결 공간', creativity: '창의신장 공간' };
const STATUS_KO: Record<string, string> = { planned: '계획', under_construction: '구축 중', operating: '운영 중', suspended: '운영 중지', closed: '폐쇄' };

const COLUMNS: SheetColumn[] = [
  { header: '학교명', key: 'name', width: 26 },
  { header: '학교급', key: 'level', width: 10 },
  { header: '자치구', key: 'district', width: 10 },
  { header: 'NEIS 학교코드', key: 'neisCode', width: 14 },
  { header: '구축 연도', key: 'buildYear', width: 10 },
  { header: '예산(원)', key: 'budgetKrw', width: 14 },
  { header: '면적(교실 수)', key: 'floorAreaUnits', width: 13 },
  { header: '공간 유형', key: 'spaceType', width: 18 },
  { header: '상태', key: 'status', width: 10 },
  { header: '기자재 품목 수', key: 'equipmentItems', width: 14 },
  { header: '기자재 총 수량', key: 'equipmentQuantity', width: 14 },
  { header: '올해 AI 동아리 수', key: 'clubsThisYear', width: 16 },
  { header: '확인 필요', key: 'flags', width: 30 },
];

interface ExportRow {
  officeCode: string;
  officeName: string;
  name: string;
  level: SchoolLevel;
  district: string;
  neisCode: string | null;
  buildYear: number;
  budgetKrw: string;
  floorAreaUnits: string | null;
  spaceType: string;
  status: string;
  equipmentItems: number;
  equipmentQuantity: number;
  clubsThisYear: number;
}

export const ALL_SCHOOLS_SHEET = '전체 학교';

/** The classroom inventory as a workbook: one sheet per district office, then every school with whether it has a classroom; Korean headers. */
@Injectable()
export class ClassroomExportBuilder {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async build(districtOffice: string | null, onSheet?: (done: number, total: number) => Promise<void>): Promise<Buffer> {
    const rows: ExportRow[] = await this.ds.query(
      `SELECT o.code AS "officeCode", o.name AS "officeName", s.name, s.level, s.district, s.neis_code AS "neisCode",
              c.build_year AS "buildYear", c.budget_krw AS "budgetKrw", c.floor_area_units AS "floorAreaUnits",
              c.space_type AS "spaceType", c.status,
              (SELECT count(*)::int FROM equipment_items e WHERE e.school_id = s.id) AS "equipmentItems",
              (SELECT coalesce(sum(quantity), 0)::int FROM equipment_items e WHERE e.school_id = s.id) AS "equipmentQuantity",
              (SELECT count(*)::int FROM ai_clubs k WHERE k.school_id = s.id AND k.school_year = $2) AS "clubsThisYear"
       FROM classrooms c JOIN schools s ON s.id = c.school_id
       JOIN districts d ON d.name = s.district JOIN district_offices o ON o.code = d.office_code
       WHERE ($1::text IS NULL OR o.code = $1)
       ORDER BY o.sort_order, s.district, c.build_year, s.name`,
      [districtOffice, schoolYearOf()],
    );
    const offices: { code: string; name: string }[] = await this.ds.query(
      `SELECT code, name FROM district_offices WHERE ($1::text IS NULL OR code = $1) ORDER BY sort_order`,
      [districtOffice],
    );
    // Every school of the registry in scope, with or without a classroom, as the school list shows it.
    const schools: SchoolSummary[] = await this.ds.query(`${SUMMARY_SELECT} WHERE ($1::text IS NULL OR d.office_code = $1) ORDER BY o.sort_order, s.district, s.name, s.id`, [districtOffice]);
    return buildWorkbook(
      [
        ...offices.map((office) => ({ name: office.name, columns: COLUMNS, rows: rows.filter((x) => x.officeCode === office.code).map(toSheetRow) })),
        schoolsSheet(ALL_SCHOOLS_SHEET, schools),
      ],
      onSheet,
    );
  }
}

function toSheetRow(r: ExportRow) {
  const area = r.floorAreaUnits === null ? null : Number(r.floorAreaUnits);
  const flags = [
    area === null ? '면적 미입력' : area < MIN_FLOOR_AREA_UNITS ? `면적 ${MIN_FLOOR_AREA_UNITS}실 미만` : null,
    r.clubsThisYear === 0 ? '올해 동아리 없음' : null,
  ].filter(Boolean);
  return {
    ...r,
    level: SCHOOL_LEVEL_KO[r.level],
    budgetKrw: Number(r.budgetKrw),
    floorAreaUnits: area,
    spaceType: SPACE_KO[r.spaceType] ?? r.spaceType,
    status: STATUS_KO[r.status] ?? r.status,
    flags: flags.join(', '),
  };
}
