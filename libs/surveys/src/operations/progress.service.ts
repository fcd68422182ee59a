import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, schoolScopeSql, SqlParams } from '@app/core';
import type { SchoolLevel } from '@app/schools/school-level';
import type { CampaignProgressDto } from '../campaigns/campaign-responses.dto';

export interface SchoolProgress {
  schoolId: number;
  name: string;
  level: SchoolLevel;
  district: string;
  office: string;
  officeName: string;
  codesIssued: number;
  responses: number;
  /** responses ÷ codes issued; for a school-level survey 1 once the principal submitted. null: no codes yet. */
  rate: number | null;
  submitted: boolean;
  behind: boolean;
  lastRemindedAt: string | null;
}

interface Totals {
  schools: number;
  respondedSchools: number;
  behindSchools: number;
  codesIssued: number;
  responses: number;
  rate: number | null;
}

/**
 * Live response rates, straight from the tables (no snapshot): how many codes each school has and
 * how many came back. A school is behind when it has not submitted (school-level survey) or its
 * rate is under the campaign's reminder threshold. Counting responses per school reveals nothing
 * about what anybody answered.
 */
@Injectable()
export class SurveyProgress {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async schools(campaignId: number, actor?: AuthUser): Promise<SchoolProgress[]> {
    const p = new SqlParams();
    const id = p.add(campaignId);
    const scope = actor ? schoolScopeSql(actor, p, { schoolId: 's.id', office: 'd.office_code' }) : 'TRUE';
    return this.ds.query(
      `WITH per_school AS (
         SELECT s.id AS "schoolId", s.name, s.level, s.district, d.office_code AS office, o.name AS "officeName", o.sort_order,
                (SELECT count(*)::int FROM survey_codes k WHERE k.campaign_id = c.id AND k.school_id = s.id) AS "codesIssued",
                (SELECT count(*)::int FROM survey_responses r WHERE r.campaign_id = c.id AND r.school_id = s.id) AS responses,
                EXISTS (SELECT 1 FROM survey_school_submissions m WHERE m.campaign_id = c.id AND m.school_id = s.id) AS submitted,
                (SELECT max(created_at) FROM survey_reminders m WHERE m.campaign_id = c.id AND m.school_id = s.id) AS "lastRemindedAt",
                c.audience, c.reminder_threshold
         FROM survey_campaigns c JOIN survey_campaign_schools x ON x.campaign_id = c.id JOIN schools s ON s.id = x.school_id
         JOIN districts d ON d.name = s.district JOIN district_offices o ON o.code = d.office_code
         WHERE c.id = ${id} AND ${scope}
       )
       SELECT "schoolId", name, level, district, office, "officeName", "codesIssued", responses, submitted, "lastRemindedAt", rate,
              CASE WHEN audience = 'school' THEN NOT submitted ELSE coalesce(rate < reminder_threshold, true) END AS behind
       FROM (SELECT *, CASE WHEN audience = 'school' THEN submitted::int::float
                            WHEN "codesIssued" > 0 THEN round(responses::numeric / "codesIssued", 4)::float END AS rate FROM per_school) q
       ORDER BY sort_order, district, name, "schoolId"`,
      p.values,
    );
  }

  async progress(campaignId: number, actor: AuthUser): Promise<CampaignProgressDto> {
    const schools = await this.schools(campaignId, actor);
    const offices = new Map<string, Totals & { office: string; officeName: string }>();
    for (const s of schools) {
      if (!offices.has(s.office)) offices.set(s.office, { office: s.office, officeName: s.officeName, ...emptyTotals() });
      add(offices.get(s.office)!, s);
    }
    const totals = emptyTotals();
    schools.forEach((s) => add(totals, s));
    return { totals: finish(totals), offices: [...offices.values()].map(finish), schools };
  }
}

function emptyTotals(): Totals {
  return { schools: 0, respondedSchools: 0, behindSchools: 0, codesIssued: 0, responses: 0, rate: null };
}

function add(t: Totals, s: SchoolProgress): void {
  t.schools += 1;
  if (s.submitted || s.responses > 0) t.respondedSchools += 1;
  if (s.behind) t.behindSchools += 1;
  t.codesIssued += s.codesIssued;
  t.responses += s.responses;
}

function finish<T extends Totals>(t: T): T {
  return { ...t, rate: t.codesIssued > 0 ? Math.round((t.responses / t.codesIssued) * 10_000) / 10_000 : null };
}
