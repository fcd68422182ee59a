import { ApiError, type ErrorDetail } from '../api/client';
import { reasonInKorean } from '../errorReasons';
import { koreanSummary } from '../errors';
import { attachmentKindLabel, fieldLabel } from '../labels';

interface Props {
  error: unknown;
  /** A Korean headline saying what failed, e.g. "저장하지 못했습니다." */
  title?: string;
  /** Korean headlines for error codes that mean something particular here (e.g. DUPLICATE). */
  messages?: Readonly<Record<string, string>>;
  /** Korean names of this form's fields, before the shared ones (see fieldLabel). */
  fields?: Readonly<Record<string, string>>;
  /** A detail's reason in Korean (e.g. a delegation rule); undefined keeps the server's wording. */
  describe?: (detail: ErrorDetail) => string | undefined;
  testId?: string;
}

/** Hangul: a reason the server already words in Korean is shown as it is. */
const HANGUL = /[\uAC00-\uD7A3]/;

/**
 * Shows an API error in Korean: a summary, then each detail (its target and reason in Korean; a
 * reason not known in Korean reads 값을 확인하세요, its English under 자세히), then a small line
 * with the error code, HTTP status and request id for support staff.
 */
export function ErrorMessage({ error, title, messages, fields, describe, testId }: Props) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const summary = koreanSummary(error, messages);
  // The server's own (English) message: only under 자세히, for support staff.
  const serverMessage = apiError?.message && apiError.message !== summary && !HANGUL.test(apiError.message) ? apiError.message : null;
  // Details without a reason (a 429's retryAfterSeconds) are for the code, not for people.
  const details = (apiError?.details.filter((d) => d.reason) ?? []).map((detail) => {
    const reason = detail.reason ?? '';
    const korean = describe?.(detail) ?? (HANGUL.test(reason) ? reason : reasonInKorean(reason, detail.field));
    return { detail, reason, korean };
  });
  const untranslated = details.filter((d) => d.korean === undefined);
  const meta = apiError ? [apiError.code && `오류 코드 ${apiError.code}`, apiError.status > 0 && `HTTP ${apiError.status}`, apiError.requestId && `요청 ID ${apiError.requestId}`].filter(Boolean) : [];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p className="alert-title">{title ? `${title} ${summary}` : summary}</p>
      {details.length > 0 && (
        <ul className="alert-details">
          {details.map(({ detail, korean }, i) => (
            <li key={i}>
              {detail.rule && !detail.field ? null : (
                <>
                  <strong>{detailTarget(detail, fields)}</strong>:{' '}
                </>
              )}
              {korean ?? '값을 확인하세요.'}
            </li>
          ))}
        </ul>
      )}
      {(serverMessage || untranslated.length > 0) && (
        <details className="alert-more">
          <summary>자세히</summary>
          {serverMessage && (
            <p className="muted small">
              서버 원문: <span lang="en">{serverMessage}</span>
            </p>
          )}
          {untranslated.length > 0 && (
            <ul className="muted small">
              {untranslated.map(({ detail, reason }, i) => (
                <li key={i}>
                  {detail.rule && !detail.field ? null : `${detailTarget(detail, fields)}: `}
                  <span lang="en">{reason}</span>
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
      {meta.length > 0 && (
        <p className="alert-meta muted small" data-testid={testId ? `${testId}-meta` : undefined}>
          {meta.join(' · ')}
        </p>
      )}
    </div>
  );
}

function detailTarget(detail: { field?: string; row?: number; column?: string; kind?: string }, fields?: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  if (detail.row !== undefined) parts.push(`${detail.row}행`);
  if (detail.column) parts.push(`${detail.column} 열`);
  if (detail.field) parts.push(fieldLabel(detail.field, fields));
  if (detail.kind) parts.push(`(${attachmentKindLabel(detail.kind)})`);
  return parts.join(' ') || '항목';
}
