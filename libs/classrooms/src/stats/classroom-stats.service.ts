import { Injectable } from '@nestjs/common';
import { AuthUser, ReadReplica, schoolYearOf } from '@app/core';
import { MIN_FLOOR_AREA_UNITS } from '../classroom.entity';

/** The report's denominator: Seoul's schools on 2024-10-01, as the committee report states it. */
export const OFFICIAL_SCHOOL_COUNT = {
  count: 1366,
  asOf: '2024-10-01',
  source: '서울특별시교육청 인공지능 교육 지원 조례안 검토보고서: "2024.10.1.기준, 서울시 관내 학교수 1,366개, 보급률 약 20.8%"',
};

interface Group {
  key: string;
  label: string;
  classrooms: number;
  schools: number;
  neisSchools: number;
  registryComplete: boolean;
  coverage: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);

@Injectable()
export class ClassroomStatsService {
  /** Statistics may lag a moment: they read the replica when there is one (DATABASE_REPLICA_URL). */
  constructor(private readonly replica: ReadReplica) {}

  /**
   * Everything in one statement: the grouping sets share one scan of schools ⟕ classrooms. A district
   * administrator gets their own office's figures (`scope`), everyone else the city's.
   *
   * The registry holds an area's schools once the NEIS school list has been imported for it (a school
   * with a NEIS code there); until then it holds only the schools with an AI classroom, and a ratio to
   * it (`coverage`, `ofRegistry`) would read 100%, so it is null.
   */
  async stats(user?: AuthUser) {
    const office = user?.role === 'district_admin' ? user.districtOffice : null;
    const rows: { dim: string; key: string; label: string; classrooms: number; schools: number; neis: number }[] = await this.replica.query(
      `WITH base AS (
         SELECT s.id, s.level, s.district, s.neis_code, d.office_code, o.name AS office_name, o.sort_order, c.build_year, c.id AS classroom_id
         FROM schools s JOIN districts d ON d.name = s.district JOIN district_offices o ON o.code = d.office_code
         LEFT JOIN classrooms c ON c.school_id = s.id
         WHERE $1::text IS NULL OR d.office_code = $1
       )
       SELECT 'total' AS dim, 'all' AS key, '전체' AS label, count(classroom_id)::int AS classrooms, count(*)::int AS schools, count(neis_code)::int AS neis FROM base
       UNION ALL
       SELECT 'year', build_year::text, build_year::text, count(*)::int, NULL, NULL FROM base WHERE classroom_id IS NOT NULL GROUP BY build_year
       UNION ALL
       SELECT 'level', level, level, count(classroom_id)::int, count(*)::int, count(neis_code)::int FROM base GROUP BY level
       UNION ALL
       SELECT 'district', district, district, count(classroom_id)::int, count(*)::int, count(neis_code)::int FROM base GROUP BY district
       UNION ALL
       SELECT 'office', office_code, office_name, count(classroom_id)::int, count(*)::int, count(neis_code)::int FROM base GROUP BY office_code, office_name, sort_order
       ORDER BY 1, 2`,
      [office],
    );
    const [flags] = await this.replica.query(
      `SELECT count(*) FILTER (WHERE floor_area_units < $1)::int AS "areaBelowMinimum",
              count(*) FILTER (WHERE floor_area_units IS NULL)::int AS "areaUnknown",
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ai_clubs k WHERE k.school_id = c.school_id AND k.school_year = $2))::int AS "withoutClubThisYear"
       FROM classrooms c JOIN schools s ON s.id = c.school_id JOIN districts d ON d.name = s.district
       WHERE $3::text IS NULL OR d.office_code = $3`,
      [MIN_FLOOR_AREA_UNITS, schoolYearOf(), office],
    );
    const [scope]: { name: string }[] = office ? await this.replica.query(`SELECT name FROM district_offices WHERE code = $1`, [office]) : [{ name: '서울특별시' }];
    const dim = (d: string): Group[] =>
      rows
        .filter((r) => r.dim === d)
        .map((r) => ({
          key: r.key,
          label: r.label,
          classrooms: r.classrooms,
          schools: r.schools,
          neisSchools: r.neis,
          registryComplete: r.neis > 0,
          coverage: r.neis > 0 ? ratio(r.classrooms, r.schools) : null,
        }));
    const total = rows.find((r) => r.dim === 'total')!;
    const toRecord = (groups: Group[]) => Object.fromEntries(groups.map((g) => [g.key, g.classrooms]));
    const districts = dim('district');
    // Every district's schools are in the registry (none without the NEIS list).
    const registryComplete = districts.length > 0 && districts.every((g) => g.registryComplete);
    return {
      scope: { districtOffice: office, name: scope?.name ?? office ?? '서울특별시' },
      total: total.classrooms,
      byYear: toRecord(dim('year')),
      byLevel: toRecord(dim('level')),
      byDistrict: districts,
      byDistrictOffice: dim('office'),
      districtsWithClassrooms: districts.filter((g) => g.classrooms > 0).length,
      coverage: {
        classrooms: total.classrooms,
        schoolsInRegistry: total.schools,
        registryComplete,
        ofRegistry: registryComplete ? ratio(total.classrooms, total.schools) : null,
        // The report counts Seoul's schools only, not an office's.
        officialSchoolCount: office ? null : OFFICIAL_SCHOOL_COUNT.count,
        ofOfficial: office ? null : ratio(total.classrooms, OFFICIAL_SCHOOL_COUNT.count),
        officialAsOf: OFFICIAL_SCHOOL_COUNT.asOf,
        officialSource: OFFICIAL_SCHOOL_COUNT.source,
      },
      flags: { ...flags, schoolYear: schoolYearOf(), minimumFloorAreaUnits: MIN_FLOOR_AREA_UNITS },
    };
  }
}
