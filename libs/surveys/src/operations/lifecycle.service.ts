import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, JobQueue, SCHEDULER } from '@app/core';

/**
 * The periodic sweep: campaigns whose opening has passed but were not distributed (e.g. scheduled
 * ahead, or created while Redis was down) get their distribution job, and campaigns that have
 * closed get their final aggregation. Both jobs are deduplicated per campaign and idempotent.
 */
@Injectable()
export class SurveyLifecycle {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  async sweep(): Promise<{ distribute: number[]; aggregate: number[] }> {
    const due: { id: number; action: 'distribute' | 'aggregate' }[] = await this.ds.query(
      `SELECT id, 'distribute' AS action FROM survey_campaigns WHERE distributed_at IS NULL AND opens_at <= now()
       UNION ALL
       SELECT id, 'aggregate' FROM survey_campaigns WHERE final_aggregated_at IS NULL AND closes_at <= now()
       ORDER BY id`,
    );
    for (const d of due) {
      const name = d.action === 'distribute' ? JobName.SurveyDistribute : JobName.SurveyAggregate;
      await this.jobs.enqueue(name, { requestedBy: SCHEDULER, campaignId: d.id }, { dedupeKey: String(d.id) });
    }
    return {
      distribute: due.filter((d) => d.action === 'distribute').map((d) => d.id),
      aggregate: due.filter((d) => d.action === 'aggregate').map((d) => d.id),
    };
  }
}
