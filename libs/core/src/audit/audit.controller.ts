import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Roles } from '../auth/access.decorators';
import { AuditLog } from './audit.service';
import { AuditRecordDto } from './audit-record.dto';

export class AuditQuery {
  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @Matches(/^[a-z_]{1,50}$/)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[\w.:@-]{1,100}$/)
  entityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'account', description: 'an action, or its family (account → account.created, account.disabled, …)' })
  @IsOptional()
  @Matches(/^[a-z_.]{1,60}$/)
  action?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+09:00', description: 'from this instant on; a date alone is the start of that day in Seoul, a time without an offset is Seoul time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'before this instant; a date alone is the end of that day in Seoul (the day included)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'page backwards: records older than this id' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/)
  beforeId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('city_admin')
  @ApiOperation({ summary: 'The audit log (accounts, sign-ins, records): who did what, when; city administrators only' })
  list(@Query() q: AuditQuery): Promise<AuditRecordDto[]> {
    const { limit, beforeId, ...filter } = q;
    return this.audit.search(filter, { limit, beforeId });
  }
}
