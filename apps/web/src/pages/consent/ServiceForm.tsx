import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { AiService, AiServiceInput } from '../../api/models';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CheckboxGroup, InputField, SubmitButton, TextAreaField } from '../../components/fields';
import { LEVEL_LABEL } from '../../labels';
import { FieldError } from '../surveys/FieldError';
import { lines } from './consentLabels';
import { consentKeys } from './consentQueries';

const SERVICE_FIELDS = {
  name: '서비스 이름',
  provider: '제공자',
  minAge: '최소 연령',
  consentUnderAge: '보호자 동의 필요 연령',
  personalData: '제공되는 개인정보',
  allowedLevels: '허용 학교급',
  notes: '비고',
};

const SERVICE_MESSAGES = { DUPLICATE: '같은 이름의 서비스가 이미 등록되어 있습니다.' };

const EMPTY: AiServiceInput = { name: '', provider: '', minAge: 13, consentUnderAge: 18, personalData: [], allowedLevels: ['middle', 'high'], notes: '', active: true };

interface Props {
  /** The service to change; a new one without. */
  service?: AiService;
  onSaved: (service: AiService) => void;
  onCancel?: () => void;
}

/**
 * A service of the registry: its name and provider, the minimum age, the age under which its terms
 * need a guardian's consent, the personal data it receives (any at all: consent under 14 by law),
 * the school levels allowed (elementary students never use a service directly), notes, in use.
 */
export function ServiceForm({ service, onSaved, onCancel }: Props) {
  const start = service ?? EMPTY;
  const [name, setName] = useState(start.name);
  const [provider, setProvider] = useState(start.provider);
  const [minAge, setMinAge] = useState(String(start.minAge));
  const [consentUnderAge, setConsentUnderAge] = useState(String(start.consentUnderAge));
  const [personalData, setPersonalData] = useState(start.personalData.join('\n'));
  const [levels, setLevels] = useState(start.allowedLevels);
  const [notes, setNotes] = useState(start.notes ?? '');
  const [active, setActive] = useState(start.active);
  const queryClient = useQueryClient();
  // A service's rules decide every class list.
  const save = useMutation({
    mutationFn: (input: AiServiceInput) => (service ? api.updateAiService(service.id, input) : api.createAiService(input)),
    onSuccess: async (saved) => {
      await Promise.all([consentKeys.services, consentKeys.eligibility].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      onSaved(saved);
    },
  });
  const { isPending: busy, error } = save;
  const id = (field: string) => `service-${service?.id ?? 'new'}-${field}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: AiServiceInput = {
      name: name.trim(), provider: provider.trim(), minAge: Number(minAge), consentUnderAge: Number(consentUnderAge),
      personalData: lines(personalData), allowedLevels: levels, notes: notes.trim(), active,
    };
    save.mutate(input);
  };

  return (
    <form className="form-grid service-form" aria-label={service ? `${service.name} 수정` : 'AI 서비스 등록'} onSubmit={submit} data-testid="service-form">
      <div>
        <InputField id={id('name')} label="서비스 이름" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="예: ChatGPT" />
        <FieldError error={error} field="name" />
      </div>
      <div>
        <InputField id={id('provider')} label="제공자" value={provider} onChange={(e) => setProvider(e.target.value)} required maxLength={100} placeholder="예: OpenAI" />
        <FieldError error={error} field="provider" />
      </div>
      <div>
        <InputField id={id('min-age')} label="최소 연령 (만)" type="number" value={minAge} onChange={(e) => setMinAge(e.target.value)} required hint="서비스 약관의 최소 사용 연령" />
        <FieldError error={error} field="minAge" />
      </div>
      <div>
        <InputField
          id={id('consent-age')}
          label="보호자 동의 필요 연령 (만, 미만)"
          type="number"
          value={consentUnderAge}
          onChange={(e) => setConsentUnderAge(e.target.value)}
          required
          hint="이 나이 미만은 약관상 보호자 동의가 필요합니다. 필요 없으면 0. 개인정보를 받는 서비스는 만 14세 미만이면 법에 따라 동의가 필요합니다."
        />
        <FieldError error={error} field="consentUnderAge" />
      </div>
      <div className="field-wide">
        <TextAreaField id={id('personal-data')} label="제공되는 개인정보" value={personalData} onChange={(e) => setPersonalData(e.target.value)} rows={3} hint="한 줄에 하나씩 (예: 계정 정보(이메일), 입력한 대화 내용)" />
        <FieldError error={error} field="personalData" />
      </div>
      <div className="field-wide">
        <CheckboxGroup id={id('levels')} legend="허용 학교급" options={LEVEL_LABEL} value={levels} onChange={setLevels} hint="초등학생은 허용해도 직접 사용하지 않습니다(교사 주도 활용만)." />
        <FieldError error={error} field="allowedLevels" />
      </div>
      <div className="field-wide">
        <TextAreaField id={id('notes')} label="비고" value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} maxLength={2000} />
        <FieldError error={error} field="notes" />
      </div>
      <label className="checkbox" htmlFor={id('active')}>
        <input id={id('active')} type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        사용 중 (끄면 모든 학생이 사용 불가)
      </label>
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="저장 중…" testId="save-service">
          {service ? '저장' : '등록'}
        </SubmitButton>
        {onCancel && (
          <button type="button" className="button button-ghost" onClick={onCancel}>
            취소
          </button>
        )}
      </div>
      <ErrorMessage error={error} title="서비스를 저장하지 못했습니다." messages={SERVICE_MESSAGES} fields={SERVICE_FIELDS} />
    </form>
  );
}
