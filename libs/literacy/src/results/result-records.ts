import type { CellProblem } from '@app/core';
import { SchoolLevel, yearOfSchooling } from '@app/schools/school-level';
import { checkScore, normaliseResponse } from '../analysis';
import type { AssessmentItem } from '../assessments/assessments.service';

/** One student's results as read from any format, before checking; `column` names say where each value came from. */
export interface RawRecord {
  row: number;
  studentCode: { value: string | null; column: string };
  school: { value: string | null; column: string };
  grade: { value: string | null; column: string };
  classNo: { value: string | null; column: string };
  form: { value: string | null; column: string };
  /** Optional: M / F (남 / 여), for DIF by sex. */
  sex?: { value: string | null; column: string };
  /** By item id; an item absent from the record is no answer. */
  cells: Map<string, { value: string | null; column: string }>;
}

export interface StagedResult {
  row: number;
  studentCode: string;
  schoolId: number;
  grade: number;
  classNo: number | null;
  form: string;
  sex: 'M' | 'F' | null;
  /** Position-aligned with the assessment's items. */
  responses: (string | null)[];
}

export interface SchoolRef {
  id: number;
  level: string;
  office: string;
}

export interface RecordContext {
  assessment: { grade: number; forms: string[]; items: AssessmentItem[] };
  /** By NEIS code and by platform id (as text). */
  schools: Map<string, SchoolRef>;
  /** Whether the importer may write this school's results. */
  mayWrite: (school: SchoolRef) => boolean;
  /** The importer's own school, used when a record names none (a principal's upload). */
  defaultSchool?: SchoolRef;
}

const STUDENT_CODE = /^[A-Za-z0-9_.-]{1,40}$/;
const SEX: Record<string, 'M' | 'F'> = { M: 'M', F: 'F', 남: 'M', 여: 'F', 남자: 'M', 여자: 'F' };

function whole(text: string | null): number | null {
  return text !== null && /^\d{1,3}$/.test(text) ? Number(text) : null;
}

/**
 * Checks records one at a time (a file with any problem is rejected whole, so every problem is
 * kept, up to PROBLEMS_KEPT). Two rows of the same student are found after staging, in SQL
 * (results-import.service.ts), so a million-row file needs no map of every student here.
 */
export class RecordChecker {
  readonly problems: CellProblem[] = [];

  constructor(private readonly ctx: RecordContext) {}

  /** The staged result, or null when the record has a problem. */
  check(rec: RawRecord): StagedResult | null {
    const { ctx, problems } = this;
    const bad = (column: string, reason: string) => problems.push({ row: rec.row, column, reason });
    const before = problems.length;
    const code = normaliseResponse(rec.studentCode.value);
    if (!code) bad(rec.studentCode.column, 'the student id is empty');
    else if (!STUDENT_CODE.test(code)) bad(rec.studentCode.column, 'a student id uses letters, digits, _ . - (up to 40); no names');

    const schoolKey = normaliseResponse(rec.school.value);
    const school = schoolKey ? ctx.schools.get(schoolKey) : ctx.defaultSchool;
    if (!school) bad(rec.school.column, schoolKey ? `no school with code ${schoolKey}` : 'the school is missing');
    else if (!ctx.mayWrite(school)) bad(rec.school.column, 'you may not import results of this school');

    const gradeInLevel = whole(normaliseResponse(rec.grade.value));
    const grade = gradeInLevel === null || !school ? null : yearOfSchooling(school.level as SchoolLevel, gradeInLevel);
    if (gradeInLevel === null) bad(rec.grade.column, 'the grade must be a whole number');
    else if (school && grade !== ctx.assessment.grade) bad(rec.grade.column, `grade ${gradeInLevel} at this school is not the assessment's grade`);

    const classText = normaliseResponse(rec.classNo.value);
    const classNo = whole(classText);
    if (classText !== null && (classNo === null || classNo < 1 || classNo > 99)) bad(rec.classNo.column, 'the class must be a whole number from 1 to 99');

    const form = normaliseResponse(rec.form.value) ?? ctx.assessment.forms[0];
    if (!ctx.assessment.forms.includes(form)) bad(rec.form.column, `unknown form ${form}; one of ${ctx.assessment.forms.join(', ')}`);

    const sexText = normaliseResponse(rec.sex?.value);
    const sex = sexText === null ? null : SEX[sexText.toUpperCase()] ?? null;
    if (sexText !== null && !sex) bad(rec.sex!.column, 'the sex must be M or F (남 or 여)');

    const responses = ctx.assessment.items.map((item) => {
      const cell = rec.cells.get(item.id);
      const value = normaliseResponse(cell?.value);
      if (value === null || !cell) return null;
      if (item.key) {
        if (item.options && !item.options.includes(value)) bad(cell.column, `${value} is not an option of ${item.id} (${item.options.join(', ')})`);
      } else {
        const reason = /^-?\d+(\.\d+)?$/.test(value) ? checkScore(item, Number(value)) : 'the score is not a number';
        if (reason) bad(cell.column, reason);
      }
      return value;
    });
    if (problems.length !== before) return null;
    return { row: rec.row, studentCode: code!, schoolId: school!.id, grade: grade!, classNo, form, sex, responses };
  }
}
