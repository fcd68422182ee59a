import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PaginationQuery } from '@app/core';
import { DESTRUCTION_METHODS, DestructionMethod, RETENTION_CATEGORIES, RetentionCategory } from '../retention/categories';

/** What the next run would destroy at one school. */
export class DryRunSchoolDto {
  schoolId: number;
  schoolName: string;
  /** Rows the next run would destroy. */
  count: number;
  /** Rows due but kept by a legal hold. */
  held: number;
}

/** What the next run would do under one active rule. */
export class DryRunRuleDto {
  ruleId: number;

  @ApiProperty({ enum: RETENTION_CATEGORIES })
  category: RetentionCategory;

  @ApiProperty({ enum: DESTRUCTION_METHODS })
  method: DestructionMethod;

  description: string;
  keepMonths: number;
  /** The starting day the months count from (Korean). */
  basis: string;

  /** Rows whose starting day is before this Seoul date are due. */
  @ApiProperty({ format: 'date' })
  cutoff: string;

  /** False: the rule has not been approved by a city administrator, and runs skip it. */
  approved: boolean;

  /** Rows the next run would destroy (kept ones not counted). */
  total: number;
  /** Rows due but kept by a legal hold. */
  held: number;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'the earliest of the rows to destroy (their own time)' })
  periodFrom: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  periodTo: string | null;

  /** Per school (rows without a school, such as sign-in attempts for unknown addresses, count only in the totals). */
  schools: DryRunSchoolDto[];
}

export class DestructionDryRunDto {
  /** Today in Seoul: the day the figures are for. */
  @ApiProperty({ format: 'date' })
  asOf: string;

  rules: DryRunRuleDto[];
}

/** 개인정보 파기 대장: one entry per rule and run, or per category of a data subject's deletion request. */
export class DestructionRegisterEntryDto {
  id: string;
  runId: string;

  @ApiProperty({ type: 'integer', nullable: true })
  ruleId: number | null;

  @ApiProperty({ enum: RETENTION_CATEGORIES })
  category: RetentionCategory;

  @ApiProperty({ enum: DESTRUCTION_METHODS })
  method: DestructionMethod;

  /** The rule as it read when it ran. */
  ruleText: string;
  /** Rows destroyed. */
  recordCount: number;
  /** Rows due but kept by a legal hold. */
  heldCount: number;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  periodFrom: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  periodTo: string | null;

  @ApiProperty({ format: 'date' })
  cutoff: string;

  @ApiProperty({ type: 'string', nullable: true })
  approvedBy: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: "the approver's name" })
  approvedByName: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  approvedAt: string | null;

  /** A user id, or `scheduler` for the daily run. */
  executedBy: string;

  @ApiProperty({ type: 'string', nullable: true, description: "the executor's name; null for the schedule" })
  executedByName: string | null;

  @ApiProperty({ format: 'date-time' })
  executedAt: string;

  @ApiProperty({ type: 'integer', nullable: true, description: "the data subject's request carried out, if any" })
  requestId: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'access logs: the hash the remaining chain starts from' })
  chainAnchor: string | null;
}

export class DestructionRegisterPageDto {
  /** Newest first. */
  items: DestructionRegisterEntryDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class DestructionRegisterFilter {
  @ApiPropertyOptional({ enum: RETENTION_CATEGORIES })
  @IsOptional()
  @IsIn(RETENTION_CATEGORIES)
  category?: RetentionCategory;

  @ApiPropertyOptional({ description: 'one run' })
  @IsOptional()
  @IsUUID()
  runId?: string;
}

export class DestructionRegisterQuery extends IntersectionType(PaginationQuery, DestructionRegisterFilter) {}
