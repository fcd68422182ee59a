import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Length, Max, Min } from 'class-validator';
import { OptionalNotNull, Text } from '@app/core/http/input.decorators';
import { EQUIPMENT_CATEGORIES, EQUIPMENT_CONDITIONS, EquipmentCategory, EquipmentCondition } from './equipment-item.entity';

export class CreateEquipmentDto {
  @ApiProperty({ enum: EQUIPMENT_CATEGORIES })
  @IsIn(EQUIPMENT_CATEGORIES)
  category: EquipmentCategory;

  @ApiProperty({ example: '햄스터 로봇' })
  @Text({ max: 200 })
  name: string;

  @ApiProperty({ minimum: 1, example: 20 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;

  @ApiProperty({ description: 'Unique within the school', example: 'AI-2021-001' })
  @Text({ max: 60 })
  assetTag: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes it' })
  @Text({ min: 0, max: 100, optional: 'nullable' })
  serialNumber?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10, { message: 'purchaseDate must be YYYY-MM-DD' })
  purchaseDate?: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'KRW' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000_000)
  costKrw?: number | null;

  @ApiPropertyOptional({ enum: EQUIPMENT_CONDITIONS, default: 'good' })
  @OptionalNotNull()
  @IsIn(EQUIPMENT_CONDITIONS)
  condition?: EquipmentCondition;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10, { message: 'lastAuditDate must be YYYY-MM-DD' })
  lastAuditDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10, { message: 'nextAuditDate must be YYYY-MM-DD' })
  nextAuditDate?: string | null;
}

/**
 * Every field optional. Null clears serial number, purchase date, cost and audit dates; category,
 * name, quantity, asset tag and condition are NOT NULL columns, so they are declared here rather
 * than through PartialType, whose @IsOptional() would let null through to the database.
 */
export class UpdateEquipmentDto extends PartialType(PickType(CreateEquipmentDto, ['serialNumber', 'purchaseDate', 'costKrw', 'lastAuditDate', 'nextAuditDate'] as const)) {
  @ApiPropertyOptional({ enum: EQUIPMENT_CATEGORIES })
  @OptionalNotNull()
  @IsIn(EQUIPMENT_CATEGORIES)
  category?: EquipmentCategory;

  @ApiPropertyOptional({ example: '햄스터 로봇' })
  @Text({ max: 200, optional: true })
  name?: string;

  @ApiPropertyOptional({ minimum: 1, example: 20 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity?: number;

  @ApiPropertyOptional({ description: 'Unique within the school', example: 'AI-2021-001' })
  @Text({ max: 60, optional: true })
  assetTag?: string;

  @ApiPropertyOptional({ enum: EQUIPMENT_CONDITIONS })
  @OptionalNotNull()
  @IsIn(EQUIPMENT_CONDITIONS)
  condition?: EquipmentCondition;
}
