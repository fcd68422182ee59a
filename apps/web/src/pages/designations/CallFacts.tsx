import { attachmentKindLabel, formatDate, formatMinute, formatScore, levelList } from '../../labels';
import type { DesignationCall, DistrictOffice } from '../../types';
import { PhaseBadge } from '../../components/DesignationBadges';

/** What a call is: type, term, who may apply, the window, quotas and required documents. */
export function CallFacts({ call, offices }: { call: DesignationCall; offices: DistrictOffice[] }) {
  const officeName = (code: string) => offices.find((o) => o.code === code)?.name ?? code;
  return (
    <section className="panel" aria-labelledby="call-facts-heading">
      <div className="panel-head">
        <h2 id="call-facts-heading">공모 개요</h2>
        <PhaseBadge phase={call.phase} />
      </div>
      <dl className="facts" data-testid="call-facts">
        <div>
          <dt>지정 유형</dt>
          <dd>{call.typeName}</dd>
        </div>
        <div>
          <dt>학년도</dt>
          <dd>{call.schoolYear}학년도</dd>
        </div>
        <div>
          <dt>지정 기간</dt>
          <dd>
            {formatDate(call.termStart)} ~ {formatDate(call.termEnd)}
          </dd>
        </div>
        <div>
          <dt>대상 학교급</dt>
          <dd>{levelList(call.eligibleLevels)}</dd>
        </div>
        <div>
          <dt>접수 기간</dt>
          <dd className="small-dd">
            {formatMinute(call.opensAt)} ~ {formatMinute(call.closesAt)}
          </dd>
        </div>
        <div>
          <dt>정원</dt>
          <dd>
            {call.quota}교 <span className="muted small">(지정 {call.designated}교)</span>
          </dd>
        </div>
        <div>
          <dt>필수 첨부 서류</dt>
          <dd>{call.requiredAttachments.length ? call.requiredAttachments.map(attachmentKindLabel).join(', ') : '없음'}</dd>
        </div>
        <div>
          <dt>본인 교육지원청 학교 심사</dt>
          <dd>{call.recuseOwnOffice ? '제외' : '허용'}</dd>
        </div>
      </dl>
      {call.officeQuotas.length > 0 && (
        <p className="muted small office-quotas" data-testid="office-quotas">
          교육지원청별 정원: {call.officeQuotas.map((q) => `${officeName(q.office)} ${q.quota}교`).join(', ')}
        </p>
      )}
      <CriteriaTable call={call} />
    </section>
  );
}

export function CriteriaTable({ call }: { call: DesignationCall }) {
  return (
    <div className="table-wrap criteria-table">
      <table className="table" data-testid="criteria-table">
        <caption className="table-caption">심사 기준 (환산 점수 = 점수 × 가중치)</caption>
        <thead>
          <tr>
            <th scope="col">심사 기준</th>
            <th scope="col" className="num">
              만점
            </th>
            <th scope="col" className="num">
              가중치
            </th>
            <th scope="col" className="num">
              환산 만점
            </th>
          </tr>
        </thead>
        <tbody>
          {call.criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                {c.position}. {c.name}
              </th>
              <td className="num">{formatScore(c.maxScore)}</td>
              <td className="num">{formatScore(c.weight)}</td>
              <td className="num">{formatScore(c.maxScore * c.weight)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              합계 (만점)
            </th>
            <td className="num">
              <strong>{formatScore(call.maxTotal)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
