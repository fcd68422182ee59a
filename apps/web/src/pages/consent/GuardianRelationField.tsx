import type { GuardianRelation } from '../../api/models';
import { InputField } from '../../components/fields';
import { GUARDIAN_RELATION_LABEL, relationFromText } from './consentLabels';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  label?: string;
}

const LABELS = Object.values(GUARDIAN_RELATION_LABEL);

/** Why the relation as typed cannot be sent: blank, or none of the four; null when it can. */
export function relationProblem(text: string): string | null {
  if (!text.trim()) return '보호자 관계를 적어 주세요.';
  return relationFromText(text) ? null : `보호자 관계는 ${LABELS.join(', ')} 중 하나로 적어 주세요.`;
}

/** The relation as typed, as the api takes it (call once relationProblem() has none). */
export const relationOf = (text: string): GuardianRelation => relationFromText(text)!;

/**
 * 보호자 관계: typed as people write it on a slip (모, 어머니, 후견인…), with the four relations
 * offered. Under 14 only a parent's or another legal guardian's consent counts.
 */
export function GuardianRelationField({ id, value, onChange, label = '보호자 관계' }: Props) {
  return (
    <>
      <InputField
        id={id}
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        list={`${id}-options`}
        maxLength={20}
        required
        hint={`${LABELS.join(', ')} 중 하나. 만 14세 미만은 부모나 법정대리인의 동의만 유효합니다.`}
      />
      <datalist id={`${id}-options`}>
        {LABELS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
    </>
  );
}
