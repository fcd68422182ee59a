import { ApiError } from './api/client';
import { CODE_MESSAGE, STATUS_MESSAGE } from './errorCodes';

export { CODE_MESSAGE, STATUS_MESSAGE };

/** A Korean headline for an error; its details (in Korean where known) are shown beneath it. */
export function koreanSummary(error: unknown, messages: Readonly<Record<string, string>> = {}): string {
  if (error instanceof ApiError) {
    return messages[error.code] ?? CODE_MESSAGE[error.code] ?? STATUS_MESSAGE[error.status] ?? (error.status >= 500 ? '서버 오류가 발생했습니다. 잠시 후 다시 시도하세요.' : '요청을 처리하지 못했습니다.');
  }
  return '알 수 없는 오류가 발생했습니다.';
}
