import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { Text } from '@app/core/http/input.decorators';
import { ITEM_TYPES } from '../assessments/assessment.dto';
import type { ItemKind } from '../assessments/assessment-responses.dto';

/** One MH DIF comparison of an item (libs/literacy/src/computation/measurement.ts). */
export class LiteracyDifDto {
  @ApiProperty({ enum: ['sex', 'schoolLevel', 'districtOffice'] })
  group: 'sex' | 'schoolLevel' | 'districtOffice';
  /** Reference group: M (sex), the most frequent school level, or `others` (the rest of the city against one office). */
  reference: string;
  /** Focal group: F, another school level, or an office code. */
  focal: string;
  nReference: number;
  nFocal: number;
  /** MH D-DIF = −2.35 ln α_MH (negative: harder for the focal group); null when not computed. */
  mhDDif: number | null;
  se: number | null;
  /** ETS category A, B−, B+, C−, C+; null when not computed. */
  @ApiProperty({ enum: ['A', 'B-', 'B+', 'C-', 'C+'], nullable: true })
  ets: 'A' | 'B-' | 'B+' | 'C-' | 'C+' | null;
  /** Why not computed: dropped, polytomous, group-too-small (under 100 per group), no-variation. */
  @ApiProperty({ enum: ['dropped', 'polytomous', 'group-too-small', 'no-variation'], nullable: true })
  reason: 'dropped' | 'polytomous' | 'group-too-small' | 'no-variation' | null;
}

/** One administration of a bank item: the statistics the analysis of that assessment stored. */
export class LiteracyBankAdministrationDto {
  assessmentId: number;
  assessmentName: string;
  schoolYear: number;
  @ApiProperty({ enum: ['pilot', 'main'] })
  phase: 'pilot' | 'main';
  /** Students in the analysis. */
  n: number;
  facility: number | null;
  discrimination: number | null;
  /** Rasch / PCM difficulty (logits) of that assessment's calibration: on the common scale when the assessment is linked or is the base. */
  difficulty: number | null;
  difficultySe: number | null;
  infit: number | null;
  outfit: number | null;
  infitZ: number | null;
  outfitZ: number | null;
  fitFlag: boolean | null;
  dif: LiteracyDifDto[];
  dropped: boolean;
  /** Whether the item was an anchor held at its base value in that assessment's linked calibration. */
  anchored: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' })
  computedAt: string;
}

export class LiteracyBankItemDto {
  /** The bank id within the grade: the same id in two assessments of one grade is the same item. */
  id: string;
  grade: number;
  area: string;
  @ApiProperty({ enum: ITEM_TYPES })
  type: ItemKind;
  maxScore: number;
  /** Administrators only (every bank route is for administrators). */
  key: string[] | null;
  options: string[] | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  retiredAt: string | null;
  retiredReason: string | null;
  /** Oldest first. */
  administrations: LiteracyBankAdministrationDto[];
}

export class LiteracyBankItemListDto {
  items: LiteracyBankItemDto[];
  /** Items matching the filters (the list is cut at `limit`). */
  total: number;
}

export class RetireBankItemDto {
  @ApiProperty({ description: 'the grade (1–12) whose bank holds the item' })
  @IsInt()
  @Min(1)
  @Max(12)
  grade: number;

  @ApiProperty({ description: 'true retires the item (its history stays; new assessments may not use it); false brings it back' })
  @IsBoolean()
  retired: boolean;

  @ApiPropertyOptional()
  @Text({ max: 500, optional: true })
  reason?: string;
}
