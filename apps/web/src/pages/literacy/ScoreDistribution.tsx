import type { ReactNode } from 'react';
import type { HistogramBin } from '../../api/models';
import { BarChart } from '../../components/BarChart';
import { LevelChart } from './LevelChart';
import { formatCount } from './literacyLabels';

const binLabel = (b: HistogramBin): string => (b.to - b.from === 1 ? `${b.from}점` : `${b.from}–${b.to - 1}점`);

interface Props {
  /** The raw-score bins (the analysis's, or a group's in the same bins). */
  bins: HistogramBin[];
  maxScore: number;
  /** Students per achievement level, in the cut scores' order. */
  levels: { level: string; count: number }[];
  /** Whose figures these are, after the charts' titles (e.g. 우리 학교); none for the analysis's own. */
  of?: string;
  /** Test ids' prefix: `<prefix>histogram` and `<prefix>levels`. */
  testIdPrefix?: string;
  /** Under the level chart (e.g. the Rasch fit). */
  children?: ReactNode;
}

/**
 * 원점수 분포 and 성취수준별 학생 side by side: the analysis (검사 통계), the school report and the city
 * report show a group's distribution alike.
 */
export function ScoreDistribution({ bins, maxScore, levels, of, testIdPrefix = 'chart-', children }: Props) {
  const suffix = of ? ` (${of})` : '';
  return (
    <div className="chart-grid chart-grid-even">
      <section className="panel">
        <BarChart
          title={`원점수 분포${suffix}`}
          description={`막대: 학생 수 · 만점 ${maxScore}점`}
          bars={bins.map((b) => ({ key: String(b.from), label: binLabel(b), value: b.count, valueText: `${formatCount(b.count)}명` }))}
          labelWidth={90}
          valueWidth={80}
          testId={`${testIdPrefix}histogram`}
        />
      </section>
      <section className="panel">
        <LevelChart counts={levels} title={`성취수준별 학생${suffix}`} testId={`${testIdPrefix}levels`} />
        {children}
      </section>
    </div>
  );
}
