import { ApiError } from '../../api';
import { koreanReason, type ReasonRule } from '../../components/FileImport';

/** The assessment API's reasons (libs/literacy assessments and analysis checks) in Korean. */
const REASONS: ReasonRule[] = [
  [/^(.*) is not one of the options$/, (k) => `정답 ${k}이(가) 선택지에 없습니다.`],
  [/^unknown area (\S+);/, (a) => `알 수 없는 영역(${a})입니다.`],
  [/^duplicate item id$/, () => '같은 문항 ID가 이미 있습니다.'],
  [/^item id is empty$/, () => '문항 ID가 비어 있습니다.'],
  [/^answer key is empty$/, () => '정답이 비어 있습니다.'],
  [/^id must start with a letter/, () => '문항 ID는 영문자로 시작하고 영문·숫자·_ . - 만 씁니다(40자까지).'],
  [/^at least one level is needed$/, () => '수준이 하나 이상 있어야 합니다.'],
  [/^level (\d+) has no name$/, (n) => `${n}번째 수준의 이름이 없습니다.`],
  [/^level (.*) appears twice$/, (l) => `수준 ${l}이(가) 두 번 있습니다.`],
  [/^level (.*) has no valid minimum$/, (l) => `수준 ${l}의 최저 점수가 없습니다.`],
  [/^level (.*): minimum (\S+) is not above the previous level's (\S+)$/, (l, m, p) => `수준 ${l}의 최저 점수 ${m}점이 앞 수준의 ${p}점보다 높아야 합니다.`],
];

/** A reason in Korean with the server's wording after it, or as the server wrote it. */
const say = (reason: string): string => {
  const ko = koreanReason(reason, REASONS);
  return ko ? `${ko} (${reason})` : reason;
};

/**
 * The API's complaint about exactly one field (`details[].field`, e.g. `items.0.key`), right under
 * it (`data-testid="field-error-{field}"`); the fields under it have their own.
 */
export function FieldProblems({ error, field }: { error: unknown; field: string }) {
  const reasons = error instanceof ApiError ? error.details.flatMap((d) => (d.field === field && d.reason ? [say(d.reason)] : [])) : [];
  if (!reasons.length) return null;
  return (
    <p className="field-error" role="alert" data-testid={`field-error-${field}`}>
      {reasons.join(' · ')}
    </p>
  );
}
