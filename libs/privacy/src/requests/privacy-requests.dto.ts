import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { PaginationQuery } from '@app/core';
import { IsId, Text } from '@app/core/http/input.decorators';
import { GUARDIAN_RELATIONS } from '@app/consent';

/** 열람 (제35조), 정정·삭제 (제36조), 처리정지 (제37조). */
export const REQUEST_KINDS = ['access', 'correction', 'deletion', 'suspension'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_CHANNELS = ['guardian_link', 'school'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUEST_STATUSES = ['received', 'answered'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_OUTCOMES = ['done', 'partly_done', 'refused'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

/** A guardian (the four of the consent records), or a student of 14 or more asking at school for themselves. */
export const REQUESTER_RELATIONS = [...GUARDIAN_RELATIONS, 'student'] as const;
export type RequesterRelation = (typeof REQUESTER_RELATIONS)[number];

/**
 * A request about a student's data: from a guardian's link (`token`, no login) or recorded by the school's staff
 * (`studentId`, with their bearer token). Exactly one of the two.
 */
export class PrivacyRequestDto {
  @ApiPropertyOptional({ description: "The guardian's one-time link code (as on the consent slip); no login. Leave out when school staff record the request." })
  @ValidateIf((o: PrivacyRequestDto) => o.studentId === undefined)
  @Text({ max: 200 })
  token?: string;

  @ApiPropertyOptional({ description: 'The student, when school staff (a principal or teacher of the school) record a request made to them' })
  @ValidateIf((o: PrivacyRequestDto) => o.token === undefined)
  @IsId()
  studentId?: number;

  @ApiProperty({ enum: REQUEST_KINDS, description: 'access 열람, correction 정정, deletion 삭제, suspension 처리정지' })
  @IsIn(REQUEST_KINDS)
  kind: RequestKind;

  @ApiPropertyOptional({ description: 'What to see, correct, delete or stop; required for a correction', default: '' })
  @Text({ min: 0, max: 2000, optional: true })
  detail?: string;

  @ApiProperty({ enum: REQUESTER_RELATIONS, description: "Who asks: a guardian (father, mother, legal_representative, other_guardian) or the student" })
  @IsIn(REQUESTER_RELATIONS)
  requesterRelation: RequesterRelation;

  @ApiPropertyOptional({ type: String, nullable: true })
  @Text({ max: 50, optional: 'nullable' })
  requesterName?: string | null;
}

export class PrivacyAnswerDto {
  @ApiProperty({ enum: REQUEST_OUTCOMES, description: 'done: carried out (a deletion destroys the data now); partly_done; refused (say why, 제35조 제4항·제36조 제1항 단서·제37조 제2항)' })
  @IsIn(REQUEST_OUTCOMES)
  outcome: RequestOutcome;

  @ApiProperty({ description: 'The answer as sent to the requester, kept with the request' })
  @Text({ max: 4000 })
  answer: string;
}

export class PrivacyRequestQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;

  @ApiPropertyOptional({ enum: REQUEST_KINDS })
  @IsOptional()
  @IsIn(REQUEST_KINDS)
  kind?: RequestKind;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsId({ query: true })
  schoolId?: number;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only requests still unanswered after their due day' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}
