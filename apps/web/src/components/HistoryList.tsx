import { ACTION_LABEL, ENTITY_LABEL, fieldLabel, formatValue } from '../labels';
import type { HistoryEntry } from '../api/models';
import { HistoryItem, HistoryTimeline, recordOf, type ChangeLine } from './HistoryTimeline';

const HIDDEN_FIELDS = new Set(['id', 'schoolId', 'createdAt', 'updatedAt', 'sourceRow']);

/** What an entry is about: the kind of record, and its name where it has one. */
function subject(entry: HistoryEntry): string {
  const record = recordOf(entry.after) ?? recordOf(entry.before);
  const name = typeof record?.name === 'string' ? record.name : null;
  const entity = ENTITY_LABEL[entry.entityType] ?? entry.entityType;
  return name ? `${entity} ‘${name}’` : entity;
}

/** A created record shows its values; a deleted one its last values; an update old → new. */
const SHOW: Record<string, ChangeLine['show']> = { create: 'to', delete: 'from', update: 'both' };

/** Who changed what and when, newest first. */
export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  return (
    <HistoryTimeline headingId="history-heading" title="변경 이력" empty="아직 변경 이력이 없습니다." testId="history-list" entries={entries}>
      {(entry) => <Entry key={entry.id} entry={entry} />}
    </HistoryTimeline>
  );
}

function Entry({ entry }: { entry: HistoryEntry }) {
  return (
    <HistoryItem
      tone={entry.action}
      testId="history-entry"
      action={ACTION_LABEL[entry.action] ?? entry.action}
      subject={<strong>{subject(entry)}</strong>}
      at={entry.at}
      actorEmail={entry.actorEmail}
      actorName={entry.actorName}
      actorRole={entry.actorRole}
      changes={entry.changes
        .filter((c) => !HIDDEN_FIELDS.has(c.field))
        .map((c) => ({
          field: c.field,
          label: fieldLabel(c.field),
          from: formatValue(c.field, c.from),
          to: formatValue(c.field, c.to),
          show: SHOW[entry.action] ?? 'both',
        }))}
    />
  );
}
