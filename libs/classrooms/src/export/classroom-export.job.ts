import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ClassroomExportPayload, HandlesJob, JobHandler, JobName, JobResult, seoulToday, StoredFiles, XLSX_CONTENT_TYPE } from '@app/core';
import { ClassroomExportBuilder } from './classroom-export.builder';

@Injectable()
@JobHandler(JobName.ClassroomExport)
export class ClassroomExportJob implements HandlesJob<JobName.ClassroomExport> {
  constructor(
    private readonly builder: ClassroomExportBuilder,
    private readonly files: StoredFiles,
  ) {}

  async handle(job: Job<ClassroomExportPayload>): Promise<JobResult> {
    const { districtOffice, requestedBy } = job.data;
    const content = await this.builder.build(districtOffice, (done, total) => job.updateProgress(Math.round((done / total) * 90)));
    const fileId = await this.files.saveForJob(String(job.id), {
      kind: 'classroom-export',
      filename: `AI교실_현황_${districtOffice ?? '전체'}_${seoulToday()}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      ownerId: requestedBy,
      content,
    });
    await job.updateProgress(100);
    return { fileId, summary: { bytes: content.length } };
  }
}
