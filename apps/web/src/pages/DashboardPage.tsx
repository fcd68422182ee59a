import { useQuery } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import type { AreaStat, ClassroomStats, SchoolLevel, User } from '../api/models';
import { BarChart, type Bar } from '../components/BarChart';
import { ErrorMessage } from '../components/ErrorMessage';
import { ExportPanel } from '../components/ExportPanel';
import { Loading } from '../components/Loading';
import { StatCard } from '../components/StatCard';
import { classroomStatsQuery } from '../coreQueries';
import { formatPercent, LEVEL_LABEL } from '../labels';

const LEVEL_ORDER: SchoolLevel[] = ['elementary', 'middle', 'high', 'special'];

const AREA_DESCRIPTION = '막대: AI 교실 수 · 글자: 교실 수, 보급률(등록 학교 대비), 등록 학교 수';

/** One bar per area, most classrooms first; the bar whose key is `own` (the viewer's office) is marked 관할. */
function areaBars(rows: AreaStat[], own: string | null = null): Bar[] {
  return [...rows]
    .sort((a, b) => b.classrooms - a.classrooms || a.label.localeCompare(b.label, 'ko'))
    .map((r) => {
      const valueText = `${r.classrooms}실 · ${formatPercent(r.coverage)} (${r.schools}교)`;
      return { key: r.key, label: r.label, value: r.classrooms, valueText: r.key === own ? `${valueText} · 관할` : valueText };
    });
}

/** A bar chart in its own panel. */
function ChartPanel(props: ComponentProps<typeof BarChart>) {
  return (
    <section className="panel">
      <BarChart {...props} />
    </section>
  );
}

export function DashboardPage({ user }: { user: User }) {
  const { data: stats, error } = useQuery(classroomStatsQuery);
  const officeName =
    user.role === 'district_admin' ? (stats?.byDistrictOffice.find((o) => o.key === user.districtOffice)?.label ?? user.districtOffice) : null;

  return (
    <div className="page">
      <div className="page-head">
        <h1>대시보드</h1>
        <p className="muted">
          서울특별시 전체 신나는 AI 교실 구축·운영 현황입니다.
          {officeName && ` 관할 교육지원청(${officeName})은 막대그래프에 주황색으로 표시됩니다.`}
        </p>
      </div>
      <ErrorMessage error={error} title="통계를 불러오지 못했습니다." />
      {!stats && !error && <Loading />}
      {stats && <Dashboard stats={stats} office={user.role === 'district_admin' ? user.districtOffice : null} />}
      <ExportPanel scopeNote={officeName ? `내보내기 파일에는 관할 교육지원청(${officeName}) 학교만 포함됩니다.` : undefined} />
    </div>
  );
}

function Dashboard({ stats, office }: { stats: ClassroomStats; office: string | null }) {
  const { coverage, flags } = stats;
  const years = Object.keys(stats.byYear).sort();
  return (
    <>
      <section className="stat-grid" aria-label="주요 지표">
        <StatCard label="전체 AI 교실" value={stats.total.toLocaleString('ko-KR')} unit="실" testId="stat-total" note={years.length ? `${years[0]}~${years[years.length - 1]}년 구축` : undefined} />
        <StatCard
          label="공식 학교 수 대비 보급률"
          value={formatPercent(coverage.ofOfficial)}
          testId="stat-official-coverage"
          note={`서울 관내 학교 ${coverage.officialSchoolCount.toLocaleString('ko-KR')}개교 중 ${coverage.classrooms.toLocaleString('ko-KR')}개교`}
        />
        <StatCard label="AI 교실이 있는 자치구" value={stats.districtsWithClassrooms} unit="개 구" note="서울 25개 자치구 중" />
        <StatCard
          label="등록 학교 대비 보급률"
          value={formatPercent(coverage.ofRegistry)}
          note={`플랫폼에 등록된 ${coverage.schoolsInRegistry.toLocaleString('ko-KR')}개교 기준`}
        />
      </section>

      <section className="panel" aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">공식 학교 수 대비 보급 현황</h2>
        <CoverageMeter ratio={coverage.ofOfficial} classrooms={coverage.classrooms} official={coverage.officialSchoolCount} />
        <p className="source" data-testid="coverage-source">
          출처: {coverage.officialSource} (기준일 {coverage.officialAsOf})
        </p>
      </section>

      <section className="panel" aria-labelledby="flags-heading">
        <h2 id="flags-heading">확인이 필요한 교실</h2>
        <div className="stat-grid stat-grid-3">
          <StatCard label={`면적 ${flags.minimumFloorAreaUnits}실 미만`} value={flags.areaBelowMinimum} unit="실" tone={flags.areaBelowMinimum ? 'warning' : 'default'} testId="flag-area-below" />
          <StatCard label="면적 미입력" value={flags.areaUnknown} unit="실" tone={flags.areaUnknown ? 'warning' : 'default'} testId="flag-area-unknown" />
          <StatCard
            label={`${flags.schoolYear}학년도 AI 동아리 없음`}
            value={flags.withoutClubThisYear}
            unit="실"
            tone={flags.withoutClubThisYear ? 'warning' : 'default'}
            testId="flag-no-club"
          />
        </div>
      </section>

      <div className="chart-grid">
        <ChartPanel title="자치구별 AI 교실 보급 현황" description={AREA_DESCRIPTION} bars={areaBars(stats.byDistrict)} labelWidth={80} testId="chart-district" />
        <div className="chart-column">
          <ChartPanel
            title="교육지원청별 AI 교실 보급 현황"
            description={AREA_DESCRIPTION}
            bars={areaBars(stats.byDistrictOffice, office)}
            labelWidth={130}
            valueWidth={office ? 185 : 150}
            highlight={office ? [office] : []}
            testId="chart-office"
          />
          <ChartPanel
            title="구축 연도별 AI 교실"
            bars={years.map((y) => ({ key: y, label: `${y}년`, value: stats.byYear[y], valueText: `${stats.byYear[y]}실` }))}
            labelWidth={80}
            testId="chart-year"
          />
          <ChartPanel
            title="학교급별 AI 교실"
            bars={LEVEL_ORDER.filter((l) => stats.byLevel[l] !== undefined).map((l) => ({
              key: l,
              label: LEVEL_LABEL[l],
              value: stats.byLevel[l] ?? 0,
              valueText: `${stats.byLevel[l] ?? 0}실`,
            }))}
            labelWidth={80}
            testId="chart-level"
          />
        </div>
      </div>
    </>
  );
}

function CoverageMeter({ ratio, classrooms, official }: { ratio: number | null; classrooms: number; official: number }) {
  const width = 600;
  const filled = Math.min(1, Math.max(0, ratio ?? 0)) * width;
  return (
    <div className="coverage">
      <p className="coverage-text">
        서울 관내 학교 <strong>{official.toLocaleString('ko-KR')}개교</strong> 중 <strong>{classrooms.toLocaleString('ko-KR')}개교</strong>에 AI
        교실 구축 — 보급률 <strong>{formatPercent(ratio)}</strong>
      </p>
      <svg viewBox={`0 0 ${width} 24`} width="100%" role="img" aria-label={`보급률 ${formatPercent(ratio)}`} className="coverage-svg">
        <title>{`공식 학교 수 대비 보급률 ${formatPercent(ratio)}`}</title>
        <rect x={0} y={2} width={width} height={20} rx={4} className="chart-track" />
        <rect x={0} y={2} width={filled} height={20} rx={4} className="chart-bar" />
      </svg>
    </div>
  );
}
