import { buildWorkbook, koreanDateTime } from '@app/core';
import type { UserView } from './users.service';

export const ROLE_KO: Record<string, string> = { city_admin: '교육청 관리자', district_admin: '교육지원청 관리자', principal: '학교장', teacher: '교원' };
const STATUS_KO: Record<string, string> = { active: '사용', disabled: '사용 중지' };

const seoul = (iso: string | null) => (iso ? koreanDateTime(iso) : '');

export function usersWorkbook(users: UserView[]): Promise<Buffer> {
  return buildWorkbook([
    {
      name: '사용자 목록',
      columns: [
        { header: '이름', key: 'name', width: 14 },
        { header: '이메일(아이디)', key: 'email', width: 30 },
        { header: '역할', key: 'role', width: 16 },
        { header: '학교', key: 'schoolName', width: 24 },
        { header: 'NEIS 학교코드', key: 'schoolCode', width: 14 },
        { header: '교육지원청', key: 'districtOffice', width: 20 },
        { header: '교원번호', key: 'teacherNumber', width: 16 },
        { header: '상태', key: 'status', width: 10 },
        { header: '활성화', key: 'activated', width: 10 },
        { header: '마지막 로그인', key: 'lastLoginAt', width: 22 },
        { header: '등록일', key: 'createdAt', width: 22 },
        { header: '등록자', key: 'createdBy', width: 14 },
      ],
      rows: users.map((u) => ({
        ...u,
        role: ROLE_KO[u.role],
        status: STATUS_KO[u.status],
        activated: u.activated ? '완료' : '대기',
        lastLoginAt: seoul(u.lastLoginAt),
        createdAt: seoul(u.createdAt),
        createdBy: u.createdBy?.name ?? '',
      })),
    },
  ]);
}

export function activationLinksWorkbook(links: (UserView & { activationUrl: string; activationExpiresAt: string })[]): Promise<Buffer> {
  return buildWorkbook([
    {
      name: '활성화 링크',
      columns: [
        { header: '학교', key: 'schoolName', width: 24 },
        { header: 'NEIS 학교코드', key: 'schoolCode', width: 14 },
        { header: '이름', key: 'name', width: 14 },
        { header: '교원번호', key: 'teacherNumber', width: 16 },
        { header: '이메일(아이디)', key: 'email', width: 30 },
        { header: '역할', key: 'role', width: 12 },
        { header: '활성화 링크', key: 'activationUrl', width: 70 },
        { header: '링크 만료', key: 'activationExpiresAt', width: 22 },
      ],
      rows: links.map((l) => ({ ...l, role: ROLE_KO[l.role], activationExpiresAt: seoul(l.activationExpiresAt) })),
    },
  ]);
}
