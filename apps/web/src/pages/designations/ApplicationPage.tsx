import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, designationUrls } from '../../api';
import type { DesignationApplication, DesignationCall, User } from '../../api/models';
import { ApplicationHistory } from '../../components/ApplicationHistory';
import { Breadcrumb } from '../../components/Breadcrumb';
import { DataTable, num } from '../../components/DataTable';
import { ApplicationStatusBadge, PhaseBadge } from '../../components/DesignationBadges';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FileField, SelectField, SubmitButton, TextAreaField, useFileInput } from '../../components/fields';
import { PageFallback } from '../../components/PageFallback';
import { attachmentKindLabel, formatBytes, formatDateTime, formatTerm } from '../../labels';
import { Link } from 'react-router';
import { CallListLink } from './CallListLink';
import { applicationHistoryQuery, applicationQuery, callQuery } from './queries';

const ACCEPT = '.pdf,.hwp,.hwpx,.docx,.xlsx,.pptx';

type Step = 'submit' | 'withdraw';
const STEP: Record<Step, { question: string; done: string }> = {
  submit: {
    question: '신청서를 제출할까요? 제출한 뒤에는 운영 계획과 첨부 서류를 고칠 수 없습니다(마감 전 철회는 가능합니다).',
    done: '신청서를 제출했습니다.',
  },
  withdraw: {
    question: '신청서를 철회할까요? 철회한 신청서는 심사 대상에서 빠집니다. 접수 기간 안에는 새로 신청할 수 있습니다.',
    done: '신청서를 철회했습니다.',
  },
};

/** A school's application: plan summary, documents, submit and withdraw, the decision and the history. */
export function ApplicationPage({ user, applicationId }: { user: User; applicationId: number }) {
  const application = useQuery(applicationQuery(applicationId));
  const callId = application.data?.callId;
  const callAnswer = useQuery({ ...callQuery(callId ?? 0), enabled: callId !== undefined });
  const historyAnswer = useQuery(applicationHistoryQuery(applicationId));
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);

  /** After any change: the application as the change answered, and its history fresh from the server. */
  const changed = async (next: DesignationApplication, message: string) => {
    queryClient.setQueryData(applicationQuery(next.id).queryKey, next);
    await queryClient.invalidateQueries({ queryKey: applicationHistoryQuery(next.id).queryKey });
    setNotice(message);
  };
  const step = useMutation({
    mutationFn: (which: Step) => (which === 'submit' ? api.submitApplication(applicationId) : api.withdrawApplication(applicationId)),
    onSuccess: (next, which) => changed(next, STEP[which].done),
  });
  const confirmStep = (which: Step) => {
    if (window.confirm(STEP[which].question)) step.mutate(which);
  };

  const app = application.data;
  const call = callAnswer.data;
  const history = historyAnswer.data;
  if (!app || !call || !history) {
    return (
      <PageFallback
        error={application.error ?? callAnswer.error ?? historyAnswer.error}
        heading="신청서"
        errorTitle="신청서를 불러오지 못했습니다."
        back={{ to: '/designations/calls', label: '공모 목록으로 돌아가기' }}
      />
    );
  }

  const owner = user.role === 'principal' && user.schoolId === app.schoolId;
  const open = call.phase === 'open';
  const editable = owner && open && app.status === 'draft';
  const have = new Set(app.attachments.map((a) => a.kind));
  const missing = call.requiredAttachments.filter((k) => !have.has(k));

  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<CallListLink user={user} />, <Link to={`/designations/calls/${call.id}`}>{call.title}</Link>, '신청서']} />
        <h1>
          <span data-testid="application-school">{app.schoolName}</span> 신청서 <ApplicationStatusBadge status={app.status} />
        </h1>
        <p className="muted">
          {call.typeName} · {call.title} · <PhaseBadge phase={call.phase} /> 접수 마감 {formatDateTime(call.closesAt)}
        </p>
      </div>

      <DecisionPanel app={app} call={call} />
      <StatusHelp app={app} call={call} owner={owner} />

      <PlanSection key={`${app.id}-${app.status}`} app={app} editable={editable} onSaved={(next) => changed(next, '운영 계획을 저장했습니다.')} />

      <section className="panel" aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">첨부 서류</h2>
        {call.requiredAttachments.length > 0 ? (
          <ul className="checklist" data-testid="required-attachments" aria-label="필수 첨부 서류">
            {call.requiredAttachments.map((kind) => (
              <li key={kind} className={have.has(kind) ? 'is-done' : 'is-missing'}>
                <span aria-hidden="true">{have.has(kind) ? '✓' : '✗'}</span> {attachmentKindLabel(kind)}{' '}
                <span className={`badge ${have.has(kind) ? 'badge-ok' : 'badge-warning'}`}>{have.has(kind) ? '첨부됨' : '없음'}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">이 공모는 필수 첨부 서류가 없습니다.</p>
        )}
        {missing.length > 0 && app.status === 'draft' && (
          <p className="alert alert-warning" role="note" data-testid="missing-attachments">
            제출하려면 다음 서류를 올려야 합니다: {missing.map(attachmentKindLabel).join(', ')}
          </p>
        )}
        {app.attachments.length === 0 ? (
          <p className="empty">올린 서류가 없습니다.</p>
        ) : (
          <DataTable testId="attachment-table" caption="올린 서류" columns={['종류', '파일', num('크기'), '올린 시각', '내려받기']}>
            {app.attachments.map((f) => (
              <tr key={f.id}>
                <td>{attachmentKindLabel(f.kind)}</td>
                <th scope="row">{f.filename}</th>
                <td className="num">{formatBytes(f.byteSize)}</td>
                <td>{formatDateTime(f.uploadedAt)}</td>
                <td>
                  <DownloadButton url={designationUrls.attachment(app.id, f.id)} label="내려받기" filename={f.filename} className="button button-small" />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {editable && <UploadForm app={app} call={call} missing={missing} onUploaded={(next) => changed(next, '서류를 올렸습니다.')} />}
      </section>

      {owner && (app.status === 'draft' || app.status === 'submitted') && (
        <section className="panel" aria-labelledby="actions-heading">
          <h2 id="actions-heading">제출·철회</h2>
          {!open && <p className="muted">접수 기간이 아니어서 제출하거나 철회할 수 없습니다.</p>}
          <div className="form-actions">
            {app.status === 'draft' && (
              <button type="button" className="button button-primary" data-testid="submit-application" disabled={!open || missing.length > 0} onClick={() => confirmStep('submit')}>
                신청서 제출
              </button>
            )}
            <button type="button" className="button button-danger" data-testid="withdraw-application" disabled={!open} onClick={() => confirmStep('withdraw')}>
              신청 철회
            </button>
            {app.status === 'draft' && missing.length > 0 && <span className="muted small">필수 서류를 모두 올리면 제출할 수 있습니다.</span>}
          </div>
          <ErrorMessage error={step.error} title="처리하지 못했습니다." />
        </section>
      )}
      {notice && (
        <p className="notice toast" role="status" data-testid="application-notice">
          {notice}
        </p>
      )}

      <ApplicationHistory entries={history} criteria={call.criteria} />
    </div>
  );
}

function DecisionPanel({ app, call }: { app: DesignationApplication; call: DesignationCall }) {
  if (app.status !== 'designated' && app.status !== 'rejected') return null;
  const designated = app.status === 'designated';
  return (
    <section className={`panel decision-panel ${designated ? 'is-designated' : 'is-rejected'}`} aria-labelledby="decision-heading" data-testid="decision-result">
      <h2 id="decision-heading">
        심사 결과: <span data-testid="decision-label">{designated ? '지정' : '미지정'}</span>
      </h2>
      {designated && (
        <p>
          {call.typeName}(으)로 지정되었습니다. 지정 기간: {formatTerm(call.termStart, call.termEnd)}
        </p>
      )}
      <p>
        <strong>결정 사유:</strong> <span data-testid="decision-reason">{app.decisionReason ?? '-'}</span>
      </p>
      {app.decidedAt && <p className="muted small">결정 일시: {formatDateTime(app.decidedAt)}</p>}
    </section>
  );
}

function StatusHelp({ app, call, owner }: { app: DesignationApplication; call: DesignationCall; owner: boolean }) {
  let text: string | null = null;
  if (app.status === 'draft') {
    text =
      call.phase === 'open'
        ? `작성 중인 신청서입니다. ${owner ? '운영 계획을 적고 필수 서류를 올린 뒤 제출하세요. ' : ''}접수 마감은 ${formatDateTime(call.closesAt)}입니다.`
        : '제출하지 않은 채 접수가 마감된 신청서입니다. 심사 대상이 아닙니다.';
  } else if (app.status === 'submitted') {
    text = `${app.submittedAt ? `${formatDateTime(app.submittedAt)}에 ` : ''}제출되었습니다. 심사 결과를 기다리고 있습니다.${owner && call.phase === 'open' ? ' 마감 전에는 철회할 수 있습니다.' : ''}`;
  } else if (app.status === 'withdrawn') {
    text = `${app.withdrawnAt ? `${formatDateTime(app.withdrawnAt)}에 ` : ''}철회한 신청서입니다.${owner && call.phase === 'open' ? ' 접수 기간 안에는 공모 화면에서 새로 신청할 수 있습니다.' : ''}`;
  }
  if (!text) return null;
  return (
    <p className="alert alert-info" role="note" data-testid="status-help">
      {text}
    </p>
  );
}

function PlanSection({ app, editable, onSaved }: { app: DesignationApplication; editable: boolean; onSaved: (next: DesignationApplication) => Promise<void> }) {
  const [plan, setPlan] = useState(app.planSummary);
  const save = useMutation({ mutationFn: () => api.updateApplication(app.id, plan), onSuccess: onSaved });
  const dirty = plan !== app.planSummary;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <section className="panel" aria-labelledby="plan-heading">
      <h2 id="plan-heading">운영 계획 요약</h2>
      {editable ? (
        <form aria-label="운영 계획 수정" onSubmit={submit} className="stack-form">
          <TextAreaField id="plan-summary" label="운영 계획 요약" rows={8} maxLength={5000} value={plan} onChange={(e) => setPlan(e.target.value)} hint={`${plan.length.toLocaleString('ko-KR')} / 5,000자`} />
          <ErrorMessage error={save.error} title="운영 계획을 저장하지 못했습니다." />
          <div className="form-actions">
            <SubmitButton busy={save.isPending} busyLabel="저장 중…" className="button button-secondary" disabled={!dirty}>
              운영 계획 저장
            </SubmitButton>
            {dirty && <span className="muted small">저장하지 않은 변경이 있습니다. 제출 전에 저장하세요.</span>}
          </div>
        </form>
      ) : app.planSummary ? (
        <p className="plan-text" data-testid="plan-summary">
          {app.planSummary}
        </p>
      ) : (
        <p className="empty">작성한 운영 계획이 없습니다.</p>
      )}
    </section>
  );
}

function UploadForm({ app, call, missing, onUploaded }: { app: DesignationApplication; call: DesignationCall; missing: string[]; onUploaded: (next: DesignationApplication) => Promise<void> }) {
  const kinds = [...new Set([...call.requiredAttachments, 'other'])];
  const [kind, setKind] = useState(missing[0] ?? kinds[0]);
  const input = useFileInput();
  const { file } = input;
  const upload = useMutation({
    mutationFn: (file: File) => api.uploadAttachment(app.id, kind, file),
    onSuccess: async (next) => {
      input.clear();
      await onUploaded(next);
    },
  });

  // Once a kind is uploaded, offer the next missing one.
  useEffect(() => {
    if (!missing.includes(kind) && missing.length > 0) setKind(missing[0]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [missing.join(',')]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) upload.mutate(file);
  }

  return (
    <form className="subform" aria-label="서류 올리기" onSubmit={submit}>
      <p className="subform-title">서류 올리기</p>
      <div className="form-grid">
        <SelectField id="upload-kind" label="서류 종류" options={Object.fromEntries(kinds.map((k) => [k, attachmentKindLabel(k)]))} value={kind} onChange={setKind} />
        <FileField id="upload-file" input={input} accept={ACCEPT} hint="PDF, HWP, HWPX, DOCX, XLSX, PPTX 파일만 올릴 수 있습니다. 파일 내용도 확인합니다." />
        <ErrorMessage error={upload.error} title="서류를 올리지 못했습니다." />
        <div className="form-actions">
          <SubmitButton busy={upload.isPending} busyLabel="올리는 중…" className="button button-secondary" disabled={!file}>
            올리기
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
