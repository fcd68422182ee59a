import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseIdPipe, Roles } from '@app/core';
import { AnswersDto, SubmitAnswersDto } from '../respond/answers.dto';
import { SurveyDraftSavedDto } from '../respond/respond-responses.dto';
import { SurveySchoolResponseDto, SurveySchoolSubmittedDto } from './school-response.dto';
import { SchoolResponseService } from './school-response.service';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys/campaigns/:id/schools/:schoolId/response')
export class SchoolResponseController {
  constructor(private readonly responses: SchoolResponseService) {}

  @Get()
  @Roles('city_admin', 'district_admin', 'principal')
  @ApiOperation({ summary: "A school-level survey: the form, the school's draft and, once submitted, its answer" })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'], 409: ['NOT_A_SCHOOL_SURVEY'] })
  getSchoolResponse(@Param('id', ParseIdPipe) id: number, @Param('schoolId', ParseIdPipe) schoolId: number, @CurrentUser() user: AuthUser): Promise<SurveySchoolResponseDto> {
    return this.responses.get(id, schoolId, user);
  }

  @Put('draft')
  @Roles('principal')
  @ApiOperation({ summary: "Save the school's partial answer (임시 저장)" })
  @ApiErrors({ 400: ['INVALID_ANSWERS'], 403: ['SCHOOL_OUT_OF_SCOPE'], 409: ['NOT_A_SCHOOL_SURVEY', 'SURVEY_CLOSED', 'ALREADY_SUBMITTED'] })
  saveSchoolDraft(@Param('id', ParseIdPipe) id: number, @Param('schoolId', ParseIdPipe) schoolId: number, @Body() dto: AnswersDto, @CurrentUser() user: AuthUser): Promise<SurveyDraftSavedDto> {
    return this.responses.saveDraft(id, schoolId, dto.answers, user);
  }

  @Post()
  @Roles('principal')
  @HttpCode(200)
  @ApiOperation({ summary: "Submit the school's answer once; a retry with the same idempotency key returns the first result" })
  @ApiErrors({ 400: ['INVALID_ANSWERS'], 403: ['SCHOOL_OUT_OF_SCOPE'], 409: ['NOT_A_SCHOOL_SURVEY', 'SURVEY_CLOSED', 'ALREADY_SUBMITTED'] })
  submitSchoolResponse(@Param('id', ParseIdPipe) id: number, @Param('schoolId', ParseIdPipe) schoolId: number, @Body() dto: SubmitAnswersDto, @CurrentUser() user: AuthUser): Promise<SurveySchoolSubmittedDto> {
    return this.responses.submit(id, schoolId, dto.answers, dto.idempotencyKey, user);
  }
}
