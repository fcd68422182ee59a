import type { ReactNode } from 'react';
import type { ItemStatistics, RaschItem } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { Link } from 'react-router';
import { FLAG_LABEL, formatCount, formatRatio, formatStat, RASCH_EXCLUDED_LABEL } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { DifBadges, FitCell } from './MeasureCells';

/** A Rasch difficulty ± SE, or why the item has none. */
export function raschText(r: RaschItem): string {
  if ('excluded' in r) return r.excluded ? `추정 제외 (${RASCH_EXCLUDED_LABEL[r.excluded] ?? r.excluded})` : '-';
  // An anchor of a linked assessment is held at its bank value: no SE of its own.
  if (r.anchored && (r.se === null || r.se === undefined)) return `${formatStat(r.difficulty, 2)} (고정)`;
  return `${formatStat(r.difficulty, 2)} ± ${formatStat(r.se, 2)}`;
}

/** The review flags as warning badges. */
export function FlagBadges({ flags }: { flags: ItemStatistics['flags'] }) {
  if (!flags.length) return <span className="muted">-</span>;
  return (
    <>
      {flags.map((f) => (
        <span key={f} className="badge badge-warning" data-flag={f}>
          {FLAG_LABEL[f] ?? f}
        </span>
      ))}
    </>
  );
}

interface Props {
  assessmentId: number;
  items: ItemStatistics[];
  areaName: (code: string) => string;
  /** The item whose detail is open. */
  selected: string | null;
  /** The 채점 제외/복원 button of a row (city administrators), or nothing. */
  action?: (item: ItemStatistics) => ReactNode;
  /** Adds the Rasch fit (infit, outfit) and DIF (ETS category per comparison group) columns. */
  measures?: boolean;
}

/** 문항 통계: facility, item–rest discrimination, answers, Rasch difficulty, review flags and whether the item is scored. */
export function ItemStatsTable({ assessmentId, items, areaName, selected, action, measures = false }: Props) {
  return (
    <DataTable
      testId="item-stats"
      caption="문항별 통계"
      columns={[
        '문항',
        '영역',
        num('정답률'),
        num('변별도'),
        num('응답'),
        num('Rasch 난이도 ± SE'),
        measures && num(<abbr title="내적합 평균제곱 (정보 가중)">Infit</abbr>),
        measures && num(<abbr title="외적합 평균제곱 (비가중)">Outfit</abbr>),
        measures && <abbr title="차별기능문항: Mantel–Haenszel, ETS 등급 A·B·C">DIF (ETS)</abbr>,
        '검토',
        '채점',
        action && '',
      ]}
    >
      {items.map((item) => (
        <tr key={item.id} data-testid={`item-stat-${item.id}`} className={item.dropped ? 'is-dropped' : selected === item.id ? 'is-selected' : undefined}>
          <th scope="row">
            <Link to={literacyPath.analysis(assessmentId, item.id)} aria-current={selected === item.id ? 'true' : undefined}>
              {item.id}
            </Link>
          </th>
          <td>{areaName(item.area)}</td>
          <td className="num">{formatRatio(item.facility)}</td>
          <td className="num">{formatStat(item.discrimination, 3)}</td>
          <td className="num">
            {formatCount(item.nAnswering)}/{formatCount(item.n)}
          </td>
          <td className="num">
            {raschText(item.rasch)}
            {'anchored' in item.rasch && item.rasch.anchored && (
              <span className="badge badge-info anchor-badge" title="연계 검사의 앵커 문항: 기준 검사의 난이도로 고정했습니다.">
                앵커
              </span>
            )}
          </td>
          {measures && <FitCell value={item.infit} z={item.infitZ} testId={`item-infit-${item.id}`} />}
          {measures && <FitCell value={item.outfit} z={item.outfitZ} testId={`item-outfit-${item.id}`} />}
          {measures && (
            <td className="flags">
              <DifBadges dif={item.dif} testId={`item-dif-${item.id}`} />
            </td>
          )}
          <td className="flags">
            <FlagBadges flags={item.flags} />
          </td>
          <td data-testid={`item-status-${item.id}`}>{item.dropped ? <span className="badge badge-danger">채점 제외</span> : '채점'}</td>
          {action && <td>{action(item)}</td>}
        </tr>
      ))}
    </DataTable>
  );
}
