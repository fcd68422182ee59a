import { JobName, JobQueue, SCHEDULER } from '@app/core';
import { bornYearsAgo, CHATGPT, NOTICE, schoolYear, today } from './support/consent-fixtures';
import { countRows, schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('guardian consent and the eligibility decision', () => {
  let app: TestApp;
  let admin: Client;
  let middleTeacher: Client;
  let middlePrincipal: Client;
  let otherTeacher: Client;
  let gaepoTeacher: Client;
  let middle: number;
  let other: number;
  let gaepo: number;
  let serviceId: number;
  const students: Record<string, number> = {};

  const eligibility = (client: Client, studentId: number, date?: string) =>
    client.get(`/api/v1/consent/eligibility?studentId=${studentId}&serviceId=${serviceId}${date ? `&date=${date}` : ''}`);
  const grant = (client: Client, studentId: number, decision = 'granted') =>
    client.post('/api/v1/consent/records', { studentId, serviceId, decision, guardianRelation: 'mother', method: 'paper_slip' });

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    [{ id: middle }] = await app.db.query(`SELECT s.id FROM schools s WHERE s.level = 'middle' AND s.district = '강남구' ORDER BY s.id LIMIT 1`);
    [{ id: other }] = await app.db.query(`SELECT s.id FROM schools s WHERE s.level = 'middle' AND s.district = '마포구' ORDER BY s.id LIMIT 1`);
    gaepo = await schoolId(app.db, '서울개포초등학교');
    middleTeacher = await app.as({ email: 't@middle.ms.kr', role: 'teacher', schoolId: middle });
    middlePrincipal = await app.as({ email: 'p@middle.ms.kr', role: 'principal', schoolId: middle });
    otherTeacher = await app.as({ email: 't@other.ms.kr', role: 'teacher', schoolId: other });
    gaepoTeacher = await app.as({ email: 't@gaepo.es.kr', role: 'teacher', schoolId: gaepo });

    const service = await admin.post('/api/v1/consent/services', CHATGPT);
    expect(service.status).toBe(201);
    serviceId = service.body.id;
    expect((await middlePrincipal.post('/api/v1/consent/services', { name: 'x', provider: 'y', minAge: 1, consentUnderAge: 1, personalData: [], allowedLevels: ['high'] })).status).toBe(403);
    const notice = await admin.post(`/api/v1/consent/services/${serviceId}/notices`, { schoolYear: schoolYear(), ...NOTICE });
    expect(notice.body).toMatchObject({ version: 1, validUntil: `${schoolYear() + 1}-02-${schoolYear() % 4 === 3 ? '29' : '28'}` });

    for (const [code, grade, age, school, client] of [
      ['M15', 8, 15, middle, middleTeacher], ['M12', 7, 12, middle, middleTeacher], ['M13', 8, 13, middle, middleTeacher], ['M14', 8, 14, middle, middleTeacher],
      ['E11', 5, 11, gaepo, gaepoTeacher],
    ] as const) {
      const res = await client.post('/api/v1/consent/students', { schoolId: school, studentCode: code, grade, classNo: 1, birthMonth: bornYearsAgo(age) });
      expect(res.status).toBe(201);
      students[code] = res.body.id;
    }
  });
  afterAll(() => app.close());

  describe('the rules', () => {
    it('never allows an elementary student, whatever the consent', async () => {
      const res = await eligibility(gaepoTeacher, students.E11);
      expect(res.body).toMatchObject({ allowed: false, age: 11 });
      expect(res.body.reasons.find((r: { rule: string }) => r.rule === 'school_level')).toMatchObject({ passed: false });
    });

    it('refuses a 12-year-old in middle school for a 13+ service even with consent', async () => {
      expect((await grant(middleTeacher, students.M12)).status).toBe(201);
      const res = await eligibility(middleTeacher, students.M12);
      expect(res.body).toMatchObject({ allowed: false, age: 12 });
      expect(res.body.reasons.filter((r: { passed: boolean }) => !r.passed).map((r: { rule: string }) => r.rule)).toEqual(['minimum_age']);
    });

    it('refuses a 15-year-old without consent, allows with it, refuses after withdrawal', async () => {
      expect((await eligibility(middleTeacher, students.M15)).body).toMatchObject({ allowed: false, age: 15, consentRequired: true });
      await grant(middleTeacher, students.M15);
      expect((await eligibility(middleTeacher, students.M15)).body.allowed).toBe(true);
      const withdrawn = await middleTeacher.post('/api/v1/consent/records/withdraw', { studentId: students.M15, serviceId, guardianRelation: 'father', method: 'other' });
      expect(withdrawn.body.decision).toBe('withdrawn');
      const after = await eligibility(middleTeacher, students.M15);
      expect(after.body.allowed).toBe(false);
      expect(after.body.reasons.find((r: { rule: string }) => r.rule === 'guardian_consent').message).toContain('철회');
      expect((await middleTeacher.post('/api/v1/consent/records/withdraw', { studentId: students.M15, serviceId, guardianRelation: 'father', method: 'other' })).body.code).toBe('NOTHING_TO_WITHDRAW');
      await grant(middleTeacher, students.M15);
      expect((await eligibility(middleTeacher, students.M15)).body.allowed).toBe(true);
      // A withdrawal dated before the consent it withdraws, and a decision in the future, are refused.
      const backdated = await middleTeacher.post('/api/v1/consent/records/withdraw', { studentId: students.M15, serviceId, guardianRelation: 'father', method: 'other', withdrawnAt: '2020-01-01' });
      expect(backdated.body.details).toEqual([expect.objectContaining({ field: 'withdrawnAt' })]);
      const future = await middleTeacher.post('/api/v1/consent/records', { studentId: students.M15, serviceId, decision: 'refused', guardianRelation: 'mother', method: 'other', decidedAt: '2099-01-01' });
      expect(future.body.details).toEqual([{ field: 'decidedAt', reason: 'in the future' }]);
      expect((await eligibility(middleTeacher, students.M15)).body.allowed).toBe(true);
    });

    it('refuses a consent to an old notice version once a new one is published, until re-consented', async () => {
      await grant(middleTeacher, students.M14);
      expect((await eligibility(middleTeacher, students.M14)).body.allowed).toBe(true);
      const v2 = await admin.post(`/api/v1/consent/services/${serviceId}/notices`, { schoolYear: schoolYear(), ...NOTICE, dataItems: [...NOTICE.dataItems, '음성 입력'] });
      expect(v2.body.version).toBe(2);
      const stale = await eligibility(middleTeacher, students.M14);
      expect(stale.body.allowed).toBe(false);
      expect(stale.body.reasons.find((r: { rule: string }) => r.rule === 'guardian_consent').message).toContain('새 안내문(2판)');
      await grant(middleTeacher, students.M14);
      expect((await eligibility(middleTeacher, students.M14)).body.allowed).toBe(true);
    });

    it('keeps the whole history: records are append-only', async () => {
      const history = await middlePrincipal.get(`/api/v1/consent/students/${students.M15}/records`);
      expect(history.body.items.map((r: { decision: string }) => r.decision)).toEqual(['granted', 'withdrawn', 'granted']);
      await expect(app.db.query(`UPDATE consent_records SET decision = 'granted' WHERE student_id = $1`, [students.M15])).rejects.toThrow('permission denied');
      await expect(app.db.query(`DELETE FROM consent_records WHERE student_id = $1`, [students.M15])).rejects.toThrow('permission denied');
      await expect(app.ownerQuery(`UPDATE consent_records SET decision = 'granted' WHERE student_id = $1`, [students.M15])).rejects.toThrow('append-only');
      await expect(app.ownerQuery(`DELETE FROM consent_records WHERE student_id = $1`, [students.M15])).rejects.toThrow('append-only');
    });

    it('logs every decision asked for, and gives a teacher the class list before a lesson', async () => {
      const before = await countRows(app.db, 'eligibility_log');
      const list = await middleTeacher.get(`/api/v1/consent/eligibility/class?schoolId=${middle}&grade=8&classNo=1&serviceId=${serviceId}`);
      // M15's consent was to version 1 of the notice, M14 consented again to version 2.
      expect(list.body.items.map((i: { studentCode: string; allowed: boolean }) => [i.studentCode, i.allowed])).toEqual([['M13', false], ['M14', true], ['M15', false]]);
      expect(await countRows(app.db, 'eligibility_log')).toBe(before + 3);
      expect(await countRows(app.db, 'eligibility_log', `student_id = ${students.M14} AND allowed`)).toBeGreaterThanOrEqual(2);
      expect((await middleTeacher.get(`/api/v1/consent/eligibility?studentId=${students.M14}&serviceId=${serviceId}&date=2026-13-01`)).status).toBe(400);
    });

    it("gives staff a class's roster: pseudonymous ids, grade, class and birth month only", async () => {
      const roster = await middleTeacher.get(`/api/v1/consent/classes?schoolId=${middle}&grade=8&classNo=1`);
      expect(roster.status).toBe(200);
      expect(roster.body.items.map((s: { studentCode: string }) => s.studentCode)).toEqual(['M13', 'M14', 'M15']);
      expect(roster.body.items[0]).toEqual({ id: students.M13, schoolId: middle, studentCode: 'M13', grade: 8, classNo: 1, birthMonth: bornYearsAgo(13), level: 'middle' });
      expect((await otherTeacher.get(`/api/v1/consent/classes?schoolId=${middle}&grade=8&classNo=1`)).body.code).toBe('SCHOOL_OUT_OF_SCOPE');
    });
  });

  describe('access', () => {
    it('lets staff act only for their own school', async () => {
      expect((await eligibility(otherTeacher, students.M15)).status).toBe(403);
      expect((await grant(otherTeacher, students.M13)).status).toBe(403);
      expect((await otherTeacher.get(`/api/v1/consent/students/${students.M15}/records`)).status).toBe(403);
      expect((await otherTeacher.post('/api/v1/consent/students', { schoolId: middle, studentCode: 'X1', grade: 8, classNo: 1 })).status).toBe(403);
      expect((await otherTeacher.get(`/api/v1/consent/eligibility/class?schoolId=${middle}&grade=8&classNo=1&serviceId=${serviceId}`)).status).toBe(403);
      expect((await otherTeacher.post('/api/v1/consent/letters', { serviceId, schoolId: middle, grade: 8, classNo: 1 })).status).toBe(403);
      // Teachers do consent work for their own school, and nothing that is the office's.
      expect((await middleTeacher.post('/api/v1/consent/services', { ...CHATGPT, name: 'Teacher-made' })).status).toBe(403);
      expect((await middleTeacher.post(`/api/v1/consent/services/${serviceId}/notices`, { schoolYear: schoolYear(), ...NOTICE })).status).toBe(403);
      expect((await middleTeacher.post('/api/v1/consent/students', { schoolId: middle, studentCode: 'T-OK', grade: 8, classNo: 2 })).status).toBe(201);
      const gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
      expect((await eligibility(gangnam, students.M15)).status).toBe(200);
      const seobu = await app.as({ email: 'seobu@sen.go.kr', role: 'district_admin', districtOffice: 'seobu' });
      expect((await eligibility(seobu, students.M15)).status).toBe(403);
      expect((await eligibility(middleTeacher, 999999)).status).toBe(404);
    });
  });

  describe('home letters and one-time links', () => {
    let letterId: number;
    let tokens: Record<string, string>;
    const guardian = () => new HttpClient(app.baseUrl);

    beforeAll(async () => {
      const res = await middleTeacher.post('/api/v1/consent/letters', { serviceId, schoolId: middle, grade: 8, classNo: 1, secondGuardianAfterDays: 3 });
      expect(res.status).toBe(201);
      letterId = res.body.id;
      expect(res.body.notice).toMatchObject({ version: 2, refusalRight: NOTICE.refusalRight, ethicsGuidance: expect.stringContaining('개인정보') });
      expect(res.body.schoolLevel).toBe('middle');
      tokens = Object.fromEntries(res.body.slips.map((s: { studentCode: string; token: string }) => [s.studentCode, s.token]));
      expect(Object.keys(tokens).sort()).toEqual(['M13', 'M14', 'M15']);
    });

    it('prints typeable link codes and addresses from PUBLIC_BASE_URL', async () => {
      const printable = await middleTeacher.get(`/api/v1/consent/letters/${letterId}`);
      expect(printable.body.respondUrl).toBe(`${app.config.publicBaseUrl}/consent/respond`);
      for (const slip of printable.body.slips) {
        // 12 characters without 0/O or 1/I/L, in threes of four: read off paper and typed on a phone.
        expect(slip.token).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
        expect(slip.url).toBe(`${app.config.publicBaseUrl}/consent/respond/${slip.token}`);
      }
      // Kept as a keyed hash, and sealed for printing again: never as typed.
      const stored = await app.db.query(`SELECT token_hash, sealed_token FROM consent_slips WHERE letter_id = $1`, [letterId]);
      for (const row of stored) expect(Object.values(tokens).some((t) => row.token_hash.includes(t) || row.sealed_token.includes(t))).toBe(false);
      // Typed in lower case, without the hyphens, or with spaces, it is the same link.
      const typed = tokens.M15.toLowerCase().replaceAll('-', '');
      expect((await guardian().get(`/api/v1/consent/respond/${typed}`)).body).toMatchObject({ studentCode: 'M15', answered: false, answer: null });
      expect((await guardian().get(`/api/v1/consent/respond/${encodeURIComponent(tokens.M15.replaceAll('-', ' '))}`)).body.studentCode).toBe('M15');
    });

    it('works once: opened, answered, then refused', async () => {
      const opened = await guardian().get(`/api/v1/consent/respond/${tokens.M13}`);
      expect(opened.body).toMatchObject({ studentCode: 'M13', grade: 8, classNo: 1, service: { name: 'ChatGPT', minAge: 13 }, notice: { version: 2 }, answered: false });
      const [first, second] = await Promise.all([
        guardian().post(`/api/v1/consent/respond/${tokens.M13}`, { decision: 'granted', guardianRelation: 'mother' }),
        guardian().post(`/api/v1/consent/respond/${tokens.M13}`, { decision: 'refused', guardianRelation: 'father' }),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      expect([first, second].find((r) => r.status === 409)!.body.code).toBe('LINK_USED');
      const history = await middleTeacher.get(`/api/v1/consent/students/${students.M13}/records`);
      expect(history.body.items).toHaveLength(1);
      expect(history.body.items[0]).toMatchObject({ method: 'web_link', noticeVersion: 2, recordedBy: null });
      const given = [first, second].find((r) => r.status === 200)!.body;
      expect((await eligibility(middleTeacher, students.M13)).body.allowed).toBe(given.decision === 'granted');
      // Reopened, the used link shows what was answered and when.
      const reopened = await guardian().get(`/api/v1/consent/respond/${tokens.M13}`);
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ answered: true, answer: { decision: given.decision, method: 'web_link', decidedAt: given.decidedAt } });
      expect(['mother', 'father']).toContain(reopened.body.answer.guardianRelation);
      expect(reopened.body.answer.guardianName).toBeUndefined();
      expect((await guardian().get('/api/v1/consent/respond/not-a-real-token')).status).toBe(404);
      expect((await guardian().get('/api/v1/consent/respond/ABCD-EFGH-JKMN')).status).toBe(404);
    });

    it('expires', async () => {
      await app.db.query(`UPDATE consent_slips SET expires_at = now() - interval '1 minute' WHERE letter_id = $1 AND student_id = $2`, [letterId, students.M14]);
      const res = await guardian().post(`/api/v1/consent/respond/${tokens.M14}`, { decision: 'granted', guardianRelation: 'mother' });
      expect(res.body.code).toBe('LINK_EXPIRED');
      expect((await guardian().get(`/api/v1/consent/respond/${tokens.M14}`)).body.code).toBe('LINK_EXPIRED');
    });

    it('tracks sent, opened and answered per letter; a slip recorded on paper counts as answered', async () => {
      await grant(middleTeacher, students.M15, 'refused');
      const { body } = await middlePrincipal.get(`/api/v1/consent/letters?schoolId=${middle}`);
      // Opened: M13 and M15 (M14's link had expired). Answered: M13 on the web, M15 on paper.
      expect(body.items[0]).toMatchObject({ id: letterId, students: 3, slips: 3, opened: 2, answered: 2, noticeVersion: 2 });
      expect((await otherTeacher.get(`/api/v1/consent/letters?schoolId=${middle}`)).status).toBe(403);
      // The guardian's link, answered by the decision recorded from paper, says so.
      const link = await guardian().get(`/api/v1/consent/respond/${tokens.M15}`);
      expect(link.body).toMatchObject({ answered: true, answer: { decision: 'refused', method: 'paper_slip' } });
    });

    it('reminds the school of classes missing answers and makes a slip for the second guardian after the set days, once', async () => {
      const jobs = app.worker!.get(JobQueue);
      const inFiveDays = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(Date.now() + 5 * 86400_000));
      for (let i = 0; i < 2; i++) {
        await jobs.enqueue(JobName.ConsentRemind, { requestedBy: SCHEDULER, day: inFiveDays });
        await app.waitForQueues();
      }
      const second = await app.db.query(`SELECT student_id FROM consent_slips WHERE letter_id = $1 AND guardian_no = 2`, [letterId]);
      expect(second.map((r: { student_id: number }) => r.student_id)).toEqual([students.M14]);
      const notices = (await middlePrincipal.get('/api/v1/notices')).body.items.filter((n: { kind: string }) => n.kind === 'consent_reminder');
      expect(notices).toHaveLength(1);
      expect(notices[0].body).toContain('8학년 1반 ChatGPT: 미회신 1명');
      const printable = await middleTeacher.get(`/api/v1/consent/letters/${letterId}`);
      expect(printable.body.slips.filter((s: { guardianNo: number }) => s.guardianNo === 2)).toEqual([expect.objectContaining({ studentCode: 'M14', token: expect.any(String) })]);
    });
  });

  describe('bulk import of returned slips', () => {
    const header = '학생ID,학년,반,생년월,동의 여부,보호자 관계,확인 방법,확인일';

    it('rejects the whole file with row and column for each problem', async () => {
      const csv = [header, `N1,2,3,${bornYearsAgo(14)},동의,모,서면,${today()}`, `N2,2,3,2011/13,동의,,서면,${today()}`, `N3,5,3,,아마도,부,서면,${today()}`, 'N1,2,3,,,,,', 'N4,2,3,,동의,모,서면,2099-03-02'].join('\n');
      const res = await middleTeacher.upload(`/api/v1/consent/records/import?schoolId=${middle}&serviceId=${serviceId}`, csv, 'slips.csv');
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([
        expect.objectContaining({ row: 3, column: '생년월' }),
        expect.objectContaining({ row: 3, column: '보호자 관계' }),
        expect.objectContaining({ row: 4, column: '학년' }),
        expect.objectContaining({ row: 4, column: '동의 여부' }),
        expect.objectContaining({ row: 5, column: '학생ID' }),
        { row: 6, column: '확인일', reason: 'the date is in the future' },
      ]));
      expect(await countRows(app.db, 'students', `student_code LIKE 'N%'`)).toBe(0);
    });

    it('imports a class roster with decisions, all at once', async () => {
      const csv = [header, `N1,2,3,${bornYearsAgo(14)},동의,모,서면,${today()}`, `N2,2,3,${bornYearsAgo(14)},미동의,부,서면,${today()}`, `N3,2,3,${bornYearsAgo(14)},,,,`].join('\n');
      const res = await middlePrincipal.upload(`/api/v1/consent/records/import?schoolId=${middle}&serviceId=${serviceId}`, csv, 'slips.csv');
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ received: 3, recorded: 2, rosterOnly: 1 });
      const list = await middleTeacher.get(`/api/v1/consent/eligibility/class?schoolId=${middle}&grade=8&classNo=3&serviceId=${serviceId}`);
      expect(list.body.items.map((i: { studentCode: string; allowed: boolean }) => [i.studentCode, i.allowed])).toEqual([['N1', true], ['N2', false], ['N3', false]]);
      expect((await otherTeacher.upload(`/api/v1/consent/records/import?schoolId=${middle}&serviceId=${serviceId}`, csv, 'slips.csv')).status).toBe(403);
    });
  });

  describe('under 14, only a legal guardian (개인정보 보호법 제22조의2)', () => {
    const guardian = () => new HttpClient(app.baseUrl);
    const consentRule = async (studentId: number) => (await eligibility(middleTeacher, studentId)).body.reasons.find((r: { rule: string }) => r.rule === 'guardian_consent');
    let l13: number;
    let l14: number;

    beforeAll(async () => {
      for (const [code, age] of [['L13', 13], ['L14', 14]] as const) {
        const res = await middleTeacher.post('/api/v1/consent/students', { schoolId: middle, studentCode: code, grade: 9, classNo: 4, birthMonth: bornYearsAgo(age) });
        expect(res.status).toBe(201);
        if (code === 'L13') l13 = res.body.id;
        else l14 = res.body.id;
      }
    });

    it('takes the relation from a closed set only, naming the field', async () => {
      for (const relation of ['이웃', '모', 'Mother', '']) {
        const res = await middleTeacher.post('/api/v1/consent/records', { studentId: l13, serviceId, decision: 'granted', guardianRelation: relation, method: 'paper_slip' });
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'guardianRelation' })]);
      }
      expect(await countRows(app.db, 'consent_records', `student_id = ${l13}`)).toBe(0);
    });

    it("does not count another carer's grant at 13, counts a parent's; at 14 both count", async () => {
      const byOther = await middleTeacher.post('/api/v1/consent/records', { studentId: l13, serviceId, decision: 'granted', guardianRelation: 'other_guardian', method: 'paper_slip' });
      expect(byOther.status).toBe(201);
      expect((await eligibility(middleTeacher, l13)).body).toMatchObject({ allowed: false, age: 13 });
      expect(await consentRule(l13)).toMatchObject({ passed: false, message: expect.stringContaining('법정대리인') });

      expect((await middleTeacher.post('/api/v1/consent/records', { studentId: l13, serviceId, decision: 'granted', guardianRelation: 'legal_representative', method: 'paper_slip' })).status).toBe(201);
      expect((await eligibility(middleTeacher, l13)).body).toMatchObject({ allowed: true, age: 13 });

      expect((await middleTeacher.post('/api/v1/consent/records', { studentId: l14, serviceId, decision: 'granted', guardianRelation: 'other_guardian', method: 'paper_slip' })).status).toBe(201);
      expect((await eligibility(middleTeacher, l14)).body).toMatchObject({ allowed: true, age: 14 });

      // The history shows who decided each time.
      const history = await middleTeacher.get(`/api/v1/consent/students/${l13}/records`);
      expect(history.body.items.map((r: { guardianRelation: string }) => r.guardianRelation)).toEqual(['legal_representative', 'other_guardian']);
    });

    it('records the relation a guardian gives on the web link, and refuses one outside the set', async () => {
      const letter = await middleTeacher.post('/api/v1/consent/letters', { serviceId, schoolId: middle, grade: 9, classNo: 4 });
      expect(letter.status).toBe(201);
      const token = letter.body.slips.find((s: { studentCode: string }) => s.studentCode === 'L13').token;
      const neighbour = await guardian().post(`/api/v1/consent/respond/${token}`, { decision: 'granted', guardianRelation: 'neighbour' });
      expect(neighbour.status).toBe(400);
      expect(neighbour.body.details).toEqual([expect.objectContaining({ field: 'guardianRelation' })]);
      // The refused answer did not use up the link.
      const answered = await guardian().post(`/api/v1/consent/respond/${token}`, { decision: 'granted', guardianRelation: 'other_guardian' });
      expect(answered.status).toBe(200);
      const [latest] = (await middleTeacher.get(`/api/v1/consent/students/${l13}/records`)).body.items;
      expect(latest).toMatchObject({ method: 'web_link', guardianRelation: 'other_guardian', decision: 'granted' });
      expect(await consentRule(l13)).toMatchObject({ passed: false, message: expect.stringContaining('기타 보호자의 동의') });
    });

    it('reads the relation on returned slips as people write it, and names the row of anything else', async () => {
      const header = '학생ID,학년,반,생년월,동의 여부,보호자 관계,확인 방법,확인일';
      const bad = [header, `L13,3,4,${bornYearsAgo(13)},동의,이웃,서면,${today()}`].join('\n');
      const refused = await middleTeacher.upload(`/api/v1/consent/records/import?schoolId=${middle}&serviceId=${serviceId}`, bad, 'slips.csv');
      expect(refused.status).toBe(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ row: 2, column: '보호자 관계' })]);

      const good = [header, `L13,3,4,${bornYearsAgo(13)},동의,어머니,서면,${today()}`].join('\n');
      expect((await middleTeacher.upload(`/api/v1/consent/records/import?schoolId=${middle}&serviceId=${serviceId}`, good, 'slips.csv')).status).toBe(201);
      const [latest] = (await middleTeacher.get(`/api/v1/consent/students/${l13}/records`)).body.items;
      expect(latest).toMatchObject({ method: 'paper_slip', guardianRelation: 'mother' });
      expect((await eligibility(middleTeacher, l13)).body.allowed).toBe(true);
    });
  });
});

describe('wrong guardian link codes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { SURVEY_CODE_MAX_FAILURES: '3' } });
  });
  afterAll(() => app?.close());

  it('are counted per address: after the limit, even a right code waits', async () => {
    const guardian = new HttpClient(app.baseUrl);
    for (let i = 0; i < 3; i++) expect((await guardian.get(`/api/v1/consent/respond/ABCD-EFGH-JK${'MN'.slice(0, 1)}${i + 2}`)).status).toBe(404);
    const blocked = await guardian.get('/api/v1/consent/respond/ABCD-EFGH-JKMN');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await guardian.post('/api/v1/consent/respond/ABCD-EFGH-JKMN', { decision: 'granted', guardianRelation: 'mother' })).status).toBe(429);
  });
});
