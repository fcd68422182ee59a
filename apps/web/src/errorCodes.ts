/*
 * Korean headlines for the API's error codes. Every `code` the API documents (the enums of
 * openapi/openapi.json) has one here: test/korean-messages.spec.ts fails when a new code has none.
 * No imports, so the test can load it outside the browser.
 */

export const CODE_MESSAGE: Readonly<Record<string, string>> = {
  // 로그인 · 권한
  BAD_CREDENTIALS: '이메일 또는 비밀번호가 올바르지 않습니다.',
  TOO_MANY_REQUESTS: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
  UNAUTHORIZED: '로그인이 필요합니다. 다시 로그인하세요.',
  INVALID_TOKEN: '로그인 정보가 올바르지 않거나 만료되었습니다. 다시 로그인하세요.',
  SESSION_ENDED: '로그인이 끝났습니다(로그아웃, 비밀번호 변경 또는 계정 변경). 다시 로그인하세요.',
  FORBIDDEN: '이 작업을 할 권한이 없습니다.',
  SCHOOL_OUT_OF_SCOPE: '이 학교의 정보를 볼 수 있는 권한이 없습니다.',
  FIELD_NOT_ALLOWED: '변경할 권한이 없는 항목이 포함되어 있습니다.',
  ROLE_NOT_ALLOWED: '이 작업을 할 권한이 없습니다.',
  // 입력값 · 요청 형식
  DUPLICATE: '이미 등록된 값입니다. 자산 번호가 중복되지 않았는지 확인하세요.',
  VALIDATION_FAILED: '입력값을 확인하세요.',
  INPUT_REFUSED: '저장할 수 없는 값이 있습니다. 입력값을 확인하세요.',
  MALFORMED_JSON: '보낸 데이터의 형식(JSON)이 올바르지 않습니다.',
  BODY_TOO_DEEP: '보낸 데이터의 구조가 너무 깊게 중첩되어 있습니다.',
  BODY_TOO_COMPLEX: '보낸 데이터의 항목이 너무 많습니다.',
  UNSUPPORTED_MEDIA_TYPE: '지원하지 않는 데이터 형식으로 보냈습니다.',
  BAD_URL: '주소(URL)가 올바르지 않습니다.',
  URI_TOO_LONG: '주소(URL)가 너무 깁니다.',
  NOT_FOUND: '요청한 정보를 찾을 수 없습니다.',
  INVALID_STATE: '현재 상태에서는 할 수 없는 작업입니다.',
  NETWORK: '서버에 연결할 수 없습니다. 네트워크 상태를 확인하세요.',
  // 파일 올리기 · 내려받기
  FILE_TYPE_NOT_ALLOWED: '올릴 수 없는 파일 형식입니다. PDF, HWP, HWPX, DOCX, XLSX, PPTX 파일만 올릴 수 있습니다.',
  FILE_TYPE_MISMATCH: '파일 내용이 확장자와 맞지 않습니다. 실제 문서 파일인지 확인하세요.',
  FILE_EMPTY: '빈 파일입니다.',
  FILE_MISSING: '파일을 선택하세요.',
  EMPTY_FILE: '파일에 데이터 행이 없습니다.',
  INVALID_FILE: '파일을 읽을 수 없습니다. 파일 형식과 내용을 확인하세요.',
  BAD_FILE: '파일 형식이 올바르지 않습니다. 파일 내용을 확인하세요.',
  NOT_MULTIPART: '파일을 올리는 형식이 올바르지 않습니다. 파일을 다시 선택해 올리세요.',
  PAYLOAD_TOO_LARGE: '파일이 너무 큽니다.',
  TOO_MANY_FILES: '한 번에 올릴 수 있는 파일 수를 넘었습니다.',
  TOO_MANY_PARTS: '한 번에 보낼 수 있는 항목 수를 넘었습니다.',
  UPLOADS_BUSY: '지금 처리 중인 파일이 많습니다. 몇 초 뒤에 다시 올리세요.',
  IMPORT_REJECTED: '파일에 잘못된 행이 있어 아무것도 가져오지 않았습니다.',
  EXPORT_TOO_LARGE: '내려받을 행이 너무 많습니다. 조건(학교, 교육지원청 등)을 좁혀 다시 내려받으세요.',
  REASON_REQUIRED: '많은 사람의 개인정보가 담긴 파일입니다. 내려받는 사유를 입력하세요(2–500자). 사유는 접속기록에 남습니다.',
  ACCESS_LOG_UNAVAILABLE: '개인정보 접속기록을 남길 수 없어 요청을 처리하지 않았습니다. 잠시 후 다시 시도하세요.',
  // 선도학교·연구학교 지정
  CALL_NOT_OPEN: '공모 접수 기간이 아닙니다.',
  SCHOOL_NOT_ELIGIBLE: '이 공모의 신청 대상 학교급이 아닙니다.',
  ALREADY_DESIGNATED: '이미 같은 기간에 같은 유형으로 지정된 학교입니다.',
  ATTACHMENTS_MISSING: '필수 첨부 서류가 빠져 있어 제출할 수 없습니다.',
  NOT_A_REVIEWER: '이 공모의 심사위원이 아닙니다.',
  REVIEWER_EXCLUDED: '심사에서 제외된 신청서입니다(회피 신고 또는 본인 교육지원청 학교).',
  QUOTA_FULL: '지정 정원이 이미 찼습니다.',
  // 교원 연수 · 디지털 배지
  PARTICIPANT_OUT_OF_SCOPE: '이 사람의 연수 기록을 볼 수 있는 권한이 없습니다.',
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
  // 설문
  INVALID_TEMPLATE: '설문 양식에 잘못된 곳이 있습니다.',
  INVALID_ANSWERS: '올바르지 않은 답변이 있습니다. 표시된 문항을 확인하세요.',
  SURVEY_CLOSED: '지금은 응답할 수 없는 설문입니다(시작 전이거나 마감됨).',
  ALREADY_SUBMITTED: '이 학교는 이미 이 설문을 제출했습니다.',
  CODE_USED: '이미 응답을 제출한 코드입니다.',
  NOT_A_SCHOOL_SURVEY: '학교가 직접 응답하는 설문이 아닙니다(응답 코드로 참여하는 설문입니다).',
  NO_CODES_FOR_SCHOOL_SURVEY: '학교장이 직접 응답하는 설문이라 응답 코드를 만들 수 없습니다.',
  NO_TARGET_SCHOOLS: '조건에 맞는 대상 학교가 없습니다. 대상 조건을 확인하세요.',
  NOT_CAMPAIGN_MANAGER: '이 설문을 운영하는 관리자만 할 수 있는 작업입니다.',
  // 리터러시 진단
  NOT_ANALYSED: '아직 분석하지 않은 진단입니다. 분석을 먼저 실행하세요.',
  LINK_REJECTED: '이 진단과 연계할 수 없습니다. 같은 학년의 분석된 다른 진단이어야 하며 채점 문항을 3개 이상 공유해야 합니다.',
  NOT_LINKED: '아직 다른 진단과 연계(척도 연결)하지 않은 진단입니다.',
  NO_RESULTS: '해당하는 진단 결과가 없습니다.',
  // 생성형 AI 보호자 동의
  NO_NOTICE: '이 서비스와 학년도에 게시된 동의 안내문이 없습니다. 안내문을 먼저 게시하세요.',
  NOTHING_TO_WITHDRAW: '철회할 수 있는 유효한 동의가 없습니다.',
  EMPTY_CLASS: '이 학급에 등록된 학생이 없습니다. 학급 명단을 먼저 등록하세요.',
  LINK_EXPIRED: '유효 기간이 지난 링크입니다. 학교에 새 안내문을 요청하세요.',
  LINK_USED: '이미 응답한 링크입니다.',
  // 개인정보 열람·정정·삭제·처리정지 요청
  REQUEST_ANSWERED: '이미 답변한 요청입니다. 답변은 다시 바꿀 수 없습니다.',
  RESULTS_DESTROYED: '보존 기간이 지나 학생별 결과를 파기한 진단입니다. 공개된 분석 결과는 그대로 두며 다시 분석하거나 결과를 더 올릴 수 없습니다.',
  LEGAL_HOLD: '법적 보존(분쟁·감사·수사 등)으로 보관 중인 정보라 지금은 파기할 수 없습니다.',
  // 보존 기간표 · 법적 보존
  RETENTION_RULE_EXISTS: '이 항목에는 이미 적용 중인 보존 규칙이 있습니다. 기존 규칙을 고치거나 먼저 사용 중지하세요.',
  HOLD_RELEASED: '이미 해제된 법적 보존입니다.',
  // 작업 관리
  JOB_NOT_FAILED: '실패한 작업만 다시 실행할 수 있습니다.',
  REDIS_UNAVAILABLE: '작업 대기열 서버(Redis)에 연결할 수 없습니다. 잠시 후 다시 시도하세요.',
  SERVICE_BUSY: '서버가 바쁩니다. 잠시 후 다시 시도하세요.',
  // 우수사례 · 교원 학습공동체 · 표창 (조례 제8조, 제10조)
  CASE_OUT_OF_SCOPE: '공개되지 않은 우수사례이거나 볼 수 있는 권한이 없습니다.',
  OFFICE_OUT_OF_SCOPE: '다른 교육지원청 소관이라 처리할 수 없습니다.',
  COMMUNITY_OUT_OF_SCOPE: '이 교원 학습공동체의 구성원이 아니어서 볼 수 없습니다.',
  MEMBER_OUT_OF_SCOPE: '이 학습공동체에 참여할 수 없는 교원이 포함되어 있습니다(다른 학교 또는 다른 교육지원청 소속).',
  NOMINEE_OUT_OF_SCOPE: '소속 학교 또는 교육지원청 밖의 대상은 추천할 수 없습니다.',
  ALREADY_CREDITED: '이 학습공동체 시간은 이미 해당 연수 과정으로 인정되었습니다.',
  NOTHING_TO_CREDIT: '해당 학년도에 인정할 학습공동체 활동 시간이 없습니다.',
  // 상태 코드만 있는 오류 (프레임워크가 붙이는 코드)
  BAD_REQUEST: '요청을 처리할 수 없습니다. 입력값을 확인하세요.',
  CONFLICT: '다른 데이터와 충돌합니다.',
  METHOD_NOT_ALLOWED: '허용되지 않는 요청 방식입니다.',
  NOT_ACCEPTABLE: '요청한 형식으로 답할 수 없습니다.',
  INTERNAL: '서버 오류가 발생했습니다. 잠시 후 다시 시도하세요.',
  // 기본계획·시행계획 (조례 제4조)
  PLAN_FROZEN: '확정된 기본계획은 고칠 수 없습니다. 변경하려면 개정안을 만드세요.',
  PLAN_INCOMPLETE: '기본계획의 1~7 항목을 모두 작성해야 확정할 수 있습니다.',
  PLAN_PERIOD_OVERLAP: '기간이 겹치는 확정된 기본계획이 이미 있습니다.',
  PLAN_NOT_ADOPTED: '확정된 기본계획에서만 할 수 있는 작업입니다.',
  TASK_OUT_OF_SCOPE: '소속 교육지원청의 과제만 수정할 수 있습니다.',
};

export const STATUS_MESSAGE: Readonly<Record<number, string>> = {
  400: '입력값을 확인하세요.',
  401: '로그인이 필요합니다. 다시 로그인하세요.',
  403: '이 작업을 할 권한이 없습니다.',
  404: '요청한 정보를 찾을 수 없습니다.',
  409: '다른 데이터와 충돌합니다.',
  413: '보낸 데이터가 너무 큽니다.',
  422: '요청을 처리할 수 없습니다.',
  429: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.',
  503: '서버가 바쁩니다. 잠시 후 다시 시도하세요.',
};
