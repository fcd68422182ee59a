import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors, AuthService, AuthUser, CurrentUser, ForbiddenError, ParseIdPipe, PersonalData, Public, Roles, ROLES, UnauthorizedError, ValidationFailedError } from '@app/core';
import { PrivacyAnswerDto, PrivacyRequestDto, PrivacyRequestQuery } from './privacy-requests.dto';
import { GuardianMyDataDto, PrivacyRequestPageDto, PrivacyRequestViewDto } from './privacy-request-views.dto';
import { PrivacyRequests } from './privacy-requests.service';

/** What a guardian's link can meet: a wrong code (404, counted), an expired unused link, too many wrong codes. */
const LINK_ERRORS = { 404: ['NOT_FOUND'], 409: ['LINK_EXPIRED'], 429: ['TOO_MANY_REQUESTS'] };

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy')
export class PrivacyRequestsController {
  constructor(
    private readonly requests: PrivacyRequests,
    private readonly auth: AuthService,
  ) {}

  @Get('my-data/:token')
  @Public()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: "What the platform holds about the child behind a guardian's link, and the child's requests (제35조; no login)" })
  @ApiErrors(LINK_ERRORS)
  myData(@Param('token') token: string, @Req() req: FastifyRequest): Promise<GuardianMyDataDto> {
    return this.requests.guarded(req.ip, () => this.requests.myData(token));
  }

  /**
   * Public, because a guardian asks with the link they hold; school staff record a request with their bearer token
   * and a `studentId`, and the token is checked here the way the guard checks it.
   */
  @Post('requests')
  @Public()
  @ApiOperation({
    summary: 'Make a request to see, correct, delete or stop processing a student\'s data (제35–37조)',
    description: "With `token`: a guardian through their link, no login. With `studentId`: the student's school (its principal or a teacher) records a request made to it, with a bearer token.",
  })
  @ApiErrors({
    ...LINK_ERRORS,
    401: ['UNAUTHORIZED', 'INVALID_TOKEN', 'SESSION_ENDED'],
    403: ['ROLE_NOT_ALLOWED', 'PASSWORD_CHANGE_REQUIRED', 'SCHOOL_OUT_OF_SCOPE'],
  })
  async createRequest(@Body() dto: PrivacyRequestDto, @Req() req: FastifyRequest): Promise<PrivacyRequestViewDto> {
    if (dto.token !== undefined && dto.studentId !== undefined) {
      throw new ValidationFailedError('Give either the link token or a student id', [{ field: 'studentId', reason: 'not with token' }]);
    }
    if (dto.token !== undefined) {
      const token = dto.token;
      return this.requests.guarded(req.ip, () => this.requests.fromGuardian(token, dto));
    }
    return this.requests.fromSchool(dto, await this.staff(req));
  }

  @Get('requests')
  @Roles(...ROLES)
  @PersonalData<PrivacyRequestPageDto>({ action: 'read', subject: 'student', ids: (c) => studentIds(c.result.items), schoolId: (c) => oneSchool(c.result.items) })
  @ApiOperation({ summary: "Requests of the schools in the caller's scope, unanswered first by due day, with the overdue flag" })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'], 404: ['NOT_FOUND'] })
  listRequests(@Query() q: PrivacyRequestQuery, @CurrentUser() user: AuthUser): Promise<PrivacyRequestPageDto> {
    return this.requests.list(user, q);
  }

  @Get('requests/:id')
  @Roles(...ROLES)
  @PersonalData<PrivacyRequestViewDto>({ action: 'read', subject: 'student', ids: (c) => studentIds([c.result]), schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: 'One request with its answer' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  async getRequest(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<PrivacyRequestViewDto> {
    return this.requests.readable(id, user);
  }

  @Post('requests/:id/answer')
  @HttpCode(200)
  @Roles('principal', 'city_admin')
  @PersonalData<PrivacyRequestViewDto>({ action: 'change', subject: 'student', ids: (c) => studentIds([c.result]), schoolId: (c) => c.result.schoolId })
  @ApiOperation({
    summary: "The school's answer, kept with the request; a deletion answered done destroys the student's data (entered in the destruction register)",
  })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'], 409: ['REQUEST_ANSWERED', 'LEGAL_HOLD'] })
  answerRequest(@Param('id', ParseIdPipe) id: number, @Body() dto: PrivacyAnswerDto, @CurrentUser() user: AuthUser): Promise<PrivacyRequestViewDto> {
    return this.requests.answer(id, dto, user);
  }

  /** The AccessGuard's checks, for the one public route that staff also use. */
  private async staff(req: FastifyRequest): Promise<AuthUser> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedError('Give the guardian link token, or sign in as the school\'s staff');
    const user = await this.auth.authenticate(token);
    if (user.mustChangePassword) throw new ForbiddenError('Choose a new password first (POST /api/v1/auth/password)', 'PASSWORD_CHANGE_REQUIRED');
    return { ...user, requestId: String(req.id) };
  }
}

const studentIds = (items: PrivacyRequestViewDto[]): number[] => items.flatMap((r) => (r.studentId === null ? [] : [r.studentId]));

/** The school of every request listed, when they are all of one. */
function oneSchool(items: PrivacyRequestViewDto[]): number | null {
  const schools = new Set(items.map((r) => r.schoolId));
  return schools.size === 1 ? [...schools][0] : null;
}
