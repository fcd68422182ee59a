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

/** Not yet imported: the registry holds only the schools with an AI classroom, so a ratio to it would read 100%. */
const NO_NEIS_LIST = 'NEIS 전체 학교 목록을 아직 가져오지 않아, 플랫폼에는 AI 교실이 있는 학교만 등록되어 있습니다.';

/**
 * What the area bars' figures are: a ratio to the registered schools only when the registry holds every
 * area's schools (the NEIS list is imported), otherwise counts with the reason.
 */
function areaDescription(rows: AreaStat[]): string {
  if (rows.length > 0 && rows.every((r) => r.registryComplete)) return '막대: AI 교실 수 · 글자: 교실 수, 보급률(등록 학교 대비), 등록 학교 수';
  const some = rows.some((r) => r.registryComplete);
  return `막대: AI 교실 수 · 글자: 교실 수, 등록 학교 수${some ? ' (NEIS 학교 목록을 가져온 지역은 보급률 포함)' : ''} · ${NO_NEIS_LIST}`;
}

/** One bar per area, most classrooms first; the bar whose key is `own` (the viewer's office) is marked 관할. */
function areaBars(rows: AreaStat[], own: string | null = null): Bar[] {
  return [...rows]
    .sort((a, b) => b.classrooms - a.classrooms || a.label.localeCompare(b.label, 'ko'))
    .map((r) => {
      const valueText = r.registryComplete ? `${r.classrooms}실 · ${formatPercent(r.coverage)} (${r.schools}교)` : `${r.classrooms}실 · 등록 ${r.schools}교`;
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
  // A district administrator's figures are their office's (the API scopes them).
  const officeName = user.role === 'district_admin' ? (stats?.scope.name ?? null) : null;

  return (
    <div className="page">
      <div className="page-head">
        <h1>{officeName ? `${officeName} 대시보드` : '대시보드'}</h1>
        <p className="muted" data-testid="dashboard-scope">
          {user.role === 'district_admin'
            ? officeName && `관할 교육지원청(${officeName}) 학교의 신나는 AI 교실 구축·운영 현황입니다.`
            : '서울특별시 전체 신나는 AI 교실 구축·운영 현황입니다.'}
        </p>
      </div>
      <ErrorMessage error={error} title="통계를 불러오지 못했습니다." />
      {!stats && !error && <Loading />}
      {stats && <Dashboard stats={stats} />}
      <ExportPanel scopeNote={officeName ? `내보내기 파일에는 관할 교육지원청(${officeName}) 학교만 포함됩니다.` : undefined} />
    </div>
  );
}

function Dashboard({ stats }: { stats: ClassroomStats }) {
  const { coverage, flags, scope } = stats;
  const office = scope.districtOffice;
  const years = Object.keys(stats.byYear).sort();
  return (
    <>
      <section className="stat-grid" aria-label="주요 지표">
        <StatCard
          label={office ? '관할 AI 교실' : '전체 AI 교실'}
          value={stats.total.toLocaleString('ko-KR')}
          unit="실"
          testId="stat-total"
          note={years.length ? `${years[0]}~${years[years.length - 1]}년 구축` : undefined}
        />
        {coverage.officialSchoolCount !== null && (
          <StatCard
            label="공식 학교 수 대비 보급률"
            value={formatPercent(coverage.ofOfficial)}
            testId="stat-official-coverage"
            note={`서울 관내 학교 ${coverage.officialSchoolCount.toLocaleString('ko-KR')}개교 중 ${coverage.classrooms.toLocaleString('ko-KR')}개교`}
          />
        )}
        <StatCard
          label="AI 교실이 있는 자치구"
          value={stats.districtsWithClassrooms}
          unit="개 구"
          note={office ? `관할 ${stats.byDistrict.length}개 자치구 중` : '서울 25개 자치구 중'}
        />
        {coverage.registryComplete ? (
          <StatCard
            label="등록 학교 대비 보급률"
            value={formatPercent(coverage.ofRegistry)}
            note={`플랫폼에 등록된 ${coverage.schoolsInRegistry.toLocaleString('ko-KR')}개교 기준`}
            testId="stat-registry"
          />
        ) : (
          <StatCard label="플랫폼 등록 학교" value={coverage.schoolsInRegistry.toLocaleString('ko-KR')} unit="개교" note={NO_NEIS_LIST} testId="stat-registry" />
        )}
      </section>

      {coverage.officialSchoolCount !== null ? (
        <section className="panel" aria-labelledby="coverage-heading">
          <h2 id="coverage-heading">공식 학교 수 대비 보급 현황</h2>
          <CoverageMeter ratio={coverage.ofOfficial} classrooms={coverage.classrooms} official={coverage.officialSchoolCount} />
          <p className="source" data-testid="coverage-source">
            출처: {coverage.officialSource} (기준일 {coverage.officialAsOf})
          </p>
        </section>
      ) : (
        <p className="muted small" data-testid="coverage-source">
          공식 학교 수(서울 관내 {coverage.officialAsOf} 기준)는 서울시 전체로만 공표되어, 교육지원청별 보급률은 표시하지 않습니다.
        </p>
      )}

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
        <ChartPanel
          title={office ? '관할 자치구별 AI 교실 보급 현황' : '자치구별 AI 교실 보급 현황'}
          description={areaDescription(stats.byDistrict)}
          bars={areaBars(stats.byDistrict)}
          labelWidth={80}
          testId="chart-district"
        />
        <div className="chart-column">
          {!office && (
            <ChartPanel
              title="교육지원청별 AI 교실 보급 현황"
              description={areaDescription(stats.byDistrictOffice)}
              bars={areaBars(stats.byDistrictOffice)}
              labelWidth={130}
              valueWidth={150}
              testId="chart-office"
            />
          )}
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
