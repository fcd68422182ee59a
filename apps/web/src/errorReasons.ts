/*
 * Korean for the English `reason` of an error detail. Reasons come from class-validator (the DTOs:
 * "quantity must be an integer number", "property x should not exist"), from the DTOs' own
 * messages ("date must be YYYY-MM-DD"), from the database safety net ("the value is too long",
 * libs/core/src/errors/database-input-error.ts) and from the services ("in the future", "no rows").
 * Only the common ones are known; anything else returns undefined and the English is shown as a
 * fallback. No imports, so the unit test can load it outside the browser.
 */

type Rule = [RegExp, (...groups: string[]) => string];

/** Matched against the reason after its field name (and "each value in <field>") is taken off. */
const RULES: Rule[] = [
  // class-validator's defaults
  [/^must be an integer number$/, () => '정수여야 합니다.'],
  [/^(?:should|must) not be empty$/, () => '비워 둘 수 없습니다.'],
  [/^must not be empty or only spaces$/, () => '비워 두거나 공백만 넣을 수 없습니다.'],
  [/^must not be null(?: \(leave it out to keep the current value\))?$/, () => '빈 값(null)으로 보낼 수 없습니다. 바꾸지 않으려면 비워 두세요.'],
  [/^must be (?:a string|text)$/, () => '글자로 입력해야 합니다.'],
  [/^must be a number(?: conforming to the specified constraints)?$/, () => '숫자여야 합니다.'],
  [/^must be a number with at most (\d+) decimal places$/, (n) => `소수점 아래 ${n}자리까지의 숫자여야 합니다.`],
  [/^must be a positive number$/, () => '0보다 큰 수여야 합니다.'],
  [/^must be a boolean value$/, () => '예/아니요(true/false) 값이어야 합니다.'],
  [/^must be an array$/, () => '목록(배열)이어야 합니다.'],
  [/^must be an object$/, () => '객체여야 합니다.'],
  [/^must be either object or array$/, () => '객체나 목록(배열)이어야 합니다.'],
  [/^must not be greater than (\S+)$/, (n) => `${n} 이하여야 합니다.`],
  [/^must not be less than (\S+)$/, (n) => `${n} 이상이어야 합니다.`],
  [/^must be longer than or equal to (\d+) characters$/, (n) => `${n}자 이상이어야 합니다.`],
  [/^must be shorter than or equal to (\d+) characters$/, (n) => `${n}자 이하여야 합니다.`],
  [/^must be at least (\d+) characters after trimming spaces$/, (n) => `앞뒤 공백을 빼고 ${n}자 이상이어야 합니다.`],
  [/^must contain at least (\d+) elements?$/, (n) => `${n}개 이상 있어야 합니다.`],
  [/^must contain (?:no|not) more than (\d+) elements?$/, (n) => `${n}개 이하여야 합니다.`],
  [/^must be one of the following values: (.*)$/, (list) => `다음 값 중 하나여야 합니다: ${list}`],
  [/^one of (.*)$/, (list) => `다음 값 중 하나여야 합니다: ${list}`],
  [/^must be a valid ISO 8601 date string$/, () => '올바른 날짜·시각 형식(ISO 8601)이어야 합니다.'],
  [/^must be a Date instance$/, () => '올바른 날짜여야 합니다.'],
  [/^must be YYYY-MM-DD$/, () => '날짜는 YYYY-MM-DD 형식이어야 합니다.'],
  [/^must be YYYY-MM$/, () => 'YYYY-MM(연-월) 형식이어야 합니다.'],
  [/^must be an email(?: address)?$/, () => '올바른 이메일 주소여야 합니다.'],
  [/^must be a UUID$/, () => 'UUID 형식이어야 합니다.'],
  [/^must be an id \(at most \d+\)$/, () => '올바른 번호(ID)여야 합니다.'],
  [/^must match .* regular expression$/, () => '형식이 올바르지 않습니다.'],
  [/^must be a 7-digit NEIS school code$/, () => '7자리 나이스(NEIS) 학교 코드여야 합니다.'],
  [/^must be a whole number from (\d+) to (\d+)$/, (a, b) => `${a}부터 ${b}까지의 정수여야 합니다.`],
  [/^not a positive whole number$/, () => '1 이상의 정수여야 합니다.'],
  [/^must be a positive whole number$/, () => '1 이상의 정수여야 합니다.'],
  // Text rule of every string (libs/core/src/http/clean-text.ts)
  [/^(?:property name )?must not contain control characters(?: \(.*\))?$/, () => '제어 문자를 넣을 수 없습니다.'],
  [/^(?:property name )?must be well-formed Unicode(?: \(.*\))?$/, () => '올바르지 않은 문자(짝이 없는 서로게이트)가 있습니다.'],
  // Unknown properties (forbidNonWhitelisted) and required ones
  [/^should not exist$/, () => '보낼 수 없는 항목입니다.'],
  [/^unknown property$/, () => '알 수 없는 항목입니다.'],
  [/^(?:is )?required$/, () => '필수 항목입니다.'],
  // The database safety net: "the value is too long"
  [/^(?:(?:the|a) value )?is too long$/, () => '값이 너무 깁니다.'],
  [/^(?:(?:the|a) value )?is out of range$/, () => '허용 범위를 벗어난 값입니다.'],
  [/^(?:(?:the|a) value )?is not a valid date or time$/, () => '올바른 날짜·시각이 아닙니다.'],
  [/^(?:(?:the|a) value )?is a date or time out of range$/, () => '허용 범위를 벗어난 날짜·시각입니다.'],
  [/^(?:(?:the|a) value )?holds characters that cannot be stored$/, () => '저장할 수 없는 문자가 있습니다.'],
  [/^(?:(?:the|a) value )?is not a valid value of its type$/, () => '형식에 맞지 않는 값입니다.'],
  [/^(?:(?:the|a) value )?breaks a rule of the data$/, () => '데이터 규칙에 맞지 않는 값입니다.'],
  [/^(?:(?:the|a) value )?is too large$/, () => '값이 너무 큽니다.'],
  // Dates
  [/^(?:the date )?(?:is )?in the future$/, () => '미래의 날짜일 수 없습니다.'],
  [/^must be in the future$/, () => '지금보다 뒤의 일시여야 합니다.'],
  [/^must be after opensAt$/, () => '시작 일시보다 뒤여야 합니다.'],
  [/^min must not exceed max$/, () => '최솟값이 최댓값보다 클 수 없습니다.'],
  // Links, codes and states
  [/^used$/, () => '이미 사용했습니다.'],
  [/^expired$/, () => '기간이 지났습니다.'],
  [/^submitted$/, () => '이미 제출했습니다.'],
  [/^no consent$/, () => '동의 기록이 없습니다.'],
  [/^the job is (\S+)$/, (state) => `작업 상태가 ${state}입니다.`],
  // Files
  [/^(?:the )?(?:file|upload) is empty$/, () => '빈 파일입니다.'],
  [/^no rows$/, () => '데이터 행이 없습니다.'],
  [/^the file has a header but no rows$/, () => '머리글만 있고 데이터 행이 없습니다.'],
  [/^required column is missing(?: \(also accepted: (.*)\))?$/, (also) => (also ? `필수 열이 없습니다(다른 이름: ${also}).` : '필수 열이 없습니다.')],
  [/^not a readable XLSX file$/, () => '읽을 수 있는 XLSX 파일이 아닙니다.'],
  [/^the file is not valid UTF-8 text$/, () => '올바른 UTF-8 텍스트 파일이 아닙니다.'],
  [/^row is encoded as CP949 while the rest of the file is UTF-8$/, () => '이 행만 CP949로 저장되어 있습니다(나머지는 UTF-8).'],
  [/^row has more than (\d+) cells$/, (n) => `한 행의 칸이 ${n}개를 넘습니다.`],
  [/^row has (\d+) cells but the header has (\d+)$/, (a, b) => `이 행은 ${a}칸인데 머리글은 ${b}칸입니다.`],
  [/^duplicate of row (\d+)(?: \(.*\))?$/, (n) => `${n}행과 중복됩니다.`],
  [/^content does not match \.(\w+)$/, (ext) => `파일 내용이 .${ext} 형식과 맞지 않습니다.`],
  [/^request is not multipart\/form-data$/, () => '파일 업로드 형식(multipart/form-data)으로 보내지 않았습니다.'],
  // The JSON body's limits (libs/core/src/http/json-depth.ts)
  [/^more than (\d+) levels of arrays and objects$/, (n) => `배열·객체가 ${n}단계보다 깊게 중첩되어 있습니다.`],
  [/^more than (\d+) elements in one array or object$/, (n) => `한 배열·객체의 항목이 ${n}개를 넘습니다.`],
  [/^more than (\d+) array elements and object members in all$/, (n) => `전체 항목이 ${n}개를 넘습니다.`],
  // Follow-up steps the services name
  [/^no school matches$/, () => '조건에 맞는 학교가 없습니다.'],
  [/^publish a consent notice first$/, () => '동의 안내문을 먼저 게시하세요.'],
  [/^add the class roster first$/, () => '학급 명단을 먼저 등록하세요.'],
];

/**
 * The reason in Korean, or undefined when it is not one of the known ones. `field` is the
 * detail's field (`items.2.quantity`): class-validator starts its messages with the property name.
 */
export function reasonInKorean(reason: string, field?: string): string | undefined {
  let text = reason.trim();
  let each = false;
  const prop = field?.split('.').pop();
  const eachMatch = /^each value in (\S+) (.*)$/.exec(text);
  if (eachMatch) {
    each = true;
    text = eachMatch[2];
  } else {
    const property = /^(?:nested )?property (\S+) (should not exist|must be either object or array)$/.exec(text);
    if (property) text = property[2];
    else if (prop && text.startsWith(`${prop} `)) text = text.slice(prop.length + 1);
    else if (field && text.startsWith(`${field} `)) text = text.slice(field.length + 1);
    else if (/^[\w$]+ (?:must|should) /.test(text) && !/^(?:value|min|the|a|an|each) /.test(text)) text = text.replace(/^[\w$]+ /, '');
  }
  for (const [pattern, korean] of RULES) {
    const m = pattern.exec(text);
    if (m) {
      const out = korean(...m.slice(1));
      return each ? `각 값은 ${out}` : out;
    }
  }
  return undefined;
}
