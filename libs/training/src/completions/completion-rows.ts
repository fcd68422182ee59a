import { type CellProblem, type ParsedTable, schoolYearOf, seoulToday } from '@app/core';
import { parseParticipantKind, ParticipantKind } from '../training-terms';
import type { DuplicatePolicy } from './completion-import.service';

/** Accepted header names: the English code first, then what Korean spreadsheets call it. */
export const COMPLETION_COLUMNS = {
  participantId: ['participant_id', '식별번호', '개인번호'],
  name: ['name', '성명', '이름'],
  email: ['email', '이메일'],
  kind: ['kind', '구분'],
  schoolCode: ['neis_school_code', '학교코드'],
  courseCode: ['course_code', '과정코드'],
  sessionCode: ['session_code', '차수'],
  completedOn: ['completed_on', '이수일'],
  hours: ['hours', '이수시간'],
} as const;
type Field = keyof typeof COMPLETION_COLUMNS;
const REQUIRED: Field[] = ['participantId', 'name', 'kind', 'courseCode', 'completedOn'];

export interface StagedCompletion {
  rowNumber: number;
  externalId: string;
  name: string;
  email: string | null;
  kind: ParticipantKind;
  schoolId: number | null;
  courseId: number;
  sessionId: number | null;
  completedOn: string;
  hours: number;
}

interface Lookups {
  courses: { id: number; code: string; schoolYear: number; creditHours: number; audience: string[] }[];
  sessions: { id: number; courseId: number; code: string }[];
  schools: { id: number; neisCode: string }[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks every row and returns either the rows to stage or every problem found (row, column, reason).
 * Repeats inside the file follow the duplicate policy: reject reports them, skip keeps the first,
 * replace keeps the last. A completion cannot be later than `today` (in Seoul).
 */
export function parseCompletionRows(table: ParsedTable, lookups: Lookups, policy: DuplicatePolicy, today = seoulToday()) {
  const header = resolveHeaders(table.headers);
  const problems: CellProblem[] = [];
  for (const f of REQUIRED) {
    if (!header[f]) problems.push({ row: 1, column: COMPLETION_COLUMNS[f][0], reason: `required column is missing (also accepted: ${COMPLETION_COLUMNS[f].slice(1).join(', ')})` });
  }
  if (problems.length) return { rows: [], problems, withinFileDuplicates: 0 };

  const coursesByCode = new Map<string, Lookups['courses']>();
  for (const c of lookups.courses) coursesByCode.set(c.code, [...(coursesByCode.get(c.code) ?? []), c]);
  const sessions = new Map(lookups.sessions.map((s) => [`${s.courseId}/${s.code}`, s.id]));
  const schools = new Map(lookups.schools.map((s) => [s.neisCode, s.id]));
  const byKey = new Map<string, number>();
  const out: (StagedCompletion | undefined)[] = [];
  let withinFileDuplicates = 0;

  // A file repeats a few hundred dates and a handful of course codes and
  // hours 100,000 times, so each distinct value is checked once (same results, same messages).
  const dates = new Map<string, { valid: boolean; year: number }>();
  const courseOf = new Map<string, Lookups['courses'][number] | null>();
  const hoursOf = new Map<string, number | null>();
  const emailOk = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);

  for (const { rowNumber: row, values } of table.rows) {
    const get = (f: Field) => {
      const h = header[f];
      return h ? (values[h] ?? '').trim() : '';
    };
    const col = (f: Field) => header[f] ?? COMPLETION_COLUMNS[f][0];
    const bad = (f: Field, reason: string) => problems.push({ row, column: col(f), reason });
    const before = problems.length;

    const externalId = get('participantId');
    if (!externalId) bad('participantId', 'empty');
    else if (externalId.length > 100) bad('participantId', 'longer than 100 characters');
    const name = get('name');
    if (!name) bad('name', 'empty');
    const email = get('email').toLowerCase() || null;
    if (email && !emailOk(email)) bad('email', `not an email address: '${email}'`);
    const kind = parseParticipantKind(get('kind'));
    if (!kind) bad('kind', `must be 교원, 직원 or 학부모 (teacher, staff, parent), got '${get('kind')}'`);
    const schoolCode = get('schoolCode');
    const schoolId = schoolCode ? schools.get(schoolCode) : null;
    if (schoolCode && !schoolId) bad('schoolCode', `no school with NEIS code '${schoolCode}'`);

    const completedOnRaw = get('completedOn');
    const completedOn = completedOnRaw.replace(/[./]/g, '-');
    let date = dates.get(completedOn);
    if (!date) {
      const m = DATE.exec(completedOn);
      const valid = !!m && !Number.isNaN(Date.parse(`${completedOn}T00:00:00Z`)) && new Date(`${completedOn}T00:00:00Z`).toISOString().startsWith(completedOn);
      date = { valid, year: valid ? schoolYearOf(completedOn) : 0 };
      dates.set(completedOn, date);
    }
    const validDate = date.valid;
    if (!validDate) bad('completedOn', `must be a date YYYY-MM-DD, got '${completedOnRaw}'`);
    else if (completedOn > today) bad('completedOn', 'is in the future');

    const code = get('courseCode');
    const candidates = coursesByCode.get(code);
    let course: Lookups['courses'][number] | undefined;
    if (!code) bad('courseCode', 'empty');
    else if (!candidates) bad('courseCode', `no course '${code}'`);
    else if (validDate) {
      const courseKey = `${code}\u0000${date.year}`;
      let found = courseOf.get(courseKey);
      if (found === undefined) {
        found = candidates.find((c) => c.schoolYear === date!.year) ?? (candidates.length === 1 ? candidates[0] : null);
        courseOf.set(courseKey, found);
      }
      course = found ?? undefined;
      if (!course) bad('courseCode', `course '${code}' is not offered in school year ${date.year}`);
      else if (kind && !course.audience.includes(kind)) bad('kind', `course '${code}' is not for ${kind}`);
    }
    const sessionCode = get('sessionCode');
    const sessionId = course && sessionCode ? sessions.get(`${course.id}/${sessionCode}`) : null;
    if (course && sessionCode && !sessionId) bad('sessionCode', `course '${code}' has no session '${sessionCode}'`);

    const hoursRaw = get('hours');
    let hours: number;
    if (hoursRaw) {
      let given = hoursOf.get(hoursRaw);
      if (given === undefined) {
        const n = Number(hoursRaw);
        given = !Number.isFinite(n) || n <= 0 || n > 999 || Math.round(n * 10) !== n * 10 ? null : n;
        hoursOf.set(hoursRaw, given);
      }
      if (given === null) {
        bad('hours', `must be a positive number of hours with at most one decimal, got '${hoursRaw}'`);
        hours = Number(hoursRaw);
      } else hours = given;
    } else hours = course?.creditHours ?? 0;

    if (problems.length > before) continue;
    const staged: StagedCompletion = { rowNumber: row, externalId, name, email, kind: kind!, schoolId: schoolId ?? null, courseId: course!.id, sessionId: sessionId ?? null, completedOn, hours };
    const key = `${externalId}\u0000${course!.id}\u0000${sessionId ?? 0}`;
    const earlier = byKey.get(key);
    if (earlier !== undefined) {
      withinFileDuplicates++;
      if (policy === 'reject') problems.push({ row, column: col('participantId'), reason: `duplicate of row ${out[earlier]!.rowNumber} (same person, course and session)` });
      else if (policy === 'replace') {
        out[earlier] = undefined;
        byKey.set(key, out.push(staged) - 1);
      }
      continue;
    }
    byKey.set(key, out.push(staged) - 1);
  }
  return { rows: out.filter((r): r is StagedCompletion => r !== undefined), problems, withinFileDuplicates };
}

function resolveHeaders(headers: string[]): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {};
  for (const [field, names] of Object.entries(COMPLETION_COLUMNS) as [Field, readonly string[]][]) {
    const hit = headers.find((h) => names.includes(h.trim().toLowerCase()) || names.includes(h.trim()));
    if (hit) found[field] = hit;
  }
  return found;
}
