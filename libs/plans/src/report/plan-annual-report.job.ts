import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobName, JobResult, PlanAnnualReportPayload } from '@app/core';
import { AnnualReportBuilder } from './annual-report.builder';

@Injectable()
@JobHandler(JobName.PlanAnnualReport)
export class PlanAnnualReportJob implements HandlesJob<JobName.PlanAnnualReport> {
  constructor(private readonly builder: AnnualReportBuilder) {}

  async handle(job: Job<PlanAnnualReportPayload>): Promise<JobResult> {
    const { planId, schoolYear, requestedBy } = job.data;
    const r = await this.builder.build(planId, schoolYear, String(job.id), requestedBy, (p) => job.updateProgress(p));
    return { fileId: r.xlsxFileId, summary: { htmlFileId: r.htmlFileId, htmlUrl: `/api/v1/plans/${planId}/years/${schoolYear}/report.html`, tasks: r.tasks, indicators: r.indicators, snapshotQuarter: r.snapshotQuarter } };
  }
}
