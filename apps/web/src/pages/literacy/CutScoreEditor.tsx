import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { CutScore, LiteracyAssessmentChange } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SubmitButton } from '../../components/fields';
import { CutScoreFields, cutScoreRows, cutScoresOf } from './CutScoreFields';

interface Props {
  assessmentId: number;
  cutScores: CutScore[];
  /** While the analysis runs again the form waits. */
  busy: boolean;
  /** The changed assessment, and the analysis job the change started. */
  onSaved: (change: LiteracyAssessmentChange) => void;
}

/** 성취수준 기준 바꾸기 (city administrators): every student's level is assigned again by the analysis job. */
export function CutScoreEditor({ assessmentId, cutScores, busy: analysing, onSaved }: Props) {
  const [rows, setRows] = useState(() => cutScoreRows(cutScores));
  const save = useMutation({ mutationFn: () => api.setCutScores(assessmentId, cutScoresOf(rows)), onSuccess: onSaved });
  const { isPending: busy, error } = save;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <section className="panel" aria-labelledby="cut-heading">
      <h2 id="cut-heading">성취수준 기준</h2>
      <p className="muted small">만점을 100점으로 환산한 점수의 하한입니다. 저장하면 분석을 다시 실행해 모든 학생의 성취수준을 새 기준으로 정합니다.</p>
      <form aria-label="성취수준 기준" onSubmit={submit} data-testid="cut-score-form">
        <CutScoreFields rows={rows} onChange={setRows} error={error} disabled={busy || analysing} />
        <ErrorMessage error={error} title="성취수준 기준을 저장하지 못했습니다." fields={{ cutScores: '성취수준 기준', level: '수준', min: '최저 점수' }} />
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="저장 중…" disabled={analysing} testId="save-cut-scores">
            기준 저장
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
