import { Injectable } from '@nestjs/common';
import { AuthUser, buildWorkbook, SheetColumn } from '@app/core';
import { SCHOOL_LEVEL_KO, SchoolLevel } from '@app/schools/school-level';
import { DesignationsService } from './designations.service';
import { RankingRow, ReviewService } from './review.service';

const STATUS_KO: Record<string, string> = { submitted: '제출', designated: '지정', rejected: '미지정', active: '지정 중', ended: '종료', revoked: '취소' };

const RANKING_COLUMNS: SheetColumn[] = [
  { header: '순위', key: 'rank', width: 6 },
  { header: '교육지원청 내 순위', key: 'rankInOffice', width: 10 },
  { header: '학교명', key: 'schoolName', width: 24 },
  { header: '학교급', key: 'schoolLevel', width: 10 },
  { header: '교육지원청', key: 'districtOfficeName', width: 18 },
  { header: '심사위원 수', key: 'reviewers', width: 10 },
  { header: '평균 점수', key: 'meanTotal', width: 10 },
  { header: '최저', key: 'minTotal', width: 8 },
  { header: '최고', key: 'maxTotal', width: 8 },
  { header: '편차(최고-최저)', key: 'spread', width: 12 },
  { header: '상태', key: 'status', width: 8 },
];

const DESIGNATED_COLUMNS: SheetColumn[] = [
  { header: '학교명', key: 'schoolName', width: 24 },
  { header: '학교급', key: 'schoolLevel', width: 10 },
  { header: '자치구', key: 'district', width: 10 },
  { header: '교육지원청', key: 'districtOfficeName', width: 18 },
  { header: '지정 기간 시작', key: 'termStart', width: 12 },
  { header: '지정 기간 끝', key: 'termEnd', width: 12 },
  { header: '상태', key: 'status', width: 8 },
];

const level = (l: string) => SCHOOL_LEVEL_KO[l as SchoolLevel] ?? l;

@Injectable()
export class DesignationExport {
  constructor(
    private readonly review: ReviewService,
    private readonly designations: DesignationsService,
  ) {}

  async ranking(callId: number, user: AuthUser): Promise<Buffer> {
    const rows = await this.review.ranking(callId, user);
    const sheetRow = (r: RankingRow) => ({ ...r, schoolLevel: level(r.schoolLevel), status: STATUS_KO[r.status] ?? r.status });
    const offices = [...new Set(rows.map((r) => r.districtOfficeName))];
    return buildWorkbook([
      { name: '전체 순위', columns: RANKING_COLUMNS, rows: rows.map(sheetRow) },
      ...offices.map((o) => ({ name: o, columns: RANKING_COLUMNS, rows: rows.filter((r) => r.districtOfficeName === o).map(sheetRow) })),
    ]);
  }

  /** The schools designated now, one sheet per designation type. */
  async designated(user: AuthUser, type?: string): Promise<Buffer> {
    const { items } = await this.designations.list(user, { type, status: 'active', page: 1, pageSize: 100_000 });
    const types = [...new Set(items.map((d) => d.typeName))];
    return buildWorkbook(
      (types.length ? types : ['지정 학교']).map((t) => ({
        name: t,
        columns: DESIGNATED_COLUMNS,
        rows: items.filter((d) => d.typeName === t).map((d) => ({ ...d, schoolLevel: level(d.schoolLevel), status: STATUS_KO[d.status] })),
      })),
    );
  }
}
