import type { CellProblem, ParsedRow } from '@app/core';
import type { QtiCandidateResult } from '../import/qti-results';
import type { RawRecord } from './result-records';

/** Header names accepted for each column, English first, then as Korean CBT exports write them. */
const COLUMNS = {
  studentCode: ['student_id', '학생ID', '학생 ID', '학생번호'],
  school: ['neis_school_code', 'school_code', '학교코드', '학교 코드', 'school_id'],
  grade: ['grade', '학년'],
  classNo: ['class', '반'],
  form: ['form', '문항지', '검사지'],
  sex: ['sex', '성별'],
} as const;
type Field = keyof typeof COLUMNS;

/**
 * A CSV/XLSX upload: one row per student, one column per item (named by the item id). `problems`
 * are header problems (row 1) when columns are missing or unknown; `toRecord` reads one row, so a
 * streamed file is read row by row as it arrives.
 */
export function tableRecords(headers: string[], itemIds: string[], schoolOptional: boolean): { problems: CellProblem[]; toRecord: (row: ParsedRow) => RawRecord } {
  const problems: CellProblem[] = [];
  const found = {} as Record<Field, string | undefined>;
  for (const field of Object.keys(COLUMNS) as Field[]) found[field] = headers.find((h) => (COLUMNS[field] as readonly string[]).includes(h));
  const required: Field[] = schoolOptional ? ['studentCode', 'grade'] : ['studentCode', 'school', 'grade'];
  for (const field of required) if (!found[field]) problems.push({ row: 1, column: COLUMNS[field][0], reason: `missing column (${COLUMNS[field].join(' / ')})` });
  const known = new Set<string>([...Object.values(found).filter((h): h is string => !!h), ...itemIds]);
  for (const h of headers) if (!known.has(h)) problems.push({ row: 1, column: h, reason: 'not an item of this assessment nor a known column' });
  for (const id of itemIds) if (!headers.includes(id)) problems.push({ row: 1, column: id, reason: 'the item has no column' });
  const at = (field: Field, values: Record<string, string>) => ({ value: found[field] ? values[found[field]!] : null, column: found[field] ?? COLUMNS[field][0] });
  const toRecord = (r: ParsedRow): RawRecord => ({
    row: r.rowNumber,
    studentCode: at('studentCode', r.values),
    school: at('school', r.values),
    grade: at('grade', r.values),
    classNo: at('classNo', r.values),
    form: at('form', r.values),
    sex: at('sex', r.values),
    cells: new Map(itemIds.map((id) => [id, { value: r.values[id], column: id }])),
  });
  return { problems, toRecord };
}

/**
 * QTI 3.0 results: the student is `context/@sourcedId`; school, grade, class and form come from
 * `sessionIdentifier`s whose sourceID ends in /school, /grade, /class and /form. A keyed item's
 * value is the candidate's response (several values joined by commas), any other item's its SCORE.
 */
export function recordsFromQti(results: QtiCandidateResult[], keyed: Set<string>, itemIds: Set<string>): { records: RawRecord[]; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const records = results.map((r) => {
    const ctx = (key: string) => ({ value: r.context[key] ?? null, column: `context/sessionIdentifier[${key}]` });
    const cells = new Map<string, { value: string | null; column: string }>();
    for (const item of r.items) {
      const column = `itemResult[${item.identifier}]`;
      if (!itemIds.has(item.identifier)) {
        problems.push({ row: r.index, column, reason: 'not an item of this assessment' });
        continue;
      }
      const value = keyed.has(item.identifier) ? item.response?.join(',') ?? null : item.score === null ? null : String(item.score);
      cells.set(item.identifier, { value, column: keyed.has(item.identifier) ? `${column}/RESPONSE` : `${column}/SCORE` });
    }
    return { row: r.index, studentCode: { value: r.studentId, column: 'context/@sourcedId' }, school: ctx('school'), grade: ctx('grade'), classNo: ctx('class'), form: ctx('form'), sex: ctx('sex'), cells };
  });
  return { records, problems };
}
