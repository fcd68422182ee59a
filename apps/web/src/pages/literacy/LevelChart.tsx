import { BarChart } from '../../components/BarChart';
import { formatCount, formatRatio } from './literacyLabels';

/** 성취수준별 학생: a bar per level with its students and share. */
export function LevelChart({ counts, testId, title = '성취수준별 학생' }: { counts: { level: string; count: number }[]; testId: string; title?: string }) {
  const total = counts.reduce((n, c) => n + c.count, 0);
  return (
    <BarChart
      title={title}
      description="막대: 학생 수 · 글자: 학생 수 (비율)"
      bars={counts.map((c) => ({ key: c.level, label: c.level, value: c.count, valueText: `${formatCount(c.count)}명 (${formatRatio(total ? c.count / total : null)})` }))}
      labelWidth={90}
      valueWidth={130}
      testId={testId}
    />
  );
}
