import { useQuery } from '@tanstack/react-query';
import { privacyApi } from '../../api/privacy';
import type { PolicyService } from '../../api/models/privacy';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../format';
import { PlainError } from '../surveys/PlainError';
import { DESTRUCTION_METHOD_LABEL, SCHOOL_LEVEL_LABEL } from './requestLabels';
import './privacyPublic.css';

const keepText = (months: number): string => (months === 0 ? '기산일 후 지체 없이 파기' : months % 12 === 0 ? `${months / 12}년 (${months}개월)` : `${months}개월`);

function ageText(s: PolicyService): string {
  const min = s.minAge > 0 ? `만 ${s.minAge}세 이상` : '연령 제한 없음';
  return s.consentUnderAge > 0 ? `${min}, 만 ${s.consentUnderAge}세 미만은 보호자 동의` : min;
}

/**
 * 개인정보 처리방침 (개인정보 보호법 제30조), public, as the api generates it from what the system does: the AI services
 * in the registry with the notices guardians got, and the retention rules in force.
 */
export function PrivacyPolicyPage() {
  const policy = useQuery({ queryKey: ['privacy', 'policy'], queryFn: privacyApi.privacyPolicy });
  if (policy.isPending) return <Loading />;
  if (!policy.data) return <PlainError error={policy.error} title="개인정보 처리방침을 불러오지 못했습니다." testId="policy-error" />;
  const p = policy.data;
  let n = 0;
  const heading = (text: string) => `${++n}. ${text}`;

  return (
    <div className="page privacy-policy">
      <div className="page-head">
        <h1 data-testid="policy-title">개인정보 처리방침</h1>
        <p className="muted">
          {p.controller} AI 교육 플랫폼 · 시행일 <span data-testid="policy-effective">{formatDate(p.effectiveDate)}</span>
        </p>
        <p>
          {p.controller}(이하 &lsquo;교육청&rsquo;)은 「개인정보 보호법」 제30조에 따라 AI 교육 플랫폼에서 처리하는 개인정보와 그 처리 기준을 다음과 같이 알립니다. 이 방침은
          플랫폼에 등록된 생성형 AI 서비스와 동의 안내문, 개인정보 보존 기준에서 바로 만들어지므로 실제 처리와 다르지 않습니다.
        </p>
      </div>

      <section className="panel" aria-labelledby="policy-purposes">
        <h2 id="policy-purposes">{heading('개인정보의 처리 목적과 항목')}</h2>
        <ul className="policy-list">
          {p.purposes.map((purpose) => (
            <li key={purpose.title}>
              <strong>{purpose.title}</strong>: {purpose.description}
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="policy-services">
        <h2 id="policy-services">{heading('생성형 AI 서비스와 제공되는 개인정보')}</h2>
        <p className="muted small">학생이 수업에서 직접 이용하는 생성형 AI 서비스입니다. 보호자 동의가 필요한 학생은 동의한 경우에만 이용합니다.</p>
        {p.services.length === 0 ? (
          <p data-testid="policy-no-services">현재 등록된 생성형 AI 서비스가 없습니다.</p>
        ) : (
          <div className="policy-cards" data-testid="policy-services-list">
            {p.services.map((s) => (
              <article key={s.name} className="policy-card" data-testid="policy-service">
                <h3>
                  {s.name} <span className="muted small">({s.provider})</span>
                </h3>
                <dl className="policy-facts">
                  <div>
                    <dt>서비스에 제공되는 정보</dt>
                    <dd>{s.personalData.length ? s.personalData.join(', ') : '없음'}</dd>
                  </div>
                  <div>
                    <dt>이용 연령</dt>
                    <dd>{ageText(s)}</dd>
                  </div>
                  <div>
                    <dt>학교급</dt>
                    <dd>{s.allowedLevels.map((l) => SCHOOL_LEVEL_LABEL[l]).join(', ') || '-'}</dd>
                  </div>
                  {s.notice ? (
                    <>
                      <div>
                        <dt>이용 목적</dt>
                        <dd>{s.notice.purpose}</dd>
                      </div>
                      <div>
                        <dt>동의 받는 항목</dt>
                        <dd>{s.notice.dataItems.join(', ')}</dd>
                      </div>
                      <div>
                        <dt>보유·이용 기간</dt>
                        <dd>{s.notice.retention}</dd>
                      </div>
                      <div>
                        <dt>안내문</dt>
                        <dd>
                          {s.notice.schoolYear}학년도 {s.notice.version}판
                        </dd>
                      </div>
                    </>
                  ) : (
                    <div>
                      <dt>안내문</dt>
                      <dd>이번 학년도 동의 안내문이 아직 게시되지 않았습니다.</dd>
                    </div>
                  )}
                </dl>
              </article>
            ))}
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="policy-retention">
        <h2 id="policy-retention">{heading('개인정보의 보유 기간과 파기')}</h2>
        <p className="muted small">보유 기간이 지난 개인정보는 지체 없이 파기하며, 파기한 내용은 파기 대장에 기록합니다.</p>
        <div className="table-wrap">
          <table className="table" data-testid="policy-retention-table">
            <caption className="sr-only">개인정보 보유 기간과 파기 방법</caption>
            <thead>
              <tr>
                <th scope="col">항목</th>
                <th scope="col">보유 기간</th>
                <th scope="col">기산일</th>
                <th scope="col">파기 방법</th>
                <th scope="col">근거</th>
              </tr>
            </thead>
            <tbody>
              {p.retention.map((r) => (
                <tr key={r.category} data-testid="policy-retention-rule" data-category={r.category}>
                  <td>{r.description}</td>
                  <td>{keepText(r.keepMonths)}</td>
                  <td>{r.basis}</td>
                  <td>{DESTRUCTION_METHOD_LABEL[r.method]}</td>
                  <td>{r.legalBasis || '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="panel" aria-labelledby="policy-rights">
        <h2 id="policy-rights">{heading('정보주체와 법정대리인의 권리와 행사 방법')}</h2>
        {p.rights.map((text) => (
          <p key={text}>{text}</p>
        ))}
      </section>

      <section className="panel" aria-labelledby="policy-safeguards">
        <h2 id="policy-safeguards">{heading('개인정보의 안전성 확보 조치')}</h2>
        <ul className="policy-list">
          {p.safeguards.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="policy-contact">
        <h2 id="policy-contact">{heading('개인정보 보호책임자와 문의')}</h2>
        <dl className="policy-facts">
          <div>
            <dt>개인정보 보호책임자</dt>
            <dd>{p.contact.officer}</dd>
          </div>
          <div>
            <dt>담당 부서</dt>
            <dd>{p.contact.department}</dd>
          </div>
          <div>
            <dt>주소</dt>
            <dd>{p.contact.address}</dd>
          </div>
          <div>
            <dt>전화</dt>
            <dd>{p.contact.phone}</dd>
          </div>
        </dl>
        <p className="muted small">{p.contact.note}</p>
      </section>
    </div>
  );
}
