import { formatDate } from '../../format';
import type { ConsentNotice } from '../../api/models';
import { lines } from './consentLabels';

interface Props {
  notice: ConsentNotice;
  service: { name: string; provider: string; minAge: number };
  /** The heading level of the notice's parts inside the page. */
  headingLevel?: 'h2' | 'h3';
}

/**
 * The consent notice as guardians read it (개인정보 보호법 제15조 제2항): the service and its provider,
 * the minimum age, the purpose, the items collected, how long they are kept, and the right to refuse
 * with what refusing means, and the AI-ethics guidance (조례 제9조). The same text on the home letter, the guardian's page and the registry.
 */
export function NoticeText({ notice, service, headingLevel: H = 'h3' }: Props) {
  return (
    <div className="notice-text" data-testid="notice-text">
      <dl className="notice-terms">
        <div>
          <dt>서비스</dt>
          <dd data-testid="notice-service">
            {service.name} <span className="muted">({service.provider})</span>
          </dd>
        </div>
        <div>
          <dt>최소 사용 연령</dt>
          <dd>만 {service.minAge}세 이상</dd>
        </div>
        <div>
          <dt>안내문</dt>
          <dd>
            {notice.schoolYear}학년도 {notice.version}판 · 동의 유효 기간 {formatDate(notice.validUntil)}까지
          </dd>
        </div>
      </dl>
      <H>1. 수집·이용 목적</H>
      <p data-testid="notice-purpose">{notice.purpose}</p>
      <H>2. 수집 항목</H>
      <ul data-testid="notice-items">
        {notice.dataItems.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
      <H>3. 보유·이용 기간</H>
      <p data-testid="notice-retention">{notice.retention}</p>
      <H>4. 동의를 거부할 권리 및 거부에 따른 불이익</H>
      <p data-testid="notice-refusal">{notice.refusalRight}</p>
      {notice.ethicsGuidance && (
        <>
          <H>5. 생성형 AI 바른 사용 안내</H>
          <ul data-testid="notice-ethics">
            {lines(notice.ethicsGuidance).map((rule, i) => (
              <li key={i}>{rule}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
