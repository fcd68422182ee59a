import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, AuthUser, NotFoundError } from '@app/core';
import type { StudentDto } from '../consent.dto';
import type { SchoolLevel } from '../consent-responses.dto';
import { SchoolStaff } from '../school-staff';

export interface StudentRow {
  id: number;
  schoolId: number;
  studentCode: string;
  grade: number;
  classNo: number | null;
  birthMonth: string | null;
  level: SchoolLevel;
}

export const STUDENT_SELECT = `SELECT st.id, st.school_id AS "schoolId", st.student_code AS "studentCode", st.grade, st.class_no AS "classNo",
  to_char(st.birth_month, 'YYYY-MM') AS "birthMonth", s.level FROM students st JOIN schools s ON s.id = st.school_id`;

/** The pseudonymous class roster the consent work needs (the same students as the literacy results). */
@Injectable()
export class Roster {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly staff: SchoolStaff,
    private readonly audit: AuditLog,
  ) {}

  async upsert(dto: StudentDto, actor: AuthUser): Promise<StudentRow> {
    await this.staff.assertActsFor(actor, dto.schoolId);
    const id = await this.ds.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO students (school_id, student_code, grade, class_no, birth_month) VALUES ($1, $2, $3, $4, $5::date)
         ON CONFLICT (school_id, student_code) DO UPDATE SET grade = EXCLUDED.grade, class_no = EXCLUDED.class_no, birth_month = coalesce(EXCLUDED.birth_month, students.birth_month)
         RETURNING id`,
        [dto.schoolId, dto.studentCode, dto.grade, dto.classNo, dto.birthMonth ? `${dto.birthMonth}-01` : null],
      );
      await this.audit.record(tx, actor, { action: 'upsert_student', entityType: 'student', entityId: id, schoolId: dto.schoolId, after: { grade: dto.grade, classNo: dto.classNo } });
      return id as number;
    });
    return this.get(id, actor);
  }

  /** A student the caller may read (404 for none, 403 for another school's). */
  async get(id: number, actor: AuthUser): Promise<StudentRow> {
    const [row] = await this.ds.query(`${STUDENT_SELECT} WHERE st.id = $1`, [id]);
    if (!row) throw new NotFoundError('student', id);
    await this.staff.assertReads(actor, row.schoolId);
    return row;
  }

  async forActing(id: number, actor: AuthUser): Promise<StudentRow> {
    const row = await this.get(id, actor);
    await this.staff.assertActsFor(actor, row.schoolId);
    return row;
  }

  async classList(schoolId: number, grade: number, classNo: number, actor: AuthUser): Promise<StudentRow[]> {
    await this.staff.assertReads(actor, schoolId);
    return this.ds.query(`${STUDENT_SELECT} WHERE st.school_id = $1 AND st.grade = $2 AND st.class_no = $3 ORDER BY st.student_code`, [schoolId, grade, classNo]);
  }
}
