import type { CellProblem, ParsedTable, Role } from '@app/core';
import { Actor, checkAssign } from '../users/delegation';
import { NEIS_CODE, TEACHER_NUMBER } from '../users/user.dto';

/** Accepted header names: the English code first, then what Korean staff rosters call it. */
export const ROSTER_COLUMNS = {
  schoolCode: ['neis_school_code', 'school_code', '학교코드', '표준학교코드', 'NEIS코드'],
  teacherNumber: ['teacher_number', '교원번호', '개인번호', '교원개인번호', '교직원번호'],
  name: ['name', '성명', '이름'],
  email: ['email', '이메일', '아이디'],
  role: ['role', '역할', '직위'],
} as const;
type Field = keyof typeof ROSTER_COLUMNS;

/** Roles a roster can give, as files name them. */
const ROLE_WORDS: Record<string, Role> = { teacher: 'teacher', 교사: 'teacher', 교원: 'teacher', principal: 'principal', 교장: 'principal', 학교장: 'principal' };

/** Seoul has about 70,000 teachers; a bigger file is not one city's roster. */
export const ROSTER_MAX_ROWS = 80_000;

export interface RosterRow {
  rowNumber: number;
  teacherNumber: string;
  email: string;
  name: string;
  role: Role;
  schoolId: number;
}

export interface SchoolLookup {
  id: number;
  office: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A bad value is named, never echoed whole: a 19 MB cell must not come back in the error. */
export const excerpt = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/**
 * Checks every row of a roster and returns the rows to stage or every problem (row, column, reason):
 * required values, formats, NEIS codes that exist, roles and schools within the importer's reach,
 * and a teacher number or email given twice in the file.
 */
export function parseRosterRows(table: ParsedTable, schools: Map<string, SchoolLookup>, actor: Actor): { rows: RosterRow[]; problems: CellProblem[] } {
  const header: Partial<Record<Field, string>> = {};
  const problems: CellProblem[] = [];
  for (const f of Object.keys(ROSTER_COLUMNS) as Field[]) {
    header[f] = ROSTER_COLUMNS[f].find((name) => table.headers.includes(name));
    if (!header[f]) problems.push({ row: 1, column: ROSTER_COLUMNS[f][0], reason: `required column is missing (also accepted: ${ROSTER_COLUMNS[f].slice(1).join(', ')})` });
  }
  if (problems.length) return { rows: [], problems };
  if (table.rows.length === 0) return { rows: [], problems: [{ row: 2, reason: 'the file has a header but no rows' }] };

  const rows: RosterRow[] = [];
  const byNumber = new Map<string, number>();
  const byEmail = new Map<string, number>();
  for (const { rowNumber: row, values } of table.rows) {
    const get = (f: Field) => (values[header[f]!] ?? '').trim();
    const bad = (f: Field, reason: string) => problems.push({ row, column: header[f]!, reason });
    const before = problems.length;

    const teacherNumber = get('teacherNumber');
    if (!teacherNumber) bad('teacherNumber', 'empty');
    else if (!TEACHER_NUMBER.test(teacherNumber)) bad('teacherNumber', `must be 1-50 letters, digits or hyphens, got '${excerpt(teacherNumber)}'`);
    const name = get('name').normalize('NFC');
    if (!name) bad('name', 'empty');
    else if (name.length > 100) bad('name', 'longer than 100 characters');
    else if (CONTROL.test(name)) bad('name', 'contains control characters');
    const email = get('email').toLowerCase();
    if (!email) bad('email', 'empty');
    else if (email.length > 254 || !EMAIL.test(email) || CONTROL.test(email)) bad('email', `not an email address: '${excerpt(email)}'`);
    const roleWord = get('role');
    const role = ROLE_WORDS[roleWord.toLowerCase()];
    if (!role) bad('role', `must be teacher (교사) or principal (교장), got '${excerpt(roleWord)}'`);
    const code = get('schoolCode');
    const school = schools.get(code);
    if (!NEIS_CODE.test(code)) bad('schoolCode', `must be a 7-digit NEIS school code, got '${excerpt(code)}'`);
    else if (!school) bad('schoolCode', `no school with NEIS code '${code}'`);
    if (role && school) {
      const refused = checkAssign(actor, { role, schoolId: school.id, office: school.office });
      for (const r of refused) bad(r.rule === 'role_within_reach' ? 'role' : 'schoolCode', r.reason);
    }

    if (teacherNumber) {
      const first = byNumber.get(teacherNumber);
      if (first !== undefined) bad('teacherNumber', `teacher number '${excerpt(teacherNumber)}' is also on row ${first}`);
      else byNumber.set(teacherNumber, row);
    }
    if (email) {
      const first = byEmail.get(email);
      if (first !== undefined) bad('email', `email '${excerpt(email)}' is also on row ${first}`);
      else byEmail.set(email, row);
    }
    if (problems.length > before) continue;
    rows.push({ rowNumber: row, teacherNumber, email, name, role: role!, schoolId: school!.id });
  }
  return { rows, problems };
}
