import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsId, Text, Texts } from '@app/core/http/input.decorators';
import { GUARDIAN_RELATIONS, GuardianRelation } from './guardian-relation';

export const LEVELS = ['elementary', 'middle', 'high', 'special'] as const;
export const DECISIONS = ['granted', 'refused'] as const;
export const METHODS = ['paper_slip', 'web_link', 'other'] as const;

export class AiServiceDto {
  @ApiProperty({ example: 'ChatGPT' })
  @Text({ max: 100 })
  name: string;

  @ApiProperty({ example: 'OpenAI' })
  @Text({ max: 100 })
  provider: string;

  @ApiProperty({ example: 13 })
  @IsInt()
  @Min(0)
  @Max(25)
  minAge: number;

  @ApiProperty({ example: 18, description: "guardian consent is needed below this age by the service's terms; 0 if they need none" })
  @IsInt()
  @Min(0)
  @Max(25)
  consentUnderAge: number;

  @ApiProperty({ type: [String], example: ['계정 정보(이메일)', '입력한 대화 내용'] })
  @IsArray()
  @ArrayMaxSize(50)
  @Texts({ max: 200 })
  personalData: string[];

  @ApiProperty({ enum: LEVELS, isArray: true })
  @IsArray()
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(LEVELS, { each: true })
  allowedLevels: (typeof LEVELS)[number][];

  @ApiPropertyOptional()
  @Text({ min: 0, max: 2000, optional: 'nullable' })
  notes?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ConsentNoticeDto {
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2020)
  @Max(2100)
  schoolYear: number;

  @ApiProperty({ description: '수집·이용 목적' })
  @Text({ max: 2000 })
  purpose: string;

  @ApiProperty({ type: [String], description: '수집 항목' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Texts({ max: 200 })
  dataItems: string[];

  @ApiProperty({ description: '보유·이용 기간' })
  @Text({ max: 500 })
  retention: string;

  @ApiProperty({ description: '동의를 거부할 권리와 거부에 따른 불이익' })
  @Text({ max: 2000 })
  refusalRight: string;

  @ApiPropertyOptional({ description: 'AI-ethics guidance for students and guardians (조례 제9조); default: the office\'s standard text' })
  @Text({ max: 4000, optional: 'nullable' })
  ethicsGuidance?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; default: the end of the school year (last day of February)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validUntil?: string;
}

/** A class of a school, in bodies and query strings alike (query values arrive as text). */
export class ClassRefDto {
  @ApiProperty()
  @IsId({ query: true })
  schoolId: number;

  @ApiProperty({ description: 'year of schooling 1–12 (중2 = 8)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  grade: number;

  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  classNo: number;
}

export class StudentDto extends ClassRefDto {
  @ApiProperty({ description: "the school's own pseudonymous id; no names" })
  @Matches(/^[A-Za-z0-9_.-]{1,40}$/, { message: 'studentCode uses letters, digits, _ . - (up to 40)' })
  studentCode: string;

  @ApiPropertyOptional({ example: '2011-05', description: 'birth year and month, for age rules' })
  @IsOptional()
  @Matches(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, { message: 'birthMonth must be YYYY-MM' })
  birthMonth?: string;
}

export class ServiceRefDto {
  @ApiProperty()
  @IsId({ query: true })
  serviceId: number;
}

/** What every recorded act of a guardian names: the student, the service, who and how. */
class GuardianActDto extends ServiceRefDto {
  @ApiProperty()
  @IsId()
  studentId: number;

  @ApiProperty({ enum: GUARDIAN_RELATIONS, description: 'father (부), mother (모), legal_representative (후견인 등 그 밖의 법정대리인), other_guardian (기타 보호자); under 14 only the first three count' })
  @IsIn(GUARDIAN_RELATIONS)
  guardianRelation: GuardianRelation;

  @ApiProperty({ enum: METHODS })
  @IsIn(METHODS)
  method: (typeof METHODS)[number];
}

export class ConsentRecordDto extends GuardianActDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: (typeof DECISIONS)[number];

  @ApiPropertyOptional({ description: 'optional and minimal' })
  @Text({ max: 50, optional: 'nullable' })
  guardianName?: string;

  @ApiPropertyOptional({ description: 'optional and minimal' })
  @Text({ max: 100, optional: 'nullable' })
  guardianContact?: string;

  @ApiPropertyOptional()
  @Text({ max: 200, optional: 'nullable' })
  methodNote?: string;

  @ApiPropertyOptional({ description: 'when the guardian decided (a date or a time, not in the future); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  decidedAt?: string;
}

export class WithdrawDto extends GuardianActDto {
  @ApiPropertyOptional({ description: 'a date or a time, not before the consent and not in the future; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  withdrawnAt?: string;
}

export class LetterDto extends IntersectionType(ClassRefDto, ServiceRefDto) {
  @ApiPropertyOptional({ default: 3, description: 'days without an answer before a slip for the second guardian is made' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  secondGuardianAfterDays?: number;

  @ApiPropertyOptional({ default: 14 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  linkValidDays?: number;
}

export class GuardianAnswerDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: (typeof DECISIONS)[number];

  @ApiProperty({ enum: GUARDIAN_RELATIONS, description: 'father (부), mother (모), legal_representative (후견인 등 그 밖의 법정대리인), other_guardian (기타 보호자); under 14 only the first three count' })
  @IsIn(GUARDIAN_RELATIONS)
  guardianRelation: GuardianRelation;

  @ApiPropertyOptional()
  @Text({ max: 50, optional: 'nullable' })
  guardianName?: string;
}

class DayDto extends ServiceRefDto {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD; default today (Seoul)' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;
}

export class StudentEligibilityQuery extends DayDto {
  @ApiProperty()
  @IsId({ query: true })
  studentId: number;
}

export class ClassEligibilityQuery extends IntersectionType(ClassRefDto, DayDto) {}

export class ImportQuery extends ServiceRefDto {
  @ApiProperty()
  @IsId({ query: true })
  schoolId: number;
}

export class LettersQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsId({ query: true })
  schoolId?: number;
}
