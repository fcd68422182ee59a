import { InputField } from '../../components/fields';
import { GUARDIAN_RELATIONS } from './consentLabels';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  label?: string;
}

/** 보호자 관계: typed, with the usual relations offered. */
export function GuardianRelationField({ id, value, onChange, label = '보호자 관계' }: Props) {
  return (
    <>
      <InputField id={id} label={label} value={value} onChange={(e) => onChange(e.target.value)} list={`${id}-options`} maxLength={20} required hint="예: 모, 부, 조모, 법정대리인" />
      <datalist id={`${id}-options`}>
        {GUARDIAN_RELATIONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
    </>
  );
}
