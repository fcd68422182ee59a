import type {
  ApplicationStatus,
  BadgeStatus,
  CallPhase,
  ClassroomStatus,
  CredentialText,
  DeliveryMode,
  DesignationStatus,
  DistrictOffice,
  DuplicatePolicy,
  EquipmentCategory,
  EquipmentCondition,
  ExclusionReason,
  ParticipantKind,
  Role,
  SchoolLevel,
  SpaceType,
  TrainingLevel,
} from './api/models';
// Formatters the phone links need too live in format.ts, so their bundle does not carry these labels.
export { formatBytes, formatDate, formatDateTime, formatSeoulLongDate, formatSeoulMinute, formatSeoulSecond } from './format';
import { formatDate } from './format';

export const ROLE_LABEL: Record<Role, string> = {
  city_admin: '교육청 관리자',
  district_admin: '교육지원청 관리자',
  principal: '학교장',
  teacher: '교원',
};

/** A role in Korean; a role the app does not know as it is. */
export const roleLabel = (role: string): string => ROLE_LABEL[role as Role] ?? role;

export const LEVEL_LABEL: Record<SchoolLevel, string> = {
  elementary: '초등학교',
  middle: '중학교',
  high: '고등학교',
  special: '특수학교',
};

// The same wording as the XLSX export.
export const SPACE_TYPE_LABEL: Record<SpaceType, string> = {
  inquiry_play: '탐구활동·놀이 공간',
  problem_solving: '문제해결 공간',
  creativity: '창의신장 공간',
};

export const STATUS_LABEL: Record<ClassroomStatus, string> = {
  planned: '계획',
  under_construction: '구축 중',
  operating: '운영 중',
  suspended: '운영 중지',
  closed: '폐쇄',
};

export const CATEGORY_LABEL: Record<EquipmentCategory, string> = {
  robot_kit: '로봇 키트',
  coding_kit: '코딩 키트',
  physical_computing_kit: '피지컬 컴퓨팅 키트',
  tablet: '태블릿',
  laptop: '노트북',
  display: '디스플레이',
  '3d_printer': '3D 프린터',
  ai_speaker: 'AI 스피커',
  drone: '드론',
  other: '기타',
};

export const CONDITION_LABEL: Record<EquipmentCondition, string> = {
  good: '양호',
  needs_repair: '수리 필요',
  broken: '고장',
  disposed: '폐기',
};

/** The classroom history's actions (`create`, `update`, `delete`). */
export const ACTION_LABEL: Record<string, string> = {
  create: '등록',
  update: '수정',
  delete: '삭제',
};

/** The records of the classroom history. */
export const ENTITY_LABEL: Record<string, string> = {
  classroom: 'AI 교실',
  equipment_item: '기자재',
  ai_club: 'AI 동아리',
};

/** Korean names of the fields the API reports in errors and in the change history. */
export const FIELD_LABEL: Record<string, string> = {
  email: '이메일',
  password: '비밀번호',
  q: '검색어',
  level: '학교급',
  district: '자치구',
  districtOffice: '교육지원청',
  hasAiClassroom: 'AI 교실 보유',
  page: '페이지',
  pageSize: '페이지 크기',
  floorAreaUnits: '면적(교실 수)',
  spaceType: '공간 유형',
  status: '운영 상태',
  buildYear: '구축 연도',
  budgetKrw: '예산(원)',
  category: '분류',
  name: '이름',
  quantity: '수량',
  assetTag: '자산 번호',
  serialNumber: '일련번호',
  purchaseDate: '구입일',
  costKrw: '구입 금액(원)',
  condition: '상태',
  lastAuditDate: '최근 점검일',
  nextAuditDate: '다음 점검일',
  schoolYear: '학년도',
  members: '인원',
  // 선도학교·연구학교 지정
  type: '지정 유형',
  code: '코드',
  description: '설명',
  title: '공모명',
  termStart: '지정 기간 시작일',
  termEnd: '지정 기간 종료일',
  eligibleLevels: '대상 학교급',
  opensAt: '접수 시작',
  closesAt: '접수 마감',
  quota: '정원',
  officeQuotas: '교육지원청별 정원',
  office: '교육지원청',
  criteria: '심사 기준',
  maxScore: '만점',
  weight: '가중치',
  requiredAttachments: '필수 첨부 서류',
  recuseOwnOffice: '본인 교육지원청 학교 심사 제외',
  planSummary: '운영 계획 요약',
  attachments: '첨부 서류',
  file: '파일',
  kind: '서류 종류',
  call: '공모',
  schoolLevel: '학교급',
  decision: '결정',
  decisionReason: '결정 사유',
  reason: '사유',
  reviewer: '심사위원',
  reviewerIds: '심사위원',
  scores: '점수',
  score: '점수',
  criterionId: '심사 기준',
  comment: '의견',
  // 교원 연수
  duplicates: '중복 처리',
  courseCodes: '과정 코드',
  titleEn: '영문 과정명',
  deliveryMode: '운영 방식',
  audience: '대상',
  creditHours: '인정 시간',
  provider: '운영 기관',
  prerequisiteLevel: '선수 단계',
  prerequisiteCodes: '선수 과정',
  badgeValidMonths: '배지 유효 기간(개월)',
  sessions: '차수',
  startsOn: '시작일',
  endsOn: '종료일',
  capacity: '정원',
  // 지정 평가·지원
  evaluatedOn: '평가일',
  outcome: '평가 결과',
  renewedTermEnd: '재지정 종료일',
  notes: '비고',
  schoolId: '학교',
  designationId: '지정',
  amountKrw: '예산(원)',
  staffCount: '인원',
  grantedOn: '지원일',
};

/**
 * A field name in Korean; nested paths from the API such as `criteria.1.maxScore` read
 * "심사 기준 2번째 만점". `overrides` names a page's own fields (where e.g. `title` is not 공모명).
 */
export function fieldLabel(field: string, overrides: Readonly<Record<string, string>> = {}): string {
  const label = (name: string): string | undefined => overrides[name] ?? FIELD_LABEL[name];
  if (label(field)) return label(field)!;
  if (!field.includes('.')) return field;
  return field
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `${Number(part) + 1}번째` : (label(part) ?? part)))
    .join(' ');
}

const ENUM_LABELS: Record<string, Record<string, string>> = {
  spaceType: SPACE_TYPE_LABEL,
  status: STATUS_LABEL,
  category: CATEGORY_LABEL,
  condition: CONDITION_LABEL,
  level: LEVEL_LABEL,
};

/** Years and identifiers are printed without thousands separators. */
const PLAIN_NUMBER_FIELDS = new Set(['schoolYear', 'buildYear', 'id', 'schoolId']);

/** One field value as a person reads it: enum codes in Korean, money with separators, blanks as 없음. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(없음)';
  const labels = ENUM_LABELS[field];
  if (labels && typeof value === 'string') return labels[value] ?? value;
  if (typeof value === 'number') {
    if (field.endsWith('Krw')) return formatKrw(value);
    return PLAIN_NUMBER_FIELDS.has(field) ? String(value) : value.toLocaleString('ko-KR');
  }
  if (typeof value === 'boolean') return value ? '예' : '아니요';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export const formatKrw = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : `${value.toLocaleString('ko-KR')}원`;

/** A ratio as a percentage; '-' when there is none (e.g. a coverage without schools). */
export const formatPercent = (ratio: number | null, digits = 1): string => (ratio === null ? '-' : `${(ratio * 100).toFixed(digits)}%`);


// ---------- 조례 제5조 선도학교·연구학교 지정 ----------

export const PHASE_LABEL: Record<CallPhase, string> = {
  upcoming: '접수 예정',
  open: '접수 중',
  closed: '마감',
};

export const APPLICATION_STATUS_LABEL: Record<ApplicationStatus, string> = {
  draft: '작성 중',
  submitted: '제출 완료',
  withdrawn: '철회',
  designated: '지정',
  rejected: '미지정',
};

export const DESIGNATION_STATUS_LABEL: Record<DesignationStatus, string> = {
  active: '지정 중',
  ended: '기간 종료',
  revoked: '지정 취소',
};

export const EXCLUSION_LABEL: Record<ExclusionReason, string> = {
  own_office: '본인 교육지원청 학교',
  recused: '회피 신고',
  not_assigned: '심사위원으로 배정되지 않음',
};

/** Attachment kinds the UI knows by name; any other lowercase code is shown as it is. */
export const ATTACHMENT_KIND_LABEL: Record<string, string> = {
  operating_plan: '운영 계획서',
  other: '기타 자료',
};

export const attachmentKindLabel = (kind: string): string => ATTACHMENT_KIND_LABEL[kind] ?? kind;

/** What happened to an application, as the history shows it. */
export const APPLICATION_ACTION_LABEL: Record<string, string> = {
  create: '신청서 작성',
  update: '계획 수정',
  attach: '서류 첨부',
  submit: '제출',
  withdraw: '철회',
  recuse: '회피 신고',
  score: '채점',
  decide: '지정 결정',
};


/** A term from its first to its last day: 2026. 3. 1. (일) ~ 2027. 2. 28. (일) */
export const formatTerm = (start: string, end: string): string => `${formatDate(start)} ~ ${formatDate(end)}`;

/** School years as select options, keyed `y2026` (keys that look like numbers would be ordered first). */
export const schoolYearOptions = (years: readonly (number | string)[]): Record<string, string> =>
  Object.fromEntries(years.map((y) => [`y${y}`, `${y}학년도`]));

/** District offices as select options: code → name. */
export const officeOptions = (offices: readonly DistrictOffice[]): Record<string, string> => Object.fromEntries(offices.map((o) => [o.code, o.name]));

/** A district office's name, or its code when the office is unknown. */
export const officeName = (offices: readonly DistrictOffice[] | undefined, code: string): string => offices?.find((o) => o.code === code)?.name ?? code;

export const formatScore = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : value.toLocaleString('ko-KR', { maximumFractionDigits: 2 });




export const levelList = (levels: readonly string[]): string =>
  levels.map((l) => LEVEL_LABEL[l as keyof typeof LEVEL_LABEL] ?? l).join(', ');

// ---------- 조례 제7조 교원 연수 · 디지털 배지 ----------

export const TRAINING_LEVEL_LABEL: Record<TrainingLevel, string> = {
  basic: '기본',
  applied: '활용',
  advanced: '심화',
  expert: '전문가',
};

export const TRAINING_LEVELS = Object.keys(TRAINING_LEVEL_LABEL) as TrainingLevel[];

export const DELIVERY_MODE_LABEL: Record<DeliveryMode, string> = {
  in_person: '대면',
  remote: '원격',
  blended: '혼합',
  on_site: '찾아가는',
};

export const PARTICIPANT_KIND_LABEL: Record<ParticipantKind, string> = {
  teacher: '교원',
  staff: '직원',
  parent: '학부모',
};

export const BADGE_STATUS_LABEL: Record<BadgeStatus | 'invalid', string> = {
  valid: '유효',
  expired: '만료',
  revoked: '취소',
  invalid: '검증 실패',
};

/** The completion file's columns by their English header, named as the Korean headers the import also accepts. */
export const COMPLETION_COLUMN_LABEL: Record<string, string> = {
  participant_id: '식별번호',
  name: '성명',
  email: '이메일',
  kind: '구분',
  neis_school_code: '학교코드',
  course_code: '과정코드',
  session_code: '차수',
  completed_on: '이수일',
  hours: '이수시간',
};

export const DUPLICATE_POLICY_LABEL: Record<DuplicatePolicy, string> = {
  skip: '건너뛰기',
  replace: '덮어쓰기',
  reject: '파일 거부',
};

/** What each duplicate policy does with a completion already on file (same person, course and session). */
export const DUPLICATE_POLICY_HELP: Record<DuplicatePolicy, string> = {
  skip: '파일의 그 행은 건너뛰고 기존 기록을 그대로 둡니다.',
  replace: '기존 기록을 파일의 내용(이수일·이수시간)으로 바꿉니다.',
  reject: '파일 전체를 거부하고 아무것도 등록하지 않습니다.',
};

/** A level code in Korean, or the code itself when unknown. */
export const trainingLevel = (level: string | null | undefined): string =>
  level ? (TRAINING_LEVEL_LABEL[level as TrainingLevel] ?? level) : '-';

export const deliveryMode = (mode: string): string => DELIVERY_MODE_LABEL[mode as DeliveryMode] ?? mode;


/** Hours with at most one decimal: 12.5시간 */
export const formatHours = (hours: number): string => `${hours.toLocaleString('ko-KR', { maximumFractionDigits: 1 })}시간`;

/** Text from a credential (a string, or JSON-LD language values): the Korean value first. */
export function credentialText(value: CredentialText): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return String(value);
  const ko = value.find((v) => v['@language'] === 'ko') ?? value[0];
  return ko?.['@value'] ?? '';
}
