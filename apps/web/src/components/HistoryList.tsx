import { useState } from 'react';
import { ACTION_LABEL, ENTITY_LABEL, fieldLabel, formatDateTime, formatValue, ROLE_LABEL } from '../labels';
import type { HistoryEntry } from '../types';

const HIDDEN_FIELDS = new Set(['id', 'schoolId', 'createdAt', 'updatedAt', 'sourceRow']);
const PAGE = 20;

function subject(entry: HistoryEntry): string {
  const record = entry.after ?? entry.before;
  const name = record && typeof record.name === 'string' ? record.name : null;
  const entity = ENTITY_LABEL[entry.entityType] ?? entry.entityType;
  return name ? `${entity} ‘${name}’` : entity;
}

function Change({ entry, change }: { entry: HistoryEntry; change: HistoryEntry['changes'][number] }) {
  const label = fieldLabel(change.field);
  if (entry.action === 'create') {
    return (
      <>
        <span className="change-field">{label}</span>: {formatValue(change.field, change.to)}
      </>
    );
  }
  if (entry.action === 'delete') {
    return (
      <>
        <span className="change-field">{label}</span>: {formatValue(change.field, change.from)}
      </>
    );
  }
  return (
    <>
      <span className="change-field">{label}</span>: <span className="change-from">{formatValue(change.field, change.from)}</span>
      {' → '}
      <span className="change-to">{formatValue(change.field, change.to)}</span>
    </>
  );
}

/** Who changed what and when, newest first. */
export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">변경 이력</h2>
      {entries.length === 0 ? (
        <p className="empty">아직 변경 이력이 없습니다.</p>
      ) : (
        <ol className="history" data-testid="history-list">
          {entries.slice(0, shown).map((entry) => {
            const changes = entry.changes.filter((c) => !HIDDEN_FIELDS.has(c.field));
            return (
              <li key={entry.id} className={`history-entry action-${entry.action}`} data-testid="history-entry">
                <p className="history-head">
                  <span className={`badge action-badge action-${entry.action}`}>{ACTION_LABEL[entry.action] ?? entry.action}</span>
                  <strong>{subject(entry)}</strong>
                </p>
                <p className="history-meta">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {entry.actorEmail} ({ROLE_LABEL[entry.actorRole] ?? entry.actorRole})
                </p>
                {changes.length > 0 && (
                  <ul className="history-changes">
                    {changes.map((change) => (
                      <li key={change.field}>
                        <Change entry={entry} change={change} />
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
