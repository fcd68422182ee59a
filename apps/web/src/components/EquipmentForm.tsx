import { useId, useState, type FormEvent } from 'react';
import { CATEGORY_LABEL, CONDITION_LABEL } from '../labels';
import type { EquipmentInput, EquipmentItem } from '../types';
import { ErrorMessage } from './ErrorMessage';

interface Props {
  /** The item being edited; absent when adding a new one. */
  item?: EquipmentItem;
  onSubmit: (values: Partial<EquipmentInput>) => Promise<void>;
  onCancel: () => void;
}

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

/** Turns the form's strings into the API's shape; for an edit, only the fields that changed. */
function toPayload(values: Values, item?: EquipmentItem): Partial<EquipmentInput> {
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
  if (!item) {
    return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null)) as Partial<EquipmentInput>;
  }
  const changed: Partial<EquipmentInput> = {};
  for (const key of Object.keys(all) as (keyof EquipmentInput)[]) {
    if (all[key] !== item[key]) (changed as Record<string, unknown>)[key] = all[key];
  }
  return changed;
}

export function EquipmentForm({ item, onSubmit, onCancel }: Props) {
  const id = useId();
  const [values, setValues] = useState<Values>(() => initial(item));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (key: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const title = item ? '기자재 수정' : '기자재 추가';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const payload = toPayload(values, item);
    if (item && Object.keys(payload).length === 0) {
      onCancel();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(payload);
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  }

  const f = (name: string) => `${id}-${name}`;
  return (
    <form className="subform" aria-label={title} onSubmit={submit}>
      <p className="subform-title">{item ? `‘${item.name}’ 수정` : '새 기자재 등록'}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={f('category')}>분류</label>
          <select id={f('category')} value={values.category} onChange={set('category')}>
            {Object.entries(CATEGORY_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={f('name')}>이름</label>
          <input id={f('name')} required maxLength={200} value={values.name} onChange={set('name')} />
        </div>
        <div className="field">
          <label htmlFor={f('quantity')}>수량</label>
          <input id={f('quantity')} type="number" required min={1} max={100000} step={1} value={values.quantity} onChange={set('quantity')} />
        </div>
        <div className="field">
          <label htmlFor={f('assetTag')}>자산 번호</label>
          <input id={f('assetTag')} required maxLength={60} value={values.assetTag} onChange={set('assetTag')} />
        </div>
        <div className="field">
          <label htmlFor={f('condition')}>상태</label>
          <select id={f('condition')} value={values.condition} onChange={set('condition')}>
            {Object.entries(CONDITION_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={f('serialNumber')}>일련번호</label>
          <input id={f('serialNumber')} maxLength={100} value={values.serialNumber} onChange={set('serialNumber')} />
        </div>
        <div className="field">
          <label htmlFor={f('purchaseDate')}>구입일</label>
          <input id={f('purchaseDate')} type="date" value={values.purchaseDate} onChange={set('purchaseDate')} />
        </div>
        <div className="field">
          <label htmlFor={f('costKrw')}>구입 금액(원)</label>
          <input id={f('costKrw')} type="number" min={0} step={1} value={values.costKrw} onChange={set('costKrw')} />
        </div>
        <div className="field">
          <label htmlFor={f('lastAuditDate')}>최근 점검일</label>
          <input id={f('lastAuditDate')} type="date" value={values.lastAuditDate} onChange={set('lastAuditDate')} />
        </div>
        <div className="field">
          <label htmlFor={f('nextAuditDate')}>다음 점검일</label>
          <input id={f('nextAuditDate')} type="date" value={values.nextAuditDate} onChange={set('nextAuditDate')} />
        </div>
      </div>
      <ErrorMessage error={error} title={item ? '기자재를 수정하지 못했습니다.' : '기자재를 추가하지 못했습니다.'} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? '저장 중…' : '저장'}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel} disabled={saving}>
          취소
        </button>
      </div>
    </form>
  );
}
