import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { User } from '../../api/models';
import { plansApi } from '../../api/ordinance';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, SubmitButton } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { formatSeoulMinute } from '../../format';
import { currentSchoolYear, ordinancePaths, PLAN_STATUS_BADGE, PLAN_STATUS_LABEL } from './ordinanceLabels';
import { OrdinanceLayout } from './OrdinanceLayout';
import { ordinanceKeys, ordinanceQueries } from './ordinanceQueries';

/**
 * 기본계획 (조례 제4조): the basic plans, newest period first, each version with its status. The city drafts,
 * adopts and revises them; everyone else reads the adopted ones.
 */
export function PlanListPage({ user }: { user: User }) {
  const plans = useQuery(ordinanceQueries.plans());
  const [creating, setCreating] = useState(false);
  const city = user.role === 'city_admin';
  return (
    <OrdinanceLayout
      title="기본계획·시행계획"
      lead="조례 제4조에 따라 5년마다 세우는 인공지능 교육 기본계획과 해마다의 시행계획입니다."
      actions={
        city && !creating ? (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="new-plan">
            새 기본계획
          </button>
        ) : null
      }
    >
      {creating && <PlanCreateForm onCancel={() => setCreating(false)} />}
      <section className="panel" aria-labelledby="plans-heading">
        <h2 id="plans-heading">기본계획</h2>
        <ErrorMessage error={plans.error} title="기본계획을 불러오지 못했습니다." />
        {plans.isPending && <Loading />}
        {plans.data && plans.data.length === 0 && <p className="empty">{city ? '아직 기본계획이 없습니다. 새 기본계획을 만드세요.' : '확정된 기본계획이 없습니다.'}</p>}
        {plans.data && plans.data.length > 0 && (
          <DataTable testId="plans-table" caption="기본계획 목록" columns={['계획', '기간', '판', '상태', '확정일', '시행계획']}>
            {plans.data.map((plan) => (
              <tr key={plan.id} data-testid="plan-row" data-id={plan.id} data-status={plan.status}>
                <th scope="row">
                  <Link to={ordinancePaths.plan(plan.id)}>{plan.title}</Link>
                </th>
                <td className="nowrap">
                  {plan.periodStart}~{plan.periodEnd}학년도
                </td>
                <td className="nowrap">제{plan.version}판</td>
                <td>
                  <span className={PLAN_STATUS_BADGE[plan.status]}>{PLAN_STATUS_LABEL[plan.status]}</span>
                </td>
                <td className="nowrap">{formatSeoulMinute(plan.adoptedAt)}</td>
                <td>
                  {plan.years.length === 0 ? (
                    <span className="muted">-</span>
                  ) : (
                    plan.years.map((year) => (
                      <Link key={year} to={ordinancePaths.year(plan.id, year)} className="year-link">
                        {year}학년도
                      </Link>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </OrdinanceLayout>
  );
}

function PlanCreateForm({ onCancel }: { onCancel: () => void }) {
  const start = currentSchoolYear();
  const [title, setTitle] = useState(`서울특별시교육청 인공지능 교육 기본계획(${start}~${start + 4})`);
  const [periodStart, setPeriodStart] = useState(String(start));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () => plansApi.createPlan({ title, periodStart: Number(periodStart), periodEnd: Number(periodStart) + 4 }),
    onSuccess: (plan) => {
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.plans });
      void navigate(ordinancePaths.plan(plan.id));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="panel" aria-labelledby="plan-create-heading">
      <h2 id="plan-create-heading">새 기본계획</h2>
      <form className="form-grid" onSubmit={submit} data-testid="plan-create-form">
        <InputField id="plan-title" label="계획 이름" wide value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        <InputField
          id="plan-start"
          label="시작 학년도"
          type="number"
          min={2000}
          max={2096}
          value={periodStart}
          onChange={(e) => setPeriodStart(e.target.value)}
          hint={`5개 학년도: ${periodStart}~${Number(periodStart) + 4}`}
          required
        />
        <ErrorMessage error={create.error} title="기본계획을 만들지 못했습니다." />
        <div className="form-actions">
          <SubmitButton busy={create.isPending} busyLabel="만드는 중…">
            초안 만들기
          </SubmitButton>
          <button type="button" className="button button-ghost" onClick={onCancel}>
            취소
          </button>
        </div>
      </form>
    </section>
  );
}
