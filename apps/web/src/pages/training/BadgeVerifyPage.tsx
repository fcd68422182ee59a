import { useQuery } from '@tanstack/react-query';
import { ApiError, badgeUrls } from '../../api';
import type { BadgeVerification } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Fact } from '../../components/Fact';
import { Loading } from '../../components/Loading';
import { credentialText, formatDate } from '../../labels';
import { BadgeStatusBadge } from './BadgeCard';
import { verifyBadgeQuery } from './queries';

const VERDICT: Record<BadgeVerification['status'], { mark: string; title: string; tone: string }> = {
  valid: { mark: '✓', title: '유효한 배지', tone: 'is-valid' },
  revoked: { mark: '✕', title: '취소된 배지', tone: 'is-revoked' },
  expired: { mark: '!', title: '만료된 배지', tone: 'is-expired' },
  invalid: { mark: '✕', title: '검증 실패', tone: 'is-invalid' },
};

/**
 * 디지털 배지 검증: public, no login. Anyone holding a badge's link sees whether it is genuine
 * (the issuer's signature), revoked or expired, and who earned what from whom.
 */
export function BadgeVerifyPage({ badgeId, loggedIn }: { badgeId: string; loggedIn: boolean }) {
  const { data, error, isPending: loading } = useQuery(verifyBadgeQuery(badgeId));
  const notFound = error instanceof ApiError && error.status === 404;

  return (
    <div className="page verify-page">
      <div className="page-head">
        <h1>디지털 배지 검증</h1>
        <p className="muted">
          서울특별시교육청이 발급한 AI 교육 연수 디지털 배지(Open Badges 3.0)의 진위를 확인합니다. 전자서명, 취소 여부, 유효기간을 발급 기관의 기록과
          대조합니다.{!loggedIn && ' 로그인하지 않아도 볼 수 있습니다.'}
        </p>
      </div>
      {loading && !data && <Loading text="배지를 검증하는 중…" />}
      {notFound && (
        <section className="panel verdict is-invalid" data-testid="verify-verdict" data-status="not_found" role="status">
          <p className="verdict-title">
            <span className="verdict-mark" aria-hidden="true">
              ✕
            </span>{' '}
            검증 실패: 배지를 찾을 수 없습니다
          </p>
          <p>이 주소의 배지는 발급 기록에 없습니다. 링크가 정확한지 확인하세요.</p>
        </section>
      )}
      {!notFound && <ErrorMessage error={error} title="배지를 검증하지 못했습니다." />}
      {data && <Verification result={data} />}
    </div>
  );
}

function Verification({ result }: { result: BadgeVerification }) {
  const verdict = VERDICT[result.status] ?? VERDICT.invalid;
  const name = credentialText(result.achievement.name) || '연수 이수 배지';
  const description = credentialText(result.achievement.description);
  const criteria = credentialText(result.achievement.criteria);
  const { issuer } = result;
  const issuerName = credentialText(issuer.name) || issuer.id;
  const validUntilPassed = result.validUntil !== null && new Date(result.validUntil).getTime() < Date.now();
  // The API's proofVerified is false for any failed check, revocation included; a revoked badge whose
  // only error is the revocation still carries the issuer's intact signature.
  const signatureOk = result.proofVerified || (result.revoked && result.errors.length > 0 && result.errors.every((e) => /revoked/i.test(e)));

  return (
    <>
      <section className={`panel verdict ${verdict.tone}`} data-testid="verify-verdict" data-status={result.status} aria-labelledby="verdict-title">
        <div className="verdict-head">
          <img className="badge-image" src={badgeUrls.svg(result.id)} alt={`${name} 배지 이미지`} width={112} height={112} />
          <div>
            <h2 id="verdict-title" className="verdict-title" data-testid="verify-title">
              <span className="verdict-mark" aria-hidden="true">
                {verdict.mark}
              </span>{' '}
              {verdict.title}
            </h2>
            {result.status === 'valid' && <p>발급 기관의 전자서명이 확인되었고, 취소되거나 만료되지 않은 배지입니다.</p>}
            {result.status === 'revoked' && (
              <p data-testid="verify-revoke-reason">
                발급 기관이 이 배지를 취소했습니다. 취소 사유: <strong>{result.revokeReason ?? '(사유 없음)'}</strong>
              </p>
            )}
            {result.status === 'expired' && <p>유효기간({result.validUntil ? formatDate(result.validUntil) : '-'})이 지난 배지입니다.</p>}
            {result.status === 'invalid' && <p>전자서명을 확인할 수 없습니다. 배지 내용이 바뀌었거나 발급 기관이 서명한 배지가 아닐 수 있습니다.</p>}
            <p className="verdict-summary">
              <strong data-testid="verify-earner">{result.earner}</strong> 님이 받은 <strong data-testid="verify-achievement">{name}</strong> 배지
            </p>
          </div>
        </div>
      </section>

      <section className="panel" aria-labelledby="verify-checks-heading">
        <h2 id="verify-checks-heading">검증 항목</h2>
        <ul className="checklist verify-checks" data-testid="verify-checks">
          <Check ok={signatureOk} label="전자서명" okText="발급 기관의 서명과 일치합니다" failText="서명을 확인할 수 없습니다" testId="check-proof" />
          <Check ok={!result.revoked} testId="check-revocation" label="취소 여부" okText="취소되지 않았습니다" failText={`취소되었습니다${result.revokeReason ? ` (${result.revokeReason})` : ''}`} />
          <Check
            ok={!result.expired && !validUntilPassed}
            label="유효기간"
            okText={result.validUntil ? `${formatDate(result.validUntil)}까지 유효합니다` : '기한 없이 유효합니다'}
            failText="유효기간이 지났습니다"
            testId="check-expiry"
          />
        </ul>
        {result.errors.length > 0 && result.status === 'invalid' && (
          <details className="small">
            <summary>기술 정보 (검증 오류)</summary>
            <ul lang="en">
              {result.errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <section className="panel" aria-labelledby="verify-details-heading">
        <h2 id="verify-details-heading">배지 정보</h2>
        <dl className="facts verify-facts" data-testid="verify-details">
          <Fact label="받은 사람">{result.earner}</Fact>
          <Fact label="배지(성취) 이름">{name}</Fact>
          <Fact label="상태">
            <BadgeStatusBadge status={result.status} testId="verify-status" />
          </Fact>
          <Fact label="발급 기관" testId="verify-issuer">
            {issuerName}
            {issuer.url && (
              <>
                {' '}
                <a className="small" href={issuer.url} rel="noopener noreferrer">
                  {issuer.url}
                </a>
              </>
            )}
          </Fact>
          <Fact label="발급일(수여일)" testId="verify-valid-from">
            {formatDate(result.validFrom)}
          </Fact>
          <Fact label="만료일" testId="verify-valid-until">
            {result.validUntil ? formatDate(result.validUntil) : '없음 (기한 없음)'}
          </Fact>
        </dl>
        {description && (
          <>
            <h3 className="verify-subhead">설명</h3>
            <p data-testid="verify-description">{description}</p>
          </>
        )}
        {criteria && (
          <>
            <h3 className="verify-subhead">이수 기준</h3>
            <p data-testid="verify-criteria">{criteria}</p>
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="verify-files-heading">
        <h2 id="verify-files-heading">자격증명 파일</h2>
        <p className="muted small">
          아래 파일은 국제 표준(W3C Verifiable Credentials 2.0, 1EdTech Open Badges 3.0) 형식입니다. 다른 검증 도구에서도 같은 결과를 확인할 수 있습니다.
        </p>
        <ul className="link-list" data-testid="verify-links">
          <li>
            <a href={badgeUrls.credential(result.id)} data-testid="verify-credential-json" target="_blank" rel="noopener noreferrer">
              자격증명 JSON (OpenBadgeCredential, Data Integrity 서명)
            </a>
          </li>
          <li>
            <a href={badgeUrls.jwt(result.id)} target="_blank" rel="noopener noreferrer">
              자격증명 VC-JWT
            </a>
          </li>
          <li>
            <a href={badgeUrls.png(result.id)} download={`badge-${result.id}.png`}>
              배지 이미지 PNG 다운로드 (자격증명 포함)
            </a>
          </li>
          <li>
            <a href={badgeUrls.svg(result.id)} download={`badge-${result.id}.svg`}>
              배지 이미지 SVG 다운로드 (자격증명 포함)
            </a>
          </li>
        </ul>
      </section>
    </>
  );
}

function Check({ ok, label, okText, failText, testId }: { ok: boolean; label: string; okText: string; failText: string; testId: string }) {
  return (
    <li className={ok ? 'is-done' : 'is-missing'} data-ok={ok} data-testid={testId}>
      <span aria-hidden="true">{ok ? '✓' : '✕'}</span> <strong>{label}</strong>: {ok ? okText : failText}
      <span className="sr-only">{ok ? ' (통과)' : ' (실패)'}</span>
    </li>
  );
}
