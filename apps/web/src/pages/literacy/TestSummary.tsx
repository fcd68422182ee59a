import type { LevelCount, RaschFit, TestStatistics } from '../../api/models';
import { Fact } from '../../components/Fact';
import { StatCard } from '../../components/StatCard';
import { formatCount, formatStat } from './literacyLabels';
import { ScoreDistribution } from './ScoreDistribution';

/**
 * The Rasch method in Korean, technical terms in parentheses. Built from the structured fields;
 * an analysis run before they were recorded has only the English `method`, read for the same facts.
 */
export function raschMethodText(rasch: Pick<RaschFit, 'method' | 'sigma' | 'estimation' | 'sigmaEstimated' | 'quadraturePoints' | 'abilityEstimates'>): string {
  const points = rasch.quadraturePoints ?? Number(/(\d+)-point/.exec(rasch.method)?.[1] ?? NaN);
  const sigmaEstimated = rasch.sigmaEstimated ?? /σ estimated/.test(rasch.method);
  const fixedSigma = /θ ~ N\(0, ([\d.]+)²\)/.exec(rasch.method)?.[1] ?? (rasch.sigma === null ? 'σ' : String(rasch.sigma));
  const abilities = rasch.abilityEstimates ?? ['EAP', 'WLE'];
  return [
    '주변 최대우도 추정(MML, 뉴턴-랩슨, Louis 정보행렬)',
    sigmaEstimated ? '능력 분포 θ ~ N(0, σ²), σ 추정' : `능력 분포 θ ~ N(0, ${fixedSigma}²), σ 고정`,
    Number.isFinite(points) ? `가우스-에르미트 ${points}점 구적` : '가우스-에르미트 구적',
    `능력 추정 ${abilities.join('와 ')}`,
  ].join(' · ');
}

/** 검사 통계: students, mean, SD, Cronbach's alpha, SEM; the score distribution, the levels and the Rasch fit. */
export function TestSummary({ test, levels, rasch }: { test: TestStatistics; levels: LevelCount[]; rasch: RaschFit | null }) {
  return (
    <section aria-labelledby="test-heading" data-testid="test-stats">
      <h2 id="test-heading" className="sr-only">
        검사 통계
      </h2>
      <div className="stat-grid">
        <StatCard label="응시 학생" value={formatCount(test.n)} unit="명" testId="stat-n" />
        <StatCard label="평균 (원점수)" value={formatStat(test.mean, 2)} unit={`/ ${test.maxScore}점`} note={`중앙값 ${formatStat(test.median, 1)} · 최저 ${formatStat(test.min, 0)} · 최고 ${formatStat(test.max, 0)}`} testId="stat-mean" />
        <StatCard label="표준편차" value={formatStat(test.sd, 2)} testId="stat-sd" />
        <StatCard
          label="신뢰도 (Cronbach α)"
          value={formatStat(test.alpha, 3)}
          note={`채점 문항 ${test.nItems}개 · ${formatCount(test.alphaN)}명 기준`}
          tone={test.alpha !== null && test.alpha < 0.7 ? 'warning' : 'default'}
          testId="stat-alpha"
        />
        <StatCard label="측정의 표준오차 (SEM)" value={formatStat(test.sem, 2)} unit="점" note="SD × √(1 − α)" testId="stat-sem" />
      </div>
      {test.scoringProblems > 0 && (
        <p className="alert alert-warning" role="note">
          채점할 수 없는 응답 {formatCount(test.scoringProblems)}건은 0점으로 처리했습니다.
        </p>
      )}
      <ScoreDistribution bins={test.histogram} maxScore={test.maxScore} levels={levels}>
        {rasch && (
          <dl className="facts" data-testid="rasch-fit">
            <Fact label="Rasch 추정">{rasch.converged ? `수렴 (${rasch.iterations}회 반복)` : '수렴하지 않음'}</Fact>
            <Fact label="능력 분포 σ">
              {formatStat(rasch.sigma, 3)} ± {formatStat(rasch.sigmaSE, 3)}
            </Fact>
            <Fact label="로그우도">{formatStat(rasch.logLikelihood, 2)}</Fact>
            <Fact label="방법" className="small">
              {raschMethodText(rasch)}
            </Fact>
          </dl>
        )}
      </ScoreDistribution>
    </section>
  );
}
