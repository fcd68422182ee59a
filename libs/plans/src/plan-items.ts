/**
 * 조례 제4조 ②: what the basic plan contains. Items 1–7 must be written before the plan is
 * adopted; item 8 (기타) may stay empty.
 */
export const PLAN_ITEMS = [
  { item: 1, name: '인공지능 교육의 기본 방향 및 목표' },
  { item: 2, name: '인공지능 교육 추진 전략 및 세부 과제' },
  { item: 3, name: '학교급별 인공지능 교육과정 연계 방안' },
  { item: 4, name: '인공지능 교육 교재 및 프로그램 개발·보급' },
  { item: 5, name: '교원의 인공지능 교육 역량 강화를 위한 연수' },
  { item: 6, name: '인공지능 교육 관련 조사·연구 및 우수 사례 발굴' },
  { item: 7, name: '인공지능 교육을 위한 시설·설비 및 교구 지원' },
  { item: 8, name: '그 밖에 인공지능 교육 활성화를 위하여 필요한 사항' },
] as const;

export const PLAN_ITEM_NUMBERS = PLAN_ITEMS.map((i) => i.item);
/** Items that must have content before adoption. */
export const REQUIRED_ITEMS = [1, 2, 3, 4, 5, 6, 7];
/** A basic plan covers five school years (제4조 ①). */
export const PLAN_YEARS = 5;

export const PLAN_STATUSES = ['draft', 'adopted', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Items 1–7 with no content, as the field paths a client shows beside them. */
export function missingItems(items: Record<string, string>): number[] {
  return REQUIRED_ITEMS.filter((n) => !(items[String(n)] ?? '').trim());
}
