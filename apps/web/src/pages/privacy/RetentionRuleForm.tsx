import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { DestructionMethod, RetentionCategory, RetentionRule } from '../../api/models/privacyOffice';
import { privacyOfficeApi as privacyApi } from '../../api/privacyOffice';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField, SelectField, SubmitButton, TextAreaField } from '../../components/fields';
import { CATEGORY_LABEL, CATEGORY_METHOD, METHOD_LABEL } from './privacyLabels';
import { privacyKeys } from './privacyQueries';

/** The form's fields in Korean, for the API's errors. */
const RULE_FIELDS = { category: '분류', description: '파기 대상', keepMonths: '보존 기간(개월)', method: '파기 방법', legalBasis: '법적 근거', active: '사용' };

const RULE_MESSAGES = { RETENTION_RULE_EXISTS: '이 분류에는 사용 중인 규칙이 이미 있습니다. 그 규칙을 고치거나 먼저 사용을 끄세요.' };

interface Props {
  /** The rule to change; a new one without. */
  rule?: RetentionRule;
  onDone: () => void;
}

/**
 * A retention rule: its category (a new rule only), what is destroyed, the months kept, the method,
 * the legal basis and (a rule already there) whether it is in use. Saved, it is approved as it reads.
 */
export function RetentionRuleForm({ rule, onDone }: Props) {
  const [category, setCategory] = useState<RetentionCategory>(rule?.category ?? 'consent_records');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [keepMonths, setKeepMonths] = useState(String(rule?.keepMonths ?? 12));
  const [method, setMethod] = useState<DestructionMethod>(rule?.method ?? CATEGORY_METHOD[category]);
  const [legalBasis, setLegalBasis] = useState(rule?.legalBasis ?? '');
  const [active, setActive] = useState(rule?.active ?? true);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => {
      const common = { description: description.trim(), keepMonths: Number(keepMonths), method, legalBasis: legalBasis.trim() };
      return rule ? privacyApi.updateRetentionRule(rule.id, { ...common, active }) : privacyApi.createRetentionRule({ category, ...common });
    },
    onSuccess: async () => {
      await Promise.all([privacyKeys.rules, privacyKeys.dryRun].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      onDone();
    },
  });
  const id = (field: string) => `rule-${rule?.id ?? 'new'}-${field}`;
  const chooseCategory = (c: RetentionCategory) => {
    setCategory(c);
    setMethod(CATEGORY_METHOD[c]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form className="form-grid rule-form" aria-label={rule ? `${CATEGORY_LABEL[rule.category]} 규칙 수정` : '보존 기간 규칙 추가'} onSubmit={submit} data-testid="rule-form">
      {!rule && <SelectField id={id('category')} label="분류" options={CATEGORY_LABEL} value={category} onChange={chooseCategory} />}
      <InputField
        id={id('keep-months')}
        label="보존 기간(개월)"
        type="number"
        min={0}
        max={1200}
        step={1}
        value={keepMonths}
        onChange={(e) => setKeepMonths(e.target.value)}
        required
        hint={rule ? `기산일(${rule.basis})부터 셉니다. 0이면 기산일 후 지체 없이 파기합니다.` : '기산일부터 셉니다. 0이면 기산일 후 지체 없이 파기합니다.'}
      />
      <SelectField id={id('method')} label="파기 방법" options={METHOD_LABEL} value={method} onChange={setMethod} hint="분류마다 정해진 방법이 하나 있습니다." />
      <div className="field-wide">
        <TextAreaField id={id('description')} label="파기 대상" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} required maxLength={500} hint="파기 대장과 개인정보 처리방침에 이 문구로 표시됩니다." />
      </div>
      <div className="field-wide">
        <TextAreaField id={id('legal-basis')} label="법적 근거" value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} rows={2} maxLength={500} />
      </div>
      {rule && (
        <label className="checkbox" htmlFor={id('active')}>
          <input id={id('active')} type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          사용 (끄면 이 규칙으로 파기하지 않으며, 같은 분류의 새 규칙을 만들 수 있습니다)
        </label>
      )}
      <ErrorMessage error={save.error} title="규칙을 저장하지 못했습니다." fields={RULE_FIELDS} messages={RULE_MESSAGES} testId="rule-error" />
      <div className="form-actions">
        <SubmitButton busy={save.isPending} busyLabel="저장 중…" testId="save-rule">
          {rule ? '저장(승인)' : '추가(승인)'}
        </SubmitButton>
        <button type="button" className="button button-ghost" onClick={onDone}>
          취소
        </button>
      </div>
    </form>
  );
}
