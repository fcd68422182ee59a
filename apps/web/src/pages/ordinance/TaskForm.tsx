import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { DistrictOfficeCode, User } from '../../api/models';
import type { IndicatorUnit, PlanTask, TaskIndicatorInput, TaskInput } from '../../api/models/ordinance';
import { plansApi } from '../../api/ordinance';
import { useDistrictOffices } from '../../coreQueries';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, SelectField, SubmitButton, TextAreaField } from '../../components/fields';
import { PLAN_ITEM_NAMES } from './ordinanceLabels';
import { ordinanceKeys, ordinanceQueries } from './ordinanceQueries';

const TASK_FIELDS: Record<string, string> = {
  item: '항목',
  title: '과제명',
  description: '설명',
  department: '담당 부서',
  districtOffice: '담당 교육지원청',
  budgetKrw: '예산',
  spentKrw: '집행액',
  schedule: '일정',
  indicators: '지표',
};

interface IndicatorRow {
  indicatorId: string;
  baseline: string;
  target: string;
  actual: string;
}

interface Props {
  user: User;
  planId: number;
  year: number;
  /** The task edited; none for a new task. */
  task?: PlanTask;
  onDone: () => void;
}

const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/**
 * A task of the yearly plan: its item, owner (a department, or a district office: a district administrator's own
 * office only), budget and spending, schedule and indicators (baseline, target; the actual figure for manual ones).
 */
export function TaskForm({ user, planId, year, task, onDone }: Props) {
  const queryClient = useQueryClient();
  const { offices } = useDistrictOffices();
  const catalogue = useQuery(ordinanceQueries.indicators(year));
  const district = user.role === 'district_admin';
  const [item, setItem] = useState(String(task?.item ?? 1));
  const [title, setTitle] = useState(task?.title ?? '');
  const [description, setDescription] = useState(task?.description ?? '');
  const [ownerKind, setOwnerKind] = useState<'department' | 'office'>(district || task?.districtOffice ? 'office' : 'department');
  const [department, setDepartment] = useState(task?.department ?? '');
  const [office, setOffice] = useState(task?.districtOffice ?? user.districtOffice ?? '');
  const [budget, setBudget] = useState(String(task?.budgetKrw ?? ''));
  const [spent, setSpent] = useState(String(task?.spentKrw ?? 0));
  const [schedule, setSchedule] = useState(task?.schedule ?? `${year}-03 ~ ${year + 1}-02`);
  const [rows, setRows] = useState<IndicatorRow[]>(
    (task?.indicators ?? []).map((i) => ({ indicatorId: i.indicatorId, baseline: String(i.baseline), target: String(i.target), actual: i.actual === null || i.actualSource !== 'manual' ? '' : String(i.actual) })),
  );

  const indicatorById = new Map((catalogue.data?.items ?? []).map((i) => [i.id, i]));
  const input = (): TaskInput => ({
    item: Number(item),
    title,
    description,
    department: ownerKind === 'department' ? department.trim() || null : null,
    districtOffice: ownerKind === 'office' ? ((office || null) as DistrictOfficeCode | null) : null,
    budgetKrw: Number(budget || 0),
    spentKrw: Number(spent || 0),
    schedule,
    indicators: rows
      .filter((r) => r.indicatorId)
      .map((r): TaskIndicatorInput => {
        const known = indicatorById.get(r.indicatorId);
        return {
          indicatorId: r.indicatorId,
          unit: (known?.unit ?? 'count') as IndicatorUnit,
          baseline: Number(r.baseline || 0),
          target: Number(r.target || 0),
          ...(known?.manual ? { actual: numberOrNull(r.actual) } : {}),
        };
      }),
  });
  const save = useMutation({
    mutationFn: () => (task ? plansApi.updateTask(planId, year, task.id, input()) : plansApi.createTask(planId, year, input())),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.year(planId, year) });
      void queryClient.invalidateQueries({ queryKey: ordinanceKeys.indicators });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const setRow = (index: number, patch: Partial<IndicatorRow>) => setRows(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const indicatorOptions: Record<string, string> = {
    '': '지표 선택',
    ...Object.fromEntries((catalogue.data?.items ?? []).map((i) => [i.id, `${i.name}${i.manual ? ' (수기 입력)' : ''}`])),
  };
  const officeOptions: Record<string, string> = { '': '선택', ...Object.fromEntries(offices.map((o) => [o.code, o.name])) };
  const prefix = task ? `task-${task.id}` : 'task-new';

  return (
    <form className="form-grid task-form" onSubmit={submit} data-testid="task-form">
      <SelectField
        id={`${prefix}-item`}
        label="항목(제4조 ②)"
        wide
        value={item}
        options={Object.fromEntries(Object.entries(PLAN_ITEM_NAMES).map(([n, name]) => [n, `${n}. ${name}`]))}
        onChange={setItem}
      />
      <InputField id={`${prefix}-title`} label="과제명" wide value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
      {!district && (
        <SelectField
          id={`${prefix}-owner-kind`}
          label="담당"
          value={ownerKind}
          options={{ department: '본청 부서', office: '교육지원청' }}
          onChange={(v) => setOwnerKind(v as 'department' | 'office')}
        />
      )}
      {ownerKind === 'department' ? (
        <InputField id={`${prefix}-department`} label="담당 부서" value={department} onChange={(e) => setDepartment(e.target.value)} required maxLength={100} placeholder="디지털교육과" />
      ) : district ? (
        <InputField id={`${prefix}-office`} label="담당 교육지원청" value={offices.find((o) => o.code === office)?.name ?? office} readOnly hint="소속 교육지원청의 과제만 등록·수정할 수 있습니다." />
      ) : (
        <SelectField id={`${prefix}-office`} label="담당 교육지원청" value={office} options={officeOptions} onChange={setOffice} required />
      )}
      <InputField id={`${prefix}-budget`} label="예산(원)" type="number" min={0} step={1} value={budget} onChange={(e) => setBudget(e.target.value)} required />
      <InputField id={`${prefix}-spent`} label="집행액(원)" type="number" min={0} step={1} value={spent} onChange={(e) => setSpent(e.target.value)} />
      <InputField id={`${prefix}-schedule`} label="일정" value={schedule} onChange={(e) => setSchedule(e.target.value)} required maxLength={200} />
      <TextAreaField id={`${prefix}-description`} label="설명 (선택)" wide value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={5000} />
      <fieldset className="field field-wide task-indicators">
        <legend>성과 지표</legend>
        {rows.length === 0 && <p className="muted small">연결된 지표가 없습니다.</p>}
        {rows.map((row, index) => {
          const known = indicatorById.get(row.indicatorId);
          return (
            <div key={index} className="task-indicator-row" data-testid="task-indicator-row">
              <SelectField id={`${prefix}-ind-${index}`} label="지표" value={row.indicatorId} options={indicatorOptions} onChange={(v) => setRow(index, { indicatorId: v })} />
              <InputField id={`${prefix}-ind-${index}-baseline`} label="기준값" type="number" step="any" min={0} value={row.baseline} onChange={(e) => setRow(index, { baseline: e.target.value })} hint={known?.unit === 'ratio' ? '비율: 0~1' : undefined} />
              <InputField id={`${prefix}-ind-${index}-target`} label="목표값" type="number" step="any" min={0} value={row.target} onChange={(e) => setRow(index, { target: e.target.value })} />
              {known?.manual && (
                <InputField id={`${prefix}-ind-${index}-actual`} label="실적(수기 입력)" type="number" step="any" min={0} value={row.actual} onChange={(e) => setRow(index, { actual: e.target.value })} />
              )}
              <button type="button" className="button button-small button-ghost" onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                빼기
              </button>
            </div>
          );
        })}
        <button type="button" className="button button-small" onClick={() => setRows([...rows, { indicatorId: '', baseline: '0', target: '', actual: '' }])}>
          지표 추가
        </button>
      </fieldset>
      <ErrorMessage error={save.error} title="과제를 저장하지 못했습니다." fields={TASK_FIELDS} />
      <div className="form-actions">
        <SubmitButton busy={save.isPending} busyLabel="저장 중…" testId="task-save">
          {task ? '과제 저장' : '과제 추가'}
        </SubmitButton>
        <button type="button" className="button button-ghost" onClick={onDone}>
          취소
        </button>
      </div>
    </form>
  );
}
