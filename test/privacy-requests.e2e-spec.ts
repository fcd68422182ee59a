/**
 * The people whose data it is (개인정보 보호법 제35–37조) and the privacy policy (제30조), over real HTTP: a guardian's
 * link shows what is held about the child and takes requests; the school records requests made to it; the
 * school's principal answers within 10 Seoul days, and a deletion answered done runs the destruction path into the
 * register. The policy lists what the system does now.
 */
import { addDays, seoulToday } from '@app/core';
import { PrivacyRequests } from '@app/privacy/requests/privacy-requests.service';
import { CATEGORY_INFO } from '@app/privacy/retention/categories';
import { bornYearsAgo, CHATGPT, NOTICE, schoolYear } from './support/consent-fixtures';
import { countRows } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('privacy requests', () => {
  let app: TestApp;
  let admin: Client;
  let principal: Client;
  let teacher: Client;
  let otherPrincipal: Client;
  let otherTeacher: Client;
  let gangnam: Client;
  let seobu: Client;
  let middle: number;
  let other: number;
  const students: Record<string, number> = {};
  const tokens: Record<string, string> = {};
  let serviceId: number;
  const guardian = () => new HttpClient(app.baseUrl);
  const grantOnPaper = async (studentId: number) =>
    expect((await teacher.post('/api/v1/consent/records', { studentId, serviceId, decision: 'granted', guardianRelation: 'father', method: 'paper_slip' })).status).toBe(201);

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin', displayName: '교육청 관리자' });
    [{ id: middle }] = await app.db.query(`SELECT id FROM schools WHERE level = 'middle' AND district = '강남구' ORDER BY id LIMIT 1`);
    [{ id: other }] = await app.db.query(`SELECT id FROM schools WHERE level = 'middle' AND district = '마포구' ORDER BY id LIMIT 1`);
    principal = await app.as({ email: 'p@middle.ms.kr', role: 'principal', schoolId: middle, displayName: '중학교 교장' });
    teacher = await app.as({ email: 't@middle.ms.kr', role: 'teacher', schoolId: middle, displayName: '중학교 담임' });
    otherPrincipal = await app.as({ email: 'p@other.ms.kr', role: 'principal', schoolId: other, displayName: '다른 학교 교장' });
    otherTeacher = await app.as({ email: 't@other.ms.kr', role: 'teacher', schoolId: other, displayName: '다른 학교 담임' });
    gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    seobu = await app.as({ email: 'seobu@sen.go.kr', role: 'district_admin', districtOffice: 'seobu' });

    const service = await admin.post('/api/v1/consent/services', CHATGPT);
    expect(service.status).toBe(201);
    serviceId = service.body.id;
    expect((await admin.post(`/api/v1/consent/services/${service.body.id}/notices`, { schoolYear: schoolYear(), ...NOTICE })).status).toBe(201);
    for (const code of ['M15', 'M14', 'M13']) {
      const res = await teacher.post('/api/v1/consent/students', { schoolId: middle, studentCode: code, grade: 8, classNo: 1, birthMonth: bornYearsAgo(Number(code.slice(1))) });
      expect(res.status).toBe(201);
      students[code] = res.body.id;
    }
    const letter = await teacher.post('/api/v1/consent/letters', { serviceId: service.body.id, schoolId: middle, grade: 8, classNo: 1 });
    expect(letter.status).toBe(201);
    for (const slip of letter.body.slips) tokens[slip.studentCode] = slip.token;
  });
  afterAll(() => app.close());

  describe("through the guardian's link", () => {
    it('shows what the platform holds about the child, also after the link was used', async () => {
      const before = await guardian().get(`/api/v1/privacy/my-data/${tokens.M15}`);
      expect(before.status).toBe(200);
      expect(before.headers.get('cache-control')).toBe('no-store');
      expect(before.body).toMatchObject({ studentCode: 'M15', grade: 8, classNo: 1, schoolLevel: 'middle', birthMonth: bornYearsAgo(15), consents: [], literacy: [], requests: [] });

      const answered = await guardian().post(`/api/v1/consent/respond/${tokens.M15}`, { decision: 'granted', guardianRelation: 'mother', guardianName: '김보호' });
      expect(answered.status).toBe(200);
      const [assessment] = await app.db.query(
        `INSERT INTO literacy_assessments (name, school_year, phase, grade, cut_scores) VALUES ('AI 리터러시 본진단', $1, 'main', 8, '[]') RETURNING id`,
        [schoolYear()],
      );
      const [batch] = await app.db.query(`INSERT INTO literacy_import_batches (assessment_id, format, filename, rows_received, inserted, replaced) VALUES ($1, 'csv', 'a.csv', 1, 1, 0) RETURNING id`, [assessment.id]);
      await app.db.query(`INSERT INTO literacy_results (school_year, assessment_id, student_id, form, responses, batch_id) VALUES ($4, $1, $2, 'A', '{1,2}', $3)`, [assessment.id, students.M15, batch.id, schoolYear()]);
      await app.db.query(`UPDATE consent_slips SET expires_at = now() - interval '1 minute' WHERE student_id = $1`, [students.M15]);

      const after = await guardian().get(`/api/v1/privacy/my-data/${tokens.M15.toLowerCase()}`);
      expect(after.status).toBe(200);
      expect(after.body.consents).toEqual([
        expect.objectContaining({
          serviceName: 'ChatGPT', provider: 'OpenAI', decision: 'granted', guardianRelation: 'mother', guardianName: '김보호', guardianContactHeld: false,
          method: 'web_link', noticeSchoolYear: schoolYear(), noticeVersion: 1,
        }),
      ]);
      expect(after.body.literacy).toEqual([{ name: 'AI 리터러시 본진단', schoolYear: schoolYear() }]);
    });

    it('refuses a wrong code (404) and an expired link nobody used (409)', async () => {
      expect((await guardian().get('/api/v1/privacy/my-data/ABCD-EFGH-JKMN')).status).toBe(404);
      expect((await guardian().post('/api/v1/privacy/requests', { token: 'ABCD-EFGH-JKMN', kind: 'access', requesterRelation: 'mother' })).status).toBe(404);
      await app.db.query(`UPDATE consent_slips SET expires_at = now() - interval '1 minute' WHERE student_id = $1`, [students.M13]);
      const expired = await guardian().get(`/api/v1/privacy/my-data/${tokens.M13}`);
      expect(expired.status).toBe(409);
      expect(expired.body.code).toBe('LINK_EXPIRED');
      expect((await guardian().post('/api/v1/privacy/requests', { token: tokens.M13, kind: 'access', requesterRelation: 'mother' })).body.code).toBe('LINK_EXPIRED');
    });

    it('takes a deletion request, routed to the school and answered there: the data goes through the destruction path into the register', async () => {
      const made = await guardian().post('/api/v1/privacy/requests', {
        token: tokens.M15, kind: 'deletion', detail: '동의 기록을 모두 지워 주세요.', requesterRelation: 'mother', requesterName: '김보호',
      });
      expect(made.status).toBe(201);
      const id = made.body.id;
      expect(made.body).toMatchObject({
        schoolId: middle, studentId: students.M15, studentCode: 'M15', kind: 'deletion', channel: 'guardian_link', status: 'received', outcome: null,
        dueOn: addDays(seoulToday(), 10), overdue: false, recordedBy: null, registerIds: [],
      });
      const mine = await guardian().get(`/api/v1/privacy/my-data/${tokens.M15}`);
      expect(mine.body.requests).toEqual([expect.objectContaining({ id, kind: 'deletion', status: 'received', answer: null })]);

      // To the school's principal, in the bell.
      const bell = await principal.get('/api/v1/notices');
      expect(bell.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'privacy_request', link: '/consent/privacy-requests' })]));
      expect((await otherPrincipal.get('/api/v1/notices')).body.items.some((n: { kind: string }) => n.kind === 'privacy_request')).toBe(false);

      // Seen by the school and its office; not by another school or office.
      expect((await teacher.get('/api/v1/privacy/requests')).body.items.map((r: { id: number }) => r.id)).toContain(id);
      expect((await gangnam.get('/api/v1/privacy/requests')).body.items.map((r: { id: number }) => r.id)).toContain(id);
      expect((await seobu.get('/api/v1/privacy/requests')).body.total).toBe(0);
      expect((await otherPrincipal.get('/api/v1/privacy/requests')).body.total).toBe(0);
      expect((await otherPrincipal.get(`/api/v1/privacy/requests?schoolId=${middle}`)).status).toBe(403);
      expect((await otherPrincipal.get(`/api/v1/privacy/requests/${id}`)).status).toBe(403);

      const answer = { outcome: 'done', answer: '요청하신 동의 기록을 파기했습니다.' };
      const foreign = await otherPrincipal.post(`/api/v1/privacy/requests/${id}/answer`, answer);
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('SCHOOL_OUT_OF_SCOPE');
      expect((await teacher.post(`/api/v1/privacy/requests/${id}/answer`, answer)).body.code).toBe('ROLE_NOT_ALLOWED');
      expect((await gangnam.post(`/api/v1/privacy/requests/${id}/answer`, answer)).body.code).toBe('ROLE_NOT_ALLOWED');
      expect(await countRows(app.db, 'consent_records', `student_id = ${students.M15}`)).toBe(1);

      const done = await principal.post(`/api/v1/privacy/requests/${id}/answer`, answer);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'answered', outcome: 'done', answer: answer.answer, answeredBy: '중학교 교장' });
      expect(done.body.registerIds.length).toBeGreaterThan(0);
      const register = await app.db.query(`SELECT id::int FROM destruction_register WHERE request_id = $1 ORDER BY id`, [id]);
      expect(register.map((r: { id: number }) => r.id)).toEqual(done.body.registerIds);
      expect(await countRows(app.db, 'consent_records', `student_id = ${students.M15}`)).toBe(0);

      const again = await principal.post(`/api/v1/privacy/requests/${id}/answer`, { outcome: 'refused', answer: '다시' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('REQUEST_ANSWERED');

      const audit = await app.db.query(`SELECT action, actor_id AS "actorId" FROM audit_log WHERE entity_type = 'privacy_request' AND entity_id = $1 ORDER BY id`, [String(id)]);
      expect(audit).toEqual([{ action: 'privacy_request.received', actorId: null }, { action: 'privacy_request.answered', actorId: principal.userId }]);
    });
  });

  describe('at the school', () => {
    it("is recorded by the student's school staff only", async () => {
      const body = { studentId: students.M14, kind: 'access', detail: '진단 결과를 보고 싶습니다.', requesterRelation: 'father' };
      const made = await teacher.post('/api/v1/privacy/requests', body);
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ channel: 'school', recordedBy: '중학교 담임', studentCode: 'M14', requesterRelation: 'father', requesterName: null });
      expect((await otherTeacher.post('/api/v1/privacy/requests', body)).body.code).toBe('SCHOOL_OUT_OF_SCOPE');
      expect((await gangnam.post('/api/v1/privacy/requests', body)).body.code).toBe('ROLE_NOT_ALLOWED');
      expect((await admin.post('/api/v1/privacy/requests', body)).body.code).toBe('ROLE_NOT_ALLOWED');
      const anonymous = await guardian().post('/api/v1/privacy/requests', body);
      expect(anonymous.status).toBe(401);
      expect((await teacher.post('/api/v1/privacy/requests', { ...body, studentId: 999999 })).status).toBe(404);

      const refused = await principal.post(`/api/v1/privacy/requests/${made.body.id}/answer`, { outcome: 'partly_done', answer: '점수는 학교에서 열람하실 수 있습니다.' });
      expect(refused.body).toMatchObject({ status: 'answered', outcome: 'partly_done', registerIds: [] });
      // The guardian's link shows the school's record and its answer.
      const mine = await guardian().get(`/api/v1/privacy/my-data/${tokens.M14}`);
      expect(mine.body.requests).toEqual([expect.objectContaining({ channel: 'school', status: 'answered', outcome: 'partly_done', answer: '점수는 학교에서 열람하실 수 있습니다.' })]);
    });

    it('is due on the Seoul day of receipt + 10, and overdue after it', async () => {
      const requests = app.api.get(PrivacyRequests);
      const user = { id: teacher.userId, email: 't@middle.ms.kr', role: 'teacher' as const, schoolId: middle, districtOffice: null, displayName: '중학교 담임' };
      const dto = { studentId: students.M13, kind: 'suspension' as const, requesterRelation: 'mother' as const };
      // 23:30 in Seoul is still that Seoul day (14:30 UTC); 00:30 in Seoul is the next one, though still the day before in UTC.
      const late = await requests.fromSchool(dto, user, new Date('2026-03-10T14:30:00Z'));
      const afterMidnight = await requests.fromSchool(dto, user, new Date('2026-03-10T15:30:00Z'));
      expect(late.dueOn).toBe('2026-03-20');
      expect(afterMidnight.dueOn).toBe('2026-03-21');
      expect(late.overdue).toBe(seoulToday() > '2026-03-20');

      const recent = await requests.fromSchool(dto, user, new Date());
      const overdue = (await principal.get('/api/v1/privacy/requests?overdue=true&status=received')).body.items.map((r: { id: number }) => r.id);
      expect(overdue).toEqual(seoulToday() > '2026-03-21' ? [late.id, afterMidnight.id] : seoulToday() > '2026-03-20' ? [late.id] : []);
      expect(overdue).not.toContain(recent.id);
      const open = (await principal.get('/api/v1/privacy/requests?status=received')).body.items.map((r: { id: number }) => r.id);
      // Unanswered first, the earliest due first.
      expect(open).toEqual([late.id, afterMidnight.id, recent.id]);
    });

    it('refuses invalid requests and answers, naming the field', async () => {
      const bad = async (client: HttpClient, path: string, body: unknown, field: string) => {
        const res = await client.post(path, body);
        expect(res.status).toBe(400);
        expect(res.body.details.map((d: { field?: string }) => d.field)).toContain(field);
      };
      await bad(guardian(), '/api/v1/privacy/requests', { token: tokens.M14, kind: 'erase', requesterRelation: 'mother' }, 'kind');
      await bad(guardian(), '/api/v1/privacy/requests', { token: tokens.M14, kind: 'access' }, 'requesterRelation');
      await bad(guardian(), '/api/v1/privacy/requests', { token: tokens.M14, kind: 'correction', requesterRelation: 'mother', detail: '  ' }, 'detail');
      await bad(guardian(), '/api/v1/privacy/requests', { kind: 'access', requesterRelation: 'mother' }, 'token');
      await bad(teacher, '/api/v1/privacy/requests', { token: tokens.M14, studentId: students.M14, kind: 'access', requesterRelation: 'mother' }, 'studentId');
      const [{ id }] = await app.db.query(`SELECT id FROM privacy_requests WHERE status = 'received' ORDER BY id LIMIT 1`);
      await bad(principal, `/api/v1/privacy/requests/${id}/answer`, { outcome: 'maybe', answer: '네' }, 'outcome');
      await bad(principal, `/api/v1/privacy/requests/${id}/answer`, { outcome: 'done', answer: ' ' }, 'answer');
    });

    it('records a deletion answered done only when the destruction has run', async () => {
      const made = await teacher.post('/api/v1/privacy/requests', { studentId: students.M13, kind: 'deletion', requesterRelation: 'father' });
      expect(made.status).toBe(201);
      await grantOnPaper(students.M13);
      const [hold] = await app.db.query(`INSERT INTO legal_holds (student_id, reason) VALUES ($1, '분쟁 조정 중') RETURNING id`, [students.M13]);

      const held = await principal.post(`/api/v1/privacy/requests/${made.body.id}/answer`, { outcome: 'done', answer: '파기했습니다.' });
      expect(held.status).toBe(409);
      expect(held.body.code).toBe('LEGAL_HOLD');
      expect((await principal.get(`/api/v1/privacy/requests/${made.body.id}`)).body).toMatchObject({ status: 'received', outcome: null, answer: null, registerIds: [] });
      expect(await countRows(app.db, 'consent_records', `student_id = ${students.M13}`)).toBe(1);

      await app.db.query(`UPDATE legal_holds SET released_at = now() WHERE id = $1`, [hold.id]);
      const done = await principal.post(`/api/v1/privacy/requests/${made.body.id}/answer`, { outcome: 'done', answer: '파기했습니다.' });
      expect(done.body).toMatchObject({ status: 'answered', outcome: 'done' });
      expect(done.body.registerIds.length).toBeGreaterThan(0);
      expect(await countRows(app.db, 'consent_records', `student_id = ${students.M13}`)).toBe(0);
    });
  });

  describe('the privacy policy', () => {
    it('is public and lists every active service and every retention rule in force', async () => {
      expect((await admin.post('/api/v1/consent/services', { name: 'Gemini', provider: 'Google', minAge: 13, consentUnderAge: 18, personalData: ['계정 정보'], allowedLevels: ['high'] })).status).toBe(201);
      const stopped = await admin.post('/api/v1/consent/services', { name: '중단된 서비스', provider: 'X', minAge: 13, consentUnderAge: 18, personalData: [], allowedLevels: ['high'], active: false });
      expect(stopped.status).toBe(201);

      const res = await guardian().get('/api/v1/privacy/policy');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      const activeServices = await app.db.query(`SELECT name FROM ai_services WHERE active ORDER BY name`);
      expect(res.body.services.map((s: { name: string }) => s.name)).toEqual(activeServices.map((s: { name: string }) => s.name));
      expect(res.body.services.find((s: { name: string }) => s.name === 'ChatGPT')).toMatchObject({
        provider: 'OpenAI', minAge: 13, consentUnderAge: 18, allowedLevels: ['middle', 'high'],
        notice: { schoolYear: schoolYear(), version: 1, purpose: NOTICE.purpose, dataItems: NOTICE.dataItems, retention: NOTICE.retention },
      });
      expect(res.body.services.find((s: { name: string }) => s.name === 'Gemini').notice).toBeNull();
      const rules = await app.db.query(`SELECT category, keep_months AS "keepMonths" FROM retention_rules WHERE active`);
      expect(rules).toHaveLength(8);
      expect(res.body.retention.map((r: { category: string }) => r.category).sort()).toEqual(rules.map((r: { category: string }) => r.category).sort());
      for (const rule of res.body.retention) {
        expect(rule.basis).toBe(CATEGORY_INFO[rule.category as keyof typeof CATEGORY_INFO].basis);
        expect(rule.keepMonths).toBe(rules.find((r: { category: string }) => r.category === rule.category).keepMonths);
      }
      expect(res.body).toMatchObject({ controller: '서울특별시교육청', effectiveDate: seoulToday() });
      expect(res.body.rights.join(' ')).toContain('10일');

      await app.ownerQuery(`UPDATE retention_rules SET active = false, updated_at = now() WHERE category = 'survey_drafts'`);
      const after = await guardian().get('/api/v1/privacy/policy');
      expect(after.body.retention.map((r: { category: string }) => r.category)).not.toContain('survey_drafts');
      expect(after.body.retention).toHaveLength(7);
    });
  });
});

describe('wrong link codes on the privacy routes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { SURVEY_CODE_MAX_FAILURES: '3' } });
  });
  afterAll(() => app?.close());

  it("count with the consent page's: after the limit even a request waits", async () => {
    const guardian = new HttpClient(app.baseUrl);
    expect((await guardian.get('/api/v1/privacy/my-data/ABCD-EFGH-JKM2')).status).toBe(404);
    expect((await guardian.get('/api/v1/consent/respond/ABCD-EFGH-JKM3')).status).toBe(404);
    expect((await guardian.post('/api/v1/privacy/requests', { token: 'ABCD-EFGH-JKM4', kind: 'access', requesterRelation: 'mother' })).status).toBe(404);
    const blocked = await guardian.get('/api/v1/privacy/my-data/ABCD-EFGH-JKMN');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await guardian.post('/api/v1/privacy/requests', { token: 'ABCD-EFGH-JKMN', kind: 'access', requesterRelation: 'mother' })).status).toBe(429);
  });
});
