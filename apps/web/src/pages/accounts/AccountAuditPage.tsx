import { InputField, SelectField } from '../../components/fields';
import { FilterBar } from '../../components/FilterBar';
import { useListQuery } from '../../listQuery';
import type { User } from '../../api/models';
import { accountPaths, AUDIT_FILTER_OPTIONS } from './accountLabels';
import { AuditEntries } from './AuditEntries';
import { UsersLayout } from './UsersLayout';

const FILTER_KEYS = ['action', 'from', 'to'] as const;

/** A day (YYYY-MM-DD) as the start of that day in Seoul, or of the next one (for `to`). */
function seoulDay(day: string, next = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const start = new Date(`${day}T00:00:00+09:00`);
  if (next) start.setUTCDate(start.getUTCDate() + 1);
  return start.toISOString();
}

/**
 * 계정 감사 기록 (city administrators): account changes and sign-ins, newest first, by kind of event
 * and period, 20 at a time.
 */
export function AccountAuditPage({ user }: { user: User }) {
  const { filters, apply, reset } = useListQuery(accountPaths.audit, FILTER_KEYS);
  const query = {
    entityType: 'user',
    ...(filters.action ? { action: filters.action } : {}),
    ...(seoulDay(filters.from) ? { from: seoulDay(filters.from) } : {}),
    ...(seoulDay(filters.to, true) ? { to: seoulDay(filters.to, true) } : {}),
  };
  return (
    <UsersLayout user={user} title="계정 감사 기록" lead="계정을 만들고 바꾼 기록과 로그인 기록입니다. 시각은 한국 시간입니다.">
      <FilterBar label="감사 기록 검색" className="panel filters audit-filters" onReset={reset}>
        <SelectField id="audit-action" label="기록 종류" options={AUDIT_FILTER_OPTIONS} value={filters.action} onChange={(action) => apply({ action })} />
        <InputField id="audit-from" label="시작일" type="date" value={filters.from} onChange={(e) => apply({ from: e.target.value })} />
        <InputField id="audit-to" label="종료일" type="date" value={filters.to} onChange={(e) => apply({ to: e.target.value })} />
      </FilterBar>
      <section className="panel" aria-labelledby="audit-heading">
        <h2 id="audit-heading">기록</h2>
        <AuditEntries query={query} />
      </section>
    </UsersLayout>
  );
}
