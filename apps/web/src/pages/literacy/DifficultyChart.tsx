import { useId } from 'react';
import type { BankAdministration } from '../../api/models';
import { formatSigned, formatStat, PHASE_LABEL } from './literacyLabels';

const W = 560;
const H = 200;
const M = { left: 52, right: 24, top: 20, bottom: 40 };
const INSET = 30;

/**
 * An item's Rasch difficulty (logits) in each administration, oldest first, with ±1 SE whiskers;
 * a filled point where the item was an anchor held at its bank value.
 */
export function DifficultyChart({ administrations, testId }: { administrations: BankAdministration[]; testId: string }) {
  const id = useId();
  const points = administrations.map((a, i) => ({ a, i })).filter((x): x is { a: BankAdministration & { difficulty: number }; i: number } => x.a.difficulty !== null);
  const values = points.flatMap(({ a }) => [a.difficulty - (a.difficultySe ?? 0), a.difficulty + (a.difficultySe ?? 0)]);
  const lo = Math.min(-1, ...values);
  const hi = Math.max(1, ...values);
  const y0 = Math.floor(lo * 2) / 2;
  const y1 = Math.ceil(hi * 2) / 2;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const n = administrations.length;
  const x = (i: number) => (n === 1 ? M.left + plotW / 2 : M.left + INSET + (i * (plotW - 2 * INSET)) / (n - 1));
  const y = (v: number) => M.top + plotH - ((v - y0) / (y1 - y0)) * plotH;
  const step = y1 - y0 > 4 ? 1 : 0.5;
  const ticks = Array.from({ length: Math.round((y1 - y0) / step) + 1 }, (_, k) => y0 + k * step);
  const label = (a: BankAdministration) => `${a.schoolYear} ${PHASE_LABEL[a.phase]}`;
  const value = (a: BankAdministration) =>
    a.difficulty === null ? '추정 없음' : `${formatSigned(a.difficulty)}${a.difficultySe !== null ? ` ± ${formatStat(a.difficultySe, 2)}` : ' (고정)'}`;
  const title = '학년도별 난이도 (로짓, ±1 표준오차)';
  const summary = administrations.map((a) => `${label(a)} ${value(a)}`).join(', ');

  return (
    <figure className="chart trend-chart" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      <p className="chart-desc">점: 그 검사의 Rasch 난이도 · 세로선: ±1 표준오차 · 채운 점: 앵커로 고정한 값(연계 검사)</p>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart-svg" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t} className={t === 0 ? 'trend-grid is-zero' : 'trend-grid'}>
            <line x1={M.left} x2={M.left + plotW} y1={y(t)} y2={y(t)} />
            <text x={M.left - 8} y={y(t)} textAnchor="end" dominantBaseline="central" className="chart-value">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
        {points.length > 1 && <polyline points={points.map(({ a, i }) => `${x(i)},${y(a.difficulty)}`).join(' ')} className="trend-line" />}
        {administrations.map((a, i) => (
          <g key={a.assessmentId} className="trend-year">
            <title>{`${label(a)} ${a.assessmentName}: ${value(a)}${a.anchored ? ' (앵커)' : ''}`}</title>
            <text x={x(i)} y={H - M.bottom + 18} textAnchor="middle" className="chart-label">
              {label(a)}
            </text>
            {a.difficulty !== null && (
              <>
                {a.difficultySe !== null && <line x1={x(i)} x2={x(i)} y1={y(a.difficulty - a.difficultySe)} y2={y(a.difficulty + a.difficultySe)} className="trend-whisker" />}
                <circle cx={x(i)} cy={y(a.difficulty)} r={5} className={a.anchored ? 'trend-point is-anchor' : 'trend-point'} />
                <text x={x(i) + 9} y={y(a.difficulty) - 8} className="trend-mean">
                  {formatSigned(a.difficulty)}
                </text>
              </>
            )}
          </g>
        ))}
      </svg>
    </figure>
  );
}
