import type { UseQueryResult } from '@tanstack/react-query';
import type { TrainingCourse, TrainingRecord, User } from '../../api/models';
import { BarChart } from '../../components/BarChart';
import { DataTable, num } from '../../components/DataTable';
import { Fact } from '../../components/Fact';
import { Loading } from '../../components/Loading';
import { StatCard } from '../../components/StatCard';
import { deliveryMode, formatDate, formatHours, PARTICIPANT_KIND_LABEL, TRAINING_LEVELS, trainingLevel } from '../../labels';
import { isCityAdmin } from '../../roles';
import { BadgeCard } from './BadgeCard';
import { useCourseMap } from './useCourseMap';

/**
 * A person's training record once loaded (불러오는 중 until then), as 나의 연수 and the administrators'
 * view of a person show it; city administrators may revoke badges.
 */
export function LoadedTrainingRecord({ state, user }: { state: UseQueryResult<TrainingRecord>; user: User }) {
  const courses = useCourseMap();
  const { data, isPending } = state;
  return (
    <>
      {isPending && <Loading />}
      {data && <TrainingRecordView record={data} courses={courses} canRevoke={isCityAdmin(user)} />}
    </>
  );
}

interface Props {
  record: TrainingRecord;
  /** Course code → course, for the titles of the courses the next level still needs. */
  courses: Map<string, TrainingCourse>;
  /** City administrators see a revoke button on each badge. */
  canRevoke?: boolean;
}

/**
 * One person's training record (조례 제7조): courses completed, hours per level and per school year,
 * the digital badges earned and what the next level still needs. Shared by 나의 연수 and the
 * administrators' view of a person.
 */
export function TrainingRecordView({ record, courses, canRevoke = false }: Props) {
  const { participant, completions, badges } = record;
  const totalHours = completions.reduce((sum, c) => sum + c.hours, 0);
  const validBadges = badges.filter((b) => b.status === 'valid').length;
  const years = [...record.hoursByYear].sort((a, b) => a.schoolYear - b.schoolYear);
  const badgeOf = new Map(badges.map((b) => [b.id, b]));

  return (
    <>
      <section className="panel" aria-labelledby="participant-heading">
        <h2 id="participant-heading" className="sr-only">
          연수 대상자 정보
        </h2>
        <dl className="facts" data-testid="participant-facts">
          <Fact label="성명" testId="participant-name">
            {participant.name}
          </Fact>
          <Fact label="식별번호">{participant.externalId}</Fact>
          <Fact label="구분">{PARTICIPANT_KIND_LABEL[participant.kind] ?? participant.kind}</Fact>
          <Fact label="소속 학교">{participant.schoolName ?? '소속 없음'}</Fact>
        </dl>
      </section>

      <section className="stat-grid" aria-label="연수 요약">
        <StatCard label="이수한 과정" value={completions.length} unit="과정" testId="stat-completions" />
        <StatCard label="총 이수 시간" value={totalHours.toLocaleString('ko-KR', { maximumFractionDigits: 1 })} unit="시간" testId="stat-hours" />
        <StatCard label="유효한 디지털 배지" value={validBadges} unit="개" testId="stat-badges" note={badges.length !== validBadges ? `전체 ${badges.length}개 중` : undefined} />
        <StatCard
          label="이수한 단계"
          value={record.levelsEarned.length ? record.levelsEarned.map(trainingLevel).join('·') : '없음'}
          testId="stat-levels"
          note={record.levelsEarned.length ? '단계별 필수 과정을 모두 이수' : '단계별 필수 과정을 모두 이수하면 단계 배지가 발급됩니다'}
        />
      </section>

      <NextLevel record={record} courses={courses} />

      <div className="chart-grid chart-grid-even">
        <section className="panel">
          <BarChart
            title="단계별 이수 시간"
            description="막대: 이수 시간 · 글자: 시간, 과정 수"
            testId="chart-hours-level"
            labelWidth={80}
            valueWidth={170}
            bars={TRAINING_LEVELS.map((l) => {
              const row = record.hoursByLevel[l] ?? { level: l, courses: 0, hours: 0 };
              return { key: l, label: trainingLevel(l), value: row.hours, valueText: `${formatHours(row.hours)} · ${row.courses}과정` };
            })}
          />
        </section>
        <section className="panel">
          {years.length > 0 ? (
            <BarChart
              title="학년도별 이수 시간"
              description="학년도는 3월 1일에 시작합니다."
              testId="chart-hours-year"
              labelWidth={100}
              valueWidth={170}
              bars={years.map((y) => ({ key: String(y.schoolYear), label: `${y.schoolYear}학년도`, value: y.hours, valueText: `${formatHours(y.hours)} · ${y.courses}과정` }))}
            />
          ) : (
            <p className="empty">학년도별 이수 기록이 없습니다.</p>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="completions-heading">
        <div className="panel-head">
          <h2 id="completions-heading">이수한 연수 과정</h2>
          <p className="muted">{completions.length}과정</p>
        </div>
        {completions.length === 0 ? (
          <p className="empty">이수한 과정이 없습니다.</p>
        ) : (
          <DataTable
            testId="completion-table"
            caption="이수한 연수 과정 (최근 이수일 순)"
            columns={['과정', '단계', '방식', '학년도', '기수', '이수일', num('이수 시간'), '배지']}
          >
            {completions.map((c) => {
              const badge = c.badgeId ? badgeOf.get(c.badgeId) : undefined;
              return (
                <tr key={c.id} data-testid={`completion-${c.code}`}>
                  <th scope="row">
                    {c.title} <span className="muted small">{c.code}</span>
                  </th>
                  <td>{trainingLevel(c.level)}</td>
                  <td>{deliveryMode(c.deliveryMode)}</td>
                  <td>{c.schoolYear}</td>
                  <td>{c.sessionCode ?? '-'}</td>
                  <td>{formatDate(c.completedOn)}</td>
                  <td className="num">{formatHours(c.hours)}</td>
                  <td>
                    {badge ? (
                      <a href={`#badge-name-${badge.id}`} className="small">
                        배지 보기
                      </a>
                    ) : (
                      <span className="muted small">발급 대기</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>

      <section className="panel" aria-labelledby="badges-heading">
        <div className="panel-head">
          <div>
            <h2 id="badges-heading">디지털 배지</h2>
            <p className="muted small">
              국제 표준 Open Badges 3.0 배지입니다. 검증 페이지 링크를 공유하면 누구나 로그인 없이 진위를 확인할 수 있고, 내려받은 PNG·SVG 파일 안에도
              전자서명된 자격증명이 들어 있습니다.
            </p>
          </div>
        </div>
        {badges.length === 0 ? (
          <p className="empty" data-testid="no-badges">
            아직 발급된 배지가 없습니다. 이수 기록이 등록되면 잠시 후 배지가 발급됩니다.
          </p>
        ) : (
          <ul className="badge-grid" data-testid="badge-list">
            {badges.map((b) => (
              <BadgeCard key={b.id} badge={b} canRevoke={canRevoke} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function NextLevel({ record, courses }: { record: TrainingRecord; courses: Map<string, TrainingCourse> }) {
  const next = record.nextLevel;
  // Every level of TRAINING_LEVELS, not only those with a pathway, must be earned to be done.
  const remaining = TRAINING_LEVELS.filter((l) => !record.levelsEarned.includes(l));
  const later = next ? remaining.filter((l) => l !== next.level) : remaining;
  return (
    <section className="panel next-level" aria-labelledby="next-level-heading" data-testid="next-level">
      <h2 id="next-level-heading">다음 단계</h2>
      {next ? (
        <>
          <p>
            <strong>{next.name}</strong> <span className="badge badge-info">{trainingLevel(next.level)} 단계</span> — 남은 과정{' '}
            <strong>{next.missingCourses.length}개</strong>를 이수하면 {trainingLevel(next.level)} 단계 배지를 받습니다.
          </p>
          <ul className="checklist" data-testid="next-level-missing">
            {next.missingCourses.map((code) => {
              const course = courses.get(code);
              return (
                <li key={code} className="is-missing">
                  <span aria-hidden="true">○</span>{' '}
                  <span>
                    {course ? course.title : code} <span className="muted small">{code}</span>
                    {course && (
                      <span className="muted small">
                        {' '}
                        · {deliveryMode(course.deliveryMode)} · {formatHours(course.creditHours)}
                      </span>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
          {later.length > 0 && (
            <p className="muted" data-testid="next-level-remaining">
              그다음 남은 단계: {later.map(trainingLevel).join(', ')}
            </p>
          )}
        </>
      ) : remaining.length === 0 ? (
        <p data-testid="next-level-done">모든 단계를 이수했습니다({TRAINING_LEVELS.map(trainingLevel).join('·')}). 축하합니다!</p>
      ) : record.levelsEarned.length > 0 ? (
        <p data-testid="next-level-remaining">
          {record.levelsEarned.map(trainingLevel).join('·')} 단계를 이수했습니다. 남은 단계: <strong>{remaining.map(trainingLevel).join(', ')}</strong> — 이 단계의 필수
          과정은 아직 정해지지 않았습니다.
        </p>
      ) : (
        <p className="muted">아직 단계별 필수 과정이 정해지지 않았습니다.</p>
      )}
    </section>
  );
}
