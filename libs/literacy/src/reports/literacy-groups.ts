import type { DataSource } from 'typeorm';
import { DEFAULT_SUPPRESSION_THRESHOLD, ReadReplica, suppressWithin } from '@app/core';

export type GroupBy = 'city' | 'office' | 'district' | 'level' | 'school' | 'class';

export interface GroupFigures {
  key: string;
  name: string;
  /** The group whose total is published beside this one (district of a school, office of a district). */
  parent: string;
  n: number;
  mean: number;
  sd: number | null;
  /** { level: count } */
  levels: Record<string, number>;
  /** { area code: mean percent } */
  areas: Record<string, number>;
}

const KEY: Record<GroupBy, { key: string; name: string; parent: string }> = {
  city: { key: `'all'`, name: `'서울특별시 전체'`, parent: `''` },
  office: { key: 'd.office_code', name: 'o.name', parent: `'all'` },
  district: { key: 's.district', name: 's.district', parent: 'd.office_code' },
  level: { key: 's.level', name: `CASE s.level WHEN 'elementary' THEN '초등학교' WHEN 'middle' THEN '중학교' WHEN 'high' THEN '고등학교' ELSE '특수학교' END`, parent: `'all'` },
  school: { key: 's.id::text', name: 's.name', parent: 's.district' },
  class: { key: `coalesce(st.class_no::text, '-')`, name: `coalesce(st.class_no || '반', '반 미지정')`, parent: 's.id::text' },
};

/**
 * Mean percent score, SD, level counts and area means per group, in SQL over the stored student
 * scores. `filter` narrows the students (a school, an office); callers suppress with `withheld`
 * before cutting the result to what a viewer may see.
 */
/** `ds`: the primary (report files, written down), or the ReadReplica (reports on screen, which may lag a moment). */
export async function groupFigures(ds: Pick<DataSource, 'query'> | ReadReplica, assessmentId: number, by: GroupBy, filter?: { schoolId?: number; office?: string }) {
  const k = KEY[by];
  const params: unknown[] = [assessmentId];
  const where = ['x.assessment_id = $1'];
  if (filter?.schoolId !== undefined) where.push(`s.id = $${params.push(filter.schoolId)}`);
  if (filter?.office !== undefined) where.push(`d.office_code = $${params.push(filter.office)}`);
  const rows: GroupFigures[] = await ds.query(
    `WITH g AS (
       SELECT ${k.key} AS key, ${k.name} AS name, ${k.parent} AS parent, x.percent, x.level, x.areas
       FROM literacy_scores x JOIN students st ON st.id = x.student_id JOIN schools s ON s.id = st.school_id
       JOIN districts d ON d.name = s.district JOIN district_offices o ON o.code = d.office_code
       WHERE ${where.join(' AND ')}
     )
     SELECT key, min(name) AS name, min(parent) AS parent, count(*)::int AS n, round(avg(percent)::numeric, 2)::float AS mean, round(stddev_samp(percent)::numeric, 2)::float AS sd,
            (SELECT jsonb_object_agg(level, c) FROM (SELECT level, count(*)::int AS c FROM g g2 WHERE g2.key = g.key AND level IS NOT NULL GROUP BY level) l) AS levels,
            (SELECT jsonb_object_agg(area, m) FROM (SELECT a.key AS area, round(avg((a.value #>> '{}')::numeric), 2)::float AS m FROM g g3, jsonb_each(g3.areas) a WHERE g3.key = g.key GROUP BY a.key) q) AS areas
     FROM g GROUP BY key ORDER BY min(name), key`,
    params,
  );
  return rows.map((r) => ({ ...r, levels: r.levels ?? {}, areas: r.areas ?? {} }));
}

/** Groups under 5 students withheld, siblings being the children of one published parent. */
export function withheld(groups: GroupFigures[]) {
  return suppressWithin<GroupFigures, 'key' | 'name'>(groups, (g) => g.parent, DEFAULT_SUPPRESSION_THRESHOLD, { keep: ['key', 'name'] });
}
