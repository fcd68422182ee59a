import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RetentionRule } from '../../api/models/privacyOffice';
import { privacyOfficeApi as privacyApi } from '../../api/privacyOffice';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { formatSeoulMinute } from '../../labels';
import { PrivacyLayout } from './PrivacyLayout';
import { categoryLabel, methodLabel, monthsText } from './privacyLabels';
import { privacyKeys, privacyQueries } from './privacyQueries';
import { RetentionRuleForm } from './RetentionRuleForm';

/**
 * 보존 기간 (개인정보 보호법 제21조): the retention schedule, one active rule per category: what is
 * destroyed, how many months after the category's starting day, how, on which legal basis, who
 * approved it and when. Saving a change approves the rule as it then reads; a rule never approved is
 * skipped by every destruction run until it is.
 */
export function RetentionPage() {
  const rules = useQuery(privacyQueries.rules());
  const [editing, setEditing] = useState<number | 'new' | null>(null);

  return (
    <PrivacyLayout title="보존 기간" lead="개인정보 종류별 보존 기간과 파기 방법입니다. 수정해 저장하면 개인정보 보호책임자의 승인으로 기록되며, 승인된 규칙만 파기에 적용됩니다.">
      <section className="panel" aria-labelledby="rules-heading">
        <div className="panel-head">
          <h2 id="rules-heading">보존 기간 규칙</h2>
          {editing !== 'new' && (
            <button type="button" className="button button-small button-primary" onClick={() => setEditing('new')} data-testid="new-rule">
              규칙 추가
            </button>
          )}
        </div>
        {editing === 'new' && <RetentionRuleForm onDone={() => setEditing(null)} />}
        <ErrorMessage error={rules.error} title="보존 기간 규칙을 불러오지 못했습니다." />
        {rules.isPending && <Loading />}
        {rules.data && rules.data.length === 0 && <p className="empty">등록된 규칙이 없습니다.</p>}
        {rules.data && rules.data.length > 0 && (
          <DataTable
            testId="rules-table"
            caption="보존 기간 규칙"
            className="table retention-table"
            columns={['분류', '파기 대상', '보존 기간', '파기 방법', '법적 근거', '승인', '최종 변경', '상태', '']}
          >
            {rules.data.map((rule) =>
              editing === rule.id ? (
                <tr key={rule.id} data-testid={`rule-${rule.category}-form`}>
                  <td colSpan={9}>
                    <RetentionRuleForm rule={rule} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <RuleRow key={rule.id} rule={rule} onEdit={() => setEditing(rule.id)} />
              ),
            )}
          </DataTable>
        )}
      </section>
    </PrivacyLayout>
  );
}

function RuleRow({ rule, onEdit }: { rule: RetentionRule; onEdit: () => void }) {
  const name = categoryLabel(rule.category);
  return (
    <tr data-testid={`rule-${rule.category}`} data-active={rule.active} className={rule.active ? undefined : 'is-retired'}>
      <th scope="row">
        {name}
        <span className="small muted block">기산일: {rule.basis}</span>
      </th>
      <td className="small">{rule.description}</td>
      <td className="nowrap" data-testid="rule-keep-months">
        {monthsText(rule.keepMonths)}
      </td>
      <td className="nowrap">{methodLabel(rule.method)}</td>
      <td className="small">{rule.legalBasis || '-'}</td>
      <td data-testid="rule-approval">
        {rule.approvedAt ? (
          <>
            {rule.approvedByName ?? '알 수 없음'}
            <span className="small muted block">{formatSeoulMinute(rule.approvedAt)}</span>
          </>
        ) : (
          <ApproveButton rule={rule} />
        )}
      </td>
      <td>
        {rule.updatedByName ?? <span className="muted">시스템</span>}
        <span className="small muted block">{formatSeoulMinute(rule.updatedAt)}</span>
      </td>
      <td>{rule.active ? <span className="badge badge-ok">사용 중</span> : <span className="badge">사용 안 함</span>}</td>
      <td>
        <button type="button" className="button button-small button-ghost" onClick={onEdit} aria-label={`${name} 규칙 수정`} data-testid="edit-rule">
          수정
        </button>
      </td>
    </tr>
  );
}

/** A rule never approved: 승인 approves it as it reads (an empty change). */
function ApproveButton({ rule }: { rule: RetentionRule }) {
  const queryClient = useQueryClient();
  const approve = useMutation({
    mutationFn: () => privacyApi.updateRetentionRule(rule.id, {}),
    onSuccess: () => Promise.all([privacyKeys.rules, privacyKeys.dryRun].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
  return (
    <>
      <span className="badge badge-warning">미승인</span>{' '}
      <button type="button" className="button button-small" onClick={() => approve.mutate()} disabled={approve.isPending} aria-label={`${categoryLabel(rule.category)} 규칙 승인`}>
        {approve.isPending ? '승인 중…' : '승인'}
      </button>
      <ErrorMessage error={approve.error} title="승인하지 못했습니다." />
    </>
  );
}
