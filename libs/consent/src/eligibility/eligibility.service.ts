import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, schoolYearOf, seoulDayEndSql } from '@app/core';
import { Roster, StudentRow } from '../records/roster.service';
import { AiServices } from '../services/ai-services.service';
import { ConsentState, decideEligibility, EligibilityDecision, SchoolLevel } from './rules';

/**
 * Loads what the rules need (the student, the service, the notice in force, the latest consent on
 * or before the day), decides, and logs every decision asked for.
 */
@Injectable()
export class Eligibility {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly roster: Roster,
    private readonly services: AiServices,
  ) {}

  async forStudent(studentId: number, serviceId: number, date: string, actor: AuthUser) {
    const student = await this.roster.get(studentId, actor);
    const [decision] = await this.decide([student], serviceId, date, actor);
    return decision;
  }

  async forClass(schoolId: number, grade: number, classNo: number, serviceId: number, date: string, actor: AuthUser) {
    const students = await this.roster.classList(schoolId, grade, classNo, actor);
    const decisions = await this.decide(students, serviceId, date, actor);
    return { schoolId, grade, classNo, serviceId, date, allowed: decisions.filter((d) => d.allowed).length, items: decisions };
  }

  /** The class list with what a downloaded sheet also names: the school and the service. */
  async forClassSheet(schoolId: number, grade: number, classNo: number, serviceId: number, date: string, actor: AuthUser) {
    const list = await this.forClass(schoolId, grade, classNo, serviceId, date, actor);
    const [[school], service] = await Promise.all([this.ds.query(`SELECT name, level FROM schools WHERE id = $1`, [schoolId]), this.services.get(serviceId)]);
    return { ...list, schoolName: school.name as string, schoolLevel: school.level as SchoolLevel, serviceName: service.name };
  }

  private async decide(students: StudentRow[], serviceId: number, date: string, actor: AuthUser) {
    const service = await this.services.get(serviceId);
    const notice = await this.services.noticeInForce(serviceId, schoolYearOf(date), date);
    const latest: ({ studentId: number } & ConsentState)[] = students.length
      ? await this.ds.query(
          `SELECT DISTINCT ON (student_id) student_id AS "studentId", decision, notice_id AS "noticeId", decided_at AS "decidedAt",
                  guardian_relation AS "guardianRelation"
           FROM consent_records WHERE service_id = $1 AND student_id = ANY($2::int[]) AND decided_at < ${seoulDayEndSql('$3::date')}
           ORDER BY student_id, decided_at DESC, id DESC`,
          [serviceId, students.map((s) => s.id), date],
        )
      : [];
    const byStudent = new Map(latest.map((l) => [l.studentId, { ...l, decidedAt: new Date(l.decidedAt).toISOString() }]));
    const out = students.map((s) => {
      const d: EligibilityDecision = decideEligibility({
        date, level: s.level as SchoolLevel, birthMonth: s.birthMonth, service, notice: notice && { id: notice.id, version: notice.version, validUntil: notice.validUntil },
        latest: byStudent.get(s.id) ?? null,
      });
      return { studentId: s.id, studentCode: s.studentCode, serviceId, date, ...d };
    });
    if (out.length) {
      await this.ds.query(
        `INSERT INTO eligibility_log (student_id, service_id, on_date, allowed, reasons, asked_by)
         SELECT t.student_id, $1, $2, t.allowed, t.reasons, $3 FROM jsonb_to_recordset($4::jsonb) AS t(student_id int, allowed boolean, reasons jsonb)`,
        [serviceId, date, actor.id, JSON.stringify(out.map((o) => ({ student_id: o.studentId, allowed: o.allowed, reasons: o.reasons })))],
      );
    }
    return out;
  }
}
