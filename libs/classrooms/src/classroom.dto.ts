import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsFiniteNumber, OptionalNotNull } from '@app/core/http/input.decorators';
import { CLASSROOM_STATUSES, ClassroomStatus, SPACE_TYPES, SpaceType } from './classroom.entity';

/** Fields only administrators set: they come from the programme's own records. */
export const ADMIN_ONLY_CLASSROOM_FIELDS = ['buildYear', 'budgetKrw'] as const;

export class UpdateClassroomDto {
  @ApiPropertyOptional({ description: 'Floor area in classroom units (the report requires at least 1.5)', example: 1.5 })
  @IsOptional()
  @IsFiniteNumber({ maxDecimalPlaces: 2 })
  @Min(0.1)
  @Max(20)
  floorAreaUnits?: number;

  @ApiPropertyOptional({ enum: SPACE_TYPES })
  @OptionalNotNull()
  @IsIn(SPACE_TYPES)
  spaceType?: SpaceType;

  @ApiPropertyOptional({ enum: CLASSROOM_STATUSES })
  @OptionalNotNull()
  @IsIn(CLASSROOM_STATUSES)
  status?: ClassroomStatus;

  @ApiPropertyOptional({ description: 'Admins only', minimum: 2021 })
  @OptionalNotNull()
  @IsInt()
  @Min(2021)
  @Max(2100)
  buildYear?: number;

  @ApiPropertyOptional({ description: 'KRW; admins only', example: 100000000 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10_000_000_000)
  budgetKrw?: number;
}
