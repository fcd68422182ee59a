import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import type { CallInput, DistrictOfficeCode, SchoolLevel } from '../../api/models';
import { currentSchoolYear } from '../../components/ClubSection';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CheckboxGroup, InputField, SelectField, SubmitButton, TextAreaField } from '../../components/fields';
import { LoadingPage } from '../../components/PageFallback';
import { ProblemList } from '../../components/ProblemList';
import { ATTACHMENT_KIND_LABEL, formatScore, LEVEL_LABEL, officeOptions } from '../../labels';
import { officesQuery, typesQuery } from './queries';

interface CriterionRow {
  key: number;
  name: string;
  maxScore: string;
  weight: string;
}

interface OfficeQuotaRow {
  key: number;
  office: string;
  quota: string;
}

/** Attachment kinds a call can require (the API takes any lowercase code; these are the ones the UI names). */
const REQUIRABLE: Record<string, string> = { operating_plan: ATTACHMENT_KIND_LABEL.operating_plan };

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** The value of a datetime-local input, in the browser's time zone. */
const local = (d: Date) => `${ymd(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

function defaults() {
  const year = currentSchoolYear() + 1;
  const termStart = `${year}-03-01`;
  const termEnd = ymd(new Date(year + 1, 2, 0)); // the last day of February
  const opens = new Date();
  opens.setMinutes(0, 0, 0);
  opens.setHours(opens.getHours() + 1);
  const closes = new Date(opens.getTime() + 14 * 86_400_000);
  closes.setHours(18, 0, 0, 0);
  const latest = new Date(year, 1, 27, 18, 0); // a few days before the term starts
  return {
    schoolYear: String(year),
    termStart,
    termEnd,
    opensAt: local(opens),
    closesAt: local(closes < latest ? closes : latest),
  };
}

let nextKey = 1;
const newCriterion = (): CriterionRow => ({ key: nextKey++, name: '', maxScore: '', weight: '1' });

/** 공모 만들기 (city administrators): type, term, eligible levels, window, quotas, rubric, required documents. */
export function CallCreatePage() {
  const types = useQuery(typesQuery);
  const offices = useQuery(officesQuery);
  const [initial] = useState(defaults);
  const [type, setType] = useState('');
  const [title, setTitle] = useState('');
  const [schoolYear, setSchoolYear] = useState(initial.schoolYear);
  const [termStart, setTermStart] = useState(initial.termStart);
  const [termEnd, setTermEnd] = useState(initial.termEnd);
  const [levels, setLevels] = useState<SchoolLevel[]>([]);
  const [opensAt, setOpensAt] = useState(initial.opensAt);
  const [closesAt, setClosesAt] = useState(initial.closesAt);
  const [quota, setQuota] = useState('10');
  const [officeQuotas, setOfficeQuotas] = useState<OfficeQuotaRow[]>([]);
  const [criteria, setCriteria] = useState<CriterionRow[]>(() => [newCriterion()]);
  const [required, setRequired] = useState<string[]>(['operating_plan']);
  const [recuseOwnOffice, setRecuseOwnOffice] = useState(true);
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: api.createCall,
    onSuccess: (call) => {
      void navigate(`/designations/calls/${call.id}`);
    },
  });
  const [tried, setTried] = useState(false);

  const chosenType = type || types.data?.[0]?.code || '';
  const total = criteria.reduce((sum, c) => sum + (Number(c.maxScore) || 0) * (Number(c.weight) || 0), 0);
  const problems = check();

  function check(): string[] {
    const list: string[] = [];
    if (!title.trim()) list.push('공모명을 입력하세요.');
    if (levels.length === 0) list.push('대상 학교급을 하나 이상 고르세요.');
    if (termStart && termEnd && termEnd <= termStart) list.push('지정 기간 종료일은 시작일보다 뒤여야 합니다.');
    if (opensAt && closesAt && new Date(closesAt) <= new Date(opensAt)) list.push('접수 마감은 접수 시작보다 뒤여야 합니다.');
    if (closesAt && termStart && new Date(closesAt) > new Date(`${termStart}T00:00:00+09:00`)) list.push('접수 마감은 지정 기간이 시작되기 전이어야 합니다.');
    if (criteria.length === 0) list.push('심사 기준을 하나 이상 추가하세요.');
    criteria.forEach((c, i) => {
      if (!c.name.trim() || !(Number(c.maxScore) > 0) || !(Number(c.weight) > 0)) list.push(`심사 기준 ${i + 1}: 이름, 만점(0보다 큼), 가중치(0보다 큼)를 입력하세요.`);
    });
    const chosen = officeQuotas.map((q) => q.office);
    if (new Set(chosen).size !== chosen.length) list.push('같은 교육지원청의 정원이 두 번 있습니다.');
    officeQuotas.forEach((q) => {
      if (Number(q.quota) > Number(quota)) list.push(`교육지원청 정원(${q.quota}교)이 전체 정원(${quota}교)보다 큽니다.`);
    });
    return list;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problems.length) return;
    const input: CallInput = {
      type: chosenType,
      title: title.trim(),
      schoolYear: Number(schoolYear),
      termStart,
      termEnd,
      eligibleLevels: levels,
      opensAt: new Date(opensAt).toISOString(),
      closesAt: new Date(closesAt).toISOString(),
      quota: Number(quota),
      criteria: criteria.map((c) => ({ name: c.name.trim(), maxScore: Number(c.maxScore), weight: Number(c.weight) })),
      requiredAttachments: required,
      recuseOwnOffice,
      ...(officeQuotas.length ? { officeQuotas: officeQuotas.map((q) => ({ office: q.office as DistrictOfficeCode, quota: Number(q.quota) })) } : {}),
    };
    create.mutate(input);
  }

  const setCriterion = (key: number, field: keyof Omit<CriterionRow, 'key'>, value: string) =>
    setCriteria((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const setOfficeQuota = (key: number, field: 'office' | 'quota', value: string) =>
    setOfficeQuotas((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const officeChoices = officeOptions(offices.data ?? []);

  if (!types.data && !types.error) return <LoadingPage />;

  return (
    <div className="page">
      <div className="page-head">
        <p className="breadcrumb">
          <Link to="/designations/calls">공모 관리</Link> <span aria-hidden="true">›</span> 새 공모
        </p>
        <h1>새 공모 만들기</h1>
        <p className="muted">조례 제5조에 따른 선도학교·연구학교 지정 공모를 엽니다. 공모를 연 뒤에는 심사 기준과 정원을 바꿀 수 없습니다.</p>
      </div>
      <ErrorMessage error={types.error} title="지정 유형을 불러오지 못했습니다." />

      <form aria-label="새 공모" onSubmit={submit}>
        <section className="panel" aria-labelledby="call-basic-heading">
          <h2 id="call-basic-heading">기본 정보</h2>
          <div className="form-grid">
            <SelectField
              id="call-type"
              label="지정 유형"
              options={Object.fromEntries((types.data ?? []).map((t) => [t.code, t.name]))}
              value={chosenType}
              onChange={setType}
            />
            <InputField id="call-title" label="공모명" wide required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="예: 2026학년도 AI 교육 선도학교 공모" />
            <InputField id="call-year" label="학년도" type="number" required min={2000} max={2100} value={schoolYear} onChange={(e) => setSchoolYear(e.target.value)} />
            <InputField id="call-term-start" label="지정 기간 시작일" type="date" required value={termStart} onChange={(e) => setTermStart(e.target.value)} />
            <InputField id="call-term-end" label="지정 기간 종료일" type="date" required value={termEnd} onChange={(e) => setTermEnd(e.target.value)} />
          </div>
          <TypeAdder onAdded={setType} />
        </section>

        <section className="panel" aria-labelledby="call-window-heading">
          <h2 id="call-window-heading">대상과 접수</h2>
          <CheckboxGroup id="call-levels" legend="대상 학교급" options={LEVEL_LABEL} value={levels} onChange={setLevels} />
          <div className="form-grid">
            <InputField id="call-opens" label="접수 시작" type="datetime-local" required value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
            <InputField id="call-closes" label="접수 마감" type="datetime-local" required value={closesAt} onChange={(e) => setClosesAt(e.target.value)} hint="지정 기간 시작 전이어야 합니다." />
            <InputField id="call-quota" label="전체 정원(교)" type="number" required min={1} max={10000} step={1} value={quota} onChange={(e) => setQuota(e.target.value)} />
          </div>
          <CheckboxGroup id="call-attachments" legend="필수 첨부 서류" options={REQUIRABLE} value={required} onChange={setRequired} hint="고른 서류를 올려야 신청서를 제출할 수 있습니다." />
          <label className="checkbox" htmlFor="call-recuse">
            <input id="call-recuse" type="checkbox" checked={recuseOwnOffice} onChange={(e) => setRecuseOwnOffice(e.target.checked)} />
            교육지원청 관리자는 본인 교육지원청 학교를 심사하지 않음
          </label>
        </section>

        <section className="panel" aria-labelledby="office-quota-heading">
          <h2 id="office-quota-heading">교육지원청별 정원 (선택)</h2>
          <p className="muted small">정하지 않은 교육지원청은 전체 정원 안에서 제한 없이 지정할 수 있습니다.</p>
          {officeQuotas.length > 0 && (
            <ul className="row-list" data-testid="office-quota-rows">
              {officeQuotas.map((row, i) => (
                <li key={row.key} className="row-item">
                  <SelectField id={`office-quota-office-${row.key}`} label={`교육지원청 ${i + 1}`} options={officeChoices} value={row.office} onChange={(v) => setOfficeQuota(row.key, 'office', v)} />
                  <InputField id={`office-quota-quota-${row.key}`} label="정원(교)" type="number" required min={0} max={10000} step={1} value={row.quota} onChange={(e) => setOfficeQuota(row.key, 'quota', e.target.value)} />
                  <button type="button" className="button button-small button-danger" aria-label={`교육지원청 정원 ${i + 1} 삭제`} onClick={() => setOfficeQuotas((rows) => rows.filter((r) => r.key !== row.key))}>
                    삭제
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="button button-secondary"
            disabled={!offices.data?.length}
            onClick={() => {
              const used = new Set(officeQuotas.map((q) => q.office));
              const office = offices.data?.find((o) => !used.has(o.code))?.code ?? offices.data?.[0]?.code ?? '';
              setOfficeQuotas((rows) => [...rows, { key: nextKey++, office, quota: '1' }]);
            }}
          >
            교육지원청 정원 추가
          </button>
        </section>

        <section className="panel" aria-labelledby="rubric-heading">
          <h2 id="rubric-heading">심사 기준</h2>
          <p className="muted small">심사위원은 기준마다 0점부터 만점까지 줍니다. 환산 점수 = 점수 × 가중치이며, 환산 점수의 합으로 순위를 매깁니다.</p>
          <ol className="row-list" data-testid="rubric-rows">
            {criteria.map((row, i) => (
              <li key={row.key} className="row-item rubric-row">
                <InputField id={`criterion-name-${row.key}`} label={`기준 ${i + 1} 이름`} wide required maxLength={200} value={row.name} onChange={(e) => setCriterion(row.key, 'name', e.target.value)} />
                <InputField id={`criterion-max-${row.key}`} label="만점" type="number" required min={0.01} max={1000} step={0.01} value={row.maxScore} onChange={(e) => setCriterion(row.key, 'maxScore', e.target.value)} />
                <InputField id={`criterion-weight-${row.key}`} label="가중치" type="number" required min={0.001} max={100} step={0.001} value={row.weight} onChange={(e) => setCriterion(row.key, 'weight', e.target.value)} />
                <p className="rubric-product muted small" aria-label={`기준 ${i + 1} 환산 만점`}>
                  = {formatScore((Number(row.maxScore) || 0) * (Number(row.weight) || 0))}점
                </p>
                <button
                  type="button"
                  className="button button-small button-danger"
                  aria-label={`기준 ${i + 1} 삭제`}
                  disabled={criteria.length === 1}
                  onClick={() => setCriteria((rows) => rows.filter((r) => r.key !== row.key))}
                >
                  삭제
                </button>
              </li>
            ))}
          </ol>
          <div className="rubric-foot">
            <button type="button" className="button button-secondary" disabled={criteria.length >= 30} onClick={() => setCriteria((rows) => [...rows, newCriterion()])}>
              기준 추가
            </button>
            <p className="rubric-total" data-testid="rubric-total">
              환산 만점 합계 <strong>{formatScore(total)}</strong>점
            </p>
          </div>
        </section>

        {tried && <ProblemList problems={problems} testId="call-problems" />}
        <ErrorMessage error={create.error} title="공모를 만들지 못했습니다." />
        <div className="form-actions">
          <SubmitButton busy={create.isPending || create.isSuccess} busyLabel="만드는 중…" disabled={!chosenType}>
            공모 열기
          </SubmitButton>
          <Link to="/designations/calls" className="button button-ghost">
            취소
          </Link>
        </div>
      </form>
    </div>
  );
}

/** A new designation type (another kind of 중심학교), for city administrators. */
function TypeAdder({ onAdded }: { onAdded: (code: string) => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const queryClient = useQueryClient();
  // Not a nested <form>: the fields live inside the call form, so the button submits on its own.
  const add = useMutation({
    mutationFn: () => api.addDesignationType({ code: code.trim(), name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: typesQuery.queryKey });
      onAdded(created.code);
      setCode('');
      setName('');
      setDescription('');
    },
  });
  const busy = add.isPending;

  return (
    <details className="edit-box">
      <summary>목록에 없는 지정 유형 추가</summary>
      <div className="form-grid" role="group" aria-label="지정 유형 추가">
        <InputField id="type-code" label="코드" value={code} onChange={(e) => setCode(e.target.value)} placeholder="ai_maker" hint="영문 소문자·숫자·밑줄, 2~40자" />
        <InputField id="type-name" label="유형 이름" value={name} onChange={(e) => setName(e.target.value)} placeholder="AI 메이커 교육 중심학교" />
        <TextAreaField id="type-description" label="설명" wide rows={2} maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
        <ErrorMessage error={add.error} title="지정 유형을 추가하지 못했습니다." messages={{ DUPLICATE: '이미 있는 코드 또는 이름입니다.' }} />
        <div className="form-actions">
          <button type="button" className="button button-secondary" disabled={busy || !code.trim() || !name.trim()} onClick={() => add.mutate()}>
            {busy ? '추가 중…' : '유형 추가'}
          </button>
        </div>
      </div>
    </details>
  );
}
