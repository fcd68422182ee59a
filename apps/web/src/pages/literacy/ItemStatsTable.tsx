import type { ReactNode } from 'react';
import type { ItemStatistics, RaschItem } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { Link } from 'react-router';
import { FLAG_LABEL, formatCount, formatRatio, formatStat, RASCH_EXCLUDED_LABEL } from './literacyLabels';
import { literacyPath } from './literacyPaths';

/** A Rasch difficulty ± SE, or why the item has none. */
export function raschText(r: RaschItem): string {
  if ('excluded' in r) return r.excluded ? `추정 제외 (${RASCH_EXCLUDED_LABEL[r.excluded] ?? r.excluded})` : '-';
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
}

/** 문항 통계: facility, item–rest discrimination, answers, Rasch difficulty, review flags and whether the item is scored. */
export function ItemStatsTable({ assessmentId, items, areaName, selected, action }: Props) {
  return (
    <DataTable
      testId="item-stats"
      caption="문항별 통계"
      columns={['문항', '영역', num('정답률'), num('변별도'), num('응답'), num('Rasch 난이도 ± SE'), '검토', '채점', action && '']}
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
          <td className="num">{raschText(item.rasch)}</td>
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
