import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '@app/core';
import { AnswersDto, SubmitAnswersDto } from './answers.dto';
import { SurveyDraftSavedDto, SurveyRespondFormDto, SurveySubmittedResponseDto } from './respond-responses.dto';
import { RespondService } from './respond.service';

/** Respondents have no account: the one-time code in the path is the only credential. */
@ApiTags('surveys')
@Controller('surveys/respond/:code')
export class RespondController {
  constructor(private readonly respond: RespondService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The form (frozen template version) and any saved draft' })
  @ApiErrors({ 404: ['NOT_FOUND'], 409: ['CODE_USED'], 429: ['TOO_MANY_REQUESTS'] })
  async openForm(@Param('code') code: string, @Req() req: FastifyRequest): Promise<SurveyRespondFormDto> {
    return this.respond.guarded(req.ip, () => this.respond.form(code));
  }

  @Put('draft')
  @Public()
  @ApiOperation({ summary: 'Save a partial answer to resume later' })
  @ApiErrors({ 400: ['INVALID_ANSWERS'], 404: ['NOT_FOUND'], 409: ['CODE_USED', 'SURVEY_CLOSED'], 429: ['TOO_MANY_REQUESTS'] })
  async saveDraft(@Param('code') code: string, @Body() dto: AnswersDto, @Req() req: FastifyRequest): Promise<SurveyDraftSavedDto> {
    return this.respond.guarded(req.ip, () => this.respond.saveDraft(code, dto.answers));
  }

  @Post('submit')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit once; answers are checked against the frozen version (types, ranges, required, conditions)' })
  @ApiErrors({ 400: ['INVALID_ANSWERS'], 404: ['NOT_FOUND'], 409: ['CODE_USED', 'SURVEY_CLOSED'], 429: ['TOO_MANY_REQUESTS'] })
  async submitAnswers(@Param('code') code: string, @Body() dto: SubmitAnswersDto, @Req() req: FastifyRequest): Promise<SurveySubmittedResponseDto> {
    return this.respond.guarded(req.ip, () => this.respond.submit(code, dto.answers, dto.idempotencyKey));
  }
}
