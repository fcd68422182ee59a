import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser, CellProblem, importRejected, ParsedTable, readTable, requireHeaders, seoulToday, ValidationFailedError } from '@app/core';
import { GRADES_IN_LEVEL, SchoolLevel, yearOfSchooling } from '@app/schools/school-level';
import { GuardianRelation, relationFromText } from '../guardian-relation';
import { SchoolStaff } from '../school-staff';
import { AiServices } from '../services/ai-services.service';
import { ConsentRecords, decisionTime } from './consent-records.service';

const COL = { student: '학생ID', grade: '학년', classNo: '반', birth: '생년월', decision: '동의 여부', relation: '보호자 관계', method: '확인 방법', date: '확인일' };
const DECISION: Record<string, 'granted' | 'refused'> = { 동의: 'granted', 동의함: 'granted', granted: 'granted', 미동의: 'refused', 동의안함: 'refused', 비동의: 'refused', refused: 'refused' };
const METHOD: Record<string, 'paper_slip' | 'other'> = { 서면: 'paper_slip', 회신서: 'paper_slip', paper_slip: 'paper_slip', 기타: 'other', other: 'other' };

interface Row {
  row: number;
  studentCode: string;
  grade: number;
  classNo: number;
  birthMonth: string | null;
  decision: 'granted' | 'refused' | null;
  relation: GuardianRelation;
  method: 'paper_slip' | 'other';
  decidedOn: string;
}

/**
 * A class roster with the returned slips (학생ID, 학년, 반, 생년월, 동의 여부, 보호자 관계, 확인 방법,
 * 확인일), for one school and service. All or nothing; a row with no decision only updates the
 * roster (the slip has not come back).
 */
@Injectable()
export class ConsentImport {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly staff: SchoolStaff,
    private readonly services: AiServices,
    private readonly records: ConsentRecords,
    private readonly audit: AuditLog,
  ) {}

  async import(schoolId: number, serviceId: number, file: Buffer, filename: string, actor: AuthUser) {
    await this.staff.assertActsFor(actor, schoolId);
    await this.services.get(serviceId);
    const [school] = await this.ds.query(`SELECT level FROM schools WHERE id = $1`, [schoolId]);
    const table = await readTable(file, filename, { maxRows: 5_000 });
    requireHeaders(table, [COL.student, COL.grade, COL.classNo]);
    const { rows, problems } = parse(table, school.level as SchoolLevel);
    if (problems.length) throw importRejected(problems);
    if (!rows.length) throw new ValidationFailedError('The file holds no students', [{ field: 'file', reason: 'no rows' }], 'EMPTY_FILE');
    const notices = new Map<string, { id: number }>();
    for (const r of rows.filter((x) => x.decision)) {
      if (!notices.has(r.decidedOn)) notices.set(r.decidedOn, await this.records.currentNotice(serviceId, r.decidedOn).catch(() => ({ id: 0 })));
    }
    const noNotice = rows.filter((r) => r.decision && notices.get(r.decidedOn)!.id === 0);
    if (noNotice.length) throw importRejected(noNotice.map((r) => ({ row: r.row, column: COL.date, reason: 'no consent notice of this service was in force on that day' })));

    return this.ds.transaction(async (tx) => {
      const students: { id: number; code: string }[] = await tx.query(
        `INSERT INTO students (school_id, student_code, grade, class_no, birth_month)
         SELECT $1, t.code, t.grade, t.class_no, t.birth_month FROM jsonb_to_recordset($2::jsonb) AS t(code text, grade smallint, class_no smallint, birth_month date)
         ON CONFLICT (school_id, student_code) DO UPDATE SET grade = EXCLUDED.grade, class_no = EXCLUDED.class_no, birth_month = coalesce(EXCLUDED.birth_month, students.birth_month)
         RETURNING id, student_code AS code`,
        [schoolId, JSON.stringify(rows.map((r) => ({ code: r.studentCode, grade: r.grade, class_no: r.classNo, birth_month: r.birthMonth ? `${r.birthMonth}-01` : null })))],
      );
      const idOf = new Map(students.map((s) => [s.code, s.id]));
      const decided = rows.filter((r) => r.decision);
      await this.records.addMany(tx, decided.map((r) => ({
        studentId: idOf.get(r.studentCode)!, serviceId, noticeId: notices.get(r.decidedOn)!.id, decision: r.decision!, guardianRelation: r.relation, method: r.method,
        decidedAt: decisionTime(r.decidedOn, COL.date), recordedBy: actor.id,
      })));
      await this.audit.record(tx, actor, { action: 'import_consents', entityType: 'ai_service', entityId: serviceId, schoolId, after: { filename, rows: rows.length, recorded: decided.length } });
      return { received: rows.length, recorded: decided.length, rosterOnly: rows.length - decided.length };
    });
  }
}

function parse(table: ParsedTable, level: SchoolLevel): { rows: Row[]; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber: row, values } of table.rows) {
    const bad = (column: string, reason: string) => problems.push({ row, column, reason });
    const before = problems.length;
    const code = (values[COL.student] ?? '').trim();
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(code)) bad(COL.student, 'a student id uses letters, digits, _ . - (up to 40); no names');
    else if (seen.has(code)) bad(COL.student, `the same student appears on row ${seen.get(code)}`);
    else seen.set(code, row);
    const grade = Number(values[COL.grade]);
    if (!Number.isInteger(grade) || grade < 1 || grade > GRADES_IN_LEVEL[level]) bad(COL.grade, `the grade must be a whole number from 1 to ${GRADES_IN_LEVEL[level]}`);
    const classNo = Number(values[COL.classNo]);
    if (!Number.isInteger(classNo) || classNo < 1 || classNo > 99) bad(COL.classNo, 'the class must be a whole number from 1 to 99');
    const birth = (values[COL.birth] ?? '').trim().replace(/[./]/g, '-');
    if (birth && !/^(19|20)\d{2}-(0[1-9]|1[0-2])$/.test(birth)) bad(COL.birth, 'write the birth year and month as YYYY-MM');
    const decisionText = (values[COL.decision] ?? '').trim();
    const decision = decisionText ? DECISION[decisionText.replace(/\s/g, '')] : null;
    if (decision === undefined) bad(COL.decision, '동의 or 미동의 (or empty when the slip has not come back)');
    const relationText = (values[COL.relation] ?? '').trim();
    const relation = relationText ? relationFromText(relationText) : undefined;
    if (decision && !relationText) bad(COL.relation, "the guardian's relationship is needed with a decision: 부, 모, 법정대리인 or 기타 보호자");
    else if (relationText && !relation) bad(COL.relation, `'${relationText.slice(0, 20)}' is not one of 부, 모, 법정대리인 (후견인 등) or 기타 보호자`);
    const method = METHOD[(values[COL.method] ?? '').trim() || '서면'];
    if (!method) bad(COL.method, '서면 or 기타');
    const date = (values[COL.date] ?? '').trim();
    if (decision && !/^\d{4}-\d{2}-\d{2}$/.test(date)) bad(COL.date, 'the date the slip came back, YYYY-MM-DD');
    else if (decision && date > seoulToday()) bad(COL.date, 'the date is in the future');
    if (problems.length === before) {
      rows.push({ row, studentCode: code, grade: yearOfSchooling(level, grade), classNo, birthMonth: birth || null, decision: decision ?? null, relation: relation ?? 'other_guardian', method, decidedOn: date });
    }
  }
  return { rows, problems };
}
