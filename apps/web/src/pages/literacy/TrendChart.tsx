import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { LiteracyTrend, TrendPoint } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { formatCount, formatRatio, formatScale, PHASE_LABEL, SUPPRESSED_TEXT } from './literacyLabels';
import { literacyPath } from './literacyPaths';

const W = 640;
const H = 250;
const M = { left: 56, right: 110, top: 24, bottom: 40 };
const INSET = 36;

/** 1, 2 or 5 × 10^k: a tick step near `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

type Shown = TrendPoint & { mean: number };
const isShown = (p: TrendPoint): p is Shown => !p.suppressed && p.mean !== null;

/** 2025학년도, or 2025 본검사 when a year has two assessments. */
function yearLabels(points: TrendPoint[]): string[] {
  return points.map((p) => (points.filter((q) => q.schoolYear === p.schoolYear).length > 1 ? `${p.schoolYear} ${PHASE_LABEL[p.phase]}` : `${p.schoolYear}`));
}

/** The line of mean scale scores by school year with a ±SE band, the level cut scores as dashed lines. */
function MeanChart({ trend, testId }: { trend: LiteracyTrend; testId: string }) {
  const id = useId();
  const points = trend.points;
  const labels = yearLabels(points);
  const shown = points.map((p, i) => ({ p, i })).filter((x): x is { p: Shown; i: number } => isShown(x.p));
  const lows = shown.map(({ p }) => p.mean - (p.se ?? 0));
  const highs = shown.map(({ p }) => p.mean + (p.se ?? 0));
  let lo = Math.min(...lows);
  let hi = Math.max(...highs);
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  const pad = Math.max((hi - lo) * 0.2, 10);
  const step = niceStep((hi - lo + 2 * pad) / 4);
  const y0 = Math.floor((lo - pad) / step) * step;
  const y1 = Math.ceil((hi + pad) / step) * step;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => (points.length === 1 ? M.left + plotW / 2 : M.left + INSET + (i * (plotW - 2 * INSET)) / (points.length - 1));
  const y = (v: number) => M.top + plotH - ((v - y0) / (y1 - y0)) * plotH;
  const ticks = Array.from({ length: Math.round((y1 - y0) / step) + 1 }, (_, k) => y0 + k * step);
  const cuts = (trend.scale?.cuts ?? []).filter((c): c is typeof c & { scaleScore: number } => c.scaleScore !== null && c.scaleScore > y0 && c.scaleScore < y1);
  const band =
    shown.length > 1
      ? [...shown.map(({ p, i }) => `${x(i)},${y(p.mean + (p.se ?? 0))}`), ...[...shown].reverse().map(({ p, i }) => `${x(i)},${y(p.mean - (p.se ?? 0))}`)].join(' ')
      : null;
  const title = '연도별 평균 척도 점수 (±1 표준오차)';
  const summary = points.map((p, i) => (isShown(p) ? `${labels[i]} 평균 ${formatScale(p.mean)}점 ± ${formatScale(p.se)}` : `${labels[i]} ${SUPPRESSED_TEXT}`)).join(', ');

  return (
    <figure className="chart trend-chart" data-testid={`${testId}-means`}>
      <figcaption className="chart-title">{title}</figcaption>
      <p className="chart-desc">선: 평균 척도 점수 · 띠: ±1 표준오차(표집 오차와 연계 오차) · 점선: 성취수준 기준 점수</p>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart-svg" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t} className="trend-grid">
            <line x1={M.left} x2={M.left + plotW} y1={y(t)} y2={y(t)} />
            <text x={M.left - 8} y={y(t)} textAnchor="end" dominantBaseline="central" className="chart-value">
              {Math.round(t * 10) / 10}
            </text>
          </g>
        ))}
        {cuts.map((c) => (
          <g key={c.level} className="trend-cut">
            <line x1={M.left} x2={M.left + plotW} y1={y(c.scaleScore)} y2={y(c.scaleScore)} />
            <text x={M.left + plotW + 6} y={y(c.scaleScore)} dominantBaseline="central" className="chart-value">
              {`${c.level} ${formatScale(c.scaleScore)}`}
            </text>
          </g>
        ))}
        {band && <polygon points={band} className="trend-band" />}
        {shown.length === 1 && shown[0].p.se !== null && (
          <rect x={x(shown[0].i) - 10} width={20} y={y(shown[0].p.mean + shown[0].p.se)} height={Math.max(y(shown[0].p.mean - shown[0].p.se) - y(shown[0].p.mean + shown[0].p.se), 1)} className="trend-band" />
        )}
        {shown.length > 1 && <polyline points={shown.map(({ p, i }) => `${x(i)},${y(p.mean)}`).join(' ')} className="trend-line" />}
        {points.map((p, i) => (
          <g key={p.assessmentId} className="trend-year" data-testid={`${testId}-point-${p.assessmentId}`}>
            <title>{isShown(p) ? `${labels[i]}학년도 ${p.assessmentName}: 평균 ${formatScale(p.mean)}점 ± ${formatScale(p.se)} (${formatCount(p.n ?? 0)}명)` : `${labels[i]}학년도: ${SUPPRESSED_TEXT}`}</title>
            <text x={x(i)} y={H - M.bottom + 18} textAnchor="middle" className="chart-label">
              {labels[i]}
            </text>
            {isShown(p) ? (
              <>
                {p.se !== null && <line x1={x(i)} x2={x(i)} y1={y(p.mean - p.se)} y2={y(p.mean + p.se)} className="trend-whisker" />}
                <circle cx={x(i)} cy={y(p.mean)} r={5} className={p.linked ? 'trend-point' : 'trend-point is-base'} />
                <text x={x(i)} y={y(p.mean + (p.se ?? 0)) - 8} textAnchor="middle" className="trend-mean">
                  {formatScale(p.mean)}
                </text>
              </>
            ) : (
              <text x={x(i)} y={M.top + plotH / 2} textAnchor="middle" className="chart-value">
                비공개
              </text>
            )}
          </g>
        ))}
        <text x={M.left + plotW / 2} y={H - 4} textAnchor="middle" className="chart-value">
          학년도
        </text>
      </svg>
    </figure>
  );
}

const BAR_W = 640;
const BAR_LABEL = 110;
const ROW = 30;
const BAR = 20;

/** Each year's students by achievement level as one stacked bar of shares. */
function LevelBars({ trend, levels, testId }: { trend: LiteracyTrend; levels: string[]; testId: string }) {
  const id = useId();
  const labels = yearLabels(trend.points);
  const barSpace = BAR_W - BAR_LABEL - 16;
  const height = trend.points.length * ROW + 8;
  const title = '연도별 성취수준 비율';
  const summary = trend.points
    .map((p, i) => (p.levels ? `${labels[i]}: ${p.levels.map((l) => `${l.level} ${formatRatio(l.proportion)}`).join(', ')}` : `${labels[i]}: ${SUPPRESSED_TEXT}`))
    .join('; ');
  return (
    <figure className="chart trend-chart" data-testid={`${testId}-levels`}>
      <figcaption className="chart-title">{title}</figcaption>
      <p className="chart-desc">막대: 그 학년도 학생 중 각 성취수준의 비율(공통 척도의 기준 점수로 판정)</p>
      <svg viewBox={`0 0 ${BAR_W} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart-svg" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {trend.points.map((p, i) => {
          const yTop = 4 + i * ROW + (ROW - BAR) / 2;
          let left = BAR_LABEL;
          return (
            <g key={p.assessmentId} className="chart-row">
              <text x={BAR_LABEL - 8} y={4 + i * ROW + ROW / 2} textAnchor="end" dominantBaseline="central" className="chart-label">
                {labels[i]}
              </text>
              {p.levels ? (
                levels.map((level, k) => {
                  const share = p.levels?.find((l) => l.level === level);
                  const w = (share?.proportion ?? 0) * barSpace;
                  const x = left;
                  left += w;
                  if (!share || w <= 0) return null;
                  return (
                    <g key={level} className={`trend-level trend-level-${k % 6}`} data-level={level}>
                      <title>{`${labels[i]} ${level}: ${formatRatio(share.proportion)} (${formatCount(share.count)}명)`}</title>
                      <rect x={x} y={yTop} width={w} height={BAR} />
                      {w >= 38 && (
                        <text x={x + w / 2} y={yTop + BAR / 2} textAnchor="middle" dominantBaseline="central" className="trend-share">
                          {`${Math.round(share.proportion * 100)}%`}
                        </text>
                      )}
                    </g>
                  );
                })
              ) : (
                <text x={BAR_LABEL} y={4 + i * ROW + ROW / 2} dominantBaseline="central" className="chart-value">
                  {SUPPRESSED_TEXT}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="trend-legend" aria-hidden="true">
        {levels.map((level, k) => (
          <li key={level}>
            <span className={`trend-swatch trend-level-${k % 6}`} />
            {level}
          </li>
        ))}
      </ul>
    </figure>
  );
}

interface Props {
  trend: LiteracyTrend;
  /** Whose trend: 서울시 전체, 우리 학교, … */
  of: string;
  testId: string;
  /** Beside the heading (e.g. the XLSX download). */
  actions?: ReactNode;
}

/**
 * 연도별 추이 (공통 척도): the grade's mean scale score per school year with its ±SE band, the shares of
 * the achievement levels as stacked bars, and the figures in a table. Before any assessment of the
 * grade is linked there is no common scale, and it says so.
 */
export function TrendSection({ trend, of, testId, actions }: Props) {
  const levels = trend.scale?.cuts.map((c) => c.level) ?? [];
  return (
    <section className="panel" aria-labelledby={`${testId}-heading`} data-testid={testId}>
      <div className="panel-head">
        <div>
          <h2 id={`${testId}-heading`}>연도별 추이 ({of}, 공통 척도)</h2>
          {trend.scale && (
            <p className="muted small">
              척도 점수 = θ × {trend.scale.slope} + {trend.scale.intercept} ·{' '}
              <Link to={literacyPath.assessment(trend.scale.baseAssessmentId)}>기준 검사</Link>의 능력 분포 평균이 {trend.scale.intercept}점입니다. 다른 해의 검사는 공통(앵커) 문항으로 이
              척도에 연계했습니다. 5명 미만 집단은 비공개입니다.
            </p>
          )}
        </div>
        {actions}
      </div>
      {!trend.scale || trend.points.length === 0 ? (
        <p className="empty" data-testid={`${testId}-empty`}>
          아직 공통 척도가 없습니다. 이 학년의 검사를 이전 학년도 검사와 연계하면(진단검사 화면의 연계·동등화) 연도별 추이가 나타납니다.
        </p>
      ) : (
        <>
          <div className="chart-grid chart-grid-even">
            <MeanChart trend={trend} testId={testId} />
            <LevelBars trend={trend} levels={levels} testId={testId} />
          </div>
          <DataTable
            testId={`${testId}-table`}
            caption={`연도별 추이 (${of}): 학생 수, 평균 척도 점수, 표준오차, 성취수준 비율`}
            columns={['학년도', '검사', num('학생 수'), num('평균'), num('표준오차'), ...levels.map((l) => num(l))]}
          >
            {trend.points.map((p) => (
              <tr key={p.assessmentId}>
                <th scope="row">
                  {p.schoolYear}학년도 {PHASE_LABEL[p.phase]}
                </th>
                <td>
                  <Link to={literacyPath.assessment(p.assessmentId)}>{p.assessmentName}</Link>
                  {!p.linked && <span className="badge badge-info anchor-badge">기준</span>}
                </td>
                {p.suppressed || p.mean === null ? (
                  <td colSpan={3 + levels.length} className="withheld">
                    {SUPPRESSED_TEXT}
                  </td>
                ) : (
                  <>
                    <td className="num">{formatCount(p.n ?? 0)}명</td>
                    <td className="num">{formatScale(p.mean)}</td>
                    <td className="num">{formatScale(p.se)}</td>
                    {levels.map((l) => (
                      <td key={l} className="num">
                        {formatRatio(p.levels?.find((x) => x.level === l)?.proportion)}
                      </td>
                    ))}
                  </>
                )}
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
