import type { DifGroup, EtsCategory, LiteracyDif } from '../../api/models';
import { officeName } from '../../labels';
import { useDistrictOffices } from '../../coreQueries';
import { DIF_GROUP_LABEL, DIF_REASON_LABEL, difGroupName, ETS_LABEL, FIT_RANGE, fitOutOfRange, formatSigned, formatStat } from './literacyLabels';

/** An infit or outfit mean square; outside 0.7–1.3 it is marked (class `fit-out`) and says so to screen readers. */
export function FitCell({ value, z, testId }: { value: number | null | undefined; z?: number | null; testId?: string }) {
  const out = fitOutOfRange(value);
  const title = value === null || value === undefined ? undefined : `MNSQ ${formatStat(value, 2)}${z !== null && z !== undefined ? ` · ZSTD ${formatStat(z, 2)}` : ''}${out ? ` · 적합 범위 ${FIT_RANGE[0]}–${FIT_RANGE[1]} 밖` : ''}`;
  return (
    <td className={out ? 'num fit-out' : 'num'} data-testid={testId} data-misfit={out ? 'true' : undefined} title={title}>
      {formatStat(value, 2)}
      {out && <span className="sr-only"> (적합 범위 밖)</span>}
    </td>
  );
}

const SEVERITY: Record<EtsCategory, number> = { A: 0, 'B-': 1, 'B+': 1, 'C-': 2, 'C+': 2 };
const GROUPS: DifGroup[] = ['sex', 'schoolLevel', 'districtOffice'];

/** The badge class of an ETS category: A quiet, B a warning, C a danger. */
export const etsClass = (ets: EtsCategory): string => `badge ets-badge ${SEVERITY[ets] === 0 ? 'badge-ok' : SEVERITY[ets] === 1 ? 'badge-warning' : 'badge-danger'}`;

/** One comparison in words: 성별 여학생 (기준 남학생) · MH D-DIF −0.42 · A: 무시할 수준. */
export function difText(d: LiteracyDif, office: (code: string) => string): string {
  const who = `${DIF_GROUP_LABEL[d.group]} ${difGroupName(d.focal, office)} (기준 ${difGroupName(d.reference, office)}, ${d.nFocal}명 대 ${d.nReference}명)`;
  if (!d.ets) return `${who} · 계산하지 않음${d.reason ? `: ${DIF_REASON_LABEL[d.reason]}` : ''}`;
  return `${who} · MH D-DIF ${formatSigned(d.mhDDif)} · ${ETS_LABEL[d.ets]}`;
}

/**
 * An item's DIF: a badge per comparison group (성별, 학교급, 교육지원청) with the largest ETS category
 * among its comparisons; the badge's title lists every comparison of the group.
 */
export function DifBadges({ dif, testId }: { dif: LiteracyDif[] | undefined; testId?: string }) {
  const { offices } = useDistrictOffices();
  const office = (code: string) => officeName(offices, code);
  if (!dif || dif.length === 0) return <span className="muted">-</span>;
  const badges = GROUPS.flatMap((group) => {
    const of = dif.filter((d) => d.group === group);
    if (of.length === 0) return [];
    const computed = of.filter((d): d is LiteracyDif & { ets: EtsCategory } => d.ets !== null);
    const worst = computed.reduce<(LiteracyDif & { ets: EtsCategory }) | null>((w, d) => (!w || SEVERITY[d.ets] > SEVERITY[w.ets] ? d : w), null);
    const title = of.map((d) => difText(d, office)).join('\n');
    return [
      worst ? (
        <span key={group} className={etsClass(worst.ets)} title={title} data-dif-group={group} data-ets={worst.ets}>
          {DIF_GROUP_LABEL[group]} {worst.ets}
          <span className="sr-only"> ({ETS_LABEL[worst.ets]})</span>
        </span>
      ) : (
        <span key={group} className="badge" title={title} data-dif-group={group}>
          {DIF_GROUP_LABEL[group]} -
        </span>
      ),
    ];
  });
  return (
    <span className="dif-badges" data-testid={testId}>
      {badges}
    </span>
  );
}
