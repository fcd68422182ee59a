import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Notices } from '@app/core';
import { SurveyProgress } from './progress.service';

/**
 * Reminds the principals of schools that are behind in open campaigns. A school is reminded at
 * most once a day per campaign (the survey_reminders key), so the daily schedule and an admin's
 * extra request on the same day do not nag twice.
 */
@Injectable()
export class SurveyReminders {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly progress: SurveyProgress,
    private readonly notices: Notices,
  ) {}

  async remind(day: string, campaignId?: number, office?: string): Promise<{ campaigns: number; schools: number; notices: number }> {
    const campaigns: { id: number; title: string; audience: string; closesAt: string }[] = await this.ds.query(
      `SELECT id, title, audience, closes_at AS "closesAt" FROM survey_campaigns
       WHERE now() >= opens_at AND now() < closes_at ${campaignId ? 'AND id = $1' : ''} ORDER BY id`,
      campaignId ? [campaignId] : [],
    );
    let schools = 0;
    let notices = 0;
    for (const c of campaigns) {
      const behind = (await this.progress.schools(c.id)).filter((s) => s.behind && (!office || s.office === office));
      if (!behind.length) continue;
      await this.ds.transaction(async (tx) => {
        const fresh: { school_id: number }[] = await tx.query(
          `INSERT INTO survey_reminders (campaign_id, school_id, day, reason)
           SELECT $1, t.school_id, $2, t.reason FROM unnest($3::int[], $4::text[]) AS t(school_id, reason)
           ON CONFLICT DO NOTHING RETURNING school_id`,
          [c.id, day, behind.map((s) => s.schoolId), behind.map((s) => (c.audience === 'school' ? 'not_submitted' : s.rate === null ? 'no_codes' : 'low_rate'))],
        );
        schools += fresh.length;
        notices += await this.notices.toPrincipals(tx, fresh.map((r) => r.school_id), {
          kind: 'survey_reminder',
          title: `설문 응답 독려: ${c.title}`,
          body: c.audience === 'school' ? '학교 응답이 아직 제출되지 않았습니다.' : '응답률이 목표에 미치지 못했습니다. 응답 코드 배부와 응답 참여를 독려해 주십시오.',
          link: `/surveys/campaigns/${c.id}`,
          dedupeKey: `survey-remind:${c.id}:${day}`,
        });
      });
    }
    return { campaigns: campaigns.length, schools, notices };
  }
}
