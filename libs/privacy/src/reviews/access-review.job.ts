import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobName, JobResult, PrivacyReviewPayload, seoulToday, StoredFiles, XLSX_CONTENT_TYPE } from '@app/core';
import { AccessReview } from './access-review.service';
import { previousMonth } from './review-rules';

/**
 * The monthly review as a workbook in stored_files (scheduled on the 1st for the month before);
 * keyed by job id, so a retry replaces its file. Only city administrators may download it
 * (GET /files/:id: the file has no owner).
 */
@Injectable()
@JobHandler(JobName.PrivacyReview)
export class AccessReviewJob implements HandlesJob<JobName.PrivacyReview> {
  constructor(
    private readonly reviews: AccessReview,
    private readonly files: StoredFiles,
  ) {}

  async handle(job: Job<PrivacyReviewPayload>): Promise<JobResult> {
    const month = job.data.month ?? previousMonth(seoulToday());
    const review = await this.reviews.review(month);
    const content = await this.reviews.workbook(review);
    const fileId = await this.files.saveForJob(String(job.id), {
      kind: 'privacy-review',
      filename: `개인정보_접속기록_점검_${month}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      ownerId: null,
      content,
    });
    return { fileId, summary: { month, records: review.totals.records, flags: review.totals.flags, flaggedAccounts: review.totals.flaggedAccounts } };
  }
}
