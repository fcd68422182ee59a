import { useId } from 'react';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** What is printed after the bar; defaults to the value. */
  valueText?: string;
}

interface Props {
  title: string;
  description?: string;
  bars: Bar[];
  testId?: string;
  /** The value of a full-length bar; defaults to the largest value. */
  maxValue?: number;
  labelWidth?: number;
  valueWidth?: number;
  /** Keys of bars to emphasise (e.g. the viewer's own office). */
  highlight?: string[];
}

const WIDTH = 600;
const ROW = 26;
const BAR = 16;
const PAD = 8;

/** A horizontal bar chart in plain SVG, with every label and number written out. */
export function BarChart({ title, description, bars, testId, maxValue, labelWidth = 130, valueWidth = 150, highlight = [] }: Props) {
  const id = useId();
  const max = Math.max(maxValue ?? 0, ...bars.map((b) => b.value), 1);
  const barSpace = WIDTH - labelWidth - valueWidth - PAD * 2;
  const height = bars.length * ROW + PAD * 2;
  const summary = bars.map((b) => `${b.label} ${b.valueText ?? b.value}`).join(', ');
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title" id={`${id}-caption`}>
        {title}
      </figcaption>
      {description && <p className="chart-desc">{description}</p>}
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {bars.map((bar, i) => {
          const y = PAD + i * ROW;
          const w = Math.max((bar.value / max) * barSpace, bar.value > 0 ? 2 : 0);
          return (
            <g key={bar.key} className={highlight.includes(bar.key) ? 'chart-row is-highlight' : 'chart-row'}>
              <title>{`${bar.label}: ${bar.valueText ?? bar.value}`}</title>
              <text x={labelWidth - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="central" className="chart-label">
                {bar.label}
              </text>
              <rect x={labelWidth} y={y + (ROW - BAR) / 2} width={barSpace} height={BAR} rx={3} className="chart-track" />
              <rect x={labelWidth} y={y + (ROW - BAR) / 2} width={w} height={BAR} rx={3} className="chart-bar" />
              <text x={labelWidth + barSpace + 8} y={y + ROW / 2} dominantBaseline="central" className="chart-value">
                {bar.valueText ?? bar.value.toLocaleString('ko-KR')}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
