import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api';
import type { ItemStatistics, Job, LiteracyAssessment, LiteracyAssessmentChange, User } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { isCityAdmin } from '../../roles';
import { useJob } from '../../useJob';
import { AssessmentHead } from './AssessmentHead';
import { CutScoreEditor } from './CutScoreEditor';
import { ItemDetail } from './ItemDetail';
import { ItemStatsTable } from './ItemStatsTable';
import { JobProgress } from './JobProgress';
import { LiteracyFallback } from './LiteracyFallback';
import { MeasurementPanel } from './MeasurementPanel';
import { FLAG_LABEL } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { literacyKeys, literacyQueries } from './literacyQueries';
import { TestSummary } from './TestSummary';
import { useAreas } from './useAreas';

/**
 * 문항 분석 (administrators): the test statistics, every item's statistics and review flags, one
 * item's distractors; city administrators drop an item from scoring (or restore it) and change the
 * cut scores, and the analysis runs again.
 */
export function AnalysisPage({ user, assessmentId }: { user: User; assessmentId: number }) {
  const assessmentQuery = useQuery(literacyQueries.assessment(assessmentId));
  const analysisQuery = useQuery(literacyQueries.analysis(assessmentId));
  const [query] = useSearchParams();
  const areas = useAreas();
  const queryClient = useQueryClient();
  // Once the analysis has run again: its statistics, and the reports built on it.
  const rerun = useJob(api.jobById<Job>, () => void queryClient.invalidateQueries({ queryKey: literacyKeys.assessments }));
  /** A changed item or cut scores: the assessment as it is now, then the analysis job followed. */
  const changed = (change: LiteracyAssessmentChange) => {
    queryClient.setQueryData(literacyQueries.assessment(assessmentId).queryKey, change.assessment);
    rerun.follow(change.analysis.jobId);
  };
  const drop = useMutation({
    mutationFn: ({ item, dropped, reason }: { item: ItemStatistics; dropped: boolean; reason?: string }) => api.setItemDropped(assessmentId, item.id, dropped, reason),
    onSuccess: changed,
  });
  const editable = isCityAdmin(user);

  function setDropped(item: ItemStatistics, dropped: boolean) {
    if (!dropped) {
      if (window.confirm(`문항 ${item.id}을(를) 다시 채점에 넣습니다. 분석을 다시 실행합니다.`)) drop.mutate({ item, dropped });
      return;
    }
    const flags = item.flags.map((f) => FLAG_LABEL[f]).join(', ');
    const answer = window.prompt(`문항 ${item.id}을(를) 채점에서 제외합니다${flags ? ` (검토: ${flags})` : ''}. 사유를 적으세요(선택).`, '');
    if (answer !== null) drop.mutate({ item, dropped, reason: answer.trim() || undefined });
  }

  const assessment = assessmentQuery.data;
  const analysis = analysisQuery.data;
  if (!assessment || !analysis) {
    const error = assessmentQuery.error ?? analysisQuery.error;
    return <LiteracyFallback error={error} heading="문항 분석" errorTitle="문항 분석을 불러오지 못했습니다." back={{ to: literacyPath.list, label: '진단검사 목록으로' }} />;
  }
  const selectedId = query.get('item');
  const selected = analysis.items?.find((i) => i.id === selectedId) ?? null;
  const working = rerun.busy || drop.isPending;

  const action = (item: ItemStatistics) =>
    item.dropped ? (
      <button type="button" className="button button-small" data-testid={`restore-${item.id}`} disabled={working} onClick={() => setDropped(item, false)}>
        채점 복원
      </button>
    ) : (
      <button type="button" className="button button-small button-danger" data-testid={`drop-${item.id}`} disabled={working} onClick={() => setDropped(item, true)}>
        채점 제외
      </button>
    );

  return (
    <div className="page">
      <AssessmentHead assessment={assessment} steps={['문항 분석']} title="문항 분석">
        <p className="muted small">
          정답률이 {Math.round(assessment.minFacility * 100)}% 미만이거나 {Math.round(assessment.maxFacility * 100)}%를 넘는 문항, 변별도가 {assessment.minDiscrimination} 미만인 문항은
          검토 대상으로 표시합니다. 채점에서 제외한 문항은 총점·신뢰도·Rasch 추정에서 빠지고 자체 통계만 남습니다.
        </p>
      </AssessmentHead>
      <JobProgress run={rerun.run} label="분석" testId="analysis-job" doneText="분석을 다시 실행했습니다. 아래 통계에 반영되었습니다." />
      <ErrorMessage error={drop.error} title="문항 채점 여부를 바꾸지 못했습니다." />
      {!analysis.computedAt || !analysis.test || !analysis.items ? (
        <section className="panel" data-testid="not-analysed">
          <p className="empty">아직 분석 결과가 없습니다. 결과를 가져오면 분석이 자동으로 실행됩니다.</p>
          <Link to={literacyPath.assessment(assessment.id)}>결과 가져오기로 이동</Link>
        </section>
      ) : (
        <>
          <TestSummary test={analysis.test} levels={analysis.levels ?? []} rasch={analysis.rasch ?? null} />
          <section className="panel" aria-labelledby="items-heading">
            <h2 id="items-heading">문항별 통계</h2>
            <p className="muted small">
              정답률 = 평균 점수 ÷ 만점 · 변별도 = 문항 점수와 나머지 문항 총점의 상관 · Infit·Outfit = Rasch 평균제곱 적합도(0.7–1.3 밖이면 강조) · DIF = 집단별 Mantel–Haenszel
              ETS 등급(A 무시, B 보통, C 큼; 배지에 마우스를 올리면 비교별 수치) · 문항 번호를 누르면 선택지 분석이 열립니다.
            </p>
            <ItemStatsTable
              assessmentId={assessment.id}
              items={analysis.items}
              areaName={areas.name}
              selected={selected?.id ?? null}
              action={editable ? action : undefined}
              measures
            />
          </section>
          <MeasurementPanel assessmentId={assessment.id} measurement={analysis.measurement} items={analysis.items} />
          {selected && (
            <>
              <ItemDetail stats={selected} item={assessment.items.find((i) => i.id === selected.id)} areaName={areas.name} action={editable ? action(selected) : undefined} />
              <p className="no-print">
                <Link to={literacyPath.bankItem(assessment.grade, selected.id)} data-testid="open-bank-item">
                  문항 은행에서 {selected.id}의 연도별 이력 보기
                </Link>
              </p>
            </>
          )}
        </>
      )}
      {editable && <CutScoreEditor key={cutKey(assessment)} assessmentId={assessment.id} cutScores={assessment.cutScores} busy={working} onSaved={changed} />}
    </div>
  );
}

/** The editor starts again from the saved cut scores whenever they change. */
const cutKey = (a: LiteracyAssessment) => JSON.stringify(a.cutScores);
