import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseIdPipe, Roles, ROLES } from '@app/core';
import { SurveyTemplatesService } from './survey-templates.service';
import { CreateTemplateDto, UpdateTemplateDto } from './template.dto';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys/templates')
export class SurveyTemplatesController {
  constructor(private readonly templates: SurveyTemplatesService) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: "The office's survey templates and your school's demand-survey templates" })
  list(@CurrentUser() user: AuthUser) {
    return this.templates.list(user);
  }

  @Post()
  @Roles('city_admin', 'district_admin', 'principal')
  @ApiOperation({ summary: 'A new template (version 1); principals: demand surveys for their own school' })
  create(@Body() dto: CreateTemplateDto, @CurrentUser() user: AuthUser) {
    return this.templates.create(dto, user);
  }

  @Get(':id')
  @Roles(...ROLES)
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.templates.get(id, user);
  }

  @Put(':id')
  @Roles('city_admin', 'district_admin', 'principal')
  @ApiOperation({ summary: 'Edit: makes the next version if the definition changed; frozen versions stay' })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateTemplateDto, @CurrentUser() user: AuthUser) {
    return this.templates.update(id, dto.definition, user);
  }

  @Get(':id/versions/:version')
  @Roles(...ROLES)
  version(@Param('id', ParseIdPipe) id: number, @Param('version', ParseIdPipe) version: number, @CurrentUser() user: AuthUser) {
    return this.templates.version(id, version, user);
  }
}
