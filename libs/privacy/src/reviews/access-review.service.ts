import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, buildWorkbook, SEOUL_TIME_ZONE, ValidationFailedError } from '@app/core';
import type { AccessReviewDto } from './access-review.dto';
import { isMonth, KindStats, monthRange, REVIEW_KIND_KO, REVIEW_KINDS, ReviewKind, reviewFlags, WORK_HOURS } from './review-rules';

const ROLE_KO: Record<string, string> = { city_admin: '교육청 관리자', district_admin: '교육지원청 관리자', principal: '학교장', teacher: '교사' };

/**
 * The month's access records counted per account and kind in one SQL pass. A record of a school
 * (school_id) is outside the account's scope when it is not the account's own school (principals,
 * teachers) or not a school of its own office (district admins), by the account as it is now.
 */
@Injectable()
export class AccessReview {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  async review(month: string): Promise<AccessReviewDto> {
    if (!isMonth(month)) throw new ValidationFailedError('month must be YYYY-MM', [{ field: 'month', reason: 'a month as YYYY-MM' }]);
    const { firstDay, lastDay, from, to } = monthRange(month);
    const limits = { manySubjects: this.config.privacyReviewManySubjects, bulkDownload: this.config.privacyReasonThreshold };
    const stats: KindStats[] = await this.ds.query(
      `WITH r AS (
         SELECT l.id, l.at, l.actor_id, l.actor_role, l.action, l.subject_type, l.subject_ids, l.subject_count, l.school_id,
                l.at AT TIME ZONE '${SEOUL_TIME_ZONE}' AS local, u.school_id AS own_school, u.district_office_code AS own_office, d.office_code AS office
         FROM access_log l
         LEFT JOIN users u ON u.id = l.actor_id
         LEFT JOIN schools s ON s.id = l.school_id LEFT JOIN districts d ON d.name = s.district
         WHERE l.at >= $1 AND l.at < $2 AND l.actor_id IS NOT NULL
       ), marked AS (
         SELECT r.*, k.kind FROM r CROSS JOIN LATERAL (VALUES
           ('many_subjects', r.subject_type = 'student' AND r.action <> 'change'),
           ('outside_scope', r.school_id IS NOT NULL AND CASE
              WHEN r.actor_role IN ('principal', 'teacher') THEN r.school_id IS DISTINCT FROM r.own_school
              WHEN r.actor_role = 'district_admin' THEN r.office IS DISTINCT FROM r.own_office
              ELSE false END),
           ('outside_hours', extract(isodow FROM r.local) >= 6 OR extract(hour FROM r.local) < $3 OR extract(hour FROM r.local) >= $4),
           ('bulk_download', r.action = 'download' AND r.subject_count >= $5)
         ) AS k(kind, hit)
         WHERE k.hit
       )
       SELECT m.kind, m.actor_id AS "actorId", u.email AS "actorEmail", u.display_name AS "actorName", coalesce(u.role, max(m.actor_role)) AS "actorRole",
              count(DISTINCT m.id)::int AS records,
              greatest(count(DISTINCT m.subject_type || ':' || sid), max(m.subject_count))::int AS subjects,
              count(DISTINCT m.school_id)::int AS schools, max(m.subject_count)::int AS largest,
              min(m.at) AS "firstAt", max(m.at) AS "lastAt"
       FROM marked m LEFT JOIN LATERAL unnest(m.subject_ids) AS sid ON true LEFT JOIN users u ON u.id = m.actor_id
       GROUP BY m.kind, m.actor_id, u.email, u.display_name, u.role`,
      [from.toISOString(), to.toISOString(), WORK_HOURS.start, WORK_HOURS.end, limits.bulkDownload],
    );
    const [totals] = await this.ds.query(
      `SELECT count(*)::int AS records, count(DISTINCT actor_id)::int AS accounts FROM access_log WHERE at >= $1 AND at < $2`,
      [from.toISOString(), to.toISOString()],
    );
    const flags = reviewFlags(stats.map((s) => ({ ...s, firstAt: new Date(s.firstAt).toISOString(), lastAt: new Date(s.lastAt).toISOString() })), limits);
    const byKind = Object.fromEntries(REVIEW_KINDS.map((k) => [k, flags.filter((f) => f.kind === k).length])) as Record<ReviewKind, number>;
    return {
      month,
      from: firstDay,
      to: lastDay,
      generatedAt: new Date().toISOString(),
      limits,
      flags,
      totals: { records: totals.records, accounts: totals.accounts, flaggedAccounts: new Set(flags.map((f) => f.actorId)).size, flags: flags.length, ...byKind },
    };
  }

  /** The review as the privacy officer files it: the flags, and a summary with the rules applied. */
  async workbook(review: AccessReviewDto): Promise<Buffer> {
    const t = review.totals;
    return buildWorkbook([
      {
        name: '점검 결과',
        columns: [
          { header: '유형', key: 'kind', width: 18 }, { header: '이메일', key: 'actorEmail', width: 28 }, { header: '이름', key: 'actorName', width: 12 },
          { header: '역할', key: 'actorRole', width: 16 }, { header: '건수', key: 'count', width: 8 }, { header: '대상 수', key: 'subjects', width: 9 },
          { header: '처음', key: 'firstAt', width: 18, format: 'datetime' }, { header: '마지막', key: 'lastAt', width: 18, format: 'datetime' },
          { header: '내용', key: 'detail', width: 70 },
        ],
        rows: review.flags.map((f) => ({ ...f, kind: REVIEW_KIND_KO[f.kind], actorRole: ROLE_KO[f.actorRole ?? ''] ?? f.actorRole ?? '' })),
      },
      {
        name: '요약',
        columns: [{ header: '항목', key: 'label', width: 36 }, { header: '값', key: 'value', width: 24 }],
        rows: [
          { label: '점검 기간', value: `${review.from} ~ ${review.to}` },
          { label: '작성 시각', value: review.generatedAt },
          { label: '접속기록', value: t.records },
          { label: '기록된 계정', value: t.accounts },
          { label: '확인할 계정', value: t.flaggedAccounts },
          ...REVIEW_KINDS.map((k) => ({ label: REVIEW_KIND_KO[k], value: t[k] })),
          { label: '많은 학생 조회 기준(명 초과)', value: review.limits.manySubjects },
          { label: '대량 내려받기 기준(명 이상)', value: review.limits.bulkDownload },
          { label: '업무 시간', value: `평일 ${String(WORK_HOURS.start).padStart(2, '0')}:00–${WORK_HOURS.end}:00 (서울 시각, 공휴일 제외 안 함)` },
        ],
      },
    ]);
  }
}
