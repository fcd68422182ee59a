import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import type { User } from '../../api/models';
import type { Plan } from '../../api/models/ordinance';
import { plansApi } from '../../api/ordinance';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, Notice, SubmitButton, TextAreaField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { formatSeoulMinute } from '../../format';
import { ordinancePaths, PLAN_ITEM_NAMES, PLAN_STATUS_BADGE, PLAN_STATUS_LABEL } from './ordinanceLabels';
import { OrdinanceLayout } from './OrdinanceLayout';
import { ordinanceKeys, ordinanceQueries } from './ordinanceQueries';

/** Korean names of the plan's fields, for the server's details (items.3 → 3. 학교급별 …). */
const PLAN_FIELDS: Record<string, string> = {
  title: '계획 이름',
  vision: '비전',
  goals: '목표',
  periodStart: '시작 학년도',
  periodEnd: '끝 학년도',
  fourthIndustrialPlanRef: '4차 산업혁명 교육 계획',
  reason: '개정 사유',
  ...Object.fromEntries(Object.entries(PLAN_ITEM_NAMES).map(([n, name]) => [`items.${n}`, `${n}. ${name}`])),
};

/**
 * One basic plan (조례 제4조): its period, vision, goals and the eight items of 제4조 ②, and its yearly plans. A
 * draft is edited and adopted by the city (items 1–7 must be written); an adopted plan is revised into a new draft.
 */
export function PlanPage({ user, planId }: { user: User; planId: number }) {
  const plan = useQuery(ordinanceQueries.plan(planId));
  const city = user.role === 'city_admin';
  return (
    <OrdinanceLayout title={plan.data?.title ?? '기본계획'} lead={<Link to={ordinancePaths.plans}>기본계획 목록으로</Link>}>
      <ErrorMessage error={plan.error} title="기본계획을 불러오지 못했습니다." />
      {plan.isPending && <Loading />}
      {plan.data && (
        <>
          <PlanFacts plan={plan.data} />
          {city && plan.data.status === 'draft' ? <PlanEditor key={plan.data.updatedAt} plan={plan.data} /> : <PlanContent plan={plan.data} />}
          <YearlyPlans plan={plan.data} city={city} />
          {city && plan.data.status === 'adopted' && <ReviseForm plan={plan.data} />}
        </>
      )}
    </OrdinanceLayout>
  );
}

function PlanFacts({ plan }: { plan: Plan }) {
  return (
    <section className="panel" aria-labelledby="plan-facts-heading">
      <h2 id="plan-facts-heading" className="sr-only">
        계획 개요
      </h2>
      <dl className="facts plan-facts" data-testid="plan-facts">
        <div>
          <dt>기간</dt>
          <dd data-testid="plan-period">
            {plan.periodStart}~{plan.periodEnd}학년도
          </dd>
        </div>
        <div>
          <dt>판</dt>
          <dd>제{plan.version}판</dd>
        </div>
        <div>
          <dt>상태</dt>
          <dd>
            <span className={PLAN_STATUS_BADGE[plan.status]} data-testid="plan-status" data-status={plan.status}>
              {PLAN_STATUS_LABEL[plan.status]}
            </span>
          </dd>
        </div>
        <div>
          <dt>확정일</dt>
          <dd>{formatSeoulMinute(plan.adoptedAt)}</dd>
        </div>
        <div>
          <dt>4차 산업혁명 교육 계획(제4조 ④)</dt>
          <dd data-testid="plan-fourth-ref">{plan.fourthIndustrialPlanRef || '-'}</dd>
        </div>
        {plan.revisionReason && (
          <div>
            <dt>개정 사유</dt>
            <dd>{plan.revisionReason}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** The plan as it reads (adopted, superseded, or a draft for anyone but the city). */
function PlanContent({ plan }: { plan: Plan }) {
  return (
    <section className="panel" aria-labelledby="plan-content-heading">
      <h2 id="plan-content-heading">비전과 목표</h2>
      <p className="plan-vision" data-testid="plan-vision">
        {plan.vision || '-'}
      </p>
      {plan.goals.length > 0 && (
        <ul className="plan-goals" data-testid="plan-goals">
          {plan.goals.map((goal, i) => (
            <li key={i}>{goal}</li>
          ))}
        </ul>
      )}
      <h2>기본계획의 내용(제4조 ②)</h2>
      <ol className="plan-items">
        {plan.items.map((item) => (
          <li key={item.item} data-testid="plan-item" data-item={item.item}>
            <h3>
              {item.item}. {item.name}
            </h3>
            <p className="pre-line">{item.content || <span className="muted">작성되지 않았습니다.</span>}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A draft's form (the city): save, and adopt (saves first; PLAN_INCOMPLETE marks the empty items). */
function PlanEditor({ plan }: { plan: Plan }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(plan.title);
  const [vision, setVision] = useState(plan.vision);
  const [goals, setGoals] = useState(plan.goals.join('\n'));
  const [ref, setRef] = useState(plan.fourthIndustrialPlanRef ?? '');
  const [items, setItems] = useState<Record<number, string>>(Object.fromEntries(plan.items.map((i) => [i.item, i.content])));
  const [saved, setSaved] = useState<string | null>(null);

  const patch = () => ({
    title,
    vision,
    goals: goals.split('\n').map((g) => g.trim()).filter(Boolean),
    fourthIndustrialPlanRef: ref.trim() || null,
    items: Object.entries(items).map(([item, content]) => ({ item: Number(item), content })),
  });
  const refresh = (next: Plan) => {
    queryClient.setQueryData(ordinanceKeys.plan(plan.id), next);
    void queryClient.invalidateQueries({ queryKey: ordinanceKeys.plans });
  };
  const save = useMutation({
    mutationFn: () => plansApi.updatePlan(plan.id, patch()),
    onSuccess: (next) => {
      setSaved('저장했습니다.');
      refresh(next);
    },
  });
  const adopt = useMutation({
    mutationFn: async () => {
      await plansApi.updatePlan(plan.id, patch());
      return plansApi.adoptPlan(plan.id);
    },
    onSuccess: refresh,
  });
  const error = adopt.error ?? save.error;
  const missing = new Set(
    adopt.error instanceof ApiError && adopt.error.code === 'PLAN_INCOMPLETE' ? adopt.error.details.map((d) => d.field).filter((f): f is string => !!f) : [],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    save.mutate();
  };
  const onAdopt = () => {
    if (!window.confirm('기본계획을 확정합니다. 확정한 뒤에는 고칠 수 없고 개정안으로만 바꿀 수 있습니다. 계속할까요?')) return;
    setSaved(null);
    adopt.mutate();
  };
  return (
    <section className="panel" aria-labelledby="plan-edit-heading">
      <h2 id="plan-edit-heading">기본계획 작성</h2>
      <p className="muted small">1~7 항목을 모두 작성해야 확정할 수 있습니다. 8 항목(그 밖의 사항)은 비워 둘 수 있습니다.</p>
      <form className="stack-form plan-form" onSubmit={submit} data-testid="plan-form">
        <InputField id="plan-edit-title" label="계획 이름" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        <TextAreaField id="plan-vision" label="비전" value={vision} onChange={(e) => setVision(e.target.value)} rows={2} maxLength={2000} />
        <TextAreaField id="plan-goals" label="목표" hint="한 줄에 하나씩 적습니다." value={goals} onChange={(e) => setGoals(e.target.value)} rows={3} />
        {Object.entries(PLAN_ITEM_NAMES).map(([n, name]) => (
          <div key={n} className={missing.has(`items.${n}`) ? 'field-missing' : undefined}>
            <TextAreaField
              id={`plan-item-${n}`}
              label={`${n}. ${name}${Number(n) <= 7 ? '' : ' (선택)'}`}
              value={items[Number(n)] ?? ''}
              onChange={(e) => setItems({ ...items, [Number(n)]: e.target.value })}
              rows={3}
              maxLength={20000}
              aria-invalid={missing.has(`items.${n}`) || undefined}
            />
            {missing.has(`items.${n}`) && (
              <span className="field-error" data-testid={`plan-item-${n}-error`}>
                확정하려면 이 항목을 작성해야 합니다.
              </span>
            )}
          </div>
        ))}
        <InputField
          id="plan-fourth-ref"
          label="4차 산업혁명 교육 계획(제4조 ④)"
          hint="이 기본계획이 따르는 4차 산업혁명 대비 교육 계획의 이름이나 문서 번호"
          value={ref}
          onChange={(e) => setRef(e.target.value)}
          maxLength={500}
        />
        <ErrorMessage error={error} title={adopt.error ? '확정하지 못했습니다.' : '저장하지 못했습니다.'} fields={PLAN_FIELDS} testId="plan-error" />
        <div className="form-actions">
          <SubmitButton busy={save.isPending} busyLabel="저장 중…" className="button" testId="plan-save">
            저장
          </SubmitButton>
          <button type="button" className="button button-primary" onClick={onAdopt} disabled={adopt.isPending} data-testid="plan-adopt">
            {adopt.isPending ? '확정 중…' : '확정'}
          </button>
          <Notice text={saved} testId="plan-saved" />
        </div>
      </form>
    </section>
  );
}

/** The plan's school years: a link to each yearly plan, and for the city (adopted plan) 시행계획 만들기. */
function YearlyPlans({ plan, city }: { plan: Plan; city: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (year: number) => plansApi.saveYearlyPlan(plan.id, year, { title: `${year}학년도 인공지능 교육 시행계획` }),
    onSuccess: (yearly) => {
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.plans });
      void navigate(ordinancePaths.year(plan.id, yearly.schoolYear));
    },
  });
  const years = Array.from({ length: plan.periodEnd - plan.periodStart + 1 }, (_, i) => plan.periodStart + i);
  return (
    <section className="panel" aria-labelledby="yearly-heading">
      <h2 id="yearly-heading">시행계획</h2>
      <ul className="year-list" data-testid="yearly-plans">
        {years.map((year) => (
          <li key={year}>
            {plan.years.includes(year) ? (
              <Link to={ordinancePaths.year(plan.id, year)} className="button button-small" data-testid="yearly-link" data-year={year}>
                {year}학년도 시행계획
              </Link>
            ) : city && plan.status === 'adopted' ? (
              <button type="button" className="button button-small button-ghost" onClick={() => create.mutate(year)} disabled={create.isPending}>
                {year}학년도 시행계획 만들기
              </button>
            ) : (
              <span className="muted small">{year}학년도: 시행계획 없음</span>
            )}
          </li>
        ))}
      </ul>
      <ErrorMessage error={create.error} title="시행계획을 만들지 못했습니다." />
    </section>
  );
}

/** An adopted plan's revision (the city): a new draft version with its reason. */
function ReviseForm({ plan }: { plan: Plan }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const revise = useMutation({
    mutationFn: () => plansApi.revisePlan(plan.id, { reason }),
    onSuccess: (draft) => {
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.plans });
      void navigate(ordinancePaths.plan(draft.id));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    revise.mutate();
  };
  return (
    <section className="panel" aria-labelledby="revise-heading">
      <div className="panel-head">
        <div>
          <h2 id="revise-heading">기본계획 개정</h2>
          <p className="muted small">개정안은 새 판의 초안으로 만들어지며, 확정되면 지금의 판을 대체합니다.</p>
        </div>
        {!open && (
          <button type="button" className="button" onClick={() => setOpen(true)} data-testid="plan-revise-open">
            개정안 만들기
          </button>
        )}
      </div>
      {open && (
        <form className="stack-form" onSubmit={submit} data-testid="plan-revise-form">
          <TextAreaField id="revise-reason" label="개정 사유" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required maxLength={2000} />
          <ErrorMessage error={revise.error} title="개정안을 만들지 못했습니다." fields={PLAN_FIELDS} />
          <div className="form-actions">
            <SubmitButton busy={revise.isPending} busyLabel="만드는 중…">
              개정안 만들기
            </SubmitButton>
            <button type="button" className="button button-ghost" onClick={() => setOpen(false)}>
              취소
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
