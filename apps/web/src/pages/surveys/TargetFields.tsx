import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api';
import type { CampaignTarget, DesignationType, DistrictOffice, School, SchoolLevel } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CheckboxGroup, Field, SelectField } from '../../components/fields';
import { LEVEL_LABEL, officeOptions } from '../../labels';
import { FieldError } from './FieldError';

export interface TargetValue {
  /** District office codes, from GET /district-offices. */
  offices: string[];
  districts: string[];
  levels: SchoolLevel[];
  designationType: string;
  schools: Pick<School, 'id' | 'name' | 'district'>[];
}

export const emptyTarget = (): TargetValue => ({ offices: [], districts: [], levels: [], designationType: '', schools: [] });

/** Only the conditions set; none at all means every school in the creator's scope. */
export function targetInput(t: TargetValue): CampaignTarget {
  return {
    // The codes come from the api's own list of offices (whose schema types a code as any string).
    ...(t.offices.length ? { offices: t.offices as NonNullable<CampaignTarget['offices']> } : {}),
    ...(t.districts.length ? { districts: t.districts } : {}),
    ...(t.levels.length ? { levels: t.levels } : {}),
    ...(t.designationType ? { designationType: t.designationType } : {}),
    ...(t.schools.length ? { schoolIds: t.schools.map((s) => s.id) } : {}),
  };
}

interface Props {
  value: TargetValue;
  onChange: (value: TargetValue) => void;
  offices: DistrictOffice[];
  designationTypes: DesignationType[];
  error: unknown;
}

/** 대상 학교: by district office, district, level, designation and an explicit list; the conditions combine (AND). */
export function TargetFields({ value: t, onChange, offices, designationTypes, error }: Props) {
  const set = (patch: Partial<TargetValue>) => onChange({ ...t, ...patch });
  const districtChoices = (t.offices.length ? offices.filter((o) => t.offices.includes(o.code)) : offices).flatMap((o) => o.districts).sort((a, b) => a.localeCompare(b, 'ko'));
  return (
    <>
      <p className="muted small">고른 조건을 모두 만족하는 학교가 대상입니다. 아무것도 고르지 않으면 관할 학교 전체가 대상입니다.</p>
      <CheckboxGroup
        id="target-offices"
        legend="교육지원청"
        options={officeOptions(offices)}
        value={t.offices}
        onChange={(chosen) => {
          const allowed = new Set(offices.filter((o) => !chosen.length || chosen.includes(o.code)).flatMap((o) => o.districts));
          set({ offices: chosen, districts: t.districts.filter((d) => allowed.has(d)) });
        }}
      />
      <details className="edit-box" open={t.districts.length > 0}>
        <summary>자치구로 좁히기{t.districts.length ? ` (${t.districts.length}개 구)` : ''}</summary>
        <CheckboxGroup id="target-districts" legend="자치구" options={Object.fromEntries(districtChoices.map((d) => [d, d]))} value={t.districts} onChange={(districts) => set({ districts })} />
      </details>
      <CheckboxGroup id="target-levels" legend="학교급" options={LEVEL_LABEL} value={t.levels} onChange={(levels) => set({ levels })} />
      <div className="form-grid">
        <SelectField
          id="target-designation"
          label="지정 학교"
          options={{ '': '조건 없음', ...Object.fromEntries(designationTypes.map((d) => [d.code, `${d.name}로 지정된 학교`])) }}
          value={t.designationType}
          onChange={(designationType) => set({ designationType })}
        />
      </div>
      <SchoolPicker chosen={t.schools} onChange={(schools) => set({ schools })} />
      <FieldError error={error} field="target" />
    </>
  );
}

/** 학교 지정: search schools by name and add them to the explicit list. */
function SchoolPicker({ chosen, onChange }: { chosen: TargetValue['schools']; onChange: (schools: TargetValue['schools']) => void }) {
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const results = useQuery({ queryKey: ['schools', 'search', searched], queryFn: () => api.schools({ q: searched!, pageSize: 10 }), enabled: searched !== null });
  const found = results.data?.items;
  const busy = results.isFetching;
  const search = () => setSearched(q.trim());
  const chosenIds = new Set(chosen.map((s) => s.id));
  return (
    <div className="subform" data-testid="school-picker">
      <p className="subform-title">학교 직접 고르기 {chosen.length > 0 && <span className="muted small">({chosen.length}개교)</span>}</p>
      {chosen.length > 0 && (
        <ul className="chip-list" data-testid="chosen-schools">
          {chosen.map((s) => (
            <li key={s.id} className="chip">
              {s.name} <span className="muted small">{s.district}</span>
              <button type="button" className="chip-remove" aria-label={`${s.name} 빼기`} onClick={() => onChange(chosen.filter((x) => x.id !== s.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field id="school-search" label="학교 이름 검색">
        <div className="inline-search">
          <input
            id="school-search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              // Inside the campaign form: Enter searches instead of submitting it.
              if (e.key === 'Enter') {
                e.preventDefault();
                search();
              }
            }}
            placeholder="예: 개포초"
          />
          <button type="button" className="button button-secondary" disabled={busy || !q.trim()} onClick={search}>
            {busy ? '찾는 중…' : '학교 찾기'}
          </button>
        </div>
      </Field>
      <ErrorMessage error={results.error} title="학교를 찾지 못했습니다." />
      {found && found.length === 0 && <p className="muted small">찾는 학교가 없습니다.</p>}
      {found && found.length > 0 && (
        <ul className="link-list" data-testid="school-results">
          {found.map((s) => (
            <li key={s.id}>
              {s.name} <span className="muted small">({s.district} · {LEVEL_LABEL[s.level]})</span>{' '}
              <button
                type="button"
                className="button button-small button-secondary"
                aria-label={`${s.name} 추가`}
                disabled={chosenIds.has(s.id)}
                onClick={() => onChange([...chosen, { id: s.id, name: s.name, district: s.district }])}
              >
                {chosenIds.has(s.id) ? '추가됨' : '추가'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
