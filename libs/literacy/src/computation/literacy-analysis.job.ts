import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobName, JobResult, LiteracyAnalysisPayload } from '@app/core';
import { LiteracyAnalysisService } from './literacy-analysis.service';

@Injectable()
@JobHandler(JobName.LiteracyAnalysis)
export class LiteracyAnalysisJob implements HandlesJob<JobName.LiteracyAnalysis> {
  constructor(private readonly analysis: LiteracyAnalysisService) {}

  async handle(job: Job<LiteracyAnalysisPayload>): Promise<JobResult> {
    return { summary: await this.analysis.run(job.data.assessmentId, (p) => job.updateProgress(p)) };
  }
}
