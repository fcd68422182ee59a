import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QueueName } from './job-catalogue';

export class JobResultDto {
  /** A file the job built: GET /api/v1/files/{fileId}. */
  fileId?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "the job's own figures (counts, what it changed)" })
  summary?: Record<string, unknown>;
}

/** A background job as GET /api/v1/jobs/{id} shows it. */
export class JobDto {
  id: string;

  /** The job's name in the catalogue (`classroom-export`, `badge-issuance`, …). */
  name: string;

  @ApiProperty({ enum: Object.values(QueueName) })
  queue: QueueName;

  @ApiProperty({
    enum: ['pending', 'queued', 'waiting', 'waiting-children', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'unknown'],
    description: 'pending: committed, waiting for Redis; queued: handed to the queue; then BullMQ\'s states',
  })
  state: string;

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'object', additionalProperties: true }], description: 'a percentage, or the job\'s own counts' })
  progress: unknown;

  attemptsMade: number;

  createdAt: string;

  finishedAt: string | null;

  failedReason: string | null;

  result: JobResultDto | null;

  /** The account that started it; null for scheduled jobs. */
  requestedBy: string | null;

  /** Once completed with a file: where to download it. */
  downloadUrl: string | null;
}
