import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AuthService, ForbiddenError, HandlesJob, JobHandler, JobName, JobResult, seoulToday, StoredFiles, SurveyReportExportPayload, XLSX_CONTENT_TYPE } from '@app/core';
import { CampaignsService } from '../campaigns/campaigns.service';
import { GroupLevel, SurveyAggregationService } from './survey-aggregation.service';
import { surveyReportWorkbook } from './survey-report-workbook';

const LEVELS: GroupLevel[] = ['city', 'office', 'district', 'school'];

/** The report as XLSX, built for (and limited to what is visible to) the person who asked. */
@Injectable()
@JobHandler(JobName.SurveyReportExport)
export class SurveyReportExportJob implements HandlesJob<JobName.SurveyReportExport> {
  constructor(
    private readonly auth: AuthService,
    private readonly campaigns: CampaignsService,
    private readonly aggregation: SurveyAggregationService,
    private readonly files: StoredFiles,
  ) {}

  async handle(job: Job<SurveyReportExportPayload>): Promise<JobResult> {
    const { campaignId, requestedBy } = job.data;
    // Checked again here: the account may have been disabled or moved since the request.
    const viewer = await this.auth.findActive(requestedBy);
    if (!viewer) throw new ForbiddenError('The account that asked for this export is disabled');
    const campaign = await this.campaigns.get(campaignId, viewer);
    const reports = [];
    for (const level of LEVELS) reports.push(await this.aggregation.report(campaignId, level, viewer));
    const content = await surveyReportWorkbook(campaign.title, reports[0].definition, reports);
    const fileId = await this.files.saveForJob(String(job.id), {
      kind: 'survey-report',
      filename: `설문결과_${campaign.title.replace(/[\\/:*?"<>|]/g, ' ')}_${seoulToday()}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      ownerId: requestedBy,
      content,
    });
    return { fileId, summary: { bytes: content.length } };
  }
}
