import { formatKrw, SPACE_TYPE_LABEL, STATUS_LABEL } from '../labels';
import type { Classroom } from '../api/models';

export function ClassroomFlags({ classroom }: { classroom: Classroom }) {
  const { flags, minimumFloorAreaUnits } = classroom;
  const items: string[] = [];
  if (flags.areaBelowMinimum) items.push(`면적 ${minimumFloorAreaUnits}실 미만`);
  if (flags.areaUnknown) items.push('면적 미입력');
  if (flags.noClubThisYear) items.push('올해 동아리 없음');
  return (
    <ul className="flag-list" data-testid="classroom-flags" aria-label="확인 필요 사항">
      {items.length === 0 ? (
        <li className="badge badge-ok">확인 필요 사항 없음</li>
      ) : (
        items.map((text) => (
          <li key={text} className="badge badge-warning">
            <span aria-hidden="true">⚠ </span>
            {text}
          </li>
        ))
      )}
    </ul>
  );
}

export function ClassroomFacts({ classroom }: { classroom: Classroom }) {
  return (
    <dl className="facts" data-testid="classroom-facts">
      <div>
        <dt>구축 연도</dt>
        <dd>{classroom.buildYear}년</dd>
      </div>
      <div>
        <dt>구축 예산</dt>
        <dd>{formatKrw(classroom.budgetKrw)}</dd>
      </div>
      <div>
        <dt>면적(교실 수)</dt>
        <dd>
          {classroom.floorAreaUnits === null ? '미입력' : `${classroom.floorAreaUnits}실`}
          <span className="muted small"> (기준 {classroom.minimumFloorAreaUnits}실 이상)</span>
        </dd>
      </div>
      <div>
        <dt>공간 유형</dt>
        <dd>{SPACE_TYPE_LABEL[classroom.spaceType] ?? classroom.spaceType}</dd>
      </div>
      <div>
        <dt>운영 상태</dt>
        <dd>{STATUS_LABEL[classroom.status] ?? classroom.status}</dd>
      </div>
    </dl>
  );
}
