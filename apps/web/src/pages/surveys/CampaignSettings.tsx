import type { Audience, CampaignInput } from '../../api/models';
import { CheckboxGroup, InputField, SelectField } from '../../components/fields';
import { FieldError } from './FieldError';
import { AUDIENCE_LABEL } from './surveyLabels';

/** The settings of a campaign other than its template and target schools, as typed. */
export interface CampaignSettingsValue {
  title: string;
  audience: Audience;
  grades: string[];
  opensAt: string;
  closesAt: string;
  codesPerSchool: string;
  /** Percent, 0–100. */
  reminderPercent: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The value of a datetime-local input, in the browser's time zone. */
const localInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** Opens now (to the minute), closes in two weeks at 18:00. */
export function defaultSettings(audience: Audience): CampaignSettingsValue {
  const opens = new Date();
  opens.setSeconds(0, 0);
  const closes = new Date(opens.getTime() + 14 * 86_400_000);
  closes.setHours(18, 0, 0, 0);
  return { title: '', audience, grades: [], opensAt: localInput(opens), closesAt: localInput(closes), codesPerSchool: '0', reminderPercent: '50' };
}

/** 학년 1–6 (중·고등학교는 1–3학년). Keys are prefixed: keys that look like numbers are ordered first. */
const GRADE_OPTIONS: Record<string, string> = Object.fromEntries([1, 2, 3, 4, 5, 6].map((g) => [`g${g}`, `${g}학년`]));

export function settingsProblems(v: CampaignSettingsValue): string[] {
  const list: string[] = [];
  if (!v.title.trim()) list.push('설문 제목을 입력하세요.');
  if (!v.opensAt || !v.closesAt) list.push('시작 일시와 마감 일시를 입력하세요.');
  else if (new Date(v.closesAt) <= new Date(v.opensAt)) list.push('마감 일시는 시작 일시보다 뒤여야 합니다.');
  const codes = Number(v.codesPerSchool);
  if (v.audience !== 'school' && !(Number.isInteger(codes) && codes >= 0 && codes <= 2000)) list.push('학교별 응답 코드 수는 0~2,000 사이의 정수여야 합니다.');
  const percent = Number(v.reminderPercent);
  if (!(percent >= 0 && percent <= 100)) list.push('독려 기준 응답률은 0~100% 사이여야 합니다.');
  return list;
}

/** The settings as the API takes them (the template and the target are added by the page). */
export function settingsInput(v: CampaignSettingsValue): Omit<CampaignInput, 'templateId' | 'target'> {
  const individual = v.audience !== 'school';
  return {
    title: v.title.trim(),
    audience: v.audience,
    ...(individual && v.grades.length ? { grades: v.grades.map((g) => Number(g.slice(1))).sort((a, b) => a - b) } : {}),
    opensAt: new Date(v.opensAt).toISOString(),
    closesAt: new Date(v.closesAt).toISOString(),
    // A school survey has no codes: its principal answers it.
    codesPerSchool: individual ? Number(v.codesPerSchool) : 0,
    reminderThreshold: Number(v.reminderPercent) / 100,
  };
}

interface Props {
  value: CampaignSettingsValue;
  onChange: (value: CampaignSettingsValue) => void;
  /** The audiences this form offers (a principal's demand survey: students and parents). */
  audiences: readonly Audience[];
  /** The last failure of the form, whose `details[].field` are shown under their fields. */
  error: unknown;
  /** Whether codes are generated per school when the survey opens (the office's campaigns). */
  distributesCodes?: boolean;
}

/** Title, audience and grades, the window, codes per school and the reminder threshold. */
export function CampaignSettings({ value: v, onChange, audiences, error, distributesCodes = true }: Props) {
  const set = (patch: Partial<CampaignSettingsValue>) => onChange({ ...v, ...patch });
  const individual = v.audience !== 'school';
  return (
    <>
      <div className="form-grid">
        <InputField id="campaign-title" label="설문 제목" wide required maxLength={200} value={v.title} onChange={(e) => set({ title: e.target.value })} />
        <SelectField
          id="campaign-audience"
          label="응답 대상"
          options={Object.fromEntries(audiences.map((a) => [a, AUDIENCE_LABEL[a]])) as Record<Audience, string>}
          value={v.audience}
          onChange={(audience) => set({ audience })}
        />
      </div>
      <FieldError error={error} field="title" />
      <FieldError error={error} field="audience" />
      {individual && (
        <>
          <CheckboxGroup id="campaign-grades" legend="대상 학년 (고르지 않으면 전체)" options={GRADE_OPTIONS} value={v.grades} onChange={(grades) => set({ grades })} hint="중·고등학교는 1~3학년입니다." />
          <FieldError error={error} field="grades" />
        </>
      )}
      <div className="form-grid">
        <InputField id="campaign-opens" label="시작 일시" type="datetime-local" required value={v.opensAt} onChange={(e) => set({ opensAt: e.target.value })} />
        <InputField id="campaign-closes" label="마감 일시" type="datetime-local" required value={v.closesAt} onChange={(e) => set({ closesAt: e.target.value })} />
        {individual && distributesCodes && (
          <InputField
            id="campaign-codes"
            label="학교별 응답 코드 수"
            type="number"
            min={0}
            max={2000}
            step={1}
            value={v.codesPerSchool}
            onChange={(e) => set({ codesPerSchool: e.target.value })}
            hint="설문이 시작될 때 학교마다 만들어 둘 코드 수입니다. 0이면 학교장이 직접 발급합니다."
          />
        )}
        <InputField
          id="campaign-reminder"
          label="독려 기준 응답률(%)"
          type="number"
          min={0}
          max={100}
          step={1}
          value={v.reminderPercent}
          onChange={(e) => set({ reminderPercent: e.target.value })}
          hint={individual ? '응답률이 이보다 낮은 학교에 독려 알림을 보냅니다.' : '학교 설문은 제출하지 않은 학교에 알림을 보냅니다.'}
        />
      </div>
      <FieldError error={error} field="opensAt" />
      <FieldError error={error} field="closesAt" />
      <FieldError error={error} field="codesPerSchool" />
      <FieldError error={error} field="reminderThreshold" />
    </>
  );
}
