import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { Designation, EvaluationInput, EvaluationKind, EvaluationOutcome, SupportKind, User } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { DataTable, num } from '../../components/DataTable';
import { DesignationStatusBadge } from '../../components/DesignationBadges';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Fact } from '../../components/Fact';
import { InputField, Notice, SelectField, SubmitButton, TextAreaField } from '../../components/fields';
import { PageFallback } from '../../components/PageFallback';
import { formatDate, formatKrw, formatScore, formatTerm, LEVEL_LABEL } from '../../labels';
import { isAdmin, isCityAdmin } from '../../roles';
import { Link } from 'react-router';
import { designationKeys, designationQuery, evaluationsQuery, supportQuery } from './queries';

export const EVALUATION_KIND_LABEL: Record<EvaluationKind, string> = { mid_term: '중간 평가', final: '종합 평가' };
export const EVALUATION_OUTCOME_LABEL: Record<EvaluationOutcome, string> = { continue: '지정 유지', renew: '재지정', end: '지정 종료', revoke: '지정 취소' };
export const SUPPORT_KIND_LABEL: Record<SupportKind, string> = { budget: '예산', staff: '인력' };

const pad = (n: number) => String(n).padStart(2, '0');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** One designation: its term and status; evaluations; support; and (city administrators) revocation. */
export function DesignationPage({ user, designationId }: { user: User; designationId: number }) {
  const designation = useQuery(designationQuery(designationId));
  const d = designation.data;
  if (!d) return <PageFallback error={designation.error} heading="지정 학교" errorTitle="지정 정보를 불러오지 못했습니다." back={{ to: '/designations', label: '지정 학교 목록으로' }} />;

  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<Link key="list" to="/designations">지정 학교</Link>, d.schoolName]} />
        <h1>
          {d.schoolName} <span className="muted">{d.typeName}</span>
        </h1>
      </div>
      <section className="panel" aria-labelledby="designation-facts-heading">
        <h2 id="designation-facts-heading">지정 정보</h2>
        <dl className="facts">
          <Fact label="학교">
            <Link to={`/schools/${d.schoolId}`}>{d.schoolName}</Link> ({LEVEL_LABEL[d.schoolLevel] ?? d.schoolLevel}, {d.districtOfficeName})
          </Fact>
          <Fact label="지정 유형">{d.typeName}</Fact>
          <Fact label="지정 기간">{formatTerm(d.termStart, d.termEnd)}</Fact>
          <Fact label="상태" testId="designation-status">
            <DesignationStatusBadge status={d.status} />
            {d.revokeReason && <span className="muted small" data-testid="designation-revoke-reason"> 사유: {d.revokeReason}</span>}
          </Fact>
          {d.renewedFrom !== null && (
            <Fact label="이전 지정">
              <Link to={`/designations/${d.renewedFrom}`}>이전 기간 보기</Link>
            </Fact>
          )}
        </dl>
      </section>

      <EvaluationSection user={user} designation={d} />
      {isAdmin(user) && <SupportSection user={user} designation={d} />}
      {isCityAdmin(user) && d.status === 'active' && <RevokeSection designation={d} />}
    </div>
  );
}

interface SectionProps {
  user: User;
  designation: Designation;
}

function EvaluationSection({ user, designation }: SectionProps) {
  const evaluations = useQuery(evaluationsQuery(designation.id));
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<EvaluationKind>('mid_term');
  const [evaluatedOn, setEvaluatedOn] = useState(today);
  const [score, setScore] = useState('');
  const [outcome, setOutcome] = useState<EvaluationOutcome>('continue');
  const [renewedTermEnd, setRenewedTermEnd] = useState('');
  const [notes, setNotes] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const evaluate = useMutation({
    mutationFn: (input: EvaluationInput) => api.evaluate(designation.id, input),
    onMutate: () => setNotice(null),
    // The outcome may end, revoke or renew the designation: its evaluations and its status change.
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: designationKeys.designation(designation.id) });
      setNotice(result.renewal ? `평가를 등록했습니다. 재지정 기간: ${formatTerm(result.renewal.termStart, result.renewal.termEnd)}` : '평가를 등록했습니다.');
      setScore('');
      setNotes('');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    evaluate.mutate({
      kind,
      evaluatedOn,
      score: Number(score),
      outcome,
      ...(outcome === 'renew' && renewedTermEnd ? { renewedTermEnd } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    });
  }

  const list = evaluations.data ?? [];
  return (
    <section className="panel" aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">평가</h2>
      <ErrorMessage error={evaluations.error} title="평가 내역을 불러오지 못했습니다." />
      {evaluations.data &&
        (list.length === 0 ? (
          <p className="muted" data-testid="evaluation-empty">
            등록된 평가가 없습니다.
          </p>
        ) : (
          <DataTable testId="evaluation-table" caption="평가 내역" columns={['평가일', '구분', num('점수'), '결과', '비고', '평가자']}>
            {list.map((e) => (
              <tr key={e.id}>
                <td>{formatDate(e.evaluatedOn)}</td>
                <td>{EVALUATION_KIND_LABEL[e.kind] ?? e.kind}</td>
                <td className="num">{formatScore(e.score)}</td>
                <td>{EVALUATION_OUTCOME_LABEL[e.outcome] ?? e.outcome}</td>
                <td>{e.notes ?? ''}</td>
                <td className="small">{e.evaluatedBy ?? '-'}</td>
              </tr>
            ))}
          </DataTable>
        ))}

      {isCityAdmin(user) && designation.status !== 'revoked' && (
        <form className="edit-box" aria-label="평가 등록" onSubmit={submit}>
          <h3>평가 등록</h3>
          <div className="form-grid">
            <SelectField id="evaluation-kind" label="평가 구분" options={EVALUATION_KIND_LABEL} value={kind} onChange={setKind} />
            <InputField id="evaluation-date" label="평가일" type="date" required value={evaluatedOn} onChange={(e) => setEvaluatedOn(e.target.value)} />
            <InputField id="evaluation-score" label="점수" type="number" required min={0} max={100} step={0.01} value={score} onChange={(e) => setScore(e.target.value)} hint="0~100점" />
            <SelectField id="evaluation-outcome" label="평가 결과" options={EVALUATION_OUTCOME_LABEL} value={outcome} onChange={setOutcome} />
            {outcome === 'renew' && (
              <InputField id="evaluation-renewed-end" label="재지정 종료일" type="date" value={renewedTermEnd} onChange={(e) => setRenewedTermEnd(e.target.value)} hint="비워 두면 지금과 같은 길이로 정합니다." />
            )}
            <TextAreaField id="evaluation-notes" label="비고" wide rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </div>
          <ErrorMessage error={evaluate.error} title="평가를 등록하지 못했습니다." />
          <div className="form-actions">
            <SubmitButton busy={evaluate.isPending} busyLabel="등록 중…" testId="evaluation-submit">
              평가 등록
            </SubmitButton>
            <Notice text={notice} testId="evaluation-notice" />
          </div>
        </form>
      )}
    </section>
  );
}

function SupportSection({ user, designation }: SectionProps) {
  const ledger = useQuery(supportQuery(designation.schoolId));
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<SupportKind>('budget');
  const [amount, setAmount] = useState('');
  const [grantedOn, setGrantedOn] = useState(today);
  const [description, setDescription] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const grant = useMutation({
    mutationFn: () =>
      api.grantSupport({
        schoolId: designation.schoolId,
        designationId: designation.id,
        kind,
        ...(kind === 'budget' ? { amountKrw: Number(amount) } : { staffCount: Number(amount) }),
        grantedOn,
        ...(description.trim() ? { description: description.trim() } : {}),
      }),
    onMutate: () => setNotice(null),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: designationKeys.support(designation.schoolId) });
      setNotice('지원 내역을 등록했습니다.');
      setAmount('');
      setDescription('');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    grant.mutate();
  }

  const rows = ledger.data ?? [];
  return (
    <section className="panel" aria-labelledby="support-heading">
      <h2 id="support-heading">지원 내역</h2>
      <p className="muted small">조례 제5조 ②에 따라 이 학교에 준 예산과 인력 지원입니다(다른 지정의 지원도 함께 표시).</p>
      <ErrorMessage error={ledger.error} title="지원 내역을 불러오지 못했습니다." />
      {ledger.data &&
        (rows.length === 0 ? (
          <p className="muted" data-testid="support-empty">
            등록된 지원 내역이 없습니다.
          </p>
        ) : (
          <DataTable testId="support-table" caption="지원 내역" columns={['지원일', '구분', num('예산·인원'), '내용', '지정']}>
            {rows.map((s) => (
              <tr key={s.id}>
                <td>{formatDate(s.grantedOn)}</td>
                <td>{SUPPORT_KIND_LABEL[s.kind] ?? s.kind}</td>
                <td className="num">{s.kind === 'budget' ? formatKrw(s.amountKrw) : `${s.staffCount ?? 0}명`}</td>
                <td>{s.description ?? ''}</td>
                <td className="small">{s.designationId === null ? '지정 없음' : s.designationId === designation.id ? '이 지정' : <Link to={`/designations/${s.designationId}`}>다른 지정</Link>}</td>
              </tr>
            ))}
          </DataTable>
        ))}

      {isCityAdmin(user) && (
        <form className="edit-box" aria-label="지원 등록" onSubmit={submit}>
          <h3>지원 등록</h3>
          <div className="form-grid">
            <SelectField id="support-kind" label="지원 구분" options={SUPPORT_KIND_LABEL} value={kind} onChange={setKind} />
            <InputField
              id="support-amount"
              label={kind === 'budget' ? '예산(원)' : '인원(명)'}
              type="number"
              required
              min={kind === 'budget' ? 1 : 0.1}
              step={kind === 'budget' ? 1 : 0.1}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
            <InputField id="support-date" label="지원일" type="date" required value={grantedOn} onChange={(e) => setGrantedOn(e.target.value)} />
            <InputField id="support-description" label="내용" wide maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="예: 운영비" />
          </div>
          <ErrorMessage error={grant.error} title="지원 내역을 등록하지 못했습니다." />
          <div className="form-actions">
            <SubmitButton busy={grant.isPending} busyLabel="등록 중…" testId="support-submit">
              지원 등록
            </SubmitButton>
            <Notice text={notice} testId="support-notice" />
          </div>
        </form>
      )}
    </section>
  );
}

function RevokeSection({ designation }: { designation: Designation }) {
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api.revokeDesignation(designation.id, reason.trim()),
    onSuccess: (revoked) => queryClient.setQueryData(designationQuery(designation.id).queryKey, revoked),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (window.confirm(`${designation.schoolName}의 ${designation.typeName} 지정을 취소할까요? 되돌릴 수 없습니다.`)) revoke.mutate();
  }

  return (
    <section className="panel" aria-labelledby="revoke-heading">
      <h2 id="revoke-heading">지정 취소</h2>
      <form aria-label="지정 취소" onSubmit={submit}>
        <TextAreaField id="revoke-reason" label="취소 사유" wide required rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        <ErrorMessage error={revoke.error} title="지정을 취소하지 못했습니다." />
        <div className="form-actions">
          <SubmitButton busy={revoke.isPending} busyLabel="취소 중…" className="button button-danger" disabled={!reason.trim()} testId="revoke-submit">
            지정 취소
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
