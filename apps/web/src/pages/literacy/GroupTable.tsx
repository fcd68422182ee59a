import type { ReactNode } from 'react';
import type { GroupFigures } from '../../api/models';
import type { Bar } from '../../components/BarChart';
import { DataTable, num } from '../../components/DataTable';
import { formatCount, formatPoints, formatStat, SUPPRESSED_TEXT } from './literacyLabels';

/** A group whose figures are shown: every one of them is there. */
type Shown = GroupFigures & Required<Pick<GroupFigures, 'n' | 'mean' | 'sd' | 'levels' | 'areas'>>;

export const isShown = (g: GroupFigures | null | undefined): g is Shown => !!g && !g.suppressed;

/** The areas (code → name) any shown group has a figure for: an area whose items are all dropped has none. */
export function areasWithFigures(areas: Record<string, string>, groups: (GroupFigures | null)[]): Record<string, string> {
  return Object.fromEntries(Object.entries(areas).filter(([code]) => groups.some((g) => isShown(g) && typeof g.areas[code] === 'number')));
}

/** 비공개 (5명 미만), and for a group hidden only to protect a smaller one, why. */
export function Withheld({ group }: { group: GroupFigures }) {
  return (
    <span className="withheld" data-testid="withheld">
      {SUPPRESSED_TEXT}
      {group.reason === 'complementary' && <span className="muted small"> · 다른 작은 집단을 보호하기 위해 함께 가림</span>}
    </span>
  );
}

/** One bar per group: its mean percent score, or 비공개 for a withheld group. */
export function meanBars(groups: GroupFigures[], label: (g: GroupFigures) => string = (g) => g.name): Bar[] {
  return groups.map((g) =>
    isShown(g)
      ? { key: g.key, label: label(g), value: g.mean, valueText: `${formatPoints(g.mean)} · ${formatCount(g.n)}명` }
      : { key: g.key, label: label(g), value: 0, valueText: SUPPRESSED_TEXT },
  );
}

interface Props {
  groups: GroupFigures[];
  /** The first column's heading, e.g. 교육지원청. */
  heading: string;
  /** area code → name, one column each. */
  areas: Record<string, string>;
  /** The assessment's levels, one column each. */
  levels: string[];
  caption: string;
  testId: string;
  /** The first cell's content (e.g. a link); the group's name by default. */
  label?: (g: GroupFigures) => ReactNode;
}

/** Groups with their students, mean, SD, level counts and area means; a withheld group keeps only its name. */
export function GroupTable({ groups, heading, areas, levels, caption, testId, label = (g) => g.name }: Props) {
  const codes = Object.keys(areas);
  const figures = 3 + levels.length + codes.length;
  return (
    <DataTable
      testId={testId}
      caption={caption}
      columns={[heading, num('학생 수'), num('평균'), num('표준편차'), ...levels.map((l) => num(l)), ...codes.map((c) => num(areas[c]))]}
    >
      {groups.map((g) => (
        <tr key={g.key} data-testid={`${testId}-${g.key}`}>
          <th scope="row">{label(g)}</th>
          {isShown(g) ? (
            <>
              <td className="num">{formatCount(g.n)}명</td>
              <td className="num">{formatPoints(g.mean)}</td>
              <td className="num">{formatStat(g.sd, 1)}</td>
              {levels.map((l) => (
                <td key={l} className="num">
                  {formatCount(g.levels[l] ?? 0)}명
                </td>
              ))}
              {codes.map((c) => (
                <td key={c} className="num">
                  {formatPoints(g.areas[c])}
                </td>
              ))}
            </>
          ) : (
            <td colSpan={figures}>
              <Withheld group={g} />
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}
