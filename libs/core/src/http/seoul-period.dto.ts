import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** A period of a log's records: days are Seoul days, a time without an offset is Seoul time (seoulInstant). */
export class SeoulPeriodQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'from this instant on; a date alone is the start of that day in Seoul, a time without an offset is Seoul time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'before this instant; a date alone is the end of that day in Seoul (the day included)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
