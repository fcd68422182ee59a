import { buildWorkbook } from '@app/core';
import type { ParticipantKind } from '../training-terms';
import type { ParticipantListRow } from './training-records.service';

const KIND_KO: Record<ParticipantKind, string> = { teacher: '교원', staff: '직원', parent: '학부모' };

/** The participants list as people take it to Excel: who, where, and how much they completed. */
export function participantsWorkbook(rows: (ParticipantListRow & { districtOfficeName: string | null })[]): Promise<Buffer> {
  return buildWorkbook([
    {
      name: '연수 참여자',
      columns: [
        { header: '이름', key: 'name', width: 14 },
        { header: '식별번호', key: 'externalId', width: 16 },
        { header: '구분', key: 'kind', width: 8 },
        { header: '학교', key: 'schoolName', width: 26 },
        { header: '교육지원청', key: 'districtOfficeName', width: 20 },
        { header: '이수 과정 수', key: 'completions', width: 12 },
        { header: '이수 시간', key: 'hours', width: 10 },
        { header: '계정 연결', key: 'account', width: 10 },
      ],
      rows: rows.map((r) => ({ ...r, kind: KIND_KO[r.kind as ParticipantKind] ?? r.kind, account: r.userId ? '연결됨' : '없음' })),
    },
  ]);
}
