import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { koreanDateTime, NotFoundError, Notices } from '@app/core';
import { CodeBatches } from '../campaigns/code-batches.service';

/**
 * When a campaign opens: codes for every target school (if the campaign sets a number) and a
 * notice to each school's principal. Safe to run twice or after a crash: the campaign row is
 * locked, each school gets at most one distribution batch, notices are keyed per campaign, and
 * `distributed_at` is set in the same transaction.
 */
@Injectable()
export class SurveyDistribution {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly batches: CodeBatches,
    private readonly notices: Notices,
  ) {}

  async distribute(campaignId: number): Promise<{ schools: number; codes: number; notices: number; alreadyDone: boolean }> {
    return this.ds.transaction(async (tx) => {
      const [c] = await tx.query(
        `SELECT id, title, audience, codes_per_school AS "codesPerSchool", closes_at AS "closesAt", distributed_at AS "distributedAt"
         FROM survey_campaigns WHERE id = $1 FOR UPDATE`,
        [campaignId],
      );
      if (!c) throw new NotFoundError('survey campaign', campaignId);
      if (c.distributedAt) return { schools: 0, codes: 0, notices: 0, alreadyDone: true };
      const schools: { schoolId: number }[] = await tx.query(
        `SELECT x.school_id AS "schoolId" FROM survey_campaign_schools x
         WHERE x.campaign_id = $1 AND NOT EXISTS (SELECT 1 FROM survey_code_batches b WHERE b.campaign_id = x.campaign_id AND b.school_id = x.school_id AND b.source = 'distribution')
         ORDER BY x.school_id`,
        [campaignId],
      );
      let codes = 0;
      if (c.audience !== 'school' && c.codesPerSchool > 0) {
        for (const { schoolId } of schools) {
          await this.batches.create(tx, campaignId, schoolId, c.codesPerSchool, 'distribution', null);
          codes += c.codesPerSchool;
        }
      }
      const all: { school_id: number }[] = await tx.query(`SELECT school_id FROM survey_campaign_schools WHERE campaign_id = $1`, [campaignId]);
      const closes = koreanDateTime(c.closesAt);
      const notices = await this.notices.toPrincipals(tx, all.map((r) => r.school_id), {
        kind: 'survey_open',
        title: `설문이 시작되었습니다: ${c.title}`,
        body:
          c.audience === 'school'
            ? `학교장께서 학교를 대표하여 ${closes}까지 응답해 주십시오.`
            : `응답 코드를 인쇄하여 배부해 주십시오${c.codesPerSchool > 0 ? ` (학교별 ${c.codesPerSchool}개 발급됨)` : ''}. 마감: ${closes}`,
        link: `/surveys/campaigns/${campaignId}`,
        dedupeKey: `survey-open:${campaignId}`,
      });
      await tx.query(`UPDATE survey_campaigns SET distributed_at = now() WHERE id = $1`, [campaignId]);
      return { schools: all.length, codes, notices, alreadyDone: false };
    });
  }
}
