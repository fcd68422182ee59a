import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, NotFoundError, suppressWithin } from '@app/core';
import { questionsInOrder, SurveyTemplate } from '../engine';

export type GroupLevel = 'city' | 'office' | 'district' | 'school';

interface GroupFigures {
  level: GroupLevel;
  key: string;
  n: number;
  questions: Record<string, { answered: number; counts?: Record<string, number>; mean?: number | null; sd?: number | null; meanRank?: Record<string, number> }>;
}

const LEVEL_OF_GROUPING: Record<number, GroupLevel> = { 0: 'school', 1: 'district', 3: 'office', 7: 'city' };
const GROUPING_SETS = `GROUPING SETS ((d.office_code, s.district, s.id), (d.office_code, s.district), (d.office_code), ())`;
const KEY = `CASE GROUPING(d.office_code, s.district, s.id) WHEN 0 THEN s.id::text WHEN 1 THEN s.district WHEN 3 THEN d.office_code ELSE 'all' END`;

/**
 * Aggregates a campaign's responses in SQL, per school, district, district office and city, and
 * stores the result as one snapshot that replaces the last: running it twice, or again after a
 * crash, gives the same snapshot.
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
    const counted = questions.filter((q) => ['single', 'multiple', 'likert5'].includes(q.type)).map((q) => q.id);
    const measured = questions.filter((q) => ['likert5', 'numeric'].includes(q.type)).map((q) => q.id);
    const ranked = questions.filter((q) => q.type === 'ranking').map((q) => q.id);
    const from = `FROM survey_responses r JOIN schools s ON s.id = r.school_id JOIN districts d ON d.name = s.district WHERE r.campaign_id = $1`;

    return this.ds.transaction(async (tx) => {
      const respondents: { g: number; key: string; n: number }[] = await tx.query(
        `SELECT GROUPING(d.office_code, s.district, s.id)::int AS g, ${KEY} AS key, count(*)::int AS n ${from} GROUP BY ${GROUPING_SETS}`,
        [campaignId],
      );
      const counts: { g: number; key: string; qid: string; value: string; n: number }[] = await tx.query(
        `SELECT GROUPING(d.office_code, s.district, s.id)::int AS g, ${KEY} AS key, a.key AS qid, e.value, count(*)::int AS n
         ${from.replace('WHERE', `CROSS JOIN LATERAL jsonb_each(r.answers) a
           CROSS JOIN LATERAL jsonb_array_elements_text(CASE jsonb_typeof(a.value) WHEN 'array' THEN a.value ELSE jsonb_build_array(a.value) END) e(value)
           WHERE a.key = ANY($2) AND`)}
         GROUP BY GROUPING SETS ((d.office_code, s.district, s.id, a.key, e.value), (d.office_code, s.district, a.key, e.value), (d.office_code, a.key, e.value), (a.key, e.value))`,
        [campaignId, counted],
      );
      const moments: { g: number; key: string; qid: string; mean: number; sd: number | null }[] = await tx.query(
        `SELECT GROUPING(d.office_code, s.district, s.id)::int AS g, ${KEY} AS key, a.key AS qid,
                round(avg((a.value #>> '{}')::numeric), 4)::float AS mean, round(stddev_samp((a.value #>> '{}')::numeric), 4)::float AS sd
         ${from.replace('WHERE', `CROSS JOIN LATERAL jsonb_each(r.answers) a WHERE a.key = ANY($2) AND`)}
         GROUP BY GROUPING SETS ((d.office_code, s.district, s.id, a.key), (d.office_code, s.district, a.key), (d.office_code, a.key), (a.key))`,
        [campaignId, measured],
      );
      const groups = new Map<string, GroupFigures>();
      const group = (g: number, key: string) => {
        const id = `${g}/${key}`;
        if (!groups.has(id)) groups.set(id, { level: LEVEL_OF_GROUPING[g], key, n: 0, questions: {} });
        return groups.get(id)!;
      };
      for (const r of respondents) group(r.g, r.key).n = r.n;
      for (const c of counts) {
        const q = (group(c.g, c.key).questions[c.qid] ??= { answered: 0, counts: {} });
        q.counts = { ...q.counts, [c.value]: c.n };
      }
      for (const m of moments) {
        const q = (group(m.g, m.key).questions[m.qid] ??= { answered: 0 });
        Object.assign(q, { mean: m.mean, sd: m.sd });
      }
      // Ranking: the mean position (1 = first) each option was given.
      const ranks: { g: number; key: string; qid: string; value: string; mean: number }[] = await tx.query(
        `SELECT GROUPING(d.office_code, s.district, s.id)::int AS g, ${KEY} AS key, a.key AS qid, e.value, round(avg(e.ord), 4)::float AS mean
         ${from.replace('WHERE', `CROSS JOIN LATERAL jsonb_each(r.answers) a CROSS JOIN LATERAL jsonb_array_elements_text(a.value) WITH ORDINALITY e(value, ord)
           WHERE a.key = ANY($2) AND jsonb_typeof(a.value) = 'array' AND`)}
         GROUP BY GROUPING SETS ((d.office_code, s.district, s.id, a.key, e.value), (d.office_code, s.district, a.key, e.value), (d.office_code, a.key, e.value), (a.key, e.value))`,
        [campaignId, ranked],
      );
      for (const r of ranks) {
        const q = (group(r.g, r.key).questions[r.qid] ??= { answered: 0 });
        q.meanRank = { ...q.meanRank, [r.value]: r.mean };
      }
      // How many respondents answered each question (a multiple choice counts once, however many ticks).
      const answered: { g: number; key: string; qid: string; n: number }[] = await tx.query(
        `SELECT GROUPING(d.office_code, s.district, s.id)::int AS g, ${KEY} AS key, a.key AS qid, count(*)::int AS n
         ${from.replace('WHERE', 'CROSS JOIN LATERAL jsonb_each(r.answers) a WHERE')}
         GROUP BY GROUPING SETS ((d.office_code, s.district, s.id, a.key), (d.office_code, s.district, a.key), (d.office_code, a.key), (a.key))`,
        [campaignId],
      );
      for (const a of answered) (group(a.g, a.key).questions[a.qid] ??= { answered: 0 }).answered = a.n;
      const total = respondents.find((r) => r.g === 7)?.n ?? 0;
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
      audience: snap.audience as string,
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
