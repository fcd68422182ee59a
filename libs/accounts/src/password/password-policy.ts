import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@app/core';

/**
 * The password rule of the Korean personal-data safety standard (개인정보의 안전성 확보조치 기준 해설서):
 * at least 10 characters of two kinds, or 8 of three (letters, digits, symbols); nothing guessable
 * from the account (its email, its holder's name); not a commonly used password. Every failed rule
 * is reported, so the form can say all of them at once.
 */
export type PasswordProblem = 'too_short' | 'too_long' | 'contains_email' | 'contains_name' | 'common' | 'control_characters';

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: '영문자·숫자·특수문자 중 2종류 이상이면 10자 이상, 3종류 이상이면 8자 이상이어야 합니다.',
  too_long: '200자를 넘을 수 없습니다.',
  contains_email: '이메일 주소(아이디)를 포함할 수 없습니다.',
  contains_name: '이름을 포함할 수 없습니다.',
  common: '널리 쓰여 추측하기 쉬운 비밀번호입니다.',
  control_characters: '제어 문자를 쓸 수 없습니다.',
};

export interface PasswordContext {
  email?: string | null;
  name?: string | null;
}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(join(projectRoot(), 'libs/accounts/data/common-passwords.txt'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#')),
  );
  return common;
}

export function kindsOf(password: string): number {
  return [/\p{L}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}\s]/u].filter((re) => re.test(password)).length;
}

export function checkPassword(password: string, ctx: PasswordContext = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  const kinds = kindsOf(password);
  if (!((kinds >= 2 && length >= 10) || (kinds >= 3 && length >= 8))) problems.push('too_short');
  if (length > 200) problems.push('too_long');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(password)) problems.push('control_characters');

  const lower = password.toLowerCase();
  const local = (ctx.email ?? '').toLowerCase().split('@')[0];
  if (local.length >= 3 && lower.includes(local)) problems.push('contains_email');
  const name = (ctx.name ?? '').toLowerCase().replace(/\s+/g, '');
  if (name.length >= 2 && lower.replace(/\s+/g, '').includes(name)) problems.push('contains_name');
  // A listed password stays guessable with a symbol or two tacked on (qwer1234!).
  const list = commonPasswords();
  if (list.has(lower) || list.has(lower.replace(/[^\p{L}\p{Nd}]+$/u, ''))) problems.push('common');
  return problems;
}

/** The API's error details for a refused password: one entry per failed rule, under the given field. */
export function passwordDetails(field: string, problems: PasswordProblem[]): { field: string; rule: PasswordProblem; reason: string }[] {
  return problems.map((rule) => ({ field, rule, reason: PASSWORD_PROBLEM_TEXT[rule] }));
}
