import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { AccessReview } from '../../api/models/privacyOffice';
import { privacyOfficeUrls as privacyUrls } from '../../api/privacyOffice';
import { DataTable, num } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { formatSeoulMinute, roleLabel } from '../../labels';
import { listUrl, useListQuery } from '../../listQuery';
import { PrivacyLayout } from './PrivacyLayout';
import { count, currentSeoulMonth, flagKindLabel, monthText, previousSeoulMonth, privacyPaths } from './privacyLabels';
import { privacyQueries } from './privacyQueries';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * 월간 점검 (안전성 확보조치 기준 제8조 ②: 월 1회 이상): a Seoul month's access log looked over per
 * account: many students read, outside the account's school or office, outside working hours, bulk
 * downloads. The previous month by default; its XLSX is what the officer files.
 */
export function ReviewPage() {
  const { filters, apply } = useListQuery(privacyPaths.review, ['month'] as const);
  const month = MONTH.test(filters.month) ? filters.month : previousSeoulMonth();
  const review = useQuery(privacyQueries.review(month));

  return (
    <PrivacyLayout
      title="월간 점검"
      lead="한 달의 접속기록에서 점검이 필요한 계정을 찾습니다(다수 학생 조회, 소속 밖 조회, 근무 시간 외 조회, 대량 다운로드). 기본은 지난달입니다."
      actions={<DownloadButton url={privacyUrls.reviewXlsx(month)} label="XLSX 내려받기" filename={`개인정보_접속기록_점검_${month}.xlsx`} testId="review-xlsx" />}
    >
      <form className="panel filters privacy-month" role="search" aria-label="월간 점검 조회" onSubmit={(e) => e.preventDefault()}>
        <InputField
          id="review-month"
          label="점검 월"
          type="month"
          value={month}
          max={currentSeoulMonth()}
          onChange={(e) => MONTH.test(e.target.value) && apply({ month: e.target.value })}
          required
        />
      </form>
      <section className="panel" aria-labelledby="review-heading" aria-busy={review.isFetching}>
        <h2 id="review-heading">{monthText(month)} 점검 결과</h2>
        <ErrorMessage error={review.error} title="월간 점검 결과를 불러오지 못했습니다." />
        {review.isPending && <Loading />}
        {review.data && <ReviewResult review={review.data} />}
      </section>
    </PrivacyLayout>
  );
}

function ReviewResult({ review }: { review: AccessReview }) {
  const t = review.totals;
  return (
    <>
      <p className="muted" data-testid="review-totals">
        접속기록 {count(t.records)}건 · 계정 {count(t.accounts)}개 · 점검 대상 계정 {count(t.flaggedAccounts)}개(항목 {count(t.flags)}건) · 기준: 한 달 학생 {count(review.limits.manySubjects)}명 초과 조회, {count(review.limits.bulkDownload)}명 이상 파일 다운로드
      </p>
      {review.flags.length === 0 ? (
        <p className="empty" data-testid="review-empty">
          점검이 필요한 항목이 없습니다.
        </p>
      ) : (
        <DataTable testId="review-flags" caption={`${monthText(review.month)} 접속기록 점검 항목`} columns={['유형', '계정', num('건수'), num('정보주체 수'), '처음', '마지막', '내용', '']}>
          {review.flags.map((f) => (
            <tr key={`${f.kind}-${f.actorId}`} data-testid="review-flag" data-kind={f.kind}>
              <td>
                <span className="badge badge-warning">{flagKindLabel(f.kind)}</span>
              </td>
              <td>
                {f.actorName ?? f.actorEmail ?? f.actorId}
                {f.actorEmail && f.actorName && <span className="small muted block">{f.actorEmail}</span>}
                {f.actorRole && <span className="small muted block">{roleLabel(f.actorRole)}</span>}
              </td>
              <td className="num">{count(f.count)}</td>
              <td className="num">{count(f.subjects)}</td>
              <td className="nowrap">{formatSeoulMinute(f.firstAt)}</td>
              <td className="nowrap">{formatSeoulMinute(f.lastAt)}</td>
              <td className="small">{f.detail}</td>
              <td>
                <Link className="button button-small" to={listUrl(privacyPaths.accessLog, { account: f.actorId, from: review.from, to: review.to })} aria-label={`${f.actorName ?? f.actorEmail ?? '계정'}의 ${monthText(review.month)} 기록 보기`}>
                  기록 보기
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
