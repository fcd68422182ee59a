import { ApiError } from '../../api';

/** The surveys API's usual reasons in Korean; any other is shown as the server wrote it. */
const REASON_KO: Record<string, string> = {
  'must be after opensAt': '시작 일시보다 뒤여야 합니다.',
  'must be in the future': '지금보다 뒤여야 합니다.',
  'no school matches': '조건에 맞는 관할 학교가 없습니다.',
  'must be 0 when audience is school': '학교 설문은 학교장이 응답하므로 코드를 만들지 않습니다. 0으로 두세요.',
};

/** The API's reasons for one field (`details[].field`, or a field under it such as `target.offices`). */
export function fieldReasons(error: unknown, field: string): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.details.flatMap((d) => ((d.field === field || d.field?.startsWith(`${field}.`)) && d.reason ? [REASON_KO[d.reason] ?? d.reason] : []));
}

/** The API's complaint about one field, shown under it. */
export function FieldError({ error, field }: { error: unknown; field: string }) {
  const reasons = fieldReasons(error, field);
  return reasons.length ? (
    <p className="field-error" data-testid={`field-error-${field}`}>
      {reasons.join(' · ')}
    </p>
  ) : null;
}
