import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { SeoulPeriodQuery } from '../http/seoul-period.dto';
import { Roles } from '../auth/access.decorators';
import { AuditLog } from './audit.service';
import { AuditRecordDto } from './audit-record.dto';

export class AuditQuery extends SeoulPeriodQuery {
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
