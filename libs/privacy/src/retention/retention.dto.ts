import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import { IsId, OptionalNotNull, Text } from '@app/core/http/input.decorators';
import { DESTRUCTION_METHODS, DestructionMethod, RETENTION_CATEGORIES, RetentionCategory } from './categories';

export class CreateRetentionRuleDto {
  @ApiProperty({ enum: RETENTION_CATEGORIES })
  @IsIn(RETENTION_CATEGORIES)
  category: RetentionCategory;

  @ApiProperty({ description: 'What is destroyed, as the register and the privacy policy show it (Korean)' })
  @Text({ max: 500 })
  description: string;

  @ApiProperty({ minimum: 0, maximum: 1200, description: "Months kept after the category's starting day" })
  @IsInt()
  @Min(0)
  @Max(1200)
  keepMonths: number;

  @ApiProperty({ enum: DESTRUCTION_METHODS, description: 'delete, or anonymize (what identifies a person goes, the figures stay); each category knows one' })
  @IsIn(DESTRUCTION_METHODS)
  method: DestructionMethod;

  @ApiPropertyOptional({ description: 'The law or notice the period comes from', default: '' })
  @Text({ min: 0, max: 500, optional: true })
  legalBasis?: string;
}

/** A change approves the rule as it then reads; an empty body approves it unchanged. */
export class UpdateRetentionRuleDto {
  @ApiPropertyOptional()
  @Text({ max: 500, optional: true })
  description?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1200 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1200)
  keepMonths?: number;

  @ApiPropertyOptional({ enum: DESTRUCTION_METHODS })
  @OptionalNotNull()
  @IsIn(DESTRUCTION_METHODS)
  method?: DestructionMethod;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 500, optional: true })
  legalBasis?: string;

  @ApiPropertyOptional({ description: 'false retires the rule (a new one for the category may then be created); true brings it back' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class RetentionRuleDto {
  id: number;

  @ApiProperty({ enum: RETENTION_CATEGORIES })
  category: RetentionCategory;

  /** The category's name (Korean). */
  categoryName: string;
  /** The starting day the months count from (Korean), fixed per category. */
  basis: string;
  description: string;
  keepMonths: number;

  @ApiProperty({ enum: DESTRUCTION_METHODS })
  method: DestructionMethod;

  legalBasis: string;
  active: boolean;

  @ApiProperty({ type: 'string', nullable: true, description: 'who approved the rule as it reads; null: never approved (runs skip it)' })
  approvedBy: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  approvedByName: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  approvedAt: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  updatedBy: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  updatedByName: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class RetentionRuleListDto {
  /** Active rules first, in the categories' order. */
  items: RetentionRuleDto[];
}

export class CreateLegalHoldDto {
  @ApiPropertyOptional({ description: 'a school (exactly one of schoolId and studentId)' })
  @OptionalNotNull()
  @IsId()
  schoolId?: number;

  @ApiPropertyOptional({ description: 'a student of the roster' })
  @OptionalNotNull()
  @IsId()
  studentId?: number;

  @ApiProperty({ description: 'Why the data must be kept: a dispute, an audit, an investigation' })
  @Text({ max: 1000 })
  reason: string;
}

export class LegalHoldDto {
  id: number;

  @ApiProperty({ type: 'integer', nullable: true })
  schoolId: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: "the school's name, or the student's school's" })
  schoolName: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  studentId: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: "the school's own pseudonymous id of the student" })
  studentCode: string | null;

  reason: string;

  @ApiProperty({ type: 'string', nullable: true })
  setBy: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  setByName: string | null;

  @ApiProperty({ format: 'date-time' })
  setAt: string;

  @ApiProperty({ type: 'string', nullable: true })
  releasedBy: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  releasedByName: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  releasedAt: string | null;

  /** True until released. */
  active: boolean;
}

export class LegalHoldListDto {
  /** Active holds first, newest first. */
  items: LegalHoldDto[];
}
