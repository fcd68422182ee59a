import { BarChart } from '../../components/BarChart';
import { formatPoints, SUPPRESSED_TEXT } from './literacyLabels';

export interface AreaSeries {
  key: string;
  label: string;
  /** area code → mean percent; null (or a missing code) for no figure. */
  values: Record<string, number | null>;
  /** Withheld: every bar reads 비공개 (5명 미만). */
  suppressed?: boolean;
}

interface Props {
  areas: { code: string; name: string }[];
  /** The first series is emphasised (the student, the school). */
  series: AreaSeries[];
  testId: string;
}

/** One chart per competency area, a bar per series, on the 100-point scale. */
export function AreaComparison({ areas, series, testId }: Props) {
  return (
    <div className="chart-grid chart-grid-even area-charts" data-testid={testId}>
      {areas.map((area) => (
        <BarChart
          key={area.code}
          title={area.name}
          testId={`${testId}-${area.code}`}
          maxValue={100}
          labelWidth={120}
          valueWidth={150}
          highlight={series.length ? [series[0].key] : []}
          bars={series.map((s) => {
            const v = s.suppressed ? null : (s.values[area.code] ?? null);
            return { key: s.key, label: s.label, value: v ?? 0, valueText: s.suppressed ? SUPPRESSED_TEXT : formatPoints(v) };
          })}
        />
      ))}
    </div>
  );
}
