import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsId, Text } from '@app/core/http/input.decorators';
import { COMMENDATION_STATUSES, EVIDENCE_KINDS, NOMINEE_KINDS } from '../practice-terms';

export class EvidenceDto {
  @ApiProperty({ enum: EVIDENCE_KINDS, description: 'a designation evaluation (id), a training badge (uuid), a published case (id)' })
  @IsIn(EVIDENCE_KINDS)
  kind: string;

  @ApiProperty({ example: '12' })
  @Text({ max: 64 })
  ref: string;
}

export class NominateDto {
  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ enum: NOMINEE_KINDS })
  @IsIn(NOMINEE_KINDS)
  nomineeKind: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the teacher (nomineeKind teacher)' })
  @IsOptional()
  @IsUUID()
  nomineeUserId?: string;

  @ApiPropertyOptional({ description: 'the school (nomineeKind school)' })
  @IsOptional()
  @IsId()
  nomineeSchoolId?: number;

  @ApiPropertyOptional({ description: 'the AI club (nomineeKind club)' })
  @IsOptional()
  @IsId()
  nomineeClubId?: number;

  @ApiPropertyOptional({ description: 'the learning community (nomineeKind community)' })
  @IsOptional()
  @IsId()
  nomineeCommunityId?: number;

  @ApiProperty({ example: 'AI 선도학교 운영 및 교원 연수 강사 활동으로 AI 교육 확산에 기여' })
  @Text({ max: 5000 })
  reason: string;

  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];
}

export class CommendationDecisionDto {
  @ApiProperty({ enum: ['awarded', 'declined'] })
  @IsIn(['awarded', 'declined'])
  decision: 'awarded' | 'declined';

  @ApiProperty({ example: '심사위원회 심의 결과 표창 대상으로 선정' })
  @Text({ max: 2000 })
  reason: string;

  @ApiPropertyOptional({ example: '서울특별시교육감 표창' })
  @Text({ max: 100, optional: 'nullable' })
  awardTitle?: string;
}

export class CommendationListQuery {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: COMMENDATION_STATUSES })
  @IsOptional()
  @IsIn(COMMENDATION_STATUSES)
  status?: string;
}

export class CommendationExportQuery {
  @ApiProperty({ example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}
