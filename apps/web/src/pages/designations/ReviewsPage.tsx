import { useQuery } from '@tanstack/react-query';
import type { ReviewItem } from '../../api/models';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { EXCLUSION_LABEL, officeName } from '../../labels';
import { Link } from 'react-router';
import { officesQuery, reviewsQuery } from './queries';

/** A reviewer's work: the submitted applications of the calls they review, and which they may not score. */
export function ReviewsPage() {
  const reviews = useQuery(reviewsQuery);
  const offices = useQuery(officesQuery);
  const data = reviews.data && offices.data ? { items: reviews.data, offices: offices.data } : null;
  const error = reviews.error ?? offices.error;
  const loading = reviews.isFetching || offices.isFetching;
  const calls = data ? [...new Map(data.items.map((i) => [i.callId, i.callTitle])).entries()] : [];

  return (
    <div className="page">
      <div className="page-head">
        <h1>심사</h1>
        <p className="muted">
          심사위원으로 배정된 공모의 제출된 신청서입니다. 본인 교육지원청 학교와 이해충돌(회피)을 신고한 신청서는 채점할 수 없습니다.
        </p>
      </div>
      <ErrorMessage error={error} title="심사 목록을 불러오지 못했습니다." />
      {loading && !data && <Loading />}
      {data && data.items.length === 0 && (
        <section className="panel">
          <p className="empty">배정된 심사가 없습니다.</p>
        </section>
      )}
      {calls.map(([callId, title]) => {
        const items = data!.items.filter((i) => i.callId === callId);
        const scorable = items.filter((i) => !i.excludedBecause);
        const done = scorable.filter((i) => i.criteriaTotal > 0 && i.criteriaScored >= i.criteriaTotal).length;
        return (
          <section key={callId} className="panel" aria-labelledby={`review-call-${callId}`} data-testid={`review-call-${callId}`}>
            <div className="panel-head">
              <div>
                <h2 id={`review-call-${callId}`}>{title}</h2>
                <p className="muted small">
                  채점 대상 {scorable.length}건 중 {done}건 완료 · 심사 제외 {items.length - scorable.length}건
                </p>
              </div>
              <Link to={`/designations/calls/${callId}`} className="button button-ghost">
                공모·순위 보기
              </Link>
            </div>
            <DataTable testId="review-table" caption={`${title} 심사 대상`} columns={['학교명', '교육지원청', '채점', '심사']}>
              {items.map((item) => (
                <ReviewRow key={item.applicationId} item={item} officeName={officeName(data?.offices, item.districtOffice)} />
              ))}
            </DataTable>
          </section>
        );
      })}
    </div>
  );
}

function ReviewRow({ item, officeName }: { item: ReviewItem; officeName: string }) {
  const excluded = item.excludedBecause;
  const complete = item.criteriaTotal > 0 && item.criteriaScored >= item.criteriaTotal;
  return (
    <tr data-testid={`review-row-${item.applicationId}`} className={excluded ? 'is-disabled' : undefined} aria-disabled={excluded ? true : undefined}>
      <th scope="row">{item.schoolName}</th>
      <td>{officeName}</td>
      <td>
        {excluded ? (
          <span className="muted">-</span>
        ) : complete ? (
          <span className="badge badge-ok">채점 완료</span>
        ) : item.criteriaScored > 0 ? (
          <span className="badge badge-warning">
            일부 채점 {item.criteriaScored}/{item.criteriaTotal}
          </span>
        ) : (
          <span className="badge">미채점</span>
        )}
      </td>
      <td>
        {excluded ? (
          <span className="excluded" data-testid="review-excluded">
            <button type="button" className="button button-small" disabled>
              채점 불가
            </button>{' '}
            <span className="badge">심사 제외: {EXCLUSION_LABEL[excluded] ?? excluded}</span>
          </span>
        ) : (
          <Link to={`/designations/reviews/${item.applicationId}`} className="button button-small button-primary" aria-label={`${item.schoolName} 채점하기`}>
            {complete ? '점수 고치기' : '채점하기'}
          </Link>
        )}
      </td>
    </tr>
  );
}
