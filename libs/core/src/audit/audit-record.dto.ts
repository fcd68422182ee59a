import { ApiJsonValue } from '../openapi/api-decorators';

export class AuditChangeDto {
  field: string;

  @ApiJsonValue({ description: 'the value before', nullable: true })
  from: unknown;

  @ApiJsonValue({ description: 'the value after', nullable: true })
  to: unknown;
}

/** One entry of the audit log: who did what to which record, when, with the record before and after. */
export class AuditRecordDto {
  id: string;

  at: string;

  actorId: string | null;

  actorEmail: string | null;

  /** The actor's display name (Korean name), shown wherever an actor is shown. */
  actorName: string | null;

  /** The actor's role when they acted; null for the system. */
  actorRole: string | null;

  /** `account.created`, `classroom.updated`, `sign_in.failed`, … */
  action: string;

  entityType: string;

  entityId: string;

  schoolId: number | null;

  @ApiJsonValue({ description: 'the record before the change (null for a creation)', nullable: true })
  before: unknown;

  @ApiJsonValue({ description: 'the record after the change', nullable: true })
  after: unknown;

  changes: AuditChangeDto[];
}
