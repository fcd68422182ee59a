import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SchoolLevel, User } from '../../api/models';
import type { CaseArea, CaseStatus, PracticeCase } from '../../api/models/ordinance';
import { ordinanceUrls, practiceApi, type CaseListQuery } from '../../api/ordinance';
import { DataTable } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ANY, FileField, InputField, SelectField, SubmitButton, TextAreaField, useFileInput } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { Pagination } from '../../components/Pagination';
import { formatSeoulMinute } from '../../format';
import { isAdmin } from '../../roles';
import { CASE_AREA_LABEL, CASE_STATUS_BADGE, CASE_STATUS_LABEL, levelLabel, ordinancePaths, SCHOOL_LEVEL_LABEL } from './ordinanceLabels';
import { OrdinanceLayout } from './OrdinanceLayout';
import { ordinanceKeys, ordinanceQueries } from './ordinanceQueries';

const ACCEPT = '.pdf,.hwp,.hwpx,.docx,.xlsx,.pptx';
const CASE_FIELDS: Record<string, string> = { title: '제목', area: '영역', description: '내용', schoolLevel: '학교급' };

/**
 * 우수사례 (조례 제8조): a principal records their school's case (with documents), the district office reviews its
 * schools' cases (approve or return), the city publishes reviewed ones to the public gallery.
 */
export function CasesPage({ user }: { user: User }) {
  const [creating, setCreating] = useState(false);
  const mayCreate = user.role !== 'teacher';
  return (
    <OrdinanceLayout
      title="우수사례"
      lead={
        <>
          공개된 사례는 로그인 없이 <a href={ordinancePaths.publicCases}>우수사례 갤러리</a>에서 볼 수 있습니다.
        </>
      }
      actions={
        mayCreate && !creating ? (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="case-new">
            우수사례 등록
          </button>
        ) : null
      }
    >
      {creating && <CaseForm user={user} onDone={() => setCreating(false)} />}
      {user.role === 'city_admin' && <Queue user={user} status="reviewed" title="게시 대기" empty="게시를 기다리는 사례가 없습니다." />}
      {isAdmin(user) && <Queue user={user} status="submitted" title="검토 대기" empty="검토를 기다리는 사례가 없습니다." />}
      <CaseList user={user} />
    </OrdinanceLayout>
  );
}

/** The cases waiting for this administrator: submitted (the office's review), or reviewed (the city's publication). */
function Queue({ user, status, title, empty }: { user: User; status: CaseStatus; title: string; empty: string }) {
  const cases = useQuery(ordinanceQueries.cases({ status, page: 1, pageSize: 50 }));
  const id = `queue-${status}`;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`}>
        {title}
        {cases.data && <span className="muted small"> {cases.data.total}건</span>}
      </h2>
      <ErrorMessage error={cases.error} title="사례를 불러오지 못했습니다." />
      {cases.isPending && <Loading />}
      {cases.data && cases.data.items.length === 0 && <p className="empty">{empty}</p>}
      {cases.data && cases.data.items.length > 0 && <CaseTable user={user} cases={cases.data.items} caption={title} scope={status} />}
    </section>
  );
}

function CaseList({ user }: { user: User }) {
  const [q, setQ] = useState<CaseListQuery>({ page: 1, pageSize: 20 });
  const cases = useQuery(ordinanceQueries.cases(q));
  return (
    <section className="panel" aria-labelledby="cases-heading">
      <h2 id="cases-heading">{user.role === 'city_admin' ? '모든 사례' : '볼 수 있는 사례'}</h2>
      <div className="form-grid" role="search" aria-label="우수사례 찾기">
        <SelectField id="cases-status" label="상태" value={q.status ?? ''} options={{ ...ANY, ...CASE_STATUS_LABEL }} onChange={(v) => setQ({ ...q, page: 1, status: (v || undefined) as CaseStatus | undefined })} />
        <SelectField id="cases-level" label="학교급" value={q.level ?? ''} options={{ ...ANY, ...SCHOOL_LEVEL_LABEL }} onChange={(v) => setQ({ ...q, page: 1, level: (v || undefined) as SchoolLevel | undefined })} />
        <SelectField id="cases-area" label="영역" value={q.area ?? ''} options={{ ...ANY, ...CASE_AREA_LABEL }} onChange={(v) => setQ({ ...q, page: 1, area: (v || undefined) as CaseArea | undefined })} />
      </div>
      <ErrorMessage error={cases.error} title="사례를 불러오지 못했습니다." />
      {cases.isPending && <Loading />}
      {cases.data && cases.data.items.length === 0 && <p className="empty">조건에 맞는 사례가 없습니다.</p>}
      {cases.data && cases.data.items.length > 0 && (
        <>
          <CaseTable user={user} cases={cases.data.items} caption="우수사례 목록" testId="cases-table" scope="all" />
          <Pagination page={cases.data.page} pageSize={cases.data.pageSize} total={cases.data.total} onPage={(page) => setQ({ ...q, page })} />
        </>
      )}
    </section>
  );
}

/** `scope` keeps the controls' ids apart when a case shows in a queue and in the list. */
function CaseTable({ user, cases, caption, testId, scope }: { user: User; cases: PracticeCase[]; caption: string; testId?: string; scope: string }) {
  return (
    <DataTable testId={testId} caption={caption} columns={['사례', '학교', '학교급', '영역', '상태', '제출일', '']}>
      {cases.map((c) => (
        <CaseRow key={c.id} user={user} practiceCase={c} scope={scope} />
      ))}
    </DataTable>
  );
}

function CaseRow({ user, practiceCase: c, scope }: { user: User; practiceCase: PracticeCase; scope: string }) {
  return (
    <tr data-testid="case-row" data-id={c.id} data-status={c.status}>
      <th scope="row">
        <details className="case-details">
          <summary>{c.title}</summary>
          <p className="pre-line small">{c.description}</p>
          {c.reviewComment && <p className="small">검토 의견: {c.reviewComment}</p>}
          {c.attachments.length > 0 && (
            <ul className="attachment-list">
              {c.attachments.map((a) => (
                <li key={a.id}>
                  <DownloadButton url={ordinanceUrls.caseAttachment(c.id, a.id)} label={a.filename} filename={a.filename} className="button button-small button-ghost" />
                </li>
              ))}
            </ul>
          )}
          {c.status !== 'published' && (user.role === 'city_admin' || (c.schoolId !== null && c.schoolId === user.schoolId)) && <AttachForm caseId={c.id} scope={scope} />}
        </details>
      </th>
      <td>{c.schoolName ?? c.districtOfficeName ?? '-'}</td>
      <td className="nowrap">{levelLabel(c.schoolLevel)}</td>
      <td className="nowrap">{CASE_AREA_LABEL[c.area]}</td>
      <td>
        <span className={CASE_STATUS_BADGE[c.status]}>{CASE_STATUS_LABEL[c.status]}</span>
      </td>
      <td className="nowrap small">{formatSeoulMinute(c.submittedAt)}</td>
      <td>
        <CaseActions user={user} practiceCase={c} scope={scope} />
      </td>
    </tr>
  );
}

/** What this user may do with the case now: review (the office), publish (the city), send back to review (the school). */
function CaseActions({ user, practiceCase: c, scope }: { user: User; practiceCase: PracticeCase; scope: string }) {
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const done = () => queryClient.invalidateQueries({ queryKey: ordinanceKeys.cases });
  const review = useMutation({ mutationFn: (decision: 'approve' | 'return') => practiceApi.reviewCase(c.id, decision, comment || undefined), onSuccess: done });
  const publish = useMutation({ mutationFn: () => practiceApi.publishCase(c.id), onSuccess: done });
  const resubmit = useMutation({ mutationFn: () => practiceApi.resubmitCase(c.id), onSuccess: done });
  const mayReview = c.status === 'submitted' && (user.role === 'city_admin' || (user.role === 'district_admin' && c.districtOffice === user.districtOffice));
  return (
    <div className="case-actions">
      {mayReview && (
        <>
          <label className="sr-only" htmlFor={`${scope}-case-${c.id}-comment`}>
            검토 의견
          </label>
          <input id={`${scope}-case-${c.id}-comment`} placeholder="검토 의견 (선택)" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
          <button type="button" className="button button-small button-primary" onClick={() => review.mutate('approve')} disabled={review.isPending} data-testid="case-approve">
            승인
          </button>
          <button type="button" className="button button-small" onClick={() => review.mutate('return')} disabled={review.isPending} data-testid="case-return">
            보완 요청
          </button>
        </>
      )}
      {c.status === 'reviewed' && user.role === 'city_admin' && (
        <button type="button" className="button button-small button-primary" onClick={() => publish.mutate()} disabled={publish.isPending} data-testid="case-publish">
          갤러리에 공개
        </button>
      )}
      {c.status === 'returned' && user.role !== 'teacher' && (
        <button type="button" className="button button-small" onClick={() => resubmit.mutate()} disabled={resubmit.isPending} data-testid="case-resubmit">
          다시 제출
        </button>
      )}
      <ErrorMessage error={review.error ?? publish.error ?? resubmit.error} title="처리하지 못했습니다." />
    </div>
  );
}

function AttachForm({ caseId, scope }: { caseId: number; scope: string }) {
  const input = useFileInput();
  const queryClient = useQueryClient();
  const attach = useMutation({
    mutationFn: (file: File) => practiceApi.attachToCase(caseId, file),
    onSuccess: () => {
      input.clear();
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.cases });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (input.file) attach.mutate(input.file);
  };
  return (
    <form className="attach-form" onSubmit={submit}>
      <FileField id={`${scope}-case-${caseId}-file`} input={input} accept={ACCEPT} hint="PDF, HWP, HWPX, DOCX, XLSX, PPTX" />
      <SubmitButton busy={attach.isPending} busyLabel="올리는 중…" className="button button-small" disabled={!input.file}>
        첨부
      </SubmitButton>
      <ErrorMessage error={attach.error} title="첨부하지 못했습니다." />
    </form>
  );
}

/** 우수사례 등록: a principal for their school (goes to the office's review); an office or the city its own. */
function CaseForm({ user, onDone }: { user: User; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [area, setArea] = useState<CaseArea>('lesson');
  const [description, setDescription] = useState('');
  const [level, setLevel] = useState<SchoolLevel>('elementary');
  const file = useFileInput();
  const hasSchool = user.schoolId !== null;
  const create = useMutation({
    mutationFn: async () => {
      const created = await practiceApi.createCase({ title, area, description, ...(hasSchool ? {} : { schoolLevel: level }) });
      if (file.file) await practiceApi.attachToCase(created.id, file.file);
      return created;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.cases });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="panel" aria-labelledby="case-form-heading">
      <h2 id="case-form-heading">우수사례 등록</h2>
      {user.role === 'principal' && <p className="muted small">등록한 사례는 교육지원청 검토와 교육청 게시를 거쳐 갤러리에 공개됩니다.</p>}
      <form className="form-grid" onSubmit={submit} data-testid="case-form">
        <InputField id="case-title" label="제목" wide value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        <SelectField id="case-area" label="영역" value={area} options={CASE_AREA_LABEL} onChange={setArea} />
        {!hasSchool && <SelectField id="case-level" label="학교급" value={level} options={SCHOOL_LEVEL_LABEL} onChange={setLevel} />}
        <TextAreaField id="case-description" label="내용" wide value={description} onChange={(e) => setDescription(e.target.value)} rows={6} required maxLength={20000} />
        <FileField id="case-file" input={file} accept={ACCEPT} hint="첨부 문서 (선택): PDF, HWP, HWPX, DOCX, XLSX, PPTX" />
        <ErrorMessage error={create.error} title="등록하지 못했습니다." fields={CASE_FIELDS} />
        <div className="form-actions">
          <SubmitButton busy={create.isPending} busyLabel="등록 중…" testId="case-submit">
            등록
          </SubmitButton>
          <button type="button" className="button button-ghost" onClick={onDone}>
            취소
          </button>
        </div>
      </form>
    </section>
  );
}
