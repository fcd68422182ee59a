/*
 * The monthly review of the access log (개인정보의 안전성 확보조치 기준 제8조 ②: 월 1회 이상 점검):
 * what the privacy officer should look at, per account and kind. No Nest and no SQL here; the
 * review service counts the month's records in SQL with these rules' parameters and this module
 * decides what is a flag and says why in Korean.
 */

export const REVIEW_KINDS = ['many_subjects', 'outside_scope', 'outside_hours', 'bulk_download'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const REVIEW_KIND_KO: Record<ReviewKind, string> = {
  many_subjects: '많은 학생 조회',
  outside_scope: '소속 밖 조회',
  outside_hours: '업무 시간 외 조회',
  bulk_download: '대량 내려받기',
};

/** Working hours in Seoul, Monday to Friday: [07:00, 21:00). Public holidays are not known here. */
export const WORK_HOURS = { start: 7, end: 21 } as const;

export interface ReviewLimits {
  /** More distinct students read in the month than this is `many_subjects` (PRIVACY_REVIEW_MANY_SUBJECTS). */
  manySubjects: number;
  /** A download about at least this many people is `bulk_download` (PRIVACY_REASON_THRESHOLD). */
  bulkDownload: number;
}

/** The month's records of one account that match one kind's row rule, as SQL counted them. */
export interface KindStats {
  kind: ReviewKind;
  actorId: string;
  actorEmail: string | null;
  actorName: string | null;
  actorRole: string | null;
  /** Records matching the kind's row rule. */
  records: number;
  /** Distinct subjects in them (for downloads above 1,000 ids: at least the largest file's count). */
  subjects: number;
  firstAt: string;
  lastAt: string;
  /** outside_scope: the other schools read; bulk_download: the largest file's subject count. */
  schools?: number;
  largest?: number;
}

export interface ReviewFlag {
  kind: ReviewKind;
  actorId: string;
  actorEmail: string | null;
  actorName: string | null;
  actorRole: string | null;
  /** Records behind the flag. */
  count: number;
  /** Distinct people whose data they concern. */
  subjects: number;
  firstAt: string;
  lastAt: string;
  /** Why it is flagged, in Korean. */
  detail: string;
}

/** Whether an instant falls outside working hours in Seoul (before 07:00, from 21:00, or a Saturday or Sunday). */
export function outsideWorkingHours(at: Date): boolean {
  // Seoul has kept +09:00 all year since 1988.
  const seoul = new Date(at.getTime() + 9 * 3600_000);
  const day = seoul.getUTCDay();
  const hour = seoul.getUTCHours();
  return day === 0 || day === 6 || hour < WORK_HOURS.start || hour >= WORK_HOURS.end;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** A Seoul calendar month: its first and last days (YYYY-MM-DD) and the instants bounding it [from, to). */
export function monthRange(month: string): { firstDay: string; lastDay: string; from: Date; to: Date } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  const lastDate = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return {
    firstDay: `${month}-01`,
    lastDay: `${month}-${String(lastDate).padStart(2, '0')}`,
    from: new Date(`${month}-01T00:00:00+09:00`),
    to: new Date(`${next}-01T00:00:00+09:00`),
  };
}

/** The month before the Seoul month of `today` (YYYY-MM-DD): what the scheduled review on the 1st covers. */
export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const fmt = (n: number) => n.toLocaleString('ko-KR');

/** The flags of the month from the counted stats: `many_subjects` above its limit, every other kind as soon as it occurs. */
export function reviewFlags(stats: readonly KindStats[], limits: ReviewLimits): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  for (const s of stats) {
    if (s.records <= 0) continue;
    let detail: string;
    switch (s.kind) {
      case 'many_subjects':
        if (s.subjects <= limits.manySubjects) continue;
        detail = `한 달 동안 학생 ${fmt(s.subjects)}명의 개인정보를 조회했습니다(기준 ${fmt(limits.manySubjects)}명 초과, ${fmt(s.records)}건).`;
        break;
      case 'outside_scope':
        detail = `소속 ${s.actorRole === 'district_admin' ? '교육지원청' : '학교'} 밖 학교 ${fmt(s.schools ?? 1)}곳의 개인정보를 ${fmt(s.records)}건 조회·처리했습니다.`;
        break;
      case 'outside_hours':
        detail = `업무 시간(평일 ${String(WORK_HOURS.start).padStart(2, '0')}:00–${WORK_HOURS.end}:00) 밖에 개인정보를 ${fmt(s.records)}건 조회·처리했습니다.`;
        break;
      case 'bulk_download':
        detail = `${fmt(limits.bulkDownload)}명 이상의 개인정보가 담긴 파일을 ${fmt(s.records)}번 내려받았습니다(가장 큰 파일 ${fmt(s.largest ?? s.subjects)}명).`;
        break;
    }
    flags.push({
      kind: s.kind, actorId: s.actorId, actorEmail: s.actorEmail, actorName: s.actorName, actorRole: s.actorRole,
      count: s.records, subjects: s.subjects, firstAt: s.firstAt, lastAt: s.lastAt, detail,
    });
  }
  const order = (k: ReviewKind) => REVIEW_KINDS.indexOf(k);
  return flags.sort((a, b) => order(a.kind) - order(b.kind) || b.subjects - a.subjects || b.count - a.count || (a.actorEmail ?? '').localeCompare(b.actorEmail ?? ''));
}
