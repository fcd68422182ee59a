import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobName, JobResult, PlanIndicatorSnapshotPayload } from '@app/core';
import { IndicatorSnapshots } from './indicator-snapshots.service';

/** The quarterly snapshot of the plan indicators (schedule plan-indicator-snapshot-quarterly, or run now). */
@Injectable()
@JobHandler(JobName.PlanIndicatorSnapshot)
export class PlanIndicatorSnapshotJob implements HandlesJob<JobName.PlanIndicatorSnapshot> {
  constructor(private readonly snapshots: IndicatorSnapshots) {}

  async handle(job: Job<PlanIndicatorSnapshotPayload>): Promise<JobResult> {
    return { summary: await this.snapshots.take(job.data.schoolYear, job.data.quarter) };
  }
}
