import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsFiniteNumber, IsId, Text } from '@app/core/http/input.decorators';
import { DISTRICT_OFFICE_CODES } from '@app/schools/district-office';

export class CreateCommunityDto {
  @ApiProperty({ example: 'AI 수업 나눔 교원 학습공동체' })
  @Text({ max: 200 })
  name: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 5000, optional: 'nullable' })
  description?: string;

  @ApiProperty({ example: 2025, description: 'school year (from March)' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear: number;

  @ApiPropertyOptional({ description: "The school of a one-school community; a principal's or teacher's is their own school. Left out by an office or the city: across schools." })
  @IsOptional()
  @IsId()
  schoolId?: number;

  @ApiPropertyOptional({ enum: DISTRICT_OFFICE_CODES, description: "For the city's cross-school community: the office whose schools it gathers (left out: all of Seoul)" })
  @IsOptional()
  @IsIn(DISTRICT_OFFICE_CODES)
  districtOffice?: string;
}

export class UpdateCommunityDto {
  @ApiPropertyOptional()
  @Text({ max: 200, optional: true })
  name?: string;

  @ApiPropertyOptional()
  @Text({ min: 0, max: 5000, optional: true })
  description?: string;
}

export class AddMembersDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'accounts of teachers or principals' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds: string[];

  @ApiPropertyOptional({ enum: ['leader', 'member'], default: 'member' })
  @IsOptional()
  @IsIn(['leader', 'member'])
  role?: 'leader' | 'member';
}

export class CreateMeetingDto {
  @ApiProperty({ example: '2025-05-14' })
  @IsISO8601({ strict: true, strictSeparator: true })
  heldOn: string;

  @ApiProperty({ example: '생성형 AI 활용 수업 설계 나눔' })
  @Text({ max: 300 })
  topic: string;

  @ApiProperty({ example: 2, description: 'hours, at most one decimal' })
  @IsFiniteNumber({ maxDecimalPlaces: 1 })
  @Min(0.5)
  @Max(24)
  hours: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'members who attended; left out: every member' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attendeeIds?: string[];
}

export class CreditHoursDto {
  @ApiProperty({ description: 'the training course (for teachers) whose completion the hours count as' })
  @IsId()
  courseId: number;
}
