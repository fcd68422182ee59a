import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseIdPipe, Roles, ROLES } from '@app/core';
import { SurveyTemplatesService } from './survey-templates.service';
import { CreateTemplateDto, UpdateTemplateDto } from './template.dto';
import { SurveyTemplateDto, SurveyTemplateVersionDto } from './template-responses.dto';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys/templates')
export class SurveyTemplatesController {
  constructor(private readonly templates: SurveyTemplatesService) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: "The office's survey templates and your school's demand-survey templates" })
  listTemplates(@CurrentUser() user: AuthUser): Promise<SurveyTemplateDto[]> {
    return this.templates.list(user);
  }

  @Post()
  @Roles('city_admin', 'district_admin', 'principal')
  @ApiOperation({ summary: 'A new template (version 1); principals: demand surveys for their own school' })
  @ApiErrors({ 400: ['INVALID_TEMPLATE'], 403: ['ROLE_NOT_ALLOWED'] })
  createTemplate(@Body() dto: CreateTemplateDto, @CurrentUser() user: AuthUser): Promise<SurveyTemplateDto> {
    return this.templates.create(dto, user);
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'A template with its latest definition and every version' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  getTemplate(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<SurveyTemplateDto> {
    return this.templates.get(id, user);
  }

  @Put(':id')
  @Roles('city_admin', 'district_admin', 'principal')
  @ApiOperation({ summary: 'Edit: makes the next version if the definition changed; frozen versions stay' })
  @ApiErrors({ 400: ['INVALID_TEMPLATE'], 403: ['ROLE_NOT_ALLOWED', 'SCHOOL_OUT_OF_SCOPE'] })
  updateTemplate(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateTemplateDto, @CurrentUser() user: AuthUser): Promise<SurveyTemplateDto> {
    return this.templates.update(id, dto.definition, user);
  }

  @Get(':id/versions/:version')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One frozen version of a template' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  getTemplateVersion(@Param('id', ParseIdPipe) id: number, @Param('version', ParseIdPipe) version: number, @CurrentUser() user: AuthUser): Promise<SurveyTemplateVersionDto> {
    return this.templates.version(id, version, user);
  }
}
