import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import type { DistrictOfficeCode, User } from '../../api/models';
import type { PlanTask, YearlyPlan } from '../../api/models/ordinance';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { formatSeoulMinute } from '../../format';
import { isAdmin } from '../../roles';
import { useUser } from '../../sessionContext';
import { AnnualReportPanel } from './AnnualReportPanel';
import { IndicatorCards, TrendPanel } from './IndicatorPanels';
import { enteredByText, formatIndicator, krw, ordinancePaths, PROGRESS_BADGE, PROGRESS_LABEL } from './ordinanceLabels';
import { OrdinanceLayout } from './OrdinanceLayout';
import { ordinanceQueries } from './ordinanceQueries';
import { TaskForm } from './TaskForm';

/** Whether this user may change the task: the city any, a district office its own office's. */
const mayEdit = (user: User, task: PlanTask): boolean =>
  user.role === 'city_admin' || (user.role === 'district_admin' && task.districtOffice !== null && task.districtOffice === user.districtOffice);

/**
 * 시행계획 (조례 제4조 ③): the year's tasks grouped by the eight items, with owner, budget and spending, schedule and
 * indicators (baseline, target, actual, status); the indicators' live values and quarterly trend; the annual report.
 */
export function YearlyPlanPage({ user, planId, year }: { user: User; planId: number; year: number }) {
  const yearly = useQuery(ordinanceQueries.year(planId, year));
  const plan = useQuery(ordinanceQueries.plan(planId));
  const admin = isAdmin(user);
  const office = user.role === 'district_admin' ? ((user.districtOffice ?? undefined) as DistrictOfficeCode | undefined) : undefined;
  const scopeNote = user.role === 'principal' ? '우리 학교의 값' : office ? '소속 교육지원청의 값' : '서울시 전체의 값';
  return (
    <OrdinanceLayout
      title={yearly.data?.title || `${year}학년도 시행계획`}
      lead={
        <>
          <Link to={ordinancePaths.plan(planId)}>{plan.data?.title ?? '기본계획'}</Link>의 {year}학년도 시행계획
        </>
      }
    >
      <ErrorMessage error={yearly.error} title="시행계획을 불러오지 못했습니다." />
      {yearly.isPending && <Loading />}
      {yearly.data && (
        <>
          <YearSummary yearly={yearly.data} />
          {user.role !== 'teacher' && <IndicatorCards year={year} office={office} tasks={yearly.data.tasks} scopeNote={scopeNote} />}
          {admin && <TrendPanel year={year} office={office} />}
          <Tasks user={user} yearly={yearly.data} />
          {admin && <AnnualReportPanel planId={planId} year={year} />}
        </>
      )}
    </OrdinanceLayout>
  );
}

function YearSummary({ yearly }: { yearly: YearlyPlan }) {
  const counts = yearly.statusCounts;
  return (
    <section className="panel" aria-labelledby="year-summary-heading">
      <h2 id="year-summary-heading" className="sr-only">
        요약
      </h2>
      {yearly.summary && <p>{yearly.summary}</p>}
      <dl className="facts" data-testid="year-summary">
        <div>
          <dt>예산</dt>
          <dd data-testid="year-budget">{krw(yearly.budgetKrw)}</dd>
        </div>
        <div>
          <dt>집행액</dt>
          <dd>
            {krw(yearly.spentKrw)}
            {yearly.budgetKrw > 0 && <span className="muted small"> ({((yearly.spentKrw / yearly.budgetKrw) * 100).toFixed(1)}%)</span>}
          </dd>
        </div>
        <div>
          <dt>과제</dt>
          <dd>
            {yearly.tasks.length}개 · 정상 {counts.on_track ?? 0} · 주의 {counts.at_risk ?? 0} · 지연 {counts.behind ?? 0}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Tasks({ user, yearly }: { user: User; yearly: YearlyPlan }) {
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const admin = isAdmin(user);
  const adopted = yearly.planStatus === 'adopted';
  return (
    <section className="panel" aria-labelledby="tasks-heading">
      <div className="panel-head">
        <h2 id="tasks-heading">추진 과제</h2>
        {admin && adopted && editing !== 'new' && (
          <button type="button" className="button button-small button-primary" onClick={() => setEditing('new')} data-testid="task-new">
            과제 추가
          </button>
        )}
      </div>
      {editing === 'new' && <TaskForm user={user} planId={yearly.planId} year={yearly.schoolYear} onDone={() => setEditing(null)} />}
      <DataTable testId="tasks-table" caption={`${yearly.schoolYear}학년도 추진 과제`} columns={['과제', '담당', num('예산'), num('집행액'), '일정', '지표(기준 → 목표 / 실적)', '상태', admin ? '' : null]}>
        {yearly.items.map((item) => (
          <Fragment key={item.item}>
            <tr className="item-row" data-testid="task-item" data-item={item.item}>
              <th scope="rowgroup" colSpan={2}>
                {item.item}. {item.name}
              </th>
              <td className="num">{krw(item.budgetKrw)}</td>
              <td className="num">{krw(item.spentKrw)}</td>
              <td colSpan={admin ? 4 : 3} className="muted small">
                {item.tasks.length === 0 ? '과제 없음' : `과제 ${item.tasks.length}개`}
              </td>
            </tr>
            {item.tasks.map((task) =>
              editing === task.id ? (
                <tr key={task.id}>
                  <td colSpan={admin ? 8 : 7}>
                    <TaskForm user={user} planId={yearly.planId} year={yearly.schoolYear} task={task} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <TaskRow key={task.id} task={task} admin={admin} editable={adopted && mayEdit(user, task)} onEdit={() => setEditing(task.id)} />
              ),
            )}
          </Fragment>
        ))}
      </DataTable>
    </section>
  );
}

function TaskRow({ task, admin, editable, onEdit }: { task: PlanTask; admin: boolean; editable: boolean; onEdit: () => void }) {
  const viewer = useUser();
  return (
    <tr data-testid="task-row" data-id={task.id} data-status={task.status ?? ''}>
      <th scope="row">
        {task.title}
        {task.description && <span className="small muted block">{task.description}</span>}
      </th>
      <td>{task.districtOfficeName ?? task.department ?? '-'}</td>
      <td className="num nowrap">{krw(task.budgetKrw)}</td>
      <td className="num nowrap">{krw(task.spentKrw)}</td>
      <td className="nowrap small">{task.schedule}</td>
      <td>
        {task.indicators.length === 0 ? (
          <span className="muted">-</span>
        ) : (
          <ul className="task-indicators-list">
            {task.indicators.map((i) => (
              <li key={i.indicatorId} data-testid="task-indicator" data-id={i.indicatorId}>
                <span>{i.name}</span>{' '}
                <span className="small">
                  {formatIndicator(i.baseline, i.unit)} → {formatIndicator(i.target, i.unit)} / <strong>{formatIndicator(i.actual, i.unit)}</strong>
                </span>
                {i.actualSource === 'manual' && i.actualEnteredAt && <span className="small muted block">수기 입력 · {enteredByText(i.actualEnteredBy, viewer)} · {formatSeoulMinute(i.actualEnteredAt)}</span>}
                {i.status && <span className={`${PROGRESS_BADGE[i.status]} badge-tight`}>{PROGRESS_LABEL[i.status]}</span>}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>{task.status ? <span className={PROGRESS_BADGE[task.status]}>{PROGRESS_LABEL[task.status]}</span> : <span className="muted">-</span>}</td>
      {admin && (
        <td>
          {editable && (
            <button type="button" className="button button-small button-ghost" onClick={onEdit} aria-label={`${task.title} 수정`}>
              수정
            </button>
          )}
        </td>
      )}
    </tr>
  );
}
