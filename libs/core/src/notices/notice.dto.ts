export class NoticeDto {
  id: string;

  /** What sent it (`survey.distributed`, `survey.reminder`, `consent.reminder`, …). */
  kind: string;

  title: string;

  body: string;

  /** A path in the web app, e.g. /surveys/campaigns/3. */
  link: string | null;

  createdAt: Date;

  readAt: Date | null;
}

/** The caller's latest notices (newest first, at most 50) and how many are unread in all. */
export class NoticeListDto {
  items: NoticeDto[];

  unread: number;
}
