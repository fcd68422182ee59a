import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { CATEGORY_LABEL, CONDITION_LABEL } from '../labels';
import type { EquipmentInput, EquipmentItem, EquipmentPatch } from '../api/models';
import { useAction } from '../useAction';
import { ErrorMessage } from './ErrorMessage';
import { InputField, SelectField, SubmitButton } from './fields';

/** Adding a new item (its fields), or editing `item` (the fields that changed). */
type Props = { onCancel: () => void } & (
  | { item?: undefined; onSubmit: (values: EquipmentInput) => Promise<void> }
  | { item: EquipmentItem; onSubmit: (values: EquipmentPatch) => Promise<void> }
);

type Values = Record<keyof EquipmentInput, string>;

const OPTIONAL_TEXT = ['serialNumber', 'purchaseDate', 'lastAuditDate', 'nextAuditDate'] as const;

function initial(item?: EquipmentItem): Values {
  return {
    category: item?.category ?? 'robot_kit',
    name: item?.name ?? '',
    quantity: item ? String(item.quantity) : '1',
    assetTag: item?.assetTag ?? '',
    serialNumber: item?.serialNumber ?? '',
    purchaseDate: item?.purchaseDate ?? '',
    costKrw: item?.costKrw?.toString() ?? '',
    condition: item?.condition ?? 'good',
    lastAuditDate: item?.lastAuditDate ?? '',
    nextAuditDate: item?.nextAuditDate ?? '',
  };
}

/** Turns the form's strings into the API's shape (every field; blanks as null). */
function toInput(values: Values): EquipmentInput {
  const all: EquipmentInput = {
    category: values.category as EquipmentInput['category'],
    name: values.name.trim(),
    quantity: Number(values.quantity),
    assetTag: values.assetTag.trim(),
    condition: values.condition as EquipmentInput['condition'],
    costKrw: values.costKrw === '' ? null : Number(values.costKrw),
    serialNumber: null,
    purchaseDate: null,
    lastAuditDate: null,
    nextAuditDate: null,
  };
  for (const key of OPTIONAL_TEXT) all[key] = values[key].trim() === '' ? null : values[key].trim();
  return all;
}

/** A new item: the fields given (blanks left out). */
const newItem = (all: EquipmentInput): EquipmentInput => Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null)) as EquipmentInput;

/** An edit: only the fields that changed. */
function changes(all: EquipmentInput, item: EquipmentItem): EquipmentPatch {
  const changed: EquipmentPatch = {};
  for (const key of Object.keys(all) as (keyof EquipmentInput)[]) {
    if (all[key] !== item[key]) (changed as Record<string, unknown>)[key] = all[key];
  }
  return changed;
}

export function EquipmentForm(props: Props) {
  const { item, onCancel } = props;
  const id = useId();
  const [values, setValues] = useState<Values>(() => initial(item));
  const { busy: saving, error, run } = useAction();
  const title = item ? '기자재 수정' : '기자재 추가';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const all = toInput(values);
    const patch = props.item ? changes(all, props.item) : null;
    if (patch && Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    // Saved, the form closes.
    await run(() => (props.item ? props.onSubmit(patch!) : props.onSubmit(newItem(all))), { stayBusy: true });
  }

  const setField = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  /** The id (unique to this form), value and change handler of a SelectField, or of an InputField below. */
  const bindSelect = (key: keyof Values) => ({ id: `${id}-${key}`, value: values[key], onChange: setField(key) });
  const bindInput = (key: keyof Values) => ({ ...bindSelect(key), onChange: (e: ChangeEvent<HTMLInputElement>) => setField(key)(e.target.value) });

  return (
    <form className="subform" aria-label={title} onSubmit={submit}>
      <p className="subform-title">{item ? `‘${item.name}’ 수정` : '새 기자재 등록'}</p>
      <div className="form-grid">
        <SelectField label="분류" options={CATEGORY_LABEL} {...bindSelect('category')} />
        <InputField label="이름" required maxLength={200} {...bindInput('name')} />
        <InputField label="수량" type="number" required min={1} max={100000} step={1} {...bindInput('quantity')} />
        <InputField label="자산 번호" required maxLength={60} {...bindInput('assetTag')} />
        <SelectField label="상태" options={CONDITION_LABEL} {...bindSelect('condition')} />
        <InputField label="일련번호" maxLength={100} {...bindInput('serialNumber')} />
        <InputField label="구입일" type="date" {...bindInput('purchaseDate')} />
        <InputField label="구입 금액(원)" type="number" min={0} step={1} {...bindInput('costKrw')} />
        <InputField label="최근 점검일" type="date" {...bindInput('lastAuditDate')} />
        <InputField label="다음 점검일" type="date" {...bindInput('nextAuditDate')} />
      </div>
      <ErrorMessage error={error} title={item ? '기자재를 수정하지 못했습니다.' : '기자재를 추가하지 못했습니다.'} />
      <div className="form-actions">
        <SubmitButton busy={saving} busyLabel="저장 중…">
          저장
        </SubmitButton>
        <button type="button" className="button button-ghost" onClick={onCancel} disabled={saving}>
          취소
        </button>
      </div>
    </form>
  );
}
