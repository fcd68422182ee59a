import { ApiError } from './api/client';

const CODE_MESSAGE: Record<string, string> = {
  BAD_CREDENTIALS: '이메일 또는 비밀번호가 올바르지 않습니다.',
  TOO_MANY_REQUESTS: '로그인 시도가 너무 많습니다. 잠시 후 다시 시도하세요.',
  UNAUTHORIZED: '로그인이 필요합니다. 다시 로그인하세요.',
  FORBIDDEN: '이 작업을 할 권한이 없습니다.',
  SCHOOL_OUT_OF_SCOPE: '이 학교의 정보를 볼 수 있는 권한이 없습니다.',
  FIELD_NOT_ALLOWED: '변경할 권한이 없는 항목이 포함되어 있습니다.',
  DUPLICATE: '이미 등록된 값입니다. 자산 번호가 중복되지 않았는지 확인하세요.',
  VALIDATION_FAILED: '입력값을 확인하세요.',
  NOT_FOUND: '요청한 정보를 찾을 수 없습니다.',
  NETWORK: '서버에 연결할 수 없습니다. 네트워크 상태를 확인하세요.',
  // 선도학교·연구학교 지정
  CALL_NOT_OPEN: '공모 접수 기간이 아닙니다.',
  SCHOOL_NOT_ELIGIBLE: '이 공모의 신청 대상 학교급이 아닙니다.',
  ALREADY_DESIGNATED: '이미 같은 기간에 같은 유형으로 지정된 학교입니다.',
  ATTACHMENTS_MISSING: '필수 첨부 서류가 빠져 있어 제출할 수 없습니다.',
  INVALID_STATE: '현재 상태에서는 할 수 없는 작업입니다.',
  NOT_A_REVIEWER: '이 공모의 심사위원이 아닙니다.',
  REVIEWER_EXCLUDED: '심사에서 제외된 신청서입니다(회피 신고 또는 본인 교육지원청 학교).',
  QUOTA_FULL: '지정 정원이 이미 찼습니다.',
  FILE_TYPE_NOT_ALLOWED: '올릴 수 없는 파일 형식입니다. PDF, HWP, HWPX, DOCX, XLSX, PPTX 파일만 올릴 수 있습니다.',
  FILE_TYPE_MISMATCH: '파일 내용이 확장자와 맞지 않습니다. 실제 문서 파일인지 확인하세요.',
  FILE_EMPTY: '빈 파일입니다.',
  FILE_MISSING: '파일을 선택하세요.',
  PAYLOAD_TOO_LARGE: '파일이 너무 큽니다.',
  // 교원 연수 · 디지털 배지
  IMPORT_REJECTED: '파일에 잘못된 행이 있어 아무것도 가져오지 않았습니다.',
  PARTICIPANT_OUT_OF_SCOPE: '이 사람의 연수 기록을 볼 수 있는 권한이 없습니다.',
  ROLE_NOT_ALLOWED: '이 작업을 할 권한이 없습니다.',
  // 계정
  ACCOUNT_DISABLED: '사용 중지된 계정입니다. 관리자에게 문의하세요.',
  PASSWORD_LOGIN_OFF: '비밀번호 로그인을 쓰지 않습니다. 교육청 통합 로그인을 이용하세요.',
  PASSWORD_CHANGE_REQUIRED: '새 비밀번호를 먼저 설정해야 합니다.',
  WEAK_PASSWORD: '비밀번호가 규칙에 맞지 않습니다.',
  BAD_CURRENT_PASSWORD: '현재 비밀번호가 맞지 않습니다.',
  LINK_UNUSABLE: '이미 사용했거나 기간이 지난 링크입니다. 관리자에게 새 링크를 요청하세요.',
  EMAIL_TAKEN: '이미 다른 계정이 쓰는 이메일입니다.',
  TEACHER_NUMBER_TAKEN: '이미 다른 계정에 등록된 교원번호입니다.',
  ACCOUNT_OUT_OF_REACH: '관리 권한 밖의 계정이나 역할·소속입니다.',
  UNKNOWN_SCHOOL: '학교를 찾을 수 없습니다.',
};

const STATUS_MESSAGE: Record<number, string> = {
  400: '입력값을 확인하세요.',
  401: '로그인이 필요합니다. 다시 로그인하세요.',
  403: '이 작업을 할 권한이 없습니다.',
  404: '요청한 정보를 찾을 수 없습니다.',
  409: '다른 데이터와 충돌합니다.',
  429: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
};

/** A Korean headline for an error; the server's own message and details are shown beneath it. */
export function koreanSummary(error: unknown, messages: Readonly<Record<string, string>> = {}): string {
  if (error instanceof ApiError) {
    return messages[error.code] ?? CODE_MESSAGE[error.code] ?? STATUS_MESSAGE[error.status] ?? (error.status >= 500 ? '서버 오류가 발생했습니다. 잠시 후 다시 시도하세요.' : '요청을 처리하지 못했습니다.');
  }
  return '알 수 없는 오류가 발생했습니다.';
}
