/*
 * Every error code the API documents (each `code` enum of openapi/openapi.json) has a Korean
 * headline in the web UI, and the common English reasons of error details read in Korean.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_MESSAGE } from '../apps/web/src/errorCodes';
import { reasonInKorean } from '../apps/web/src/errorReasons';

const HANGUL = /[\uAC00-\uD7A3]/;

/** Every value of an enum under a `code` property, anywhere in the document. */
function documentedCodes(): string[] {
  const doc: unknown = JSON.parse(readFileSync(join(__dirname, '../openapi/openapi.json'), 'utf8'));
  const codes = new Set<string>();
  const stack: unknown[] = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const values = (value as { enum?: unknown } | null)?.enum;
        if (key === 'code' && Array.isArray(values)) for (const v of values) if (typeof v === 'string') codes.add(v);
        stack.push(value);
      }
    }
  }
  return [...codes].sort();
}

describe('Korean error messages', () => {
  const codes = documentedCodes();

  it('finds the documented codes', () => {
    expect(codes.length).toBeGreaterThan(50);
    expect(codes).toEqual(expect.arrayContaining(['BODY_TOO_DEEP', 'EXPORT_TOO_LARGE', 'LINK_EXPIRED', 'UPLOADS_BUSY']));
  });

  it('has a Korean headline for every documented code', () => {
    const missing = codes.filter((c) => !CODE_MESSAGE[c] || !HANGUL.test(CODE_MESSAGE[c]));
    expect(missing).toEqual([]);
  });
});

describe('reasonInKorean', () => {
  it.each([
    ['must be an integer number', 'quantity', '정수여야 합니다.'],
    ['quantity must be an integer number', 'items.2.quantity', '정수여야 합니다.'],
    ['name should not be empty', 'name', '비워 둘 수 없습니다.'],
    ['property foo should not exist', 'foo', '보낼 수 없는 항목입니다.'],
    ['title must be shorter than or equal to 200 characters', 'title', '200자 이하여야 합니다.'],
    ['grade must not be greater than 6', 'grade', '6 이하여야 합니다.'],
    ['level must be one of the following values: elementary, middle', 'level', '다음 값 중 하나여야 합니다: elementary, middle'],
    ['date must be YYYY-MM-DD', 'date', '날짜는 YYYY-MM-DD 형식이어야 합니다.'],
    ['each value in tags must be a string', 'tags', '각 값은 글자로 입력해야 합니다.'],
    ['the value is too long', 'name', '값이 너무 깁니다.'],
    ['in the future', 'decidedAt', '미래의 날짜일 수 없습니다.'],
    ['is in the future', 'completedOn', '미래의 날짜일 수 없습니다.'],
    ['the date is in the future', 'completedOn', '미래의 날짜일 수 없습니다.'],
    ['must not contain control characters (U+0000 at 3)', 'q', '제어 문자를 넣을 수 없습니다.'],
    ['more than 32 levels of arrays and objects', 'body', '배열·객체가 32단계보다 깊게 중첩되어 있습니다.'],
    ['duplicate of row 4', undefined, '4행과 중복됩니다.'],
    ['expired', 'token', '기간이 지났습니다.'],
  ])('%s → %s', (reason, field, korean) => {
    expect(reasonInKorean(reason, field)).toBe(korean);
  });

  it('leaves a reason it does not know to the English fallback', () => {
    expect(reasonInKorean('the flux capacitor is misaligned', 'x')).toBeUndefined();
  });
});
