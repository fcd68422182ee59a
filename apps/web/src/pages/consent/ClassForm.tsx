import { useState, type FormEvent, type ReactNode } from 'react';
import type { AiService, School } from '../../api/models';
import { InputField, SelectField } from '../../components/fields';
import { gradeOptions, seoulToday } from './consentLabels';
import type { ClassChoice } from './useClassChoice';

interface Props {
  /** The school whose grades are offered; the form waits for it. */
  school: School | null;
  services: AiService[];
  choice: ClassChoice;
  onSubmit: (next: Partial<ClassChoice>) => void;
  /** Grade and class too (not for a whole-school upload). */
  withClass?: boolean;
  /** The day of the lesson. */
  withDate?: boolean;
  submitLabel: string;
  busy?: boolean;
  testId?: string;
  /** More fields before the button (e.g. a letter's options). */
  children?: ReactNode;
}

const SERVICE_NONE = { '': '서비스를 고르세요' };

/** A service's option value: not a bare number, which JavaScript would order before the '' choice and by id. */
const optionKey = (serviceId: number) => `service-${serviceId}`;

/** 학년 (within the school's level), 반, AI 서비스 and optionally 수업일, applied with one button. */
export function ClassForm({ school, services, choice, onSubmit, withClass = true, withDate = false, submitLabel, busy = false, testId, children }: Props) {
  const [grade, setGrade] = useState(choice.grade ? String(choice.grade) : '1');
  const [classNo, setClassNo] = useState(choice.classNo ? String(choice.classNo) : '1');
  const firstActive = services.find((s) => s.active);
  const [serviceKey, setServiceKey] = useState(choice.serviceId ? optionKey(choice.serviceId) : firstActive ? optionKey(firstActive.id) : '');
  const [date, setDate] = useState(choice.date || seoulToday());

  const serviceOptions: Record<string, string> = {
    ...(serviceKey ? {} : SERVICE_NONE),
    ...Object.fromEntries(services.map((s) => [optionKey(s.id), s.active ? `${s.name} (${s.provider})` : `${s.name} (사용 중지)`])),
  };
  const grades = school ? gradeOptions(school.level) : {};
  const classValid = /^\d+$/.test(classNo) && Number(classNo) >= 1 && Number(classNo) <= 99;
  const ready = school !== null && serviceKey !== '' && (!withClass || (grade in grades && classValid));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    onSubmit({
      serviceId: Number(serviceKey.slice('service-'.length)),
      ...(withClass ? { grade: Number(grade), classNo: Number(classNo) } : {}),
      ...(withDate ? { date: date === seoulToday() ? '' : date } : {}),
    });
  };

  return (
    <form className="form-grid consent-class-form" aria-label="학급과 서비스 고르기" onSubmit={submit} data-testid={testId}>
      {withClass && (
        <>
          <SelectField id="consent-grade" label="학년" value={grade} options={grades} onChange={setGrade} disabled={!school} />
          <InputField id="consent-class" label="반" type="number" min={1} max={99} value={classNo} onChange={(e) => setClassNo(e.target.value)} required />
        </>
      )}
      <SelectField id="consent-service" label="AI 서비스" value={serviceKey} options={serviceOptions} onChange={setServiceKey} />
      {withDate && <InputField id="consent-date" label="수업일" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />}
      {children}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!ready || busy} data-testid={testId && `${testId}-submit`}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
