import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { ConsentDecision } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, Notice, SelectField, SubmitButton } from '../../components/fields';
import { FieldError } from '../surveys/FieldError';
import { decidedAtOf, seoulToday, STAFF_METHOD_LABEL, type StaffMethod } from './consentLabels';
import { consentKeys } from './consentQueries';
import { GuardianRelationField, relationOf, relationProblem } from './GuardianRelationField';

const RECORD_MESSAGES = {
  NO_NOTICE: '그날 유효한 동의 안내문이 없습니다. 교육청이 이 서비스의 안내문을 먼저 게시해야 합니다.',
  NOTHING_TO_WITHDRAW: '철회할 동의가 없습니다. 가장 최근 기록이 동의가 아닙니다.',
};

const RECORD_FIELDS = { guardianRelation: '보호자 관계', decidedAt: '확인일', withdrawnAt: '철회일', method: '확인 방법', methodNote: '기타 방법', serviceId: 'AI 서비스' };

const DECISION_OPTIONS: Record<ConsentDecision, string> = { granted: '동의', refused: '미동의' };

/** What each form is called and sends. */
const KIND = {
  decision: { title: '동의 여부 기록', dateLabel: '확인일', dateField: 'decidedAt', submit: '기록', failed: '기록하지 못했습니다.', buttonClass: 'button button-primary' },
  withdrawal: { title: '동의 철회', dateLabel: '철회일', dateField: 'withdrawnAt', submit: '철회 기록', failed: '철회를 기록하지 못했습니다.', buttonClass: 'button button-danger' },
} as const;

interface Props {
  /** A guardian's decision (동의/미동의), or the withdrawal of a consent. */
  kind: keyof typeof KIND;
  studentId: number;
  studentCode: string;
  serviceId: number;
  serviceName: string;
}

/** A new record changes the student's history, every class list and the letters' answered counts. */
export function useConsentChange<V, R>(change: (input: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => Promise.all([consentKeys.records, consentKeys.eligibility, consentKeys.letters].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

/**
 * Records what a guardian decided, on a paper slip or in another recognised way, or their withdrawal:
 * always a new record (the history is kept). A day before today is recorded at 09:00; today, now.
 */
export function ConsentRecordForm({ kind, studentId, studentCode, serviceId, serviceName }: Props) {
  const k = KIND[kind];
  const id = (name: string) => `${kind}-${name}`;
  const [decision, setDecision] = useState<ConsentDecision>('granted');
  const [relation, setRelation] = useState('');
  const [method, setMethod] = useState<StaffMethod>('paper_slip');
  const [note, setNote] = useState('');
  const [day, setDay] = useState(seoulToday());
  const [problem, setProblem] = useState<string | null>(null);
  const record = useConsentChange(async (): Promise<string> => {
      const at = decidedAtOf(day);
      const common = { studentId, serviceId, guardianRelation: relationOf(relation), method };
      if (kind === 'decision') {
        await api.recordConsent({ ...common, decision, ...(method === 'other' && note.trim() ? { methodNote: note.trim() } : {}), ...(at ? { decidedAt: at } : {}) });
        return `${studentCode}: ${DECISION_OPTIONS[decision]}을(를) 기록했습니다.`;
      }
      await api.withdrawConsent({ ...common, ...(at ? { withdrawnAt: at } : {}) });
      return `${studentCode}: 동의 철회를 기록했습니다.`;
  });
  const { isPending: busy, error } = record;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = relationProblem(relation);
    setProblem(found);
    if (found) record.reset();
    else record.mutate();
  };

  return (
    <form className="form-grid consent-record-form" aria-label={`${studentCode} ${k.title}`} onSubmit={submit} data-testid={`${kind}-form`}>
      <p className="subform-title consent-form-title">
        {k.title} <span className="muted small">({serviceName})</span>
      </p>
      {kind === 'decision' && <SelectField id={id('decision')} label="동의 여부" value={decision} options={DECISION_OPTIONS} onChange={setDecision} />}
      <div>
        <GuardianRelationField id={id('relation')} value={relation} onChange={setRelation} />
        {problem && (
          <p className="field-error" role="alert" data-testid={`${kind}-relation-problem`}>
            {problem}
          </p>
        )}
        <FieldError error={error} field="guardianRelation" />
      </div>
      <SelectField id={id('method')} label="확인 방법" value={method} options={STAFF_METHOD_LABEL} onChange={setMethod} />
      {kind === 'decision' && method === 'other' && (
        <div>
          <InputField id={id('note')} label="기타 방법" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} placeholder="예: 보호자 전화 확인" />
          <FieldError error={error} field="methodNote" />
        </div>
      )}
      <div>
        <InputField id={id('date')} label={k.dateLabel} type="date" value={day} max={seoulToday()} onChange={(e) => setDay(e.target.value)} required />
        <FieldError error={error} field={k.dateField} />
      </div>
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="기록 중…" className={k.buttonClass} disabled={!relation.trim()} testId={`${kind}-submit`}>
          {k.submit}
        </SubmitButton>
        <Notice text={record.data ?? null} testId={`${kind}-saved`} />
      </div>
      <ErrorMessage error={error} title={k.failed} messages={RECORD_MESSAGES} fields={RECORD_FIELDS} />
    </form>
  );
}
