import { useState } from 'react';
import { APPLICATION_ACTION_LABEL, APPLICATION_STATUS_LABEL, attachmentKindLabel, fieldLabel, formatDateTime, formatScore, formatValue, ROLE_LABEL } from '../labels';
import type { ApplicationStatus, AuditEntry, Criterion } from '../types';

const PAGE = 20;

/** Labels that differ from the classroom history's (where `status` is the classroom's 운영 상태). */
const LABEL: Record<string, string> = { status: '신청 상태', reason: '신고 사유' };
const label = (field: string) => LABEL[field] ?? fieldLabel(field);

/** The colour of an entry: the existing history styles for create (green), update (blue), delete (red). */
const TONE: Record<string, 'create' | 'update' | 'delete'> = {
  create: 'create',
  attach: 'create',
  update: 'update',
  submit: 'update',
  score: 'update',
  decide: 'update',
  withdraw: 'delete',
  recuse: 'delete',
};

function formatField(field: string, value: unknown, criteria: Criterion[]): string {
  if (value === null || value === undefined || value === '') return '(없음)';
  if (field === 'status' && typeof value === 'string') return APPLICATION_STATUS_LABEL[value as ApplicationStatus] ?? value;
  if (field === 'attachments' && Array.isArray(value)) {
    if (value.length === 0) return '(없음)';
    return value
      .map((v) => {
        const [kind, ...rest] = String(v).split(':');
        return `${attachmentKindLabel(kind)} ‘${rest.join(':')}’`;
      })
      .join(', ');
  }
  if (field === 'scores' && Array.isArray(value)) {
    if (value.length === 0) return '(없음)';
    return value
      .map((s: { criterionId?: number; score?: number }) => {
        const name = criteria.find((c) => c.id === s.criterionId)?.name ?? `기준 ${s.criterionId}`;
        return `${name} ${formatScore(s.score)}점`;
      })
      .join(', ');
  }
  if (field === 'planSummary' && typeof value === 'string') return value.length > 120 ? `${value.slice(0, 120)}…` : value;
  return formatValue(field, value);
}

/** Submit, withdraw, attachments, recusals, scores and the decision of one application, newest first. */
export function ApplicationHistory({ entries, criteria = [] }: { entries: AuditEntry[]; criteria?: Criterion[] }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <section className="panel" aria-labelledby="application-history-heading">
      <h2 id="application-history-heading">신청 이력</h2>
      {entries.length === 0 ? (
        <p className="empty">아직 기록이 없습니다.</p>
      ) : (
        <ol className="history" data-testid="application-history">
          {entries.slice(0, shown).map((entry) => {
            const tone = TONE[entry.action] ?? 'update';
            const changes = entry.changes.filter((c) => c.field !== 'reviewer');
            const reviewer = (entry.after ?? entry.before)?.reviewer;
            return (
              <li key={entry.id} className={`history-entry action-${tone}`} data-testid="application-history-entry">
                <p className="history-head">
                  <span className={`badge action-badge action-${tone}`}>{APPLICATION_ACTION_LABEL[entry.action] ?? entry.action}</span>
                  {typeof reviewer === 'string' && <strong>심사위원 {reviewer}</strong>}
                </p>
                <p className="history-meta">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {entry.actorEmail ?? '시스템'}
                  {entry.actorRole && ` (${ROLE_LABEL[entry.actorRole] ?? entry.actorRole})`}
                </p>
                {changes.length > 0 && (
                  <ul className="history-changes">
                    {changes.map((change) => (
                      <li key={change.field}>
                        <span className="change-field">{label(change.field)}</span>:{' '}
                        {entry.before === null ? (
                          formatField(change.field, change.to, criteria)
                        ) : (
                          <>
                            <span className="change-from">{formatField(change.field, change.from, criteria)}</span>
                            {' → '}
                            <span className="change-to">{formatField(change.field, change.to, criteria)}</span>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {entries.length > shown && (
        <button type="button" className="button button-ghost" onClick={() => setShown((n) => n + PAGE)}>
          이전 기록 더 보기 ({entries.length - shown}건)
        </button>
      )}
    </section>
  );
}
