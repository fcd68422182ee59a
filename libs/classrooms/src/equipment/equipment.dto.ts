import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { EQUIPMENT_CATEGORIES, EQUIPMENT_CONDITIONS, EquipmentCategory, EquipmentCondition } from './equipment-item.entity';

export class CreateEquipmentDto {
  @ApiProperty({ enum: EQUIPMENT_CATEGORIES })
  @IsIn(EQUIPMENT_CATEGORIES)
  category: EquipmentCategory;

  @ApiProperty({ example: '햄스터 로봇' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ minimum: 1, example: 20 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity: number;

  @ApiProperty({ description: 'Unique within the school', example: 'AI-2021-001' })
  @IsString()
  @Length(1, 60)
  assetTag: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  serialNumber?: string | null;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10, { message: 'purchaseDate must be YYYY-MM-DD' })
  purchaseDate?: string | null;

  @ApiPropertyOptional({ description: 'KRW' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000_000)
  costKrw?: number | null;

  @ApiPropertyOptional({ enum: EQUIPMENT_CONDITIONS, default: 'good' })
  @IsOptional()
  @IsIn(EQUIPMENT_CONDITIONS)
  condition?: EquipmentCondition;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10, { message: 'lastAuditDate must be YYYY-MM-DD' })
  lastAuditDate?: string | null;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Length(10, 10, { message: 'nextAuditDate must be YYYY-MM-DD' })
  nextAuditDate?: string | null;
}

export class UpdateEquipmentDto extends PartialType(CreateEquipmentDto) {}
