import { useQuery } from '@tanstack/react-query';
import type { DistrictOfficeCode } from '../../api/models';
import type { Indicator, IndicatorTrend, PlanTask, TaskIndicator } from '../../api/models/ordinance';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { formatSeoulMinute } from '../../format';
import { useUser } from '../../sessionContext';
import { enteredByText, formatIndicator } from './ordinanceLabels';
import { ordinanceQueries } from './ordinanceQueries';

/** The manual figures typed in on the year's tasks, by indicator (the latest entry). */
function manualEntries(tasks: PlanTask[]): Map<string, TaskIndicator> {
  const out = new Map<string, TaskIndicator>();
  for (const t of tasks) {
    for (const i of t.indicators) {
      if (i.actualSource !== 'manual' || i.actual === null) continue;
      const seen = out.get(i.indicatorId);
      if (!seen || (i.actualEnteredAt ?? '') > (seen.actualEnteredAt ?? '')) out.set(i.indicatorId, i);
    }
  }
  return out;
}

interface CardsProps {
  year: number;
  office?: DistrictOfficeCode;
  tasks: PlanTask[];
  /** A principal sees their school's figures. */
  scopeNote: string;
}

/** The plan's indicators with their live values, Korean definitions and sources; manual ones with who entered them and when. */
export function IndicatorCards({ year, office, tasks, scopeNote }: CardsProps) {
  const catalogue = useQuery(ordinanceQueries.indicators(year, office));
  const manual = manualEntries(tasks);
  return (
    <section className="panel" aria-labelledby="indicators-heading">
      <div className="panel-head">
        <div>
          <h2 id="indicators-heading">성과 지표</h2>
          <p className="muted small">
            {scopeNote}
            {catalogue.data && ` · ${formatSeoulMinute(catalogue.data.computedAt)} 기준`}
          </p>
        </div>
      </div>
      <ErrorMessage error={catalogue.error} title="지표를 불러오지 못했습니다." />
      {catalogue.isPending && <Loading />}
      {catalogue.data && (
        <ul className="indicator-grid" data-testid="indicator-cards">
          {catalogue.data.items.map((indicator) => (
            <IndicatorCard key={indicator.id} indicator={indicator} entry={manual.get(indicator.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function IndicatorCard({ indicator, entry }: { indicator: Indicator; entry?: TaskIndicator }) {
  const viewer = useUser();
  const value = indicator.manual ? (entry?.actual ?? null) : indicator.value;
  return (
    <li className="indicator-card" data-testid="indicator-card" data-id={indicator.id} data-manual={indicator.manual}>
      <p className="indicator-name">
        {indicator.name}
        {indicator.manual && <span className="badge badge-info indicator-manual">수기 입력</span>}
      </p>
      <p className="indicator-value" data-testid="indicator-value">
        {formatIndicator(value, indicator.unit)}
      </p>
      {indicator.manual && (
        <p className="small muted" data-testid="indicator-entered">
          {entry ? `수기 입력: ${enteredByText(entry.actualEnteredBy, viewer)} · ${formatSeoulMinute(entry.actualEnteredAt)}` : '아직 입력된 실적이 없습니다.'}
        </p>
      )}
      {indicator.error && <p className="small field-error">값을 계산하지 못했습니다: {indicator.error}</p>}
      <p className="small">{indicator.definition}</p>
      <p className="small muted">출처: {indicator.source}</p>
    </li>
  );
}

const W = 240;
const H = 90;
const PAD = 14;

/** One indicator's quarters (Q1 Mar–May … Q4 Dec–Feb) as a small line chart, drawn as SVG (no inline styles). */
function TrendChart({ trend }: { trend: IndicatorTrend }) {
  const points = trend.quarters.filter((q) => q.value !== null).map((q) => ({ quarter: q.quarter, value: q.value as number }));
  const max = Math.max(...points.map((p) => p.value), 0) || 1;
  const x = (quarter: number) => PAD + ((quarter - 1) * (W - 2 * PAD)) / 3;
  const y = (value: number) => H - PAD - (value / max) * (H - 2 * PAD);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.quarter).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const summary = points.length ? points.map((p) => `${p.quarter}분기 ${formatIndicator(p.value, trend.unit)}`).join(', ') : '스냅숏 없음';
  return (
    <figure className="trend-card" data-testid="trend-card" data-id={trend.id}>
      <figcaption className="indicator-name">{trend.name}</figcaption>
      <svg className="trend-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${trend.name}: ${summary}`}>
        <line className="trend-axis" x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} />
        {[1, 2, 3, 4].map((q) => (
          <text key={q} className="trend-label" x={x(q)} y={H - 2} textAnchor="middle">
            {q}분기
          </text>
        ))}
        {path && <path className="trend-line" d={path} />}
        {points.map((p) => (
          <circle key={p.quarter} className="trend-point" cx={x(p.quarter)} cy={y(p.value)} r={3} />
        ))}
      </svg>
      <p className="small muted">{summary}</p>
    </figure>
  );
}

/** The year's quarterly snapshots of each indicator (administrators). */
export function TrendPanel({ year, office }: { year: number; office?: DistrictOfficeCode }) {
  const trend = useQuery(ordinanceQueries.trend(year, office));
  return (
    <section className="panel" aria-labelledby="trend-heading">
      <h2 id="trend-heading">분기별 추이</h2>
      <p className="muted small">분기마다 남긴 지표 스냅숏입니다(1분기 3~5월, 2분기 6~8월, 3분기 9~11월, 4분기 12~2월).</p>
      <ErrorMessage error={trend.error} title="추이를 불러오지 못했습니다." />
      {trend.isPending && <Loading />}
      {trend.data && trend.data.items.every((t) => t.quarters.length === 0) && <p className="empty">아직 스냅숏이 없습니다.</p>}
      {trend.data && trend.data.items.some((t) => t.quarters.length > 0) && (
        <div className="trend-grid" data-testid="trend-charts">
          {trend.data.items
            .filter((t) => t.quarters.length > 0)
            .map((t) => (
              <TrendChart key={t.id} trend={t} />
            ))}
        </div>
      )}
    </section>
  );
}
