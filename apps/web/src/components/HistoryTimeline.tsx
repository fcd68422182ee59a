import { useState, type ReactNode } from 'react';
import type { AuditRecord } from '../api/models';
import { formatDateTime, roleLabel } from '../labels';

const PAGE = 20;

/** An audit entry's record before or after the change, when it is one (an object); otherwise null. */
export const recordOf = (value: AuditRecord['after']): Record<string, unknown> | null => (value && typeof value === 'object' && !Array.isArray(value) ? value : null);

interface TimelineProps<E extends { id: string }> {
  headingId: string;
  title: string;
  /** Shown when there are no entries. */
  empty: string;
  testId: string;
  entries: E[];
  /** One `<HistoryItem>` per entry. */
  children: (entry: E) => ReactNode;
}

/** A panel of audit entries, newest first, 20 at a time with a button for older ones. */
export function HistoryTimeline<E extends { id: string }>({ headingId, title, empty, testId, entries, children }: TimelineProps<E>) {
  const [shown, setShown] = useState(PAGE);
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {entries.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ol className="history" data-testid={testId}>
          {entries.slice(0, shown).map(children)}
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

/**
 * Who did it: their name (or, without one, their email; without either, 시스템) and role; the email
 * follows a name in small print, so two people of the same name can be told apart.
 */
export function ActorName({ name, email, role }: { name?: string | null; email: string | null; role: string | null }) {
  return (
    <>
      <span className="actor-name">{name || email || '시스템'}</span>
      {role && ` (${roleLabel(role)})`}
      {name && email && <span className="actor-email small"> {email}</span>}
    </>
  );
}

/** One changed field: its label, then the new value, the old value, or old → new. */
export interface ChangeLine {
  field: string;
  label: string;
  from: string;
  to: string;
  show: 'to' | 'from' | 'both';
}

interface ItemProps {
  /** The colour: the history styles for create (green), update (blue) and delete (red). */
  tone: string;
  testId: string;
  /** What happened, in the coloured badge. */
  action: string;
  /** What it happened to, after the badge. */
  subject?: ReactNode;
  at: string;
  actorEmail: string | null;
  /** Shown instead of the email when there is one (the email then follows, smaller). */
  actorName?: string | null;
  /** The actor's role when they acted; null for the system. */
  actorRole: string | null;
  changes: ChangeLine[];
}

/** One entry of a `<HistoryTimeline>`: the action, when and by whom, and the changed fields. */
export function HistoryItem({ tone, testId, action, subject, at, actorEmail, actorName, actorRole, changes }: ItemProps) {
  return (
    <li className={`history-entry action-${tone}`} data-testid={testId}>
      <p className="history-head">
        <span className={`badge action-badge action-${tone}`}>{action}</span>
        {subject}
      </p>
      <p className="history-meta">
        <time dateTime={at}>{formatDateTime(at)}</time> · <ActorName name={actorName} email={actorEmail} role={actorRole} />
      </p>
      {changes.length > 0 && (
        <ul className="history-changes">
          {changes.map((change) => (
            <li key={change.field}>
              <span className="change-field">{change.label}</span>:{' '}
              {change.show === 'both' ? (
                <>
                  <span className="change-from">{change.from}</span>
                  {' → '}
                  <span className="change-to">{change.to}</span>
                </>
              ) : change.show === 'to' ? (
                change.to
              ) : (
                change.from
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
