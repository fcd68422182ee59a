import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { LegalHold } from '../../api/models/privacyOffice';
import { privacyOfficeApi as privacyApi } from '../../api/privacyOffice';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, SelectField, SubmitButton, TextAreaField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { formatSeoulMinute } from '../../labels';
import { SchoolPicker } from '../accounts/SchoolPicker';
import { privacyKeys, privacyQueries } from './privacyQueries';

const TARGETS = { school: '학교', student: '학생' } as const;
type Target = keyof typeof TARGETS;

const HOLD_FIELDS = { schoolId: '학교', studentId: '학생 번호', reason: '사유' };

/**
 * 법적 보존: a dispute, an audit or an investigation keeps a school's or a student's personal data
 * past its rule; destruction skips it (and counts it) until the hold is released.
 */
export function LegalHolds() {
  const holds = useQuery(privacyQueries.holds());
  return (
    <section className="panel" aria-labelledby="holds-heading">
      <div className="panel-head">
        <div>
          <h2 id="holds-heading">법적 보존</h2>
          <p className="muted small">분쟁·감사·수사 등으로 보존해야 하는 학교나 학생의 정보는 해제할 때까지 파기하지 않습니다.</p>
        </div>
      </div>
      <HoldForm />
      <ErrorMessage error={holds.error} title="법적 보존 목록을 불러오지 못했습니다." />
      {holds.isPending && <Loading />}
      {holds.data && holds.data.length === 0 && <p className="empty">법적 보존 중인 정보가 없습니다.</p>}
      {holds.data && holds.data.length > 0 && (
        <DataTable testId="holds-table" caption="법적 보존 목록" columns={['대상', '사유', '설정', '해제', '']}>
          {holds.data.map((hold) => (
            <HoldRow key={hold.id} hold={hold} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** What a hold keeps, in words: the school, or the student (their school's code for them). */
const holdTarget = (h: LegalHold): string =>
  h.studentId !== null ? `학생 ${h.studentCode ?? `#${h.studentId}`}${h.schoolName ? ` (${h.schoolName})` : ''}` : `학교 ${h.schoolName ?? `#${h.schoolId}`}`;

function HoldRow({ hold }: { hold: LegalHold }) {
  const queryClient = useQueryClient();
  const release = useMutation({
    mutationFn: () => privacyApi.releaseLegalHold(hold.id),
    onSuccess: () => Promise.all([privacyKeys.holds, privacyKeys.dryRun].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
  const target = holdTarget(hold);
  const ask = () => {
    if (window.confirm(`${target}의 법적 보존을 해제합니다. 보존 기간이 지난 정보는 다음 파기 때 파기됩니다. 계속할까요?`)) release.mutate();
  };
  return (
    <tr data-testid="hold-row" data-active={hold.active}>
      <th scope="row">{target}</th>
      <td className="small">{hold.reason}</td>
      <td>
        {hold.setByName ?? '-'}
        <span className="small muted block">{formatSeoulMinute(hold.setAt)}</span>
      </td>
      <td>
        {hold.active ? (
          <span className="badge badge-warning">보존 중</span>
        ) : (
          <>
            {hold.releasedByName ?? '-'}
            <span className="small muted block">{formatSeoulMinute(hold.releasedAt)}</span>
          </>
        )}
      </td>
      <td>
        {hold.active && (
          <button type="button" className="button button-small button-danger" onClick={ask} disabled={release.isPending} aria-label={`${target} 법적 보존 해제`} data-testid="release-hold">
            {release.isPending ? '해제 중…' : '해제'}
          </button>
        )}
        <ErrorMessage error={release.error} title="해제하지 못했습니다." />
      </td>
    </tr>
  );
}

/** A new hold: on a school (found by name) or a student (the roster's number), with the reason. */
function HoldForm() {
  const [target, setTarget] = useState<Target>('school');
  const [school, setSchool] = useState<{ id: number; name: string } | null>(null);
  const [studentId, setStudentId] = useState('');
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      privacyApi.setLegalHold(target === 'school' ? { schoolId: school?.id, reason: reason.trim() } : { studentId: Number(studentId), reason: reason.trim() }),
    onSuccess: async () => {
      await Promise.all([privacyKeys.holds, privacyKeys.dryRun].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      setSchool(null);
      setStudentId('');
      setReason('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="form-grid hold-form subform" aria-label="법적 보존 설정" onSubmit={submit} data-testid="hold-form">
      <SelectField id="hold-target" label="보존 대상" options={TARGETS} value={target} onChange={setTarget} />
      {target === 'school' ? (
        <SchoolPicker id="hold-school" label="학교" school={school} onChange={setSchool} />
      ) : (
        <InputField id="hold-student" label="학생 번호(ID)" type="number" min={1} step={1} value={studentId} onChange={(e) => setStudentId(e.target.value)} required hint="학생 명부의 번호" />
      )}
      <div className="field-wide">
        <TextAreaField id="hold-reason" label="사유" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required maxLength={1000} hint="예: 학교폭력 사안 행정심판 진행 중" />
      </div>
      <ErrorMessage error={save.error} title="법적 보존을 설정하지 못했습니다." fields={HOLD_FIELDS} />
      <div className="form-actions">
        <SubmitButton busy={save.isPending} busyLabel="설정 중…" disabled={target === 'school' && !school} testId="set-hold">
          법적 보존 설정
        </SubmitButton>
      </div>
    </form>
  );
}
