import { useState } from 'react';
import { confirmThenRun } from '../confirm';
import { CATEGORY_LABEL, CONDITION_LABEL, formatKrw } from '../labels';
import type { EquipmentInput, EquipmentItem, EquipmentPatch } from '../api/models';
import { DataTable, num } from './DataTable';
import { EquipmentForm } from './EquipmentForm';
import { ErrorMessage } from './ErrorMessage';

interface Props {
  items: EquipmentItem[];
  canEdit: boolean;
  onAdd: (values: EquipmentInput) => Promise<void>;
  onUpdate: (id: number, values: EquipmentPatch) => Promise<void>;
  onDelete: (id: number) => Promise<void>;
}

export function EquipmentSection({ items, canEdit, onAdd, onUpdate, onDelete }: Props) {
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const columns = canEdit ? 8 : 7;
  const totalQuantity = items.reduce((sum, item) => sum + item.quantity, 0);

  const remove = (item: EquipmentItem) =>
    confirmThenRun(`‘${item.name}’(${item.assetTag}) 기자재를 삭제할까요? 삭제 기록은 변경 이력에 남습니다.`, () => onDelete(item.id), setError);

  return (
    <section className="panel" aria-labelledby="equipment-heading">
      <div className="panel-head">
        <div>
          <h2 id="equipment-heading">기자재</h2>
          <p className="muted">
            품목 {items.length}개 · 총 수량 {totalQuantity.toLocaleString('ko-KR')}개
          </p>
        </div>
        {canEdit && !adding && (
          <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>
            기자재 추가
          </button>
        )}
      </div>
      {adding && (
        <EquipmentForm
          onCancel={() => setAdding(false)}
          onSubmit={async (values) => {
            await onAdd(values);
            setAdding(false);
          }}
        />
      )}
      <ErrorMessage error={error} title="기자재를 삭제하지 못했습니다." />
      <DataTable
        testId="equipment-table"
        caption="AI 교실 기자재 목록"
        columns={['분류', '이름', num('수량'), '자산 번호', '상태', '구입일 / 금액', '다음 점검일', canEdit && '관리']}
      >
        {items.length === 0 && (
          <tr>
            <td colSpan={columns} className="empty">
              등록된 기자재가 없습니다.
            </td>
          </tr>
        )}
        {items.map((item) =>
          editingId === item.id ? (
            <tr key={item.id} className="editing-row">
              <td colSpan={columns}>
                <EquipmentForm
                  item={item}
                  onCancel={() => setEditingId(null)}
                  onSubmit={async (values) => {
                    await onUpdate(item.id, values);
                    setEditingId(null);
                  }}
                />
              </td>
            </tr>
          ) : (
            <tr key={item.id} data-testid={`equipment-row-${item.id}`}>
              <td>{CATEGORY_LABEL[item.category] ?? item.category}</td>
              <th scope="row">{item.name}</th>
              <td className="num" data-testid="equipment-quantity">
                {item.quantity.toLocaleString('ko-KR')}
              </td>
              <td>
                <code>{item.assetTag}</code>
              </td>
              <td>
                <span className={`badge condition-${item.condition}`}>{CONDITION_LABEL[item.condition] ?? item.condition}</span>
              </td>
              <td>
                {item.purchaseDate ?? '-'}
                <br />
                <span className="muted small">{formatKrw(item.costKrw)}</span>
              </td>
              <td>{item.nextAuditDate ?? '-'}</td>
              {canEdit && (
                <td>
                  <div className="row-actions">
                    <button type="button" className="button button-small" aria-label={`${item.name} 수정`} onClick={() => setEditingId(item.id)}>
                      수정
                    </button>
                    <button type="button" className="button button-small button-danger" aria-label={`${item.name} 삭제`} onClick={() => void remove(item)}>
                      삭제
                    </button>
                  </div>
                </td>
              )}
            </tr>
          ),
        )}
      </DataTable>
    </section>
  );
}
