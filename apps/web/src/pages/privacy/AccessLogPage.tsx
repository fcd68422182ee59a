import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AccessAction } from '../../api/models/privacyOffice';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ANY, InputField, SelectField } from '../../components/fields';
import { FilterBar } from '../../components/FilterBar';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { filterValue, useListQuery } from '../../listQuery';
import { AccessLogTable } from './AccessLogTable';
import { AccessLogVerify } from './AccessLogVerify';
import { PrivacyLayout } from './PrivacyLayout';
import { ACCESS_ACTION_LABEL, count, privacyPaths } from './privacyLabels';
import { privacyQueries } from './privacyQueries';

const FILTER_KEYS = ['account', 'subject', 'action', 'from', 'to'] as const;
const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 접속기록 (개인정보의 안전성 확보조치 기준 제8조): who read, changed, downloaded or printed whose
 * personal data, newest first, by account, subject, action and period (days in Seoul, both included),
 * with the check of the log's hash chain.
 */
export function AccessLogPage() {
  const { filters, href, apply, goToPage, reset } = useListQuery(privacyPaths.accessLog, FILTER_KEYS);
  // The typed ids apply with 검색; the choices and days as they change.
  const [typed, setTyped] = useState({ account: filters.account, subject: filters.subject });
  useEffect(() => setTyped({ account: filters.account, subject: filters.subject }), [href]);
  const account = filters.account.trim();
  const query = {
    page: filters.page,
    pageSize: PAGE_SIZE,
    account: UUID.test(account) ? account : undefined,
    subject: filterValue(filters.subject.trim()),
    action: filterValue<AccessAction>(filters.action),
    from: DAY.test(filters.from) ? filters.from : undefined,
    to: DAY.test(filters.to) ? filters.to : undefined,
  };
  const log = useQuery(privacyQueries.accessLog(query));
  const accountError = account !== '' && !UUID.test(account) ? '계정 ID(UUID) 형식이 아닙니다. 표에서 계정 이름을 누르면 그 계정으로 거릅니다.' : undefined;

  return (
    <PrivacyLayout title="접속기록" lead="개인정보를 조회·변경·다운로드·인쇄한 기록입니다. 시각은 한국 시간이며, 기록은 고칠 수 없는 해시 체인으로 보관됩니다.">
      <AccessLogVerify />
      <FilterBar label="접속기록 검색" className="panel filters privacy-filters" onSearch={() => apply({ account: typed.account.trim(), subject: typed.subject.trim() })} onReset={reset}>
        <InputField
          id="access-account"
          label="계정 ID"
          value={typed.account}
          onChange={(e) => setTyped({ ...typed, account: e.target.value })}
          error={accountError}
          hint="표의 계정 이름을 누르면 채워집니다."
          spellCheck={false}
          autoComplete="off"
        />
        <InputField
          id="access-subject"
          label="정보주체 ID"
          value={typed.subject}
          onChange={(e) => setTyped({ ...typed, subject: e.target.value })}
          hint="학생·사용자 번호"
          spellCheck={false}
          autoComplete="off"
        />
        <SelectField id="access-action" label="처리" options={{ ...ANY, ...ACCESS_ACTION_LABEL }} value={filters.action} onChange={(action) => apply({ action })} />
        <InputField id="access-from" label="시작일" type="date" value={filters.from} onChange={(e) => apply({ from: e.target.value })} />
        <InputField id="access-to" label="종료일" type="date" value={filters.to} onChange={(e) => apply({ to: e.target.value })} />
      </FilterBar>
      <section className="panel" aria-labelledby="access-log-heading" aria-busy={log.isFetching}>
        <div className="panel-head">
          <h2 id="access-log-heading">기록</h2>
          {log.data && (
            <p className="muted" data-testid="access-log-total">
              {count(log.data.total)}건
            </p>
          )}
        </div>
        <ErrorMessage error={log.error} title="접속기록을 불러오지 못했습니다." />
        {log.isPending && <Loading />}
        {log.data && log.data.items.length === 0 && <p className="empty">조건에 맞는 기록이 없습니다.</p>}
        {log.data && log.data.items.length > 0 && <AccessLogTable entries={log.data.items} onAccount={(id) => apply({ account: id })} />}
        {log.data && <Pagination page={filters.page} pageSize={PAGE_SIZE} total={log.data.total} onPage={goToPage} />}
      </section>
    </PrivacyLayout>
  );
}
