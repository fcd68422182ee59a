import { ApiProperty } from '@nestjs/swagger';
import { REVIEW_KINDS, ReviewKind } from './review-rules';

/** An account's records of one kind that the privacy officer should look at. */
export class AccessReviewFlagDto {
  @ApiProperty({ enum: REVIEW_KINDS })
  kind: ReviewKind;

  actorId: string;

  @ApiProperty({ type: 'string', nullable: true })
  actorEmail: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  actorName: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  actorRole: string | null;

  /** Records behind the flag. */
  count: number;

  /** Distinct people whose data they concern. */
  subjects: number;

  @ApiProperty({ format: 'date-time' })
  firstAt: string;

  @ApiProperty({ format: 'date-time' })
  lastAt: string;

  /** Why it is flagged, in Korean. */
  detail: string;
}

/** The limits the review applied (settings). */
export class AccessReviewLimitsDto {
  /** PRIVACY_REVIEW_MANY_SUBJECTS: more distinct students read in the month is flagged. */
  manySubjects: number;

  /** PRIVACY_REASON_THRESHOLD: a download about at least this many people is flagged. */
  bulkDownload: number;
}

export class AccessReviewTotalsDto {
  /** Access records in the month. */
  records: number;

  /** Accounts with records in the month. */
  accounts: number;

  flaggedAccounts: number;

  flags: number;

  many_subjects: number;

  outside_scope: number;

  outside_hours: number;

  bulk_download: number;
}

/** The monthly review of the access log (안전성 확보조치 기준 제8조): unusual access per account. */
export class AccessReviewDto {
  /** YYYY-MM, a Seoul calendar month. */
  month: string;

  /** The month's first day. */
  @ApiProperty({ format: 'date' })
  from: string;

  /** The month's last day (included). */
  @ApiProperty({ format: 'date' })
  to: string;

  @ApiProperty({ format: 'date-time' })
  generatedAt: string;

  limits: AccessReviewLimitsDto;

  flags: AccessReviewFlagDto[];

  totals: AccessReviewTotalsDto;
}
