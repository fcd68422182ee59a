// Korean words of the 조례 이행 pages (제4조 기본계획·시행계획, 제8조 우수사례·학습공동체, 제10조 표창).
// No imports beyond types, so the public gallery (respond.html) carries only what it uses.
import type { CaseArea, CaseStatus, CommendationStatus, IndicatorUnit, NomineeKind, PlanStatus, ProgressStatus } from '../../api/models/ordinance';

export const ordinancePaths = {
  plans: '/plans',
  plan: (id: number) => `/plans/${id}`,
  year: (id: number, year: number) => `/plans/${id}/years/${year}`,
  cases: '/cases',
  /** The public gallery: a document of its own (respond.html, public-paths.ts), no login. */
  publicCases: '/cases/public',
  communities: '/communities',
  community: (id: number) => `/communities/${id}`,
  commendations: '/commendations',
};

/** The eight items of 조례 제4조 ② (the api names them too; this is for forms before an answer). */
export const PLAN_ITEM_NAMES: Record<number, string> = {
  1: '인공지능 교육의 기본 방향 및 목표',
  2: '인공지능 교육 추진 전략 및 세부 과제',
  3: '학교급별 인공지능 교육과정 연계 방안',
  4: '인공지능 교육 교재 및 프로그램 개발·보급',
  5: '교원의 인공지능 교육 역량 강화를 위한 연수',
  6: '인공지능 교육 관련 조사·연구 및 우수 사례 발굴',
  7: '인공지능 교육을 위한 시설·설비 및 교구 지원',
  8: '그 밖에 인공지능 교육 활성화를 위하여 필요한 사항',
};

export const PLAN_STATUS_LABEL: Record<PlanStatus, string> = { draft: '작성 중', adopted: '확정', superseded: '개정으로 대체됨' };
export const PLAN_STATUS_BADGE: Record<PlanStatus, string> = { draft: 'badge badge-warning', adopted: 'badge badge-ok', superseded: 'badge' };

export const PROGRESS_LABEL: Record<ProgressStatus, string> = { on_track: '정상', at_risk: '주의', behind: '지연' };
export const PROGRESS_BADGE: Record<ProgressStatus, string> = { on_track: 'badge badge-ok', at_risk: 'badge badge-warning', behind: 'badge badge-danger' };

export const UNIT_LABEL: Record<IndicatorUnit, string> = { ratio: '비율', count: '건수', krw: '금액(원)', hours: '시간', score: '점수' };

/** A value in its unit: 23.4%, 1,234, 1,000,000원, 12시간, 65.2점. */
export function formatIndicator(value: number | null | undefined, unit: IndicatorUnit): string {
  if (value === null || value === undefined) return '-';
  switch (unit) {
    case 'ratio':
      return `${(value * 100).toLocaleString('ko-KR', { maximumFractionDigits: 1 })}%`;
    case 'krw':
      return `${Math.round(value).toLocaleString('ko-KR')}원`;
    case 'hours':
      return `${value.toLocaleString('ko-KR', { maximumFractionDigits: 1 })}시간`;
    case 'score':
      return `${value.toLocaleString('ko-KR', { maximumFractionDigits: 1 })}점`;
    default:
      return value.toLocaleString('ko-KR', { maximumFractionDigits: 2 });
  }
}

export const krw = (value: number): string => `${value.toLocaleString('ko-KR')}원`;

export const SCHOOL_LEVEL_LABEL: Record<'elementary' | 'middle' | 'high' | 'special', string> = { elementary: '초등학교', middle: '중학교', high: '고등학교', special: '특수학교' };
export const levelLabel = (level: string): string => SCHOOL_LEVEL_LABEL[level as keyof typeof SCHOOL_LEVEL_LABEL] ?? level;

export const CASE_AREA_LABEL: Record<CaseArea, string> = { lesson: '수업', club: '동아리', community: '학습공동체', environment: '환경 구축', other: '기타' };
export const CASE_STATUS_LABEL: Record<CaseStatus, string> = { submitted: '검토 대기', returned: '보완 요청', reviewed: '검토 완료(게시 대기)', published: '공개' };
export const CASE_STATUS_BADGE: Record<CaseStatus, string> = { submitted: 'badge badge-info', returned: 'badge badge-warning', reviewed: 'badge badge-info', published: 'badge badge-ok' };

export const NOMINEE_KIND_LABEL: Record<NomineeKind, string> = { teacher: '교원', school: '학교', club: 'AI 동아리', community: '교원 학습공동체' };
export const COMMENDATION_STATUS_LABEL: Record<CommendationStatus, string> = { nominated: '추천', awarded: '표창 결정', declined: '미선정' };
export const COMMENDATION_STATUS_BADGE: Record<CommendationStatus, string> = { nominated: 'badge badge-info', awarded: 'badge badge-ok', declined: 'badge' };
export const EVIDENCE_KIND_LABEL: Record<string, string> = { designation_evaluation: '선도·연구학교 평가', training_badge: '연수 디지털 배지', practice_case: '공개된 우수사례' };

/** The current school year (from March), on Seoul's calendar. */
export function currentSchoolYear(now = new Date()): number {
  const seoul = new Date(now.getTime() + 9 * 3600_000);
  return seoul.getUTCMonth() < 2 ? seoul.getUTCFullYear() - 1 : seoul.getUTCFullYear();
}

/**
 * Who typed in a manual figure: the api gives the account's id only (no name), so this says 본인 for the viewer's
 * own entries and 담당자 otherwise (looking the account up would write a personal-data access record).
 */
export const enteredByText = (enteredBy: string | null, viewer: { id: string; displayName: string }): string =>
  enteredBy === null ? '알 수 없음' : enteredBy === viewer.id ? `${viewer.displayName}(본인)` : '담당자';
