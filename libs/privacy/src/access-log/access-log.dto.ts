import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ACCESS_ACTIONS, AccessAction, PaginationQuery, SeoulPeriodQuery } from '@app/core';

export class AccessLogQuery extends IntersectionType(PaginationQuery, SeoulPeriodQuery) {
  @ApiPropertyOptional({ description: 'the account (user id) that read or changed the data' })
  @IsOptional()
  @IsUUID()
  account?: string;

  @ApiPropertyOptional({ description: 'a subject id (a student id, a user id…): records that concern it' })
  @IsOptional()
  @Matches(/^[\w.:@-]{1,100}$/)
  subject?: string;

  @ApiPropertyOptional({ example: 'student', description: 'what the subject ids are: student, user, training_participant' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/)
  subjectType?: string;

  @ApiPropertyOptional({ enum: ACCESS_ACTIONS })
  @IsOptional()
  @IsIn(ACCESS_ACTIONS)
  action?: AccessAction;

}

/** One access record: who, when, from where, what was done to whose data, through which route. */
export class AccessLogEntryDto {
  /** The record's place in the chain (a bigint, as a string). */
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: 'string', nullable: true })
  actorId: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  actorEmail: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  actorName: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'the role when the record was written' })
  actorRole: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  clientIp: string | null;

  @ApiProperty({ enum: ACCESS_ACTIONS })
  action: AccessAction;

  subjectType: string;

  /** The subjects' ids, at most 1,000. */
  subjectIds: string[];

  /** How many subjects there were. */
  subjectCount: number;

  @ApiProperty({ type: 'integer', nullable: true })
  schoolId: number | null;

  @ApiProperty({ type: 'string', nullable: true })
  schoolName: string | null;

  /** The method and route template, e.g. `GET /api/v1/consent/students/:id/records`. */
  route: string;

  @ApiProperty({ type: 'string', nullable: true })
  requestId: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'why a large download was needed' })
  reason: string | null;
}

export class AccessLogPageDto {
  /** Newest first. */
  items: AccessLogEntryDto[];

  total: number;

  page: number;

  pageSize: number;
}

/** The hash chain checked from its first record: a record deleted or edited by hand breaks it. */
export class AccessLogVerifyDto {
  intact: boolean;

  /** Records checked. */
  checked: number;

  /** The first record whose link or hash does not match (after a deletion: the record that followed the deleted one). */
  @ApiProperty({ type: 'string', nullable: true })
  firstBrokenId: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  firstBrokenAt: string | null;
}
