import { ApiError, type ErrorDetail } from '../api/client';
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

/** Shows an API error: a Korean summary, then the server's message, its details and the request id. */
export function ErrorMessage({ error, title, messages, fields, describe, testId }: Props) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const summary = koreanSummary(error, messages);
  const serverMessage = apiError?.message && apiError.message !== summary ? apiError.message : null;
  // Details without a reason (a 429's retryAfterSeconds) are for the code, not for people.
  const details = apiError?.details.filter((d) => d.reason) ?? [];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p className="alert-title">{title ? `${title} ${summary}` : summary}</p>
      {serverMessage && (
        <p className="alert-body">
          서버 메시지: <span lang="en">{serverMessage}</span>
          {apiError && apiError.status > 0 && <span className="muted"> (오류 코드 {apiError.code}, HTTP {apiError.status})</span>}
        </p>
      )}
      {details.length > 0 && (
        <ul className="alert-details">
          {details.map((detail, i) => (
            <li key={i}>
              {detail.rule && !detail.field ? null : (
                <>
                  <strong>{detailTarget(detail, fields)}</strong>:{' '}
                </>
              )}
              {describe?.(detail) ?? detail.reason}
            </li>
          ))}
        </ul>
      )}
      {apiError?.requestId && <p className="alert-meta">요청 ID: {apiError.requestId}</p>}
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
