import type { DesignationCall, DistrictOffice } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { PhaseBadge } from '../../components/DesignationBadges';
import { Fact } from '../../components/Fact';
import { attachmentKindLabel, formatDateTime, formatScore, formatTerm, levelList, officeName } from '../../labels';

/** What a call is: type, term, who may apply, the window, quotas and required documents. */
export function CallFacts({ call, offices }: { call: DesignationCall; offices: DistrictOffice[] }) {
  return (
    <section className="panel" aria-labelledby="call-facts-heading">
      <div className="panel-head">
        <h2 id="call-facts-heading">공모 개요</h2>
        <PhaseBadge phase={call.phase} />
      </div>
      <dl className="facts" data-testid="call-facts">
        <Fact label="지정 유형">{call.typeName}</Fact>
        <Fact label="학년도">{call.schoolYear}학년도</Fact>
        <Fact label="지정 기간">{formatTerm(call.termStart, call.termEnd)}</Fact>
        <Fact label="대상 학교급">{levelList(call.eligibleLevels)}</Fact>
        <Fact label="접수 기간" className="small-dd">
          {formatDateTime(call.opensAt)} ~ {formatDateTime(call.closesAt)}
        </Fact>
        <Fact label="정원">
          {call.quota}교 <span className="muted small">(지정 {call.designated}교)</span>
        </Fact>
        <Fact label="필수 첨부 서류">{call.requiredAttachments.length ? call.requiredAttachments.map(attachmentKindLabel).join(', ') : '없음'}</Fact>
        <Fact label="본인 교육지원청 학교 심사">{call.recuseOwnOffice ? '제외' : '허용'}</Fact>
      </dl>
      {call.officeQuotas.length > 0 && (
        <p className="muted small office-quotas" data-testid="office-quotas">
          교육지원청별 정원: {call.officeQuotas.map((q) => `${officeName(offices, q.office)} ${q.quota}교`).join(', ')}
        </p>
      )}
      <CriteriaTable call={call} />
    </section>
  );
}

export function CriteriaTable({ call }: { call: DesignationCall }) {
  return (
    <DataTable
      testId="criteria-table"
      wrapClassName="criteria-table"
      caption="심사 기준 (환산 점수 = 점수 × 가중치)"
      captionClassName="table-caption"
      columns={['심사 기준', num('만점'), num('가중치'), num('환산 만점')]}
      footer={
        <tr>
          <th scope="row" colSpan={3}>
            합계 (만점)
          </th>
          <td className="num">
            <strong>{formatScore(call.maxTotal)}</strong>
          </td>
        </tr>
      }
    >
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
    </DataTable>
  );
}
