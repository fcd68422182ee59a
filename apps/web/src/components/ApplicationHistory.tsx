import { APPLICATION_ACTION_LABEL, APPLICATION_STATUS_LABEL, attachmentKindLabel, fieldLabel, formatScore, formatValue } from '../labels';
import type { ApplicationStatus, AuditRecord, Criterion } from '../api/models';
import { HistoryItem, HistoryTimeline, recordOf } from './HistoryTimeline';

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
export function ApplicationHistory({ entries, criteria = [] }: { entries: AuditRecord[]; criteria?: Criterion[] }) {
  return (
    <HistoryTimeline headingId="application-history-heading" title="신청 이력" empty="아직 기록이 없습니다." testId="application-history" entries={entries}>
      {(entry) => <Entry key={entry.id} entry={entry} criteria={criteria} />}
    </HistoryTimeline>
  );
}

function Entry({ entry, criteria }: { entry: AuditRecord; criteria: Criterion[] }) {
  const reviewer = (recordOf(entry.after) ?? recordOf(entry.before))?.reviewer;
  return (
    <HistoryItem
      tone={TONE[entry.action] ?? 'update'}
      testId="application-history-entry"
      action={APPLICATION_ACTION_LABEL[entry.action] ?? entry.action}
      subject={typeof reviewer === 'string' && <strong>심사위원 {reviewer}</strong>}
      at={entry.at}
      actorEmail={entry.actorEmail}
      actorName={entry.actorName}
      actorRole={entry.actorRole}
      changes={entry.changes
        .filter((c) => c.field !== 'reviewer')
        .map((c) => ({
          field: c.field,
          label: label(c.field),
          from: formatField(c.field, c.from, criteria),
          to: formatField(c.field, c.to, criteria),
          show: entry.before === null ? 'to' : 'both',
        }))}
    />
  );
}
