import { useState, type FormEvent } from 'react';
import { SPACE_TYPE_LABEL, STATUS_LABEL } from '../labels';
import type { Classroom, ClassroomPatch, ClassroomStatus, SpaceType } from '../api/models';
import { useAction } from '../useAction';
import { ErrorMessage } from './ErrorMessage';
import { InputField, Notice, SelectField, SubmitButton } from './fields';

interface Props {
  classroom: Classroom;
  /** Build year and budget come from the programme's records: only administrators change them. */
  isAdmin: boolean;
  onSave: (patch: ClassroomPatch) => Promise<void>;
}

export function ClassroomForm({ classroom, isAdmin, onSave }: Props) {
  const [area, setArea] = useState(classroom.floorAreaUnits?.toString() ?? '');
  const [spaceType, setSpaceType] = useState<SpaceType>(classroom.spaceType);
  const [status, setStatus] = useState<ClassroomStatus>(classroom.status);
  const [buildYear, setBuildYear] = useState(String(classroom.buildYear));
  const [budget, setBudget] = useState(String(classroom.budgetKrw));
  const { busy: saving, error, setError, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch: ClassroomPatch = {};
    if (area !== '' && Number(area) !== classroom.floorAreaUnits) patch.floorAreaUnits = Number(area);
    if (spaceType !== classroom.spaceType) patch.spaceType = spaceType;
    if (status !== classroom.status) patch.status = status;
    if (isAdmin && buildYear !== '' && Number(buildYear) !== classroom.buildYear) patch.buildYear = Number(buildYear);
    if (isAdmin && budget !== '' && Number(budget) !== classroom.budgetKrw) patch.budgetKrw = Number(budget);
    setError(null);
    setNotice(null);
    if (Object.keys(patch).length === 0) {
      setNotice('변경된 내용이 없습니다.');
      return;
    }
    await run(async () => {
      await onSave(patch);
      setNotice('저장했습니다.');
    });
  }

  return (
    <form className="form-grid" aria-label="AI 교실 정보 수정" onSubmit={submit}>
      <InputField
        id="classroom-area"
        label="면적(교실 수)"
        type="number"
        inputMode="decimal"
        min={0.1}
        max={20}
        step={0.1}
        value={area}
        onChange={(e) => setArea(e.target.value)}
        hint={`일반 교실 1실 = 1. 기준은 ${classroom.minimumFloorAreaUnits}실 이상입니다.`}
      />
      <SelectField id="classroom-space" label="공간 유형" options={SPACE_TYPE_LABEL} value={spaceType} onChange={setSpaceType} />
      <SelectField id="classroom-status" label="운영 상태" options={STATUS_LABEL} value={status} onChange={setStatus} />
      {isAdmin && (
        <>
          <InputField id="classroom-year" label="구축 연도" type="number" min={2021} max={2100} step={1} value={buildYear} onChange={(e) => setBuildYear(e.target.value)} />
          <InputField id="classroom-budget" label="구축 예산(원)" type="number" min={0} step={1} value={budget} onChange={(e) => setBudget(e.target.value)} />
        </>
      )}
      <div className="form-actions">
        <SubmitButton busy={saving} busyLabel="저장 중…">
          교실 정보 저장
        </SubmitButton>
        <Notice text={notice} />
      </div>
      <ErrorMessage error={error} title="교실 정보를 저장하지 못했습니다." />
    </form>
  );
}
