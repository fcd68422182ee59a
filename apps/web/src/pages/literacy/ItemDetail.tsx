import type { ReactNode } from 'react';
import type { ItemStatistics, LiteracyItem } from '../../api/models';
import { BarChart } from '../../components/BarChart';
import { DataTable, num } from '../../components/DataTable';
import { Fact } from '../../components/Fact';
import { FlagBadges, raschText } from './ItemStatsTable';
import { formatCount, formatRatio, formatStat, ITEM_TYPE_LABEL } from './literacyLabels';

interface Props {
  stats: ItemStatistics;
  item: LiteracyItem | undefined;
  areaName: (code: string) => string;
  /** The 채점 제외/복원 button, for city administrators. */
  action?: ReactNode;
}

/** One item: its statistics and, for a choice item, how often each option was chosen and by whom. */
export function ItemDetail({ stats, item, areaName, action }: Props) {
  const d = stats.distractors;
  return (
    <section className="panel" aria-labelledby="item-detail-heading" data-testid="item-detail">
      <div className="panel-head">
        <div>
          <h2 id="item-detail-heading">문항 {stats.id}</h2>
          <p className="muted small">
            {areaName(stats.area)} · {ITEM_TYPE_LABEL[stats.type]} · 만점 {stats.maxScore}점
            {item?.dropped && ` · 채점 제외${item.droppedReason ? ` (${item.droppedReason})` : ''}`}
          </p>
        </div>
        {action}
      </div>
      <dl className="facts">
        <Fact label="정답률 (평균 ÷ 만점)">{formatRatio(stats.facility)}</Fact>
        <Fact label="변별도 (문항–나머지 상관)">{formatStat(stats.discrimination, 3)}</Fact>
        <Fact label="변별 효율">{formatStat(stats.discriminativeEfficiency, 3)}</Fact>
        <Fact label="평균 점수 (표준편차)">
          {formatStat(stats.mean, 2)} ({formatStat(stats.sd, 2)})
        </Fact>
        <Fact label="응답 / 무응답">
          {formatCount(stats.nAnswering)} / {formatCount(stats.nMissing)}명
        </Fact>
        <Fact label="Rasch 난이도 ± SE">{raschText(stats.rasch)}</Fact>
        <Fact label="검토">
          <FlagBadges flags={stats.flags} />
        </Fact>
      </dl>
      {d ? (
        <>
          <BarChart
            title="선택지별 응답"
            description="막대: 고른 학생 수 · 정답은 강조"
            bars={d.options.map((o) => ({ key: o.option, label: o.isKey ? `${o.option} (정답)` : o.option, value: o.count, valueText: `${formatCount(o.count)}명 (${formatRatio(o.proportion)})` }))}
            highlight={d.options.filter((o) => o.isKey).map((o) => o.option)}
            labelWidth={90}
            valueWidth={130}
            testId="chart-distractors"
          />
          <DataTable testId="distractor-table" caption={`문항 ${stats.id} 선택지 분석`} columns={['선택지', '정답', num('고른 학생'), num('비율'), num('고른 학생의 평균 총점')]}>
            {d.options.map((o) => (
              <tr key={o.option} className={o.isKey ? 'is-key' : undefined}>
                <th scope="row">{o.option}</th>
                <td>{o.isKey ? '정답' : ''}</td>
                <td className="num">{formatCount(o.count)}명</td>
                <td className="num">{formatRatio(o.proportion)}</td>
                <td className="num">{formatStat(o.meanTotal, 2)}</td>
              </tr>
            ))}
          </DataTable>
          <p className="muted small">
            무응답 {formatCount(d.omitted)}명. 아무도 고르지 않는 오답은 매력이 없는 선택지이고, 총점이 높은 학생이 많이 고른 오답은 정답 시비가 있는지 살펴봅니다.
          </p>
        </>
      ) : (
        <p className="muted">정답이 없는 문항(점수를 받는 문항)이라 선택지 분석이 없습니다.</p>
      )}
    </section>
  );
}
