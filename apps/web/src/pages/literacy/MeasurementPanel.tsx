import { Link } from 'react-router';
import type { ItemStatistics, LiteracyMeasurement } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { Fact } from '../../components/Fact';
import { useDistrictOffices } from '../../coreQueries';
import { officeName } from '../../labels';
import { DIF_GROUP_LABEL, difGroupName, ETS_LABEL, FIT_RANGE, formatCount, formatScale, formatSigned, formatStat } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { etsClass, FitCell } from './MeasureCells';

/** The person-misfit rule in Korean ("infit or outfit ZSTD > 2" → Infit 또는 Outfit ZSTD가 2 초과). */
const personRule = (rule: string): string => {
  const z = /^infit or outfit ZSTD > ([\d.]+)$/.exec(rule)?.[1];
  return z ? `Infit 또는 Outfit ZSTD가 ${z} 초과` : rule;
};

interface Props {
  assessmentId: number;
  measurement: LiteracyMeasurement | null | undefined;
  items: ItemStatistics[];
}

/**
 * 측정 품질 (issue 18): the items whose Rasch fit lies outside 0.7–1.3, the person fit, the items with
 * DIF of ETS category B or C, the person separation reliability, and the link and scale when the
 * assessment sits on its grade's common scale.
 */
export function MeasurementPanel({ assessmentId, measurement: m, items }: Props) {
  const { offices } = useDistrictOffices();
  const office = (code: string) => officeName(offices, code);
  if (!m) {
    return (
      <section className="panel" aria-labelledby="measurement-heading" data-testid="measurement">
        <h2 id="measurement-heading">적합도와 차별기능문항(DIF)</h2>
        <p className="empty">이 분석에는 적합도와 DIF가 없습니다(이전 방식의 분석). 분석을 다시 실행하면 계산됩니다.</p>
      </section>
    );
  }
  const byId = new Map(items.map((i) => [i.id, i]));
  const misfits = m.fit.flagged.map((id) => byId.get(id)).filter((i): i is ItemStatistics => i !== undefined);
  const range = m.fit.range.length === 2 ? m.fit.range : FIT_RANGE;
  const itemLink = (id: string) => <Link to={literacyPath.analysis(assessmentId, id)}>{id}</Link>;

  return (
    <section className="panel" aria-labelledby="measurement-heading" data-testid="measurement">
      <h2 id="measurement-heading">적합도와 차별기능문항(DIF)</h2>
      <dl className="facts">
        <Fact label="사람 분리 신뢰도 (Rasch)" testId="person-separation">
          {m.reliability.personSeparation
            ? `${formatStat(m.reliability.personSeparation.reliability, 3)} (분리 지수 ${formatStat(m.reliability.personSeparation.separation, 2)}, ${formatCount(m.reliability.personSeparation.n)}명)`
            : '-'}
        </Fact>
        <Fact label="학생 적합도">
          {formatCount(m.fit.persons.misfitting)}명 / {formatCount(m.fit.persons.n)}명 부적합 <span className="muted small">({personRule(m.fit.persons.rule)})</span>
        </Fact>
        {m.linked && (
          <Fact label="공통 척도 연계" testId="analysis-linked">
            <Link to={literacyPath.assessment(m.linked.baseAssessmentId)}>기준 검사 #{m.linked.baseAssessmentId}</Link>에 앵커 문항 {m.linked.anchors.length}개로 연계 (연계 오차 {formatStat(m.linked.se, 3)})
          </Fact>
        )}
        {m.scale && (
          <Fact label="척도 점수 평균" testId="analysis-scale">
            {formatScale(m.scale.mean)} ± {formatScale(m.scale.se)} (표준편차 {formatScale(m.scale.sd)}, {formatCount(m.scale.n)}명 · 척도 점수 = θ × {m.scale.slope} + {m.scale.intercept})
          </Fact>
        )}
      </dl>

      <h3 id="misfit-heading">
        적합도 범위({range[0]}–{range[1]}) 밖 문항 <span className="badge">{misfits.length}개</span>
      </h3>
      {misfits.length === 0 ? (
        <p className="muted" data-testid="misfit-none">
          모든 문항의 Infit·Outfit 평균제곱이 {range[0]}–{range[1]} 안에 있습니다.
        </p>
      ) : (
        <DataTable testId="misfit-items" caption="적합도 범위 밖 문항" columns={['문항', num('Infit'), num('Infit ZSTD'), num('Outfit'), num('Outfit ZSTD')]}>
          {misfits.map((i) => (
            <tr key={i.id} data-testid={`misfit-${i.id}`}>
              <th scope="row">{itemLink(i.id)}</th>
              <FitCell value={i.infit} />
              <td className="num">{formatStat(i.infitZ, 2)}</td>
              <FitCell value={i.outfit} />
              <td className="num">{formatStat(i.outfitZ, 2)}</td>
            </tr>
          ))}
        </DataTable>
      )}

      <h3 id="dif-heading">
        DIF 검토 문항 (ETS B·C) <span className="badge">{m.dif.flagged.length}건</span>
      </h3>
      <p className="muted small">
        Mantel–Haenszel 방법, 총점으로 층화. 비교: {m.dif.comparisons.length === 0 ? '없음' : m.dif.comparisons.map((c) => `${DIF_GROUP_LABEL[c.group]} ${difGroupName(c.focal, office)}`).join(', ')} · 집단별{' '}
        {formatCount(m.dif.minGroupSize)}명 이상일 때 계산합니다. MH D-DIF가 음수면 비교집단에 더 어려운 문항입니다.
      </p>
      {m.dif.flagged.length === 0 ? (
        <p className="muted" data-testid="dif-none">
          ETS B·C 등급 문항이 없습니다.
        </p>
      ) : (
        <DataTable testId="dif-items" caption="DIF 검토 문항" columns={['문항', '비교', num('MH D-DIF'), 'ETS 등급']}>
          {m.dif.flagged.map((f) => (
            <tr key={`${f.itemId}-${f.group}-${f.focal}`} data-testid={`dif-flag-${f.itemId}`}>
              <th scope="row">{itemLink(f.itemId)}</th>
              <td>
                {DIF_GROUP_LABEL[f.group]} · {difGroupName(f.focal, office)}
              </td>
              <td className="num">{formatSigned(f.mhDDif)}</td>
              <td>{f.ets ? <span className={etsClass(f.ets)}>{ETS_LABEL[f.ets]}</span> : '-'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
