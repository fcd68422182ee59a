import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ConsentOverviewQuery } from '../../api/consent';
import type { ConsentOverviewCounts, ConsentOverviewGroup, User } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../labels';
import { ConsentLayout } from './ConsentLayout';
import { classText, consentPaths, gradeInLevel } from './consentLabels';
import { consentQueries } from './consentQueries';
import { choiceQuery, useAiServices } from './useClassChoice';

type Level = 'office' | 'district' | 'school' | 'class';

const LEVEL_LABEL: Record<Level, string> = { office: '교육지원청별', district: '자치구별', school: '학교별', class: '학급별' };
const GROUP_HEADING: Record<Level, string> = { office: '교육지원청', district: '자치구', school: '학교', class: '학급' };
const NEXT: Partial<Record<Level, Level>> = { office: 'district', district: 'school', school: 'class' };
const LEVEL_KO: Record<string, string> = { elementary: '초', middle: '중', high: '고', special: '특수' };

/** What the page shows, kept in the address: `?service=&level=&office=&district=&school=&blocked=1`. */
interface View {
  serviceId: number | null;
  level: Level;
  office: string | null;
  district: string | null;
  schoolId: number | null;
  blockedOnly: boolean;
}

function readView(query: URLSearchParams): View {
  const id = (v: string | null) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : null);
  const level = query.get('level');
  return {
    serviceId: id(query.get('service')),
    level: level === 'district' || level === 'school' || level === 'class' ? level : 'office',
    office: query.get('office') || null,
    district: query.get('district') || null,
    schoolId: id(query.get('school')),
    blockedOnly: query.get('blocked') === '1',
  };
}

function viewQuery(v: View): URLSearchParams {
  const q = new URLSearchParams();
  if (v.serviceId) q.set('service', String(v.serviceId));
  if (v.level !== 'office') q.set('level', v.level);
  if (v.office) q.set('office', v.office);
  if (v.district) q.set('district', v.district);
  if (v.schoolId) q.set('school', String(v.schoolId));
  if (v.blockedOnly) q.set('blocked', '1');
  return q;
}

const groupName = (level: Level, g: ConsentOverviewGroup): string => {
  if (level === 'office') return g.officeName;
  if (level === 'district') return g.district ?? '';
  if (level === 'school') return `${g.schoolName ?? ''}${g.schoolLevel ? ` (${LEVEL_KO[g.schoolLevel]})` : ''}`;
  if (g.grade === null || !g.schoolLevel) return '';
  return g.classNo === null ? `${classText(g.grade, null, g.schoolLevel)} (반 미정)` : classText(g.grade, g.classNo, g.schoolLevel);
};

const pct = (rate: number | null) => (rate === null ? '–' : `${rate.toLocaleString('ko-KR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`);

/**
 * 동의 현황 (city and district administrators): per district office, district, school and class, how many
 * students are on the roster, how many may use a service today, and how their guardians answered; a row's
 * name drills down, a class opens its list. 불가만 보기 keeps the groups with students who may not use it.
 */
export function ConsentOverviewPage({ user }: { user: User }) {
  const [query, setQuery] = useSearchParams();
  const view = readView(query);
  const services = useAiServices();
  const firstActive = services.data?.find((s) => s.active) ?? services.data?.[0];
  const serviceId = view.serviceId ?? firstActive?.id ?? null;
  const service = services.data?.find((s) => s.id === serviceId) ?? null;
  const go = (next: Partial<View>) => setQuery(viewQuery({ ...view, serviceId, ...next }));
  // The box follows the click at once; the address (and the figures) follow when the navigation ends,
  // which in a transition can be a moment later: until then a controlled box would spring back.
  const [clicked, setClicked] = useState<{ value: boolean; from: boolean } | null>(null);
  const blockedOnly = clicked && clicked.from === view.blockedOnly ? clicked.value : view.blockedOnly;

  const overview = useQuery({
    ...consentQueries.overview({
      serviceId: serviceId ?? 0,
      level: view.level,
      ...(view.office ? { office: view.office as ConsentOverviewQuery['office'] } : {}),
      ...(view.district ? { district: view.district } : {}),
      ...(view.schoolId ? { schoolId: view.schoolId } : {}),
    }),
    enabled: serviceId !== null,
  });
  const data = overview.data;

  // A name for each step of the drill-down, from the rows (the codes until they come).
  const any = data?.groups[0];
  const steps: ReactNode[] = [
    <button key="all" type="button" className="link-button" onClick={() => go({ level: 'office', office: null, district: null, schoolId: null })}>
      서울 전체
    </button>,
  ];
  if (view.office) {
    steps.push(
      <button key="office" type="button" className="link-button" onClick={() => go({ level: 'district', district: null, schoolId: null })}>
        {any?.officeName ?? view.office}
      </button>,
    );
  }
  if (view.district) {
    steps.push(
      <button key="district" type="button" className="link-button" onClick={() => go({ level: 'school', schoolId: null })}>
        {view.district}
      </button>,
    );
  }
  if (view.schoolId) steps.push(<span key="school">{any?.schoolName ?? `학교 ${view.schoolId}`}</span>);

  const drill = (g: ConsentOverviewGroup): Partial<View> | null => {
    const next = NEXT[view.level];
    if (!next) return null;
    if (view.level === 'office') return { level: next, office: g.office };
    if (view.level === 'district') return { level: next, office: g.office, district: g.district };
    return { level: next, office: g.office, district: g.district, schoolId: g.schoolId };
  };
  const rows = data ? data.groups.filter((g) => !view.blockedOnly || g.notEligible > 0) : [];

  return (
    <ConsentLayout
      user={user}
      title="동의 현황"
      lead="교육지원청·자치구·학교·학급별로 명단의 학생 수, 오늘 생성형 AI를 직접 사용할 수 있는 학생 수와 보호자 회신(동의·미동의·미회신)을 봅니다. 이름을 누르면 한 단계 아래로 내려갑니다."
    >
      <section className="panel" aria-label="현황 조건" data-testid="overview-filters">
        <ErrorMessage error={services.error} title="AI 서비스 목록을 불러오지 못했습니다." />
        {services.data && services.data.length === 0 && <p className="empty">등록된 AI 서비스가 없습니다.</p>}
        {services.data && services.data.length > 0 && (
          <div className="form-grid overview-controls">
            <SelectField<string>
              id="overview-service"
              label="AI 서비스"
              value={`service-${serviceId ?? ''}`}
              options={Object.fromEntries(services.data.map((s) => [`service-${s.id}`, s.active ? `${s.name} (${s.provider})` : `${s.name} (사용 중지)`]))}
              onChange={(v) => go({ serviceId: Number(v.slice('service-'.length)) })}
            />
            <SelectField id="overview-level" label="묶음" value={view.level} options={LEVEL_LABEL} onChange={(v) => go({ level: v as Level })} />
            <label className="checkbox" htmlFor="overview-blocked">
              <input
                id="overview-blocked"
                type="checkbox"
                checked={blockedOnly}
                onChange={(e) => {
                  setClicked({ value: e.target.checked, from: view.blockedOnly });
                  go({ blockedOnly: e.target.checked });
                }}
                data-testid="overview-blocked"
              />
              불가만 보기
            </label>
          </div>
        )}
      </section>

      {serviceId !== null && (
        <section className="panel" aria-labelledby="overview-heading" data-testid="consent-overview">
          <div className="panel-head">
            <h2 id="overview-heading">
              {service?.name ?? ''} · {GROUP_HEADING[view.level]}별 현황
            </h2>
          </div>
          <nav aria-label="현황 위치" className="overview-steps" data-testid="overview-steps">
            {steps.map((s, i) => (
              <span key={i}>
                {i > 0 && <span aria-hidden="true"> › </span>}
                {s}
              </span>
            ))}
          </nav>
          <ErrorMessage error={overview.error} title="동의 현황을 불러오지 못했습니다." />
          {overview.isPending && <Loading />}
          {data && (
            <>
              <p data-testid="overview-summary">
                {formatDate(data.date)} 기준 · 안내문 {data.noticeVersion === null ? '없음' : `${data.noticeVersion}판`} · 전체 <strong>{data.total.students}</strong>명 중 사용 가능{' '}
                <strong>{data.total.eligible}</strong>명 ({pct(data.total.eligibleRate)}) · 불가 <strong>{data.total.notEligible}</strong>명 · 미회신{' '}
                <strong>{data.total.noAnswer}</strong>명
              </p>
              {data.groups.length === 0 ? (
                <p className="empty">범위 안의 명단에 학생이 없습니다.</p>
              ) : rows.length === 0 ? (
                <p className="empty">사용할 수 없는 학생이 있는 {GROUP_HEADING[view.level]}이(가) 없습니다.</p>
              ) : (
                <DataTable
                  testId="overview-table"
                  caption={`${GROUP_HEADING[view.level]}별 학생 수, 사용 가능 학생 수와 보호자 회신`}
                  columns={[GROUP_HEADING[view.level], num('학생'), num('사용 가능'), num('불가'), num('동의'), num('미동의·철회'), num('미회신'), '사용 가능 비율', num('회신율')]}
                  footer={<CountsRow name="합계" counts={data.total} header />}
                >
                  {rows.map((g) => {
                    const next = drill(g);
                    const name = groupName(view.level, g);
                    const to =
                      view.level === 'class' && g.schoolId !== null && g.grade !== null && g.classNo !== null && g.schoolLevel
                        ? `${consentPaths.classes}${choiceQuery({ schoolId: g.schoolId, grade: gradeInLevel(g.schoolLevel, g.grade), classNo: g.classNo, serviceId })}`
                        : null;
                    return (
                      <CountsRow
                        key={`${g.office}/${g.district}/${g.schoolId}/${g.grade}/${g.classNo}`}
                        counts={g}
                        name={
                          next ? (
                            <button type="button" className="link-button" onClick={() => go(next)} data-testid="overview-drill">
                              {name}
                            </button>
                          ) : to ? (
                            <Link to={to} data-testid="overview-class-link">
                              {name}
                            </Link>
                          ) : (
                            name
                          )
                        }
                        label={name}
                      />
                    );
                  })}
                </DataTable>
              )}
            </>
          )}
        </section>
      )}
    </ConsentLayout>
  );
}

function CountsRow({ name, label, counts: c, header = false }: { name: ReactNode; label?: string; counts: ConsentOverviewCounts; header?: boolean }) {
  const share = c.eligibleRate ?? 0;
  return (
    <tr data-testid={header ? 'overview-total' : 'overview-row'} className={header ? 'overview-total' : undefined}>
      <th scope="row">{name}</th>
      <td className="num" data-testid="overview-students">{c.students}</td>
      <td className="num" data-testid="overview-eligible">{c.eligible}</td>
      <td className="num" data-testid="overview-not-eligible">{c.notEligible}</td>
      <td className="num">{c.granted}</td>
      <td className="num">{c.refused}</td>
      <td className="num" data-testid="overview-no-answer">{c.noAnswer}</td>
      <td>
        <span className="overview-bar-cell">
          <span
            className="overview-bar"
            role="img"
            aria-label={`${label ?? '합계'}: ${c.students}명 중 ${c.eligible}명 사용 가능 (${pct(c.eligibleRate)})`}
          >
            <span className="overview-bar-fill" style={{ width: `${share}%` }} />
          </span>
          <span className="overview-bar-text">{pct(c.eligibleRate)}</span>
        </span>
      </td>
      <td className="num">{pct(c.responseRate)}</td>
    </tr>
  );
}
