import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobName, JobResult, LiteracyReportsPayload } from '@app/core';
import { LiteracyReportBuilder } from './literacy-report-builder.service';

@Injectable()
@JobHandler(JobName.LiteracyReports)
export class LiteracyReportsJob implements HandlesJob<JobName.LiteracyReports> {
  constructor(private readonly builder: LiteracyReportBuilder) {}

  async handle(job: Job<LiteracyReportsPayload>): Promise<JobResult> {
    return { summary: await this.builder.buildAll(job.data.assessmentId, String(job.id), (p) => job.updateProgress(p)) };
  }
}
