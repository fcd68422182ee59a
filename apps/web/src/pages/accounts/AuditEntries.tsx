import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { AuditQuery } from '../../api/accounts';
import type { AuditRecord } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ActorName, recordOf } from '../../components/HistoryTimeline';
import { Loading } from '../../components/Loading';
import { formatSeoulSecond, roleLabel } from '../../labels';
import { Link } from 'react-router';
import { accountKeys } from './accountQueries';
import { accountPaths, ACCOUNT_STATUS_LABEL, AUDIT_ACTION_LABEL, auditTone, isAccountId, LOGIN_OUTCOME_LABEL, RESET_METHOD_LABEL, ROSTER_FIELD_LABEL, SIGN_IN_METHOD_LABEL } from './accountLabels';

const PAGE = 20;

interface Props {
  /** The filter (entity, action family, actor, period); paging is added here. */
  query: Omit<AuditQuery, 'beforeId' | 'limit'>;
  /** Name the account each entry is about (the audit page); not on the account's own page. */
  showSubject?: boolean;
}

/**
 * Audit entries of accounts and sign-ins, newest first, in Korean: what happened, to whom, by whom,
 * when (Seoul time) and the details; 더 보기 loads the next older ones (by id).
 */
export function AuditEntries({ query, showSubject = true }: Props) {
  const log = useInfiniteQuery({
    queryKey: [...accountKeys.audit, query],
    queryFn: ({ pageParam }) => api.auditLog({ ...query, limit: PAGE, beforeId: pageParam }),
    initialPageParam: undefined as string | undefined,
    // A full page may have older entries: the next page is those before its last one.
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1].id : undefined),
  });
  const entries = log.data?.pages.flat() ?? null;
  const busy = log.isFetching;
  const error = log.error;

  return (
    <div className="audit-entries" aria-busy={busy}>
      <ErrorMessage error={error} title="감사 기록을 불러오지 못했습니다." />
      {!entries && busy && <Loading />}
      {entries && entries.length === 0 && <p className="empty">기록이 없습니다.</p>}
      {entries && entries.length > 0 && (
        <ol className="history audit-list" data-testid="audit-list">
          {entries.map((e) => (
            <Entry key={e.id} entry={e} showSubject={showSubject} />
          ))}
        </ol>
      )}
      {entries && log.hasNextPage && (
        <button type="button" className="button button-ghost" onClick={() => void log.fetchNextPage()} disabled={busy} data-testid="audit-more">
          {log.isFetchingNextPage ? '불러오는 중…' : '더 보기'}
        </button>
      )}
    </div>
  );
}

/** Done through a one-time link, by the account's holder, who was not signed in. */
const BY_LINK = new Set(['account.activated', 'account.password_reset_completed']);

function Entry({ entry: e, showSubject }: { entry: AuditRecord; showSubject: boolean }) {
  const tone = auditTone(e.action);
  const details = describe(e);
  const actor =
    e.actorId || e.actorEmail ? (
      <ActorName name={e.actorName} email={e.actorEmail} role={e.actorRole} />
    ) : BY_LINK.has(e.action) ? (
      '본인 (링크 사용)'
    ) : e.action === 'login.failed' ? (
      '로그인 시도'
    ) : (
      '시스템'
    );
  return (
    <li className={`history-entry action-${tone}`} data-testid="audit-entry" data-action={e.action}>
      <p className="history-head">
        <span className={`badge action-badge action-${tone}`}>{AUDIT_ACTION_LABEL[e.action] ?? e.action}</span>
        {showSubject && <Subject entry={e} />}
      </p>
      <p className="history-meta">
        <time dateTime={e.at}>{formatSeoulSecond(e.at)}</time> · {actor}
      </p>
      {details.length > 0 && (
        <ul className="history-changes">
          {details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The account an entry is about: a link to it with its name or email, the email tried, or the printed scope. */
function Subject({ entry: e }: { entry: AuditRecord }) {
  const record = recordOf(e.after) ?? recordOf(e.before) ?? {};
  // Who signed in or changed their own password is the actor too.
  const label = text(record.name) ?? text(record.email) ?? (e.actorId === e.entityId ? (e.actorName ?? e.actorEmail) : null);
  if (e.entityType === 'user' && isAccountId(e.entityId)) {
    return (
      <Link to={accountPaths.user(e.entityId)} className="audit-subject">
        {label ?? '계정 보기'}
      </Link>
    );
  }
  if (e.entityId.startsWith('email:')) return <strong className="audit-subject">{e.entityId.slice(6)}</strong>;
  if (e.entityId.startsWith('school:')) return <span className="audit-subject">학교 #{e.entityId.slice(7)}</span>;
  if (e.entityId === 'scope') return <span className="audit-subject">관리하는 모든 학교</span>;
  return <span className="audit-subject">{e.entityId}</span>;
}

const FIELD: Record<string, string> = { ...ROSTER_FIELD_LABEL, teacherNumber: '교원번호', schoolId: '학교', schoolCode: '학교코드', districtOffice: '교육지원청', status: '상태' };

function value(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '(없음)';
  if (field === 'role') return roleLabel(String(v));
  if (field === 'status') return ACCOUNT_STATUS_LABEL[v as 'active'] ?? String(v);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The lines under an entry: how a sign-in went, the reset method, and every changed field. */
function describe(e: AuditRecord): string[] {
  const after = recordOf(e.after) ?? {};
  const lines: string[] = [];
  if (e.action.startsWith('login.')) {
    if (text(after.outcome) && after.outcome !== 'success') lines.push(`결과: ${LOGIN_OUTCOME_LABEL[after.outcome as string] ?? after.outcome}`);
    if (text(after.method)) lines.push(`방법: ${SIGN_IN_METHOD_LABEL[after.method as string] ?? after.method}`);
    if (text(after.ip)) lines.push(`접속 주소: ${after.ip}`);
    return lines;
  }
  if (e.action === 'account.password_reset') {
    if (text(after.method)) lines.push(`방법: ${RESET_METHOD_LABEL[after.method as string] ?? after.method}`);
    return lines;
  }
  if (e.action === 'account.links_printed') {
    if (typeof after.accounts === 'number') lines.push(`링크 ${after.accounts.toLocaleString('ko-KR')}개`);
    if (after.batchId) lines.push(`명단 가져오기 #${after.batchId}`);
    return lines;
  }
  if (after.batchId && e.action !== 'account.links_printed') lines.push(`명단 가져오기 #${after.batchId}`);
  if (e.action === 'account.created') {
    for (const field of ['email', 'role', 'schoolCode', 'teacherNumber'] as const) if (after[field]) lines.push(`${FIELD[field] ?? field}: ${value(field, after[field])}`);
    return lines;
  }
  for (const c of e.changes) {
    if (c.field === 'batchId' || c.field === 'by') continue;
    lines.push(`${FIELD[c.field] ?? c.field}: ${value(c.field, c.from)} → ${value(c.field, c.to)}`);
  }
  return lines;
}
