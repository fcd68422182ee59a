import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiFile, PersonalData, recordPersonalData, Roles, sendXlsx, XLSX_CONTENT_TYPE } from '@app/core';
import { AccessReviewDto } from '../reviews/access-review.dto';
import { AccessReview } from '../reviews/access-review.service';
import { AccessLogPageDto, AccessLogQuery, AccessLogVerifyDto } from './access-log.dto';
import { AccessLogQueries } from './access-log-queries.service';

/** The access log and its monthly review are the privacy officer's, a city administrator. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy')
export class AccessLogController {
  constructor(
    private readonly queries: AccessLogQueries,
    private readonly reviews: AccessReview,
  ) {}

  @Get('access-log')
  @Roles('city_admin')
  @ApiOperation({ summary: '접속기록: who read, changed, downloaded or printed whose personal data, newest first; filter by account, subject and period' })
  listAccessLog(@Query() q: AccessLogQuery): Promise<AccessLogPageDto> {
    return this.queries.list(q);
  }

  @Get('access-log/verify')
  @Roles('city_admin')
  @ApiOperation({ summary: "Check the access log's hash chain: a record deleted or edited by hand is found (the same as `npm run cli -- privacy:verify-access-log`)" })
  verifyAccessLog(): Promise<AccessLogVerifyDto> {
    return this.queries.verify();
  }

  @Get('reviews/:month')
  @Roles('city_admin')
  @PersonalData<AccessReviewDto>({ action: 'read', subject: 'user', ids: (c) => c.result.flags.map((f) => f.actorId) })
  @ApiOperation({ summary: "A Seoul month's review of the access log (YYYY-MM): accounts that read many students, outside their scope or working hours, or downloaded in bulk" })
  getAccessReview(@Param('month') month: string): Promise<AccessReviewDto> {
    return this.reviews.review(month);
  }

  @Get('reviews/:month/xlsx')
  @Roles('city_admin')
  @PersonalData({ action: 'download', subject: 'user', manual: true })
  @ApiOperation({ summary: 'The same review as XLSX, as the privacy officer files it' })
  @ApiFile(XLSX_CONTENT_TYPE, '개인정보_접속기록_점검_{YYYY-MM}.xlsx')
  async downloadAccessReview(@Param('month') month: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const review = await this.reviews.review(month);
    await recordPersonalData(req, { ids: review.flags.map((f) => f.actorId) });
    await sendXlsx(reply, { filename: `개인정보_접속기록_점검_${review.month}.xlsx`, ascii: `privacy-access-review_${review.month}.xlsx` }, await this.reviews.workbook(review));
  }
}
