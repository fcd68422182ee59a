import type { CutScore } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { FieldProblems } from './FieldProblems';

export interface CutScoreRow {
  key: number;
  level: string;
  min: string;
}

let nextKey = 1;

export const cutScoreRows = (cuts: readonly CutScore[]): CutScoreRow[] => cuts.map((c) => ({ key: nextKey++, level: c.level, min: String(c.min) }));

/** The rows as the API takes them; a blank minimum is sent as NaN → null and named by the API. */
export const cutScoresOf = (rows: readonly CutScoreRow[]): CutScore[] => rows.map((r) => ({ level: r.level.trim(), min: r.min.trim() === '' ? Number.NaN : Number(r.min) }));

export const DEFAULT_CUT_SCORES: CutScore[] = [
  { level: '기초', min: 0 },
  { level: '보통', min: 40 },
  { level: '우수', min: 80 },
];

interface Props {
  rows: CutScoreRow[];
  onChange: (rows: CutScoreRow[]) => void;
  /** The last save's error, whose `cutScores…` details are shown here. */
  error: unknown;
  disabled?: boolean;
}

/** 성취수준 기준: one row per level, lowest first, each from a percentage of the maximum score. */
export function CutScoreFields({ rows, onChange, error, disabled }: Props) {
  const set = (key: number, field: 'level' | 'min', value: string) => onChange(rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  return (
    <div className="cut-scores" data-testid="cut-score-fields">
      <DataTable caption="성취수준 기준 (낮은 수준부터)" columns={['수준', num('최저 점수 (100점 환산)'), '']}>
        {rows.map((r, i) => (
          <tr key={r.key}>
            <td>
              <input aria-label={`${i + 1}번째 수준 이름`} value={r.level} onChange={(e) => set(r.key, 'level', e.target.value)} disabled={disabled} maxLength={40} />
              <FieldProblems error={error} field={`cutScores.${i}.level`} />
            </td>
            <td className="num">
              <input aria-label={`${i + 1}번째 수준 최저 점수`} type="number" min={0} max={100} step="any" value={r.min} onChange={(e) => set(r.key, 'min', e.target.value)} disabled={disabled} />
              <FieldProblems error={error} field={`cutScores.${i}.min`} />
            </td>
            <td>
              <button type="button" className="button button-small button-ghost" onClick={() => onChange(rows.filter((x) => x.key !== r.key))} disabled={disabled || rows.length <= 1}>
                삭제
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <FieldProblems error={error} field="cutScores" />
      <button type="button" className="button button-small" onClick={() => onChange([...rows, { key: nextKey++, level: '', min: '' }])} disabled={disabled}>
        수준 추가
      </button>
    </div>
  );
}
