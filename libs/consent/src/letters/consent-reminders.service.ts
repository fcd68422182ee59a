import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Notices, seoulDayEndSql } from '@app/core';
import { ConsentLetters } from './letters.service';

/**
 * The daily reminder: each school with unanswered slips hears which classes are missing answers
 * (one notice a day), and a student whose first guardian has not answered after the letter's
 * number of days gets a slip for the second guardian (a slip made on Seoul day C is due from day
 * C + that number). Safe to run twice: notices are keyed per
 * school and day, and a student has at most one second-guardian slip per letter.
 */
@Injectable()
export class ConsentReminders {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly letters: ConsentLetters,
    private readonly notices: Notices,
  ) {}

  async remind(day: string): Promise<{ schools: number; notices: number; secondGuardianSlips: number }> {
    const open: { letterId: number; schoolId: number; grade: number; classNo: number; serviceName: string; missing: number; due: number[] }[] = await this.ds.query(
      `SELECT l.id AS "letterId", l.school_id AS "schoolId", l.grade, l.class_no AS "classNo", a.name AS "serviceName",
              count(DISTINCT k.student_id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM consent_slips z WHERE z.letter_id = l.id AND z.student_id = k.student_id AND z.answered_at IS NOT NULL))::int AS missing,
              coalesce(array_agg(DISTINCT k.student_id) FILTER (
                WHERE k.guardian_no = 1 AND k.answered_at IS NULL AND k.created_at < ${seoulDayEndSql('$1::date - l.second_guardian_after_days')}
                AND NOT EXISTS (SELECT 1 FROM consent_slips z WHERE z.letter_id = l.id AND z.student_id = k.student_id AND z.guardian_no = 2)), '{}') AS due
       FROM consent_letters l JOIN consent_slips k ON k.letter_id = l.id JOIN consent_notices n ON n.id = l.notice_id JOIN ai_services a ON a.id = n.service_id
       GROUP BY l.id, a.name HAVING count(*) FILTER (WHERE k.answered_at IS NULL) > 0 ORDER BY l.school_id, l.grade, l.class_no`,
      [day],
    );
    let secondGuardianSlips = 0;
    let notices = 0;
    const bySchool = new Map<number, typeof open>();
    for (const l of open) bySchool.set(l.schoolId, [...(bySchool.get(l.schoolId) ?? []), l]);
    await this.ds.transaction(async (tx) => {
      for (const l of open) if (l.due.length) secondGuardianSlips += await this.letters.addSlips(tx, l.letterId, l.due, 2);
      for (const [schoolId, letters] of bySchool) {
        const missing = letters.filter((l) => l.missing > 0);
        if (!missing.length) continue;
        notices += await this.notices.toPrincipals(tx, [schoolId], {
          kind: 'consent_reminder',
          title: `보호자 동의 회신 독려: ${missing.length}개 학급에 미회신이 있습니다`,
          body: missing.map((l) => `${l.grade}학년 ${l.classNo}반 ${l.serviceName}: 미회신 ${l.missing}명`).join('\n'),
          link: `/consent/letters?schoolId=${schoolId}`,
          dedupeKey: `consent-remind:${schoolId}:${day}`,
        });
      }
    });
    return { schools: bySchool.size, notices, secondGuardianSlips };
  }
}
