import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ErrorDetail } from '../errors/app-error';


/** The one error body of the API (`components.schemas.ErrorBody`). */
@ApiSchema({ name: 'ErrorBody' })
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'stable, for programs; the route lists the codes it can give' })
  code: string;

  @ApiProperty({ example: 'Invalid input: email' })
  message: string;

  @ApiProperty({
    type: 'array',
    description: 'what exactly is wrong: fields, or rows and columns of a file, and other facts of the error',
    items: {
      type: 'object',
      // Some errors give facts of their own instead or as well (retryAfterSeconds, the resource and id not found,
      // the password rule, the missing attachment kind).
      additionalProperties: true,
      properties: {
        field: { type: 'string', description: 'the body, query or path field at fault (nested: items.0.name)' },
        row: { type: 'integer', description: 'the row of an uploaded file, the header being row 1' },
        column: { type: 'string', description: "the column of an uploaded file, by its header" },
        reason: { type: 'string' },
        resource: { type: 'string', description: 'NOT_FOUND: what was looked for' },
        id: { type: 'string', description: 'NOT_FOUND: by which id' },
        kind: { type: 'string', description: 'ATTACHMENTS_MISSING: the missing attachment kind' },
        rule: { type: 'string', description: 'WEAK_PASSWORD: the password rule that failed; ACCOUNT_OUT_OF_REACH: the delegation rule' },
        retryAfterSeconds: { type: 'integer', description: 'TOO_MANY_REQUESTS: how long to wait (also the Retry-After header)' },
      },
    },
  })
  details: ErrorDetail[];

  @ApiProperty({ example: '7b1c…', description: 'the request id, also in the x-request-id header' })
  requestId: string;
}

/** What a route that starts background work answers (202). */
export class JobAcceptedDto {
  @ApiProperty({ description: 'GET /api/v1/jobs/{id} follows it' })
  jobId: string;

  @ApiProperty({ enum: ['queued', 'pending'], description: 'queued: in the queue; pending: committed, handed to the queue as soon as Redis answers' })
  state: 'queued' | 'pending';

  @ApiProperty({ description: 'true when the request joined a job already waiting for the same thing' })
  deduplicated: boolean;

  @ApiPropertyOptional()
  statusUrl?: string;
}
