import type { AccessLogEntry } from '../../api/models/privacyOffice';
import { DataTable } from '../../components/DataTable';
import { formatSeoulSecond, roleLabel } from '../../labels';
import { accessActionLabel, count, shortId, subjectTypeLabel } from './privacyLabels';

/** The ids shown in a cell before "외 N건". */
const SHOWN_IDS = 3;

interface Props {
  entries: AccessLogEntry[];
  /** Filters the log by an account (its name in a row). */
  onAccount: (accountId: string) => void;
}

/** 접속기록's rows: when, who (name, email, role), from where, what, whose data (kind, how many, ids), through which route, why. */
export function AccessLogTable({ entries, onAccount }: Props) {
  return (
    <DataTable
      testId="access-log-table"
      caption="개인정보 접속기록"
      className="table table-compact access-log-table"
      columns={['시각', '계정', '접속 주소', '처리', '정보주체', '경로', '사유']}
    >
      {entries.map((e) => (
        <tr key={e.id} data-testid="access-log-row" data-action={e.action}>
          <td className="nowrap">
            <time dateTime={e.at}>{formatSeoulSecond(e.at)}</time>
          </td>
          <td>
            {e.actorId ? (
              <button type="button" className="link-button" onClick={() => onAccount(e.actorId!)} title="이 계정의 기록만 보기" data-testid="access-log-actor">
                {e.actorName ?? e.actorEmail ?? shortId(e.actorId)}
              </button>
            ) : (
              <span className="muted">시스템</span>
            )}
            {e.actorEmail && e.actorName && <span className="small muted block">{e.actorEmail}</span>}
            {e.actorRole && <span className="small muted block">{roleLabel(e.actorRole)}</span>}
          </td>
          <td className="small">{e.clientIp ?? '-'}</td>
          <td>
            <span className={`badge access-${e.action}`}>{accessActionLabel(e.action)}</span>
          </td>
          <td>
            {subjectTypeLabel(e.subjectType)} {count(e.subjectCount)}명
            {e.schoolName && <span className="small muted block">{e.schoolName}</span>}
            {e.subjectIds.length > 0 && (
              <span className="small muted block" title={e.subjectIds.slice(0, 50).join(', ')} data-testid="access-log-ids">
                ID {e.subjectIds.slice(0, SHOWN_IDS).map(shortId).join(', ')}
                {e.subjectIds.length > SHOWN_IDS && ` 외 ${count(e.subjectCount - SHOWN_IDS)}건`}
              </span>
            )}
          </td>
          <td>
            <code className="small route">{e.route}</code>
          </td>
          <td className="small">{e.reason ?? '-'}</td>
        </tr>
      ))}
    </DataTable>
  );
}
