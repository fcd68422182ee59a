import { buildWorkbook, SheetSpec, SuppressionResult } from '@app/core';
import type { LiteracyTrendDto } from '../equating/equating.dto';
import type { GroupFigures } from './literacy-groups';

type Shown = SuppressionResult<GroupFigures, 'key' | 'name'>;

const WITHHELD = '비공개 (5명 미만)';

/** A sheet of groups: n, mean, SD, level shares and area means; withheld groups keep only their name. */
export function groupSheet(name: string, label: string, groups: (Shown | null)[], levels: string[], areas: Record<string, string>): SheetSpec {
  const areaCodes = Object.keys(areas);
  return {
    name,
    columns: [
      { header: label, key: 'name', width: 24 },
      { header: '학생 수', key: 'n', width: 10 },
      { header: '평균 (%)', key: 'mean', width: 10 },
      { header: '표준편차', key: 'sd', width: 10 },
      ...levels.map((l) => ({ header: `${l} (명)`, key: `level:${l}`, width: 10 })),
      ...areaCodes.map((c) => ({ header: `${areas[c]} 평균 (%)`, key: `area:${c}`, width: 14 })),
    ],
    rows: groups
      .filter((g): g is Shown => g !== null)
      .map((g) =>
        g.suppressed
          ? { name: g.name, n: WITHHELD }
          : {
              name: g.name, n: g.n, mean: g.mean, sd: g.sd,
              ...Object.fromEntries(levels.map((l) => [`level:${l}`, g.levels[l] ?? 0])),
              ...Object.fromEntries(areaCodes.map((c) => [`area:${c}`, g.areas[c] ?? null])),
            },
      ),
  };
}

/** The grade's trend on the common scale: one row per assessment (school year), mean scale score, SE and level shares. */
export function trendSheet(trend: LiteracyTrendDto): SheetSpec {
  const levels = trend.scale?.cuts ?? [];
  const scaleNote = trend.scale ? `척도 점수 = θ × ${trend.scale.slope} + ${trend.scale.intercept} (기준 진단 ${trend.scale.baseAssessmentId})` : '공통 척도 없음 (연계된 진단이 없습니다)';
  return {
    name: '연도별 추이',
    columns: [
      { header: '학년도', key: 'schoolYear', width: 10 },
      { header: '진단', key: 'assessmentName', width: 36 },
      { header: '학생 수', key: 'n', width: 10 },
      { header: '평균 척도 점수', key: 'mean', width: 14 },
      { header: '표준오차', key: 'se', width: 10 },
      { header: '표준편차', key: 'sd', width: 10 },
      ...levels.map((l) => ({ header: `${l.level} 비율 (%)${l.scaleScore === null ? '' : ` [${l.scaleScore}점 이상]`}`, key: `level:${l.level}`, width: 16 })),
      { header: '비고', key: 'note', width: 40 },
    ],
    rows: [
      ...trend.points.map((p) =>
        p.suppressed
          ? { schoolYear: p.schoolYear, assessmentName: p.assessmentName, n: WITHHELD }
          : {
              schoolYear: p.schoolYear, assessmentName: p.assessmentName, n: p.n, mean: p.mean, se: p.se, sd: p.sd,
              ...Object.fromEntries((p.levels ?? []).map((l) => [`level:${l.level}`, Math.round(l.proportion * 1000) / 10])),
              note: p.linked ? '앵커 문항 연계' : '기준 진단',
            },
      ),
      { schoolYear: '', assessmentName: scaleNote },
    ],
  };
}

export interface ItemRow {
  id: string;
  area: string;
  dropped: boolean;
  facility: number | null;
  discrimination?: number | null;
  flags?: string[];
  difficulty?: number | null;
}

export function itemSheet(items: ItemRow[], areas: Record<string, string>, withCityColumns = true): SheetSpec {
  return {
    name: '문항 분석',
    columns: [
      { header: '문항', key: 'id', width: 10 },
      { header: '역량 영역', key: 'area', width: 16 },
      { header: '정답률 (난이도 지수)', key: 'facility', width: 16 },
      ...(withCityColumns ? [
        { header: '변별도 (문항-나머지 상관)', key: 'discrimination', width: 20 },
        { header: 'Rasch 난이도 (logit)', key: 'difficulty', width: 18 },
        { header: '검토 필요', key: 'flags', width: 24 },
      ] : []),
      { header: '채점 제외', key: 'dropped', width: 10 },
    ],
    rows: items.map((i) => ({
      id: i.id, area: areas[i.area] ?? i.area, facility: i.facility, discrimination: i.discrimination ?? null, difficulty: i.difficulty ?? null,
      flags: (i.flags ?? []).map((f) => FLAG_LABEL[f] ?? f).join(', '), dropped: i.dropped ? '제외' : '',
    })),
  };
}

const FLAG_LABEL: Record<string, string> = { 'low-discrimination': '변별도 낮음', 'too-easy': '너무 쉬움', 'too-hard': '너무 어려움', 'no-variance': '점수 변화 없음', 'no-answers': '응답 없음' };

export function workbook(sheets: SheetSpec[]): Promise<Buffer> {
  return buildWorkbook(sheets);
}
