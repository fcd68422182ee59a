import type { LiteracyArea, LiteracyItemInput, LiteracyItemType } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { FieldProblems } from './FieldProblems';
import { ITEM_TYPE_LABEL } from './literacyLabels';

export interface ItemRow {
  key: number;
  id: string;
  area: string;
  type: LiteracyItemType;
  maxScore: string;
  /** Comma-separated accepted options; empty for an item scored by the platform. */
  answer: string;
  /** Comma-separated options. */
  options: string;
}

let nextKey = 1;

export const newItemRow = (previous: ItemRow | undefined, area: string): ItemRow => ({
  key: nextKey++,
  id: nextItemId(previous?.id),
  area: previous?.area ?? area,
  type: previous?.type ?? 'dichotomous',
  maxScore: previous?.maxScore ?? '1',
  answer: '',
  options: previous ? previous.options : '1,2,3,4',
});

/** Q1 → Q2, P9 → P10; anything else → Q1. */
function nextItemId(id: string | undefined): string {
  const m = id ? /^(.*?)(\d+)$/.exec(id) : null;
  return m ? `${m[1]}${Number(m[2]) + 1}` : 'Q1';
}

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function itemInput(row: ItemRow): LiteracyItemInput {
  const key = list(row.answer);
  const options = list(row.options);
  return {
    id: row.id.trim(),
    area: row.area,
    type: row.type,
    maxScore: row.type === 'dichotomous' ? 1 : Number(row.maxScore),
    ...(key.length ? { key } : {}),
    ...(key.length && options.length ? { options } : {}),
  };
}

interface Props {
  rows: ItemRow[];
  onChange: (rows: ItemRow[]) => void;
  areas: LiteracyArea[];
  error: unknown;
}

/** 문항: id, competency area, type and maximum score, answer key and options, with the API's complaints per cell. */
export function ItemsEditor({ rows, onChange, areas, error }: Props) {
  const set = (key: number, patch: Partial<ItemRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <div data-testid="items-editor">
      <DataTable
        caption="문항 목록"
        wrapClassName="items-editor"
        columns={['#', '문항 ID', '영역', '유형', num('만점'), '정답 (쉼표로 여럿)', '선택지 (쉼표로 구분)', '']}
      >
        {rows.map((r, i) => {
          const n = `${i + 1}번 문항`;
          return (
            <tr key={r.key} data-testid={`item-row-${i}`}>
              <td className="num">{i + 1}</td>
              <td>
                <input aria-label={`${n} ID`} value={r.id} onChange={(e) => set(r.key, { id: e.target.value })} maxLength={40} size={6} />
                <FieldProblems error={error} field={`items.${i}.id`} />
                <FieldProblems error={error} field={`items.${i}`} />
              </td>
              <td>
                <select aria-label={`${n} 영역`} value={r.area} onChange={(e) => set(r.key, { area: e.target.value })}>
                  {areas.map((a) => (
                    <option key={a.code} value={a.code}>
                      {a.name}
                    </option>
                  ))}
                </select>
                <FieldProblems error={error} field={`items.${i}.area`} />
              </td>
              <td>
                <select aria-label={`${n} 유형`} value={r.type} onChange={(e) => set(r.key, { type: e.target.value as LiteracyItemType, ...(e.target.value === 'dichotomous' ? { maxScore: '1' } : {}) })}>
                  {(Object.entries(ITEM_TYPE_LABEL) as [LiteracyItemType, string][]).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
                <FieldProblems error={error} field={`items.${i}.type`} />
              </td>
              <td className="num">
                <input
                  aria-label={`${n} 만점`}
                  type="number"
                  min={1}
                  max={100}
                  value={r.type === 'dichotomous' ? '1' : r.maxScore}
                  disabled={r.type === 'dichotomous'}
                  onChange={(e) => set(r.key, { maxScore: e.target.value })}
                />
                <FieldProblems error={error} field={`items.${i}.maxScore`} />
              </td>
              <td>
                <input aria-label={`${n} 정답`} value={r.answer} onChange={(e) => set(r.key, { answer: e.target.value })} placeholder="예: 2" size={6} />
                <FieldProblems error={error} field={`items.${i}.key`} />
              </td>
              <td>
                <input aria-label={`${n} 선택지`} value={r.options} onChange={(e) => set(r.key, { options: e.target.value })} placeholder="예: 1,2,3,4" size={10} />
                <FieldProblems error={error} field={`items.${i}.options`} />
              </td>
              <td>
                <button type="button" className="button button-small button-ghost" onClick={() => onChange(rows.filter((x) => x.key !== r.key))} disabled={rows.length <= 1}>
                  삭제
                </button>
              </td>
            </tr>
          );
        })}
      </DataTable>
      <FieldProblems error={error} field="items" />
      <button type="button" className="button button-small" data-testid="add-item" onClick={() => onChange([...rows, newItemRow(rows[rows.length - 1], areas[0]?.code ?? '')])}>
        문항 추가
      </button>
      <p className="hint">정답을 적은 문항은 원자료(고른 선택지)를 받아 채점하고, 정답이 없는 문항은 CBT 플랫폼이나 채점자가 준 점수를 그대로 받습니다.</p>
    </div>
  );
}
