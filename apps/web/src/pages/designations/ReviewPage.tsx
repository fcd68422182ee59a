import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, designationUrls } from '../../api';
import type { DesignationApplication, DesignationCall, ReviewerScores, User } from '../../api/models';
import { Breadcrumb } from '../../components/Breadcrumb';
import { ApplicationStatusBadge } from '../../components/DesignationBadges';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, Notice, TextAreaField } from '../../components/fields';
import { PageFallback } from '../../components/PageFallback';
import { attachmentKindLabel, EXCLUSION_LABEL, formatScore, LEVEL_LABEL, officeName } from '../../labels';
import { Link } from 'react-router';
import { applicationQuery, callQuery, designationKeys, officesQuery, reviewsQuery, scoresQuery } from './queries';

/** Scoring one application: a number per criterion (with its maximum), comments, and the recusal. */
export function ReviewPage({ user, applicationId }: { user: User; applicationId: number }) {
  const application = useQuery(applicationQuery(applicationId));
  const reviews = useQuery(reviewsQuery);
  const offices = useQuery(officesQuery);
  const callId = application.data?.callId;
  const callAnswer = useQuery({ ...callQuery(callId ?? 0), enabled: callId !== undefined });
  const scores = useQuery(scoresQuery(applicationId));
  const queryClient = useQueryClient();

  const app = application.data;
  const call = callAnswer.data;
  if (!app || !call || !reviews.data || !offices.data || !scores.data) {
    const error = application.error ?? reviews.error ?? offices.error ?? callAnswer.error ?? scores.error;
    return <PageFallback error={error} heading="채점" errorTitle="신청서를 불러오지 못했습니다." back={{ to: '/designations/reviews', label: '심사 목록으로 돌아가기' }} />;
  }
  const item = reviews.data.find((r) => r.applicationId === applicationId);
  const excludedBecause = item ? item.excludedBecause : app.status === 'submitted' ? 'not_assigned' : null;
  const mine = scores.data.find((s) => s.reviewerId === user.id) ?? null;
  const closed = app.status !== 'submitted';

  return (
    <div className="page">
      <div className="page-head">
        <Breadcrumb steps={[<Link to="/designations/reviews">심사</Link>, call.title, app.schoolName]} />
        <h1>
          <span data-testid="review-school">{app.schoolName}</span> 채점 <ApplicationStatusBadge status={app.status} />
        </h1>
        <p className="muted">
          {LEVEL_LABEL[app.schoolLevel] ?? app.schoolLevel} · {officeName(offices.data, app.districtOffice)} · {call.title}
        </p>
      </div>

      {excludedBecause && (
        <p className="alert alert-warning" role="note" data-testid="review-excluded">
          <strong>심사 제외: {EXCLUSION_LABEL[excludedBecause] ?? excludedBecause}</strong>
          {excludedBecause === 'own_office' && ' — 이 공모는 본인 교육지원청 학교를 심사할 수 없습니다.'}
          {excludedBecause === 'recused' && ' — 이해충돌을 신고했으므로 이 신청서를 채점할 수 없습니다.'}
          {excludedBecause === 'not_assigned' && ' — 이 공모의 심사위원으로 배정되지 않았습니다.'}
        </p>
      )}
      {closed && !excludedBecause && (
        <p className="alert alert-info" role="note">
          제출 상태가 아닌 신청서는 채점할 수 없습니다.
        </p>
      )}

      <section className="panel" aria-labelledby="review-plan-heading">
        <h2 id="review-plan-heading">운영 계획 요약</h2>
        {app.planSummary ? <p className="plan-text">{app.planSummary}</p> : <p className="empty">작성한 운영 계획이 없습니다.</p>}
        {app.attachments.length > 0 && (
          <ul className="attachment-list" aria-label="첨부 서류">
            {app.attachments.map((f) => (
              <li key={f.id}>
                <span className="badge">{attachmentKindLabel(f.kind)}</span> {f.filename}{' '}
                <DownloadButton url={designationUrls.attachment(app.id, f.id)} label="내려받기" filename={f.filename} className="button button-small" />
              </li>
            ))}
          </ul>
        )}
      </section>

      <ScoreForm
        key={`${app.id}-${excludedBecause ?? 'scorable'}`}
        call={call}
        app={app}
        mine={mine}
        disabled={closed || excludedBecause !== null}
        onSaved={(saved) => queryClient.setQueryData(scoresQuery(applicationId).queryKey, saved)}
      />

      {excludedBecause !== 'recused' && excludedBecause !== 'not_assigned' && !closed && <RecusalSection app={app} />}
    </div>
  );
}

type Values = Record<number, { score: string; comment: string }>;

function ScoreForm({ call, app, mine, disabled, onSaved }: { call: DesignationCall; app: DesignationApplication; mine: ReviewerScores | null; disabled: boolean; onSaved: (scores: ReviewerScores[]) => void }) {
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(
      call.criteria.map((c) => {
        const saved = mine?.scores.find((s) => s.criterionId === c.id);
        return [c.id, { score: saved ? String(saved.score) : '', comment: saved?.comment ?? '' }];
      }),
    ),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const total = call.criteria.reduce((sum, c) => sum + (values[c.id].score === '' ? 0 : Number(values[c.id].score) * c.weight), 0);
  const filled = call.criteria.filter((c) => values[c.id].score !== '').length;
  const set = (id: number, key: 'score' | 'comment', value: string) => setValues((v) => ({ ...v, [id]: { ...v[id], [key]: value } }));
  const save = useMutation({
    mutationFn: () =>
      api.saveScores(
        app.id,
        call.criteria.map((c) => {
          const comment = values[c.id].comment.trim();
          return { criterionId: c.id, score: Number(values[c.id].score), ...(comment ? { comment } : {}) };
        }),
      ),
    onMutate: () => setNotice(null),
    onSuccess: (saved) => {
      onSaved(saved);
      setNotice('점수를 저장했습니다.');
    },
  });
  const busy = save.isPending;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <section className="panel" aria-labelledby="score-heading">
      <div className="panel-head">
        <div>
          <h2 id="score-heading">채점</h2>
          <p className="muted small">기준마다 0점부터 만점까지 입력하세요. 환산 점수 = 점수 × 가중치. 모든 기준을 채점해야 순위에 반영됩니다.</p>
        </div>
        <p className="score-total" data-testid="score-total" aria-live="polite">
          환산 합계 <strong>{formatScore(total)}</strong> / {formatScore(call.maxTotal)}점
          <span className="muted small"> ({filled}/{call.criteria.length} 기준)</span>
        </p>
      </div>
      <form aria-label="채점" onSubmit={submit}>
        <fieldset disabled={disabled || busy} className="plain-fieldset">
          <legend className="sr-only">심사 기준별 점수</legend>
          <div className="score-grid">
            {call.criteria.map((c) => (
              <div key={c.id} className="score-row" data-testid={`score-row-${c.id}`}>
                <InputField
                  id={`score-${c.id}`}
                  label={`${c.position}. ${c.name} (만점 ${formatScore(c.maxScore)}점)`}
                  type="number"
                  inputMode="decimal"
                  required
                  min={0}
                  max={c.maxScore}
                  step={0.01}
                  value={values[c.id].score}
                  onChange={(e) => set(c.id, 'score', e.target.value)}
                  hint={`가중치 ${formatScore(c.weight)} · 환산 만점 ${formatScore(c.maxScore * c.weight)}점`}
                />
                <TextAreaField id={`comment-${c.id}`} label="의견 (선택)" rows={2} maxLength={2000} value={values[c.id].comment} onChange={(e) => set(c.id, 'comment', e.target.value)} />
              </div>
            ))}
          </div>
          <ErrorMessage error={save.error} title="점수를 저장하지 못했습니다." />
          <div className="form-actions">
            <button type="submit" className="button button-primary" data-testid="save-scores">
              {busy ? '저장 중…' : '점수 저장'}
            </button>
            <Notice text={notice} testId="score-notice" />
            {mine && !notice && <span className="muted small">저장된 환산 합계: {formatScore(mine.total)}점</span>}
          </div>
        </fieldset>
      </form>
    </section>
  );
}

function RecusalSection({ app }: { app: DesignationApplication }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  // Once recused, the reviewer's exclusion and their (deleted) scores show.
  const recusal = useMutation({
    mutationFn: () => api.recuse(app.id, reason.trim()),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: designationKeys.reviews }),
        queryClient.invalidateQueries({ queryKey: designationKeys.application(app.id) }),
      ]),
  });

  const recuse = (event: FormEvent) => {
    event.preventDefault();
    if (window.confirm(`‘${app.schoolName}’ 신청서에 대해 이해충돌을 신고할까요? 신고하면 이 신청서를 채점할 수 없고, 이미 준 점수는 삭제됩니다.`)) recusal.mutate();
  };

  return (
    <section className="panel" aria-labelledby="recusal-heading">
      <h2 id="recusal-heading">이해충돌 신고</h2>
      <p className="muted">이 학교와 이해관계가 있으면(예: 본인이 학교운영위원, 가족이 재직) 회피를 신고하세요. 신고한 뒤에는 이 신청서를 채점할 수 없습니다.</p>
      {!open ? (
        <button type="button" className="button button-danger" data-testid="recusal-open" onClick={() => setOpen(true)}>
          이해충돌 신고(회피)
        </button>
      ) : (
        <form aria-label="이해충돌 신고" onSubmit={recuse} className="stack-form">
          <TextAreaField id="recusal-reason" label="신고 사유 (필수)" required maxLength={500} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          <ErrorMessage error={recusal.error} title="이해충돌을 신고하지 못했습니다." />
          <div className="form-actions">
            <button type="submit" className="button button-danger" disabled={reason.trim() === ''}>
              신고하기
            </button>
            <button type="button" className="button button-ghost" onClick={() => setOpen(false)}>
              취소
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
