import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiFileUpload, AuthUser, CurrentUser, ParseIdPipe, readUpload, ROLES, Roles, SchoolScoped } from '@app/core';
import { SchoolImportService } from './school-import.service';
import { SchoolQuery } from './school-query.dto';
import { SchoolsService } from './schools.service';
import { DistrictOfficeDto, SchoolDetailDto, SchoolImportResultDto, SchoolPageDto } from './school-responses.dto';

@ApiTags('schools')
@ApiBearerAuth()
@Controller()
export class SchoolsController {
  constructor(
    private readonly schools: SchoolsService,
    private readonly importer: SchoolImportService,
  ) {}

  @Get('schools')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Schools you may see, filtered and paged: { items, total }' })
  list(@Query() query: SchoolQuery, @CurrentUser() user: AuthUser): Promise<SchoolPageDto> {
    return this.schools.list(user, query);
  }

  @Get('schools/:id')
  @Roles(...ROLES)
  @SchoolScoped('id', 'read')
  @ApiOperation({ summary: 'One school' })
  get(@Param('id', ParseIdPipe) id: number): Promise<SchoolDetailDto> {
    return this.schools.get(id);
  }

  @Post('schools/import')
  @Roles('city_admin')
  @ApiFileUpload()
  @ApiOperation({ summary: 'Import or update schools from a NEIS schoolInfo CSV/XLSX; all or nothing' })
  async import(@Req() req: FastifyRequest, @CurrentUser() user: AuthUser): Promise<SchoolImportResultDto> {
    const { buffer, filename } = await readUpload(req);
    return this.importer.import(buffer, filename, user);
  }

  @Get('district-offices')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The 11 district offices and their districts' })
  offices(): Promise<DistrictOfficeDto[]> {
    return this.schools.districtOffices();
  }
}
