import type { ClassEligibility } from '../../api/models';
import { DataTable } from '../../components/DataTable';
import { RULE_LABEL } from './consentLabels';

interface Props {
  list: ClassEligibility;
  /** The student whose records are open, marked in the table. */
  selected: number | null;
  onSelect: (studentId: number) => void;
}

/**
 * The class before a lesson: each student 사용 가능 or 불가, with every rule's outcome in the API's
 * Korean words (the failed ones first), and a button to open the student's consent records.
 */
export function EligibilityTable({ list, selected, onSelect }: Props) {
  if (!list.items.length) return <p className="empty">이 학급의 명단에 학생이 없습니다. 아래에서 학생을 추가하거나 회신서 파일로 명단을 올리세요.</p>;
  return (
    <DataTable testId="eligibility-table" caption="학급 학생별 생성형 AI 사용 가능 여부와 사유" columns={['학생 ID', '만 나이', '사용', '사유', '동의 기록']}>
      {list.items.map((s) => {
        const reasons = [...s.reasons].sort((a, b) => Number(a.passed) - Number(b.passed));
        return (
          <tr key={s.studentId} data-testid={`eligibility-${s.studentCode}`} className={selected === s.studentId ? 'is-selected' : undefined}>
            <th scope="row">{s.studentCode}</th>
            <td>{s.age === null ? '생년월 없음' : `만 ${s.age}세`}</td>
            <td>
              <span className={s.allowed ? 'badge badge-ok' : 'badge badge-danger'} data-testid="eligibility-verdict">
                {s.allowed ? '사용 가능' : '불가'}
              </span>
            </td>
            <td>
              <ul className="reason-list" data-testid="eligibility-reasons">
                {reasons.map((r) => (
                  <li key={r.rule} className={r.passed ? 'reason-passed' : 'reason-failed'}>
                    <span className="sr-only">{r.passed ? '충족' : '미충족'}: </span>
                    <span aria-hidden="true">{r.passed ? '✓' : '✗'}</span> <strong>{RULE_LABEL[r.rule] ?? r.rule}</strong> {r.message}
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <button type="button" className="button button-small" aria-label={`${s.studentCode} 동의 기록`} aria-pressed={selected === s.studentId} onClick={() => onSelect(s.studentId)}>
                기록 보기
              </button>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
