import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalNotNull, Text } from '@app/core/http/input.decorators';

export class CreateClubDto {
  @ApiProperty({ example: 2026, description: 'School year (starts 1 March)' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear: number;

  @ApiProperty({ example: 'AI 탐험대' })
  @Text({ max: 100 })
  name: string;

  @ApiProperty({ minimum: 0, example: 15 })
  @IsInt()
  @Min(0)
  @Max(2000)
  members: number;
}

/** Every field optional, none null (NOT NULL columns): not a PartialType, whose @IsOptional() lets null through. */
export class UpdateClubDto {
  @ApiPropertyOptional({ example: 2026 })
  @OptionalNotNull()
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear?: number;

  @ApiPropertyOptional({ example: 'AI 탐험대' })
  @Text({ max: 100, optional: true })
  name?: string;

  @ApiPropertyOptional({ minimum: 0, example: 15 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(2000)
  members?: number;
}
