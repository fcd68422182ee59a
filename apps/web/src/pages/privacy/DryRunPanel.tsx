import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DryRunRule } from '../../api/models/privacyOffice';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate, formatSeoulLongDate } from '../../labels';
import { categoryLabel, count, methodLabel, monthsText } from './privacyLabels';
import { privacyQueries } from './privacyQueries';

/**
 * 파기 대상 미리 보기 (POST /privacy/destruction/dry-run): per active rule, what a run today would
 * destroy, what legal holds keep, the period the rows cover, and per school (unfolded on demand).
 */
export function DryRunPanel() {
  // Counted when asked for with the button (not on opening the page), then again after a run or a rule's change.
  const [asked, setAsked] = useState(false);
  const dryRun = useQuery({ ...privacyQueries.dryRun(), enabled: asked });
  const ask = () => (asked ? void dryRun.refetch() : setAsked(true));
  const result = dryRun.data;
  return (
    <section className="panel" aria-labelledby="dry-run-heading" aria-busy={dryRun.isFetching}>
      <div className="panel-head">
        <div>
          <h2 id="dry-run-heading">파기 대상 미리 보기</h2>
          <p className="muted small">지금 파기하면 규칙별로 무엇이 파기되는지 셉니다. 아무것도 파기하지 않습니다.</p>
        </div>
        <button type="button" className="button button-secondary" onClick={ask} disabled={dryRun.isFetching} data-testid="dry-run">
          {dryRun.isFetching ? '세는 중…' : '미리 보기'}
        </button>
      </div>
      <ErrorMessage error={dryRun.error} title="파기 대상을 세지 못했습니다." />
      {result && (
        <>
          <p className="muted small" data-testid="dry-run-as-of">
            {formatDate(result.asOf)} 기준
          </p>
          {result.rules.length === 0 ? (
            <p className="empty">사용 중인 규칙이 없습니다.</p>
          ) : (
            <DataTable testId="dry-run-table" caption="규칙별 파기 대상" columns={['분류', '파기 방법', '기준일', num('파기 대상'), num('법적 보존'), '대상 기간', '학교별']}>
              {result.rules.map((rule) => (
                <DryRunRow key={rule.ruleId} rule={rule} />
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}

function DryRunRow({ rule }: { rule: DryRunRule }) {
  const name = categoryLabel(rule.category);
  return (
    <tr data-testid={`dry-run-${rule.category}`}>
      <th scope="row">
        {name}
        <span className="small muted block">{monthsText(rule.keepMonths)}</span>
        {!rule.approved && <span className="badge badge-warning">미승인: 파기하지 않음</span>}
      </th>
      <td className="nowrap">{methodLabel(rule.method)}</td>
      <td className="nowrap small" title={`기산일(${rule.basis})이 이날보다 앞선 기록`}>
        {formatDate(rule.cutoff)} 이전
      </td>
      <td className="num" data-testid="dry-run-total">
        {count(rule.total)}
      </td>
      <td className="num" data-testid="dry-run-held">
        {count(rule.held)}
      </td>
      <td className="small">{rule.periodFrom ? `${formatSeoulLongDate(rule.periodFrom)} ~ ${formatSeoulLongDate(rule.periodTo)}` : '-'}</td>
      <td>
        {rule.schools.length === 0 ? (
          <span className="muted">-</span>
        ) : (
          <details className="dry-run-schools" data-testid="dry-run-schools">
            <summary>{count(rule.schools.length)}개교</summary>
            <ul>
              {rule.schools.map((s) => (
                <li key={s.schoolId}>
                  {s.schoolName} {count(s.count)}건{s.held > 0 && ` (법적 보존 ${count(s.held)}건)`}
                </li>
              ))}
            </ul>
          </details>
        )}
      </td>
    </tr>
  );
}
