import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, NotFoundError, suppressWithin } from '@app/core';
import type { Audience } from '../campaigns/campaign-responses.dto';
import { questionsInOrder, SurveyTemplate } from '../engine';

export type GroupLevel = 'city' | 'office' | 'district' | 'school';

interface GroupFigures {
  level: GroupLevel;
  key: string;
  n: number;
  questions: Record<string, { answered: number; counts?: Record<string, number>; mean?: number | null; sd?: number | null; meanRank?: Record<string, number> }>;
}

/** Each school's answers are added into the school, its district, its office and the city. */
const LEVELS_OF_SCHOOL = `
  SELECT s.id AS school_id, x.level, x.key FROM schools s JOIN districts d ON d.name = s.district
  CROSS JOIN LATERAL (VALUES ('school', s.id::text), ('district', s.district), ('office', d.office_code), ('city', 'all')) x(level, key)`;

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * Aggregates a campaign's responses in SQL, per school, district, district office and city, and
 * stores the result as one snapshot that replaces the last: running it twice, or again after a
 * crash, gives the same snapshot.
 *
 * The answers are expanded once into per-school cells (question, value: how many chose it, how
 * many answered, the sum of ranking positions), and the cells are summed into the four levels;
 * means and SDs follow from Σx and Σx² over the values. Expanding the jsonb once matters: at
 * 500,000 responses, expanding it again per statistic and level spilled every sort to disk.
 */
@Injectable()
export class SurveyAggregationService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async recompute(campaignId: number): Promise<{ responses: number; groups: number }> {
    const [campaign] = await this.ds.query(
      `SELECT v.definition FROM survey_campaigns c JOIN survey_template_versions v ON v.id = c.template_version_id WHERE c.id = $1`,
      [campaignId],
    );
    if (!campaign) throw new NotFoundError('survey campaign', campaignId);
    const questions = questionsInOrder(campaign.definition as SurveyTemplate);
    const ids = (types: string[]) => new Set(questions.filter((q) => types.includes(q.type)).map((q) => q.id));
    const counted = ids(['single', 'multiple', 'likert5']);
    const measured = ids(['likert5', 'numeric']);
    const ranked = ids(['ranking']);
    const valued = [...new Set([...counted, ...measured, ...ranked])];

    return this.ds.transaction(async (tx) => {
      const respondents: { level: GroupLevel; key: string; n: number }[] = await tx.query(
        `WITH per_school AS (SELECT school_id, count(*) AS n FROM survey_responses WHERE campaign_id = $1 GROUP BY 1)
         SELECT l.level, l.key, sum(p.n)::int AS n FROM per_school p JOIN (${LEVELS_OF_SCHOOL}) l USING (school_id) GROUP BY 1, 2`,
        [campaignId],
      );
      // Free text is only counted as answered: its values collapse into one cell (value NULL).
      const cells: { level: GroupLevel; key: string; qid: string; value: string | null; chosen: number; answered: number; positions: string; sx: string | null; sxx: string | null }[] = await tx.query(
        `WITH cells AS (
           SELECT r.school_id, a.key AS qid, CASE WHEN a.key = ANY($2) THEN e.value END AS value,
                  count(*) AS chosen, count(*) FILTER (WHERE e.i = 1) AS answered, sum(e.i) AS positions
           FROM survey_responses r
           CROSS JOIN LATERAL jsonb_each(r.answers) a
           CROSS JOIN LATERAL jsonb_array_elements_text(CASE jsonb_typeof(a.value) WHEN 'array' THEN a.value ELSE jsonb_build_array(a.value) END) WITH ORDINALITY e(value, i)
           WHERE r.campaign_id = $1
           GROUP BY 1, 2, 3
         )
         SELECT l.level, l.key, c.qid, c.value, sum(c.chosen)::int AS chosen, sum(c.answered)::int AS answered, sum(c.positions)::text AS positions,
                sum(c.chosen * CASE WHEN c.qid = ANY($3) THEN c.value::numeric END)::text AS sx,
                sum(c.chosen * CASE WHEN c.qid = ANY($3) THEN c.value::numeric ^ 2 END)::text AS sxx
         FROM cells c JOIN (${LEVELS_OF_SCHOOL}) l USING (school_id)
         GROUP BY 1, 2, 3, 4`,
        [campaignId, valued, [...measured]],
      );
      const groups = new Map<string, GroupFigures>();
      const group = (level: GroupLevel, key: string) => {
        const id = `${level}/${key}`;
        if (!groups.has(id)) groups.set(id, { level, key, n: 0, questions: {} });
        return groups.get(id)!;
      };
      for (const r of respondents) group(r.level, r.key).n = r.n;
      const moments = new Map<string, { n: number; sx: number; sxx: number }>();
      for (const c of cells) {
        const q = (group(c.level, c.key).questions[c.qid] ??= { answered: 0 });
        q.answered += c.answered;
        if (c.value === null) continue;
        if (counted.has(c.qid)) q.counts = { ...q.counts, [c.value]: c.chosen };
        if (ranked.has(c.qid)) q.meanRank = { ...q.meanRank, [c.value]: round4(Number(c.positions) / c.chosen) };
        if (measured.has(c.qid)) {
          const id = `${c.level}/${c.key}/${c.qid}`;
          const m = moments.get(id) ?? { n: 0, sx: 0, sxx: 0 };
          moments.set(id, { n: m.n + c.chosen, sx: m.sx + Number(c.sx), sxx: m.sxx + Number(c.sxx) });
        }
      }
      for (const [id, m] of moments) {
        const [level, key, qid] = id.split('/') as [GroupLevel, string, string];
        Object.assign(group(level, key).questions[qid], {
          mean: round4(m.sx / m.n),
          sd: m.n > 1 ? round4(Math.sqrt(Math.max(0, (m.n * m.sxx - m.sx * m.sx) / (m.n * (m.n - 1))))) : null,
        });
      }
      const total = respondents.find((r) => r.level === 'city')?.n ?? 0;
      await tx.query(
        `INSERT INTO survey_snapshots (campaign_id, responses, groups) VALUES ($1, $2, $3)
         ON CONFLICT (campaign_id) DO UPDATE SET responses = EXCLUDED.responses, groups = EXCLUDED.groups, computed_at = now()`,
        [campaignId, total, JSON.stringify(sorted([...groups.values()]))],
      );
      // Closed campaigns take no more answers, so a snapshot computed after the close is the final one.
      await tx.query(`UPDATE survey_campaigns SET final_aggregated_at = now() WHERE id = $1 AND closes_at <= now()`, [campaignId]);
      return { responses: total, groups: groups.size };
    });
  }

  /**
   * The stored snapshot at one level, as the caller may see it, every group under the campaign's
   * threshold withheld. Each group carries its Korean name for tables and sheets.
   */
  async report(campaignId: number, level: GroupLevel, viewer: AuthUser) {
    const [snap] = await this.ds.query(
      `SELECT p.computed_at AS "computedAt", p.responses, p.groups, c.suppression_threshold AS threshold, c.audience, v.definition
       FROM survey_snapshots p JOIN survey_campaigns c ON c.id = p.campaign_id JOIN survey_template_versions v ON v.id = c.template_version_id
       WHERE p.campaign_id = $1`,
      [campaignId],
    );
    if (!snap) throw new NotFoundError('survey report (not computed yet) for campaign', campaignId);
    const visible = await this.visibleKeys(viewer);
    const { names, parents } = await this.hierarchy(level);
    const groups = (snap.groups as GroupFigures[])
      .filter((g) => g.level === level)
      .map((g) => ({ level: g.level, key: g.key, name: names.get(g.key) ?? g.key, n: g.n, questions: g.questions }));
    // A school-level survey is each school's own answer, meant to be seen per school: nobody is
    // singled out by it. Answers of people are suppressed among the children of one published
    // parent (schools of a district, districts of an office), for everyone alike, and only then
    // cut to what the caller may see, so two viewers cannot combine their views to undo it.
    const shown =
      snap.audience === 'school'
        ? groups.map((g) => ({ ...g, suppressed: false as const }))
        : suppressWithin(groups, (g) => parents.get(g.key) ?? 'all', snap.threshold, { keep: ['level', 'key', 'name'] as const, totalShown: level !== 'city' });
    return {
      computedAt: snap.computedAt as string,
      threshold: snap.threshold as number,
      audience: snap.audience as Audience,
      definition: snap.definition as SurveyTemplate,
      level,
      groups: shown.filter((g) => !visible || visible.has(g.key)),
    };
  }

  /** City-wide figures are for everyone surveyed; offices, districts and schools follow the school rule. */
  private async visibleKeys(user: AuthUser): Promise<Set<string> | undefined> {
    if (user.role === 'city_admin') return undefined;
    const rows: { id: number; district: string; office: string }[] = await this.ds.query(
      `SELECT s.id, s.district, d.office_code AS office FROM schools s JOIN districts d ON d.name = s.district
       WHERE ${user.role === 'district_admin' ? 'd.office_code = $1' : 's.id = $1'}`,
      [user.role === 'district_admin' ? user.districtOffice : user.schoolId],
    );
    return new Set(['all', ...rows.flatMap((r) => [String(r.id), r.district, r.office])]);
  }

  /** Korean names of the groups at a level, and the parent whose total is published beside them. */
  private async hierarchy(level: GroupLevel): Promise<{ names: Map<string, string>; parents: Map<string, string> }> {
    if (level === 'city') return { names: new Map([['all', '서울특별시 전체']]), parents: new Map() };
    const sql = {
      office: `SELECT code AS key, name, 'all' AS parent FROM district_offices`,
      district: `SELECT name AS key, name, office_code AS parent FROM districts`,
      school: `SELECT id::text AS key, name, district AS parent FROM schools`,
    }[level];
    const rows: { key: string; name: string; parent: string }[] = await this.ds.query(sql);
    return { names: new Map(rows.map((r) => [r.key, r.name])), parents: new Map(rows.map((r) => [r.key, r.parent])) };
  }
}

export type SurveyReport = Awaited<ReturnType<SurveyAggregationService['report']>>;

const LEVEL_ORDER: GroupLevel[] = ['city', 'office', 'district', 'school'];

/** A fixed order (and fixed key order inside each group) so the same responses always give the same snapshot. */
function sorted(groups: GroupFigures[]): GroupFigures[] {
  const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return groups
    .map((g) => ({
      ...g,
      questions: sortKeys(Object.fromEntries(Object.entries(g.questions).map(([k, q]) => [k, { ...q, ...(q.counts && { counts: sortKeys(q.counts) }), ...(q.meanRank && { meanRank: sortKeys(q.meanRank) }) }]))),
    }))
    .sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.key.localeCompare(b.key));
}
