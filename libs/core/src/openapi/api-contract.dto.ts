import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/** One thing wrong with a request: a field, or a file's row and column. */
export class ErrorDetailDto {
  @ApiPropertyOptional({ description: 'the body, query or path field at fault (`items.2.quantity`)' })
  field?: string;

  @ApiPropertyOptional({ description: "an uploaded file's row, as a spreadsheet shows it (header = 1)" })
  row?: number;

  @ApiPropertyOptional({ description: "an uploaded file's column (its header)" })
  column?: string;

  @ApiPropertyOptional()
  reason?: string;
}

/** The one error body of the API (`components.schemas.ErrorBody`). */
@ApiSchema({ name: 'ErrorBody' })
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'stable, for programs; the route lists the codes it can give' })
  code: string;

  @ApiProperty({ example: 'Invalid input: email' })
  message: string;

  @ApiProperty({ type: [Object], description: 'what exactly is wrong: fields, or rows and columns of a file, and other facts of the error' })
  details: Record<string, unknown>[];

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
