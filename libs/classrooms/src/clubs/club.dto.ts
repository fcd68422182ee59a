import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';

export class CreateClubDto {
  @ApiProperty({ example: 2026, description: 'School year (starts 1 March)' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear: number;

  @ApiProperty({ example: 'AI 탐험대' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ minimum: 0, example: 15 })
  @IsInt()
  @Min(0)
  @Max(2000)
  members: number;
}

export class UpdateClubDto extends PartialType(CreateClubDto) {}
