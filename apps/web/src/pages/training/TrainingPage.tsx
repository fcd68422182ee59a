import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TeacherShareRow, TrainingLevel, TrainingStatRow, TrainingStats, User } from '../../api/models';
import { BarChart, type Bar } from '../../components/BarChart';
import { trainingUrls } from '../../api';
import { DataTable, num } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ANY, InputField, SelectField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { ResultsPanel } from '../../components/ResultsPanel';
import { StatCard } from '../../components/StatCard';
import { deliveryMode, formatHours, formatPercent, PARTICIPANT_KIND_LABEL, schoolYearOptions, TRAINING_LEVELS, trainingLevel } from '../../labels';
import { useListQuery } from '../../listQuery';
import { isAdmin, isCityAdmin } from '../../roles';
import { Link } from 'react-router';
import { ImportPanel } from './ImportPanel';
import { coursesQuery, participantsQuery, statsQuery } from './queries';

const PAGE_SIZE = 20;
const SHARE_ROWS = 20;

/**
 * 연수 현황 (조례 제7조): participation statistics (administrators), the people on the training rolls
 * in the viewer's scope, and (city administrators) the completion import.
 */
export function TrainingPage({ user, title }: { user: User; title: string }) {
  const admin = isAdmin(user);
  const scope =
    user.role === 'district_admin' ? ' 관할 교육지원청 학교만 표시됩니다.' : user.role === 'principal' ? ' 우리 학교 교직원의 연수 기록입니다.' : '';

  return (
    <div className="page">
      <div className="page-head page-head-actions">
        <div>
          <h1>{title}</h1>
          <p className="muted">
            서울특별시교육청 인공지능 교육 지원 조례 제7조에 따른 교원 AI 교육 연수 참여 현황과 디지털 배지 발급 현황입니다.{scope}
          </p>
        </div>
        {isCityAdmin(user) && (
          <a href="#import" className="button button-primary" data-testid="jump-import">
            이수 기록 가져오기
          </a>
        )}
      </div>
      {admin && <StatsSection />}
      <ParticipantsSection />
      {isCityAdmin(user) && <ImportPanel />}
    </div>
  );
}

/** One bar per row, with participants as the bar and every number written out. */
function statBars(rows: TrainingStatRow[], label: (row: TrainingStatRow) => string): Bar[] {
  return rows.map((r) => ({
    key: r.key,
    label: label(r),
    value: r.participants,
    valueText: `${r.participants.toLocaleString('ko-KR')}명 · ${r.completions.toLocaleString('ko-KR')}건 · ${formatHours(r.hours)}`,
  }));
}

const levelOrder = (key: string) => {
  const i = TRAINING_LEVELS.indexOf(key as TrainingLevel);
  return i < 0 ? 99 : i;
};

function StatsSection() {
  const [year, setYear] = useState('');
  const { data: stats, error, isFetching: loading } = useQuery(statsQuery(year ? Number(year.slice(1)) : undefined));
  const { data: courses } = useQuery(coursesQuery());
  const years = [...new Set((courses ?? []).map((c) => c.schoolYear))].sort((a, b) => b - a);
  const yearOptions = { ...ANY, ...schoolYearOptions(years) };

  return (
    <section aria-labelledby="stats-heading" aria-busy={loading} data-testid="training-stats">
      <div className="panel filters stats-filter">
        <h2 id="stats-heading" className="filters-title">
          참여 통계
        </h2>
        <SelectField id="stats-year" label="과정 학년도" options={yearOptions} value={year} onChange={setYear} />
      </div>
      <ErrorMessage error={error} title="연수 통계를 불러오지 못했습니다." />
      {loading && !stats && <Loading />}
      {stats && <Stats stats={stats} />}
    </section>
  );
}

function Stats({ stats }: { stats: TrainingStats }) {
  // Everyone belongs to one school (or none), so the per-school counts add up to distinct people.
  const participants = stats.bySchool.reduce((n, r) => n + r.participants, 0);
  const completions = stats.byLevel.reduce((n, r) => n + r.completions, 0);
  const hours = stats.byLevel.reduce((n, r) => n + r.hours, 0);
  const byLevel = [...stats.byLevel].sort((a, b) => levelOrder(a.key) - levelOrder(b.key));
  const byOffice = [...stats.byOffice].sort((a, b) => b.participants - a.participants || a.label.localeCompare(b.label, 'ko'));

  return (
    <>
      <section className="stat-grid" aria-label="연수 주요 지표">
        <StatCard label="연수 참여 인원" value={participants.toLocaleString('ko-KR')} unit="명" testId="stat-participants" />
        <StatCard label="이수 건수" value={completions.toLocaleString('ko-KR')} unit="건" testId="stat-completions" />
        <StatCard label="총 이수 시간" value={hours.toLocaleString('ko-KR', { maximumFractionDigits: 1 })} unit="시간" testId="stat-hours" />
        <StatCard label="참여 학교" value={stats.bySchool.filter((s) => s.key !== 'none').length.toLocaleString('ko-KR')} unit="개교" />
      </section>
      {completions === 0 ? (
        <p className="panel empty">이 조건에 맞는 이수 기록이 없습니다.</p>
      ) : (
        <div className="chart-grid chart-grid-even">
          <section className="panel">
            <BarChart title="단계별 참여" description="막대: 참여 인원 · 글자: 인원, 이수 건수, 이수 시간" bars={statBars(byLevel, (r) => trainingLevel(r.key))} labelWidth={80} valueWidth={200} testId="chart-level" />
          </section>
          <section className="panel">
            <BarChart title="연수 방식별 참여" description="막대: 참여 인원 · 글자: 인원, 이수 건수, 이수 시간" bars={statBars(stats.byMode, (r) => deliveryMode(r.key))} labelWidth={80} valueWidth={200} testId="chart-mode" />
          </section>
          <section className="panel chart-wide">
            <BarChart title="교육지원청별 참여" description="막대: 참여 인원 · 글자: 인원, 이수 건수, 이수 시간" bars={statBars(byOffice, (r) => r.label)} labelWidth={130} valueWidth={200} testId="chart-office" />
          </section>
        </div>
      )}
      <TeacherShare rows={stats.teacherShareBySchool} />
    </>
  );
}

function TeacherShare({ rows }: { rows: TeacherShareRow[] }) {
  const [q, setQ] = useState('');
  const [all, setAll] = useState(false);
  const matching = rows.filter((r) => !q.trim() || r.schoolName.includes(q.trim()));
  const shown = all ? matching : matching.slice(0, SHARE_ROWS);
  return (
    <section className="panel" aria-labelledby="share-heading">
      <div className="panel-head">
        <div>
          <h2 id="share-heading">학교별 교원 이수율</h2>
          <p className="muted small">단계별 과정을 하나 이상 이수한 교원 수 ÷ 학교의 교원 수(교원 계정과 계정 없는 연수 명단 교원)입니다.</p>
        </div>
        <InputField id="share-q" label="학교명" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="예: 개포" />
      </div>
      {matching.length === 0 ? (
        <p className="empty">{rows.length === 0 ? '교원 이수 기록이 없습니다.' : '조건에 맞는 학교가 없습니다.'}</p>
      ) : (
        <DataTable testId="teacher-share-table" caption="학교별·단계별 교원 이수율" columns={['학교', '단계', num('이수 교원'), num('교원 수'), '이수율']}>
          {shown.map((r) => (
            <tr key={`${r.schoolId}-${r.level}`}>
              <th scope="row">{r.schoolName}</th>
              <td>{trainingLevel(r.level)}</td>
              <td className="num">{r.completed.toLocaleString('ko-KR')}명</td>
              <td className="num">{r.teachers.toLocaleString('ko-KR')}명</td>
              <td>
                {r.share === null ? (
                  <span className="muted">교원 수 미상</span>
                ) : (
                  <span className="share">
                    <meter min={0} max={1} value={Math.min(1, r.share)} aria-hidden="true" /> {formatPercent(r.share)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {!all && matching.length > SHARE_ROWS && (
        <button type="button" className="button button-ghost" onClick={() => setAll(true)}>
          전체 {matching.length.toLocaleString('ko-KR')}행 보기
        </button>
      )}
    </section>
  );
}

function ParticipantsSection() {
  const { filters, apply, goToPage, reset } = useListQuery('/training', ['q']);
  const { q, page } = filters;
  const [text, setText] = useState(q);
  const { data: result, error, isFetching: loading } = useQuery(participantsQuery({ q: q || undefined, page, pageSize: PAGE_SIZE }));

  function search(event: FormEvent) {
    event.preventDefault();
    apply({ q: text.trim() });
  }

  return (
    <ResultsPanel
      headingId="participants-heading"
      title="연수 대상자"
      intro={<p className="muted small">이름을 누르면 그 사람의 이수 과정과 디지털 배지를 볼 수 있습니다.</p>}
      result={result ?? null}
      loading={loading}
      unit="명"
      totalTestId="participant-total"
      empty={q ? '검색 결과가 없습니다.' : '등록된 연수 대상자가 없습니다.'}
      onPage={goToPage}
      table={(result) => (
        <DataTable
          testId="participant-table"
          caption={`연수 대상자 (${result.page}쪽)`}
          columns={['성명', '식별번호', '구분', '소속 학교', num('이수 과정'), num('이수 시간')]}
        >
          {result.items.map((p) => (
            <tr key={p.id} data-testid={`participant-row-${p.externalId}`}>
              <th scope="row">
                <Link to={`/training/participants/${p.id}`}>{p.name}</Link>
                {p.userId && <span className="muted small"> (계정 연결)</span>}
              </th>
              <td>{p.externalId}</td>
              <td>{PARTICIPANT_KIND_LABEL[p.kind] ?? p.kind}</td>
              <td>{p.schoolName ?? <span className="muted">소속 없음</span>}</td>
              <td className="num">{p.completions.toLocaleString('ko-KR')}과정</td>
              <td className="num">{formatHours(p.hours)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    >
      <form className="inline-search" role="search" aria-label="연수 대상자 검색" onSubmit={search}>
        <InputField id="participant-q" label="이름 또는 식별번호" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="예: 김교사, T-0001" />
        <div className="field field-actions">
          <button type="submit" className="button button-secondary">
            검색
          </button>
          {/* Everyone matching the search, not only this page. */}
          <DownloadButton url={trainingUrls.participantsXlsx({ q: q || undefined })} label="XLSX 내려받기" filename="연수_대상자.xlsx" testId="participants-xlsx" />
          {q && (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                setText('');
                reset();
              }}
            >
              초기화
            </button>
          )}
        </div>
      </form>
      <ErrorMessage error={error} title="연수 대상자를 불러오지 못했습니다." />
    </ResultsPanel>
  );
}
