import { useMutation } from '@tanstack/react-query';
import { privacyOfficeApi as privacyApi } from '../../api/privacyOffice';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatSeoulSecond } from '../../labels';
import { count } from './privacyLabels';

/**
 * 무결성 검증: checks the access log's hash chain from its first record (GET /privacy/access-log/verify);
 * a record deleted or edited by hand shows as the first broken one, with its time.
 */
export function AccessLogVerify() {
  const verify = useMutation({ mutationFn: privacyApi.verifyAccessLog });
  const result = verify.data;
  return (
    <section className="panel" aria-labelledby="verify-heading">
      <div className="panel-head">
        <div>
          <h2 id="verify-heading">무결성 검증</h2>
          <p className="muted small">각 기록의 해시가 앞 기록과 이어지는지 처음부터 확인합니다. 기록을 지우거나 고치면 그 자리에서 체인이 끊어집니다.</p>
        </div>
        <button type="button" className="button button-secondary" onClick={() => verify.mutate()} disabled={verify.isPending} data-testid="verify-access-log">
          {verify.isPending ? '검증 중…' : '무결성 검증'}
        </button>
      </div>
      <ErrorMessage error={verify.error} title="무결성을 검증하지 못했습니다." />
      <div role="status" aria-live="polite" data-testid="verify-result" data-intact={result ? String(result.intact) : undefined}>
        {result?.intact && (
          <p className="alert alert-ok">
            <strong>무결성 확인</strong>: 기록 {count(result.checked)}건의 해시 체인이 온전합니다.
          </p>
        )}
        {result && !result.intact && (
          <div className="alert alert-error">
            <p className="alert-title">위·변조 의심: 해시 체인이 끊어졌습니다.</p>
            <p>
              처음 끊어진 기록: {result.firstBrokenAt ? formatSeoulSecond(result.firstBrokenAt) : '시각 없음'}
              {result.firstBrokenId && ` (기록 번호 ${result.firstBrokenId})`} · 검사한 기록 {count(result.checked)}건
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
