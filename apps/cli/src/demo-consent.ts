import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, schoolYearOf } from '@app/core';
import { AiServices, ConsentLetters, ConsentRecords, GuardianRelation, Roster } from '@app/consent';
import { RetentionRules } from '@app/privacy';

const NOTICE = {
  purpose: '국어·사회 수업에서 교사의 지도하에 생성형 AI(ChatGPT)로 글쓰기 피드백을 받는 활동',
  dataItems: ['학교에서 발급한 계정(이메일)', '수업 중 입력한 글'],
  retention: '해당 학년도 종료 시(2월 말)까지, 이후 지체 없이 파기',
  refusalRight: '동의하지 않을 권리가 있으며, 동의하지 않는 경우 같은 목표의 대체 활동(교사 피드백)에 참여합니다. 불이익은 없습니다.',
};

function monthsAgo(years: number, extraMonths = 1): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - extraMonths);
  return `${d.getUTCFullYear() - years}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * ChatGPT in the registry with two notice versions, and one middle-school class (2학년 1반) in every
 * state: consented, refused, withdrawn, consented to the old notice, too young, no answer, link
 * opened but unanswered, and answered on the web. Then the school year before, finished, whose
 * consent records the daily destruction removes (with the retention schedule approved).
 */
export async function seedDemoConsent(app: INestApplicationContext, admin: AuthUser, teacher: AuthUser): Promise<void> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [existing] = await ds.query(`SELECT 1 FROM ai_services LIMIT 1`);
  if (!existing) await seedCurrentYear(app, admin, teacher);
  await seedFinishedYear(app, admin, teacher);
}

async function seedCurrentYear(app: INestApplicationContext, admin: AuthUser, teacher: AuthUser): Promise<void> {
  const services = app.get(AiServices);
  const records = app.get(ConsentRecords);
  const roster = app.get(Roster);
  const chatgpt = await services.create(
    { name: 'ChatGPT', provider: 'OpenAI', minAge: 13, consentUnderAge: 18, personalData: ['계정 정보(이메일)', '입력한 대화 내용'], allowedLevels: ['middle', 'high'], notes: '만 13세 이상, 만 18세 미만은 보호자 동의 필요 (이용 약관)' },
    admin,
  );
  await services.create(
    { name: '교실용 AI 그림 도구', provider: '(시연용)', minAge: 0, consentUnderAge: 0, personalData: [], allowedLevels: ['middle', 'high'], notes: '개인정보를 받지 않는 도구' },
    admin,
  );
  const year = schoolYearOf();
  await services.publishNotice(chatgpt.id, { schoolYear: year, ...NOTICE }, admin);
  const schoolId = teacher.schoolId!;
  const student = async (code: string, age: number) => (await roster.upsert({ schoolId, studentCode: code, grade: 8, classNo: 1, birthMonth: monthsAgo(age) }, teacher)).id;
  const record = (studentId: number, decision: 'granted' | 'refused', relation: GuardianRelation = 'mother') =>
    records.record({ studentId, serviceId: chatgpt.id, decision, guardianRelation: relation, method: 'paper_slip' }, teacher);

  const oldNotice = await student('2101', 14);
  await record(oldNotice, 'granted');
  await services.publishNotice(chatgpt.id, { schoolYear: year, ...NOTICE, dataItems: [...NOTICE.dataItems, '첨부한 사진'] }, admin);
  await record(await student('2102', 15), 'granted');
  await record(await student('2103', 15), 'refused', 'father');
  const withdrawn = await student('2104', 15);
  await record(withdrawn, 'granted');
  await records.withdraw({ studentId: withdrawn, serviceId: chatgpt.id, guardianRelation: 'mother', method: 'other' }, teacher);
  await student('2105', 12);
  const noAnswer = await student('2106', 15);
  const opened = await student('2107', 15);
  const web = await student('2108', 13);

  const letters = app.get(ConsentLetters);
  const letter = await letters.create({ serviceId: chatgpt.id, schoolId, grade: 8, classNo: 1 }, teacher);
  const token = (id: number) => letter.slips.find((s: { studentCode: string }) => s.studentCode === (id === opened ? '2107' : '2108'))!.token;
  await letters.open(token(opened));
  await letters.answer(token(web), 'granted', 'mother');
  void noAnswer;
}

/**
 * The school year before this one, over since the end of February: a notice of that year and the
 * decisions of the class that was then 3학년 1반 (graduated since; the roster keeps them until the
 * students rule anonymises them). Its records are past the consent rule's retention (0 months after
 * the year's end), so the daily job (or 지금 실행) destroys them, keeping the class's figures for
 * that year. Seeded once: the notice stays after its records are destroyed, so a later run of the
 * seed does not bring them back. This year's records are not touched by any of it.
 */
async function seedFinishedYear(app: INestApplicationContext, admin: AuthUser, teacher: AuthUser): Promise<void> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const year = schoolYearOf() - 1;
  const [chatgpt] = await ds.query(`SELECT id FROM ai_services WHERE name = 'ChatGPT'`);
  if (!chatgpt) return;
  const [done] = await ds.query(`SELECT 1 FROM consent_notices WHERE service_id = $1 AND school_year = $2`, [chatgpt.id, year]);
  if (!done) {
    const services = app.get(AiServices);
    const records = app.get(ConsentRecords);
    const roster = app.get(Roster);
    const notice = await services.publishNotice(chatgpt.id, { schoolYear: year, ...NOTICE }, admin);
    // Published at the start of that year, as it was then: a notice counts only from its publication.
    await ds.query(`UPDATE consent_notices SET published_at = $2::date::timestamp AT TIME ZONE 'Asia/Seoul' + interval '9 hours' WHERE id = $1`, [notice.id, `${year}-03-02`]);
    const schoolId = teacher.schoolId!;
    // Ages then: 14 or 15 in the spring of that year, so a guardian's consent was needed.
    const classOf = [
      ['3101', 'granted', 'mother'],
      ['3102', 'granted', 'father'],
      ['3103', 'refused', 'mother'],
      ['3104', 'withdrawn', 'mother'],
      ['3105', null, null],
      ['3106', 'granted', 'legal_representative'],
    ] as const;
    for (const [i, [code, answer, relation]] of classOf.entries()) {
      const student = await roster.upsert({ schoolId, studentCode: code, grade: 9, classNo: 1, birthMonth: monthsAgo(16 + (i % 2), 2) }, teacher);
      await ds.query(`UPDATE students SET created_at = $2::date::timestamp AT TIME ZONE 'Asia/Seoul' + interval '9 hours' WHERE id = $1`, [student.id, `${year}-03-03`]);
      if (!answer) continue;
      await records.record(
        { studentId: student.id, serviceId: chatgpt.id, decision: answer === 'refused' ? 'refused' : 'granted', guardianRelation: relation!, method: 'paper_slip', decidedAt: `${year}-03-${String(10 + i).padStart(2, '0')}` },
        teacher,
      );
      if (answer === 'withdrawn') {
        await records.withdraw({ studentId: student.id, serviceId: chatgpt.id, guardianRelation: relation!, method: 'other', withdrawnAt: `${year}-09-01` }, teacher);
      }
    }
  }
  // The office's privacy officer approved the retention schedule as the migration proposes it.
  const rules = app.get(RetentionRules);
  for (const rule of await rules.list()) if (rule.active && !rule.approvedAt) await rules.update(rule.id, {}, admin);
}
