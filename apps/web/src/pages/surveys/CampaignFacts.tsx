import type { SurveyCampaign } from '../../api/models';
import { Fact } from '../../components/Fact';
import { formatDateTime, formatPercent } from '../../labels';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { audienceText, KIND_LABEL } from './surveyLabels';

/** What a campaign is: its template version, audience, window and settings. */
export function CampaignFacts({ campaign: c }: { campaign: SurveyCampaign }) {
  const individual = c.audience !== 'school';
  return (
    <section className="panel" aria-labelledby="campaign-facts-heading">
      <div className="panel-head">
        <h2 id="campaign-facts-heading">설문 개요</h2>
        <CampaignStatusBadge status={c.status} />
      </div>
      <dl className="facts" data-testid="campaign-facts">
        <Fact label="템플릿">
          {c.templateTitle} <span className="muted small">({c.version}판)</span>
        </Fact>
        <Fact label="종류">{KIND_LABEL[c.kind] ?? c.kind}</Fact>
        <Fact label="응답 대상">{audienceText(c.audience, c.grades)}</Fact>
        <Fact label="기간" className="small-dd">
          {formatDateTime(c.opensAt)} ~ {formatDateTime(c.closesAt)}
        </Fact>
        <Fact label="대상 학교">{c.schools.toLocaleString('ko-KR')}교</Fact>
        {individual && <Fact label="학교별 응답 코드">{c.codesPerSchool ? `${c.codesPerSchool.toLocaleString('ko-KR')}개 (시작 시 발급)` : '학교장이 발급'}</Fact>}
        <Fact label="독려 기준">{individual ? `응답률 ${formatPercent(c.reminderThreshold, 0)} 미만` : '미제출 학교'}</Fact>
        <Fact label="공개 기준">응답 {c.suppressionThreshold}명 이상인 집단만</Fact>
      </dl>
    </section>
  );
}
