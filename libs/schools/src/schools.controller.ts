import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors, ApiFile, ApiFileUpload, AuthUser, CurrentUser, datedName, ParseIdPipe, readUpload, ROLES, Roles, SchoolScoped, sendXlsx, XLSX_CONTENT_TYPE } from '@app/core';
import { SchoolImportService } from './school-import.service';
import { SchoolExportQuery, SchoolQuery } from './school-query.dto';
import { schoolsWorkbook } from './schools-export';
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

  @Get('schools/export.xlsx')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The school list as XLSX, with the same filters: every matching school you may see, not one page' })
  @ApiFile(XLSX_CONTENT_TYPE, '학교_목록_{YYYY-MM-DD}.xlsx')
  @ApiErrors({ 422: ['EXPORT_TOO_LARGE'] })
  async export(@Query() query: SchoolExportQuery, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    await sendXlsx(reply, datedName('학교_목록', 'schools'), await schoolsWorkbook(await this.schools.all(user, query)));
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
