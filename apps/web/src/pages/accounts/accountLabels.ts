// Korean wording of the account pages: statuses, roles one may give, the API's reasons, audit actions.
import { ApiError, type ErrorDetail } from '../../api';
import { koreanReason, type ReasonRule } from '../../components/FileImport';
import { officeName, ROLE_LABEL } from '../../labels';
import type { Account, AccountStatus, DistrictOffice, Role, User } from '../../api/models';

export const accountPaths = {
  list: '/users',
  create: '/users/new',
  import: '/users/import',
  links: '/users/links',
  audit: '/users/audit',
  me: '/me',
  user: (id: string) => `/users/${encodeURIComponent(id)}`,
  /** The printable slips of a school's or an import's live activation links. */
  linksOf: (q: { schoolId?: number | null; batchId?: number | null }) => {
    const search = new URLSearchParams();
    if (q.schoolId) search.set('schoolId', String(q.schoolId));
    if (q.batchId) search.set('batchId', String(q.batchId));
    const s = search.toString();
    return s ? `/users/links?${s}` : '/users/links';
  },
};

export const ACCOUNT_STATUS_LABEL: Record<AccountStatus, string> = { active: '사용 중', disabled: '사용 중지' };

/** The roles a manager may give (the server's delegation rules): the city all four, an office principals and teachers, a principal teachers. */
export function assignableRoles(user: Pick<User, 'role'>): Role[] {
  switch (user.role) {
    case 'city_admin':
      return ['city_admin', 'district_admin', 'principal', 'teacher'];
    case 'district_admin':
      return ['principal', 'teacher'];
    case 'principal':
      return ['teacher'];
    default:
      return [];
  }
}

/** Role → label for the roles given, in the usual order. */
export const roleOptions = (roles: readonly Role[]): Record<Role, string> => Object.fromEntries(roles.map((r) => [r, ROLE_LABEL[r]])) as Record<Role, string>;

export const isSchoolRole = (role: Role): boolean => role === 'principal' || role === 'teacher';

/** Where an account belongs: its school, its office, or the office of education. */
export function accountPlace(account: Pick<Account, 'role' | 'schoolName' | 'districtOffice'>, offices?: readonly DistrictOffice[]): string {
  if (account.schoolName) return account.schoolName;
  if (account.role === 'district_admin' && account.districtOffice) return officeName(offices, account.districtOffice);
  if (account.role === 'city_admin') return '서울특별시교육청';
  return '-';
}

/** Names of the account forms' fields, for ErrorMessage's list. */
export const ACCOUNT_FIELDS: Record<string, string> = {
  email: '이메일',
  name: '이름',
  role: '역할',
  schoolId: '학교',
  schoolCode: '학교코드',
  districtOffice: '교육지원청',
  teacherNumber: '교원번호',
  status: '상태',
  password: '새 비밀번호',
  currentPassword: '현재 비밀번호',
  newPassword: '새 비밀번호',
  temporaryPassword: '임시 비밀번호',
  method: '초기화 방법',
};

/** The account API's validation reasons in Korean. */
const FIELD_REASONS: ReasonRule[] = [
  [/^email must be an email address$/, () => '이메일 주소 형식이 아닙니다. (예: name@sen.go.kr)'],
  [/^email must be shorter than or equal to (\d+) characters$/, (n) => `이메일은 ${n}자까지입니다.`],
  [/^name must not be empty$/, () => '이름을 입력하세요.'],
  [/^name must be shorter than or equal to (\d+) characters$/, (n) => `이름은 ${n}자까지입니다.`],
  [/must not contain control characters$/, () => '제어 문자를 쓸 수 없습니다.'],
  [/^teacherNumber must be 1-50 letters, digits or hyphens$/, () => '교원번호는 영문자·숫자·하이픈(-)으로 50자까지입니다.'],
  [/^schoolCode must be a 7-digit NEIS school code$/, () => 'NEIS 학교코드는 숫자 7자리입니다.'],
  [/^required for (principal|teacher)/, () => '학교를 고르세요.'],
  [/^required for district_admin$/, () => '교육지원청을 고르세요.'],
  [/^no school with this/, () => '그런 학교가 없습니다.'],
  [/^not allowed for /, () => '이 역할에는 둘 수 없는 값입니다.'],
  [/^Another account already uses this email$/, () => '이미 다른 계정이 쓰는 이메일입니다.'],
  [/^Another account already has this teacher number$/, () => '이미 다른 계정에 등록된 교원번호입니다.'],
  [/^role must be one of/, () => '역할을 고르세요.'],
];

/** The delegation rules (403 ACCOUNT_OUT_OF_REACH) in Korean. */
const RULE_REASONS: Record<string, (reason: string) => string> = {
  manages_accounts: () => '계정을 관리하는 역할이 아닙니다.',
  target_within_reach: () => '관리 범위 밖의 계정입니다. 교육청은 모든 계정을, 교육지원청은 관할 학교의 교장·교원을, 학교장은 우리 학교 교원을 관리합니다.',
  role_within_reach: () => '줄 수 없는 역할입니다.',
  scope_within_reach: (reason) => (reason.includes('own school') ? '우리 학교에만 둘 수 있습니다.' : '관할 교육지원청의 학교에만 둘 수 있습니다.'),
  not_self: (reason) => (reason.includes('auth/password') ? '자기 비밀번호는 내 정보에서 바꾸세요.' : '자기 계정은 사용 중지하거나 역할·소속·이메일을 바꿀 수 없습니다. 다른 관리자에게 요청하세요.'),
};

/** A detail of an account error in Korean, or undefined to keep the server's (already Korean) wording. */
export function describeAccountDetail(detail: ErrorDetail): string | undefined {
  const reason = detail.reason ?? '';
  if (detail.rule && RULE_REASONS[detail.rule]) return RULE_REASONS[detail.rule](reason);
  return koreanReason(reason, FIELD_REASONS) ?? undefined;
}

/** What the server says is wrong with one field (400 details, 409 EMAIL_TAKEN…), in Korean; undefined when nothing. */
export function fieldError(error: unknown, ...fields: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const texts = error.details
    .filter((d) => d.field && fields.includes(d.field) && !d.rule)
    .map((d) => describeAccountDetail(d) ?? d.reason)
    .filter((text): text is string => !!text);
  if (texts.length === 0 && error.code === 'EMAIL_TAKEN' && fields.includes('email')) texts.push('이미 다른 계정이 쓰는 이메일입니다.');
  if (texts.length === 0 && error.code === 'TEACHER_NUMBER_TAKEN' && fields.includes('teacherNumber')) texts.push('이미 다른 계정에 등록된 교원번호입니다.');
  return texts.length ? [...new Set(texts)].join(' ') : undefined;
}

// ---------- 명단 가져오기 ----------

/** The roster's columns by their English header, with the Korean headers the import also accepts. */
export const ROSTER_COLUMN_LABEL: Record<string, string> = {
  neis_school_code: '학교코드',
  teacher_number: '교원번호',
  name: '성명',
  email: '이메일',
  role: '역할',
};

/** The roster import's reasons (libs/accounts roster-rows) in Korean. */
export const ROSTER_REASONS: ReasonRule[] = [
  [/^required column is missing(?: \(also accepted: (.*)\))?$/, (alt) => `필수 열이 없습니다.${alt ? ` (다른 이름: ${alt})` : ''}`],
  [/^the file has a header but no rows$/, () => '머리글만 있고 행이 없습니다.'],
  [/^empty$/, () => '값이 비어 있습니다.'],
  [/^must be 1-50 letters, digits or hyphens, got '(.*)'$/, (v) => `교원번호는 영문자·숫자·하이픈으로 50자까지입니다('${v}').`],
  [/^longer than (\d+) characters$/, (n) => `${n}자를 넘습니다.`],
  [/^contains control characters$/, () => '제어 문자가 있습니다.'],
  [/^not an email address: '(.*)'$/, (v) => `이메일 주소 형식이 아닙니다('${v}').`],
  [/^must be teacher \(교사\) or principal \(교장\), got '(.*)'$/, (v) => `역할은 교사 또는 교장이어야 합니다('${v}').`],
  [/^must be a 7-digit NEIS school code, got '(.*)'$/, (v) => `NEIS 학교코드는 숫자 7자리입니다('${v}').`],
  [/^no school with NEIS code '(.*)'$/, (v) => `NEIS 학교코드 '${v}'인 학교가 없습니다.`],
  [/^a (\w+) may not give the role (\w+)$/, (_, r) => `${ROLE_LABEL[r as Role] ?? r} 역할은 줄 수 없습니다.`],
  [/^only your own school$/, () => '우리 학교 교원만 가져올 수 있습니다.'],
  [/^only your office's schools$/, () => '관할 교육지원청 학교의 교직원만 가져올 수 있습니다.'],
  [/^teacher number '(.*)' is also on row (\d+)$/, (v, r) => `교원번호 '${v}'이(가) ${r}행에도 있습니다.`],
  [/^email '(.*)' is also on row (\d+)$/, (v, r) => `이메일 '${v}'이(가) ${r}행에도 있습니다.`],
  [/^another account already uses '(.*)'$/, (v) => `다른 계정이 이미 '${v}'을(를) 씁니다.`],
  [/^this is your own account/, () => '내 계정입니다. 내 계정은 상위 관리자가 바꿉니다.'],
  [/^an account with this teacher number exists and (.*)$/, () => '이 교원번호의 계정이 이미 있고, 관리 범위 밖의 계정입니다.'],
];

/** A roster column with its Korean name, e.g. "email (이메일)". */
export const rosterColumn = (column: string | undefined): string => {
  if (!column) return '-';
  const ko = ROSTER_COLUMN_LABEL[column];
  return ko ? `${column} (${ko})` : column;
};

/** What a roster update changes. */
export const ROSTER_FIELD_LABEL: Record<string, string> = { email: '이메일', name: '이름', role: '역할', school: '학교' };

// ---------- 계정 감사 기록 ----------

export const AUDIT_ACTION_LABEL: Record<string, string> = {
  'account.created': '계정 생성',
  'account.changed': '정보 변경',
  'account.disabled': '사용 중지',
  'account.enabled': '다시 사용',
  'account.scope_changed': '역할·소속 변경',
  'account.password_reset': '비밀번호 초기화',
  'account.password_changed': '비밀번호 변경',
  'account.activated': '계정 활성화',
  'account.password_reset_completed': '재설정 완료',
  'account.links_printed': '활성화 링크 인쇄',
  'login.succeeded': '로그인',
  'login.failed': '로그인 실패',
};

/** The audit page's filter: everything, a family (`account`, `login`), or one action. */
export const AUDIT_FILTER_OPTIONS: Record<string, string> = {
  '': '전체',
  account: '계정 관리 전체',
  login: '로그인 전체',
  ...AUDIT_ACTION_LABEL,
};

/** The colour of an entry in the history styles: green for new, red for stops and failures, blue otherwise. */
export function auditTone(action: string): 'create' | 'update' | 'delete' {
  if (action === 'account.created' || action === 'account.activated' || action === 'account.enabled') return 'create';
  if (action === 'account.disabled' || action === 'login.failed') return 'delete';
  return 'update';
}

export const LOGIN_OUTCOME_LABEL: Record<string, string> = {
  success: '성공',
  bad_credentials: '이메일 또는 비밀번호 틀림',
  inactive: '사용 중지된 계정',
  rate_limited: '시도 제한 중',
  not_activated: '활성화하지 않은 계정',
};

export const SIGN_IN_METHOD_LABEL: Record<string, string> = {
  password: '비밀번호',
  oidc: '교육청 통합 로그인',
  activation: '활성화·재설정 링크',
  password_change: '비밀번호 변경',
};

export const RESET_METHOD_LABEL: Record<string, string> = {
  link: '재설정 링크',
  temporary: '임시 비밀번호',
  activation: '새 활성화 링크',
  cli: '서버 명령',
};

/** A UUID: an account id in an address or an audit entry. */
export const isAccountId = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
