/**
 * The one catalogue of background work: every queue, every job name and its payload type.
 * A payload is checked at compile time wherever a job is enqueued or handled.
 */
export enum QueueName {
  Exports = 'exports',
}

export enum JobName {
  ClassroomExport = 'classroom-export',
}

/** Every job records who asked for it, so only they (or a city admin) can see its state. */
export interface JobRequester {
  requestedBy: string;
}

export interface ClassroomExportPayload extends JobRequester {
  /** null: every district office (city admin); otherwise the requesting district office only. */
  districtOffice: string | null;
}

export interface JobPayloads {
  [JobName.ClassroomExport]: ClassroomExportPayload;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ClassroomExport]: QueueName.Exports,
};

/** What a handler returns; stored by BullMQ as the job's return value and shown by GET /jobs/:id. */
export interface JobResult {
  fileId?: string;
  summary?: Record<string, unknown>;
}

export const ALL_QUEUES = Object.values(QueueName);
export const ALL_JOB_NAMES = Object.values(JobName);
