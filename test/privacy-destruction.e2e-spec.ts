import { randomUUID } from 'node:crypto';
import { AuthUser, FileStore, readXlsx, XLSX_CONTENT_TYPE } from '@app/core';
import { Destruction } from '@app/privacy';
import { seedDemo } from '../apps/cli/src/demo-seed';
import { bornYearsAgo, CHATGPT, NOTICE, schoolYear, today } from './support/consent-fixtures';
import { countRows } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';
import { waitForJob } from './support/wait-for-job';

type Client = Awaited<ReturnType<TestApp['as']>>;

/** The school year that ended on the last day of February: its consent records are past the 0-month rule. */
const Y = schoolYear() - 1;
const YEAR_END = new Date(Date.UTC(Y + 1, 2, 0)).toISOString().slice(0, 10);
const MID_YEAR = `${Y}-10-01`;
const seoul = (day: string, time = '00:00') => new Date(`${day}T${time}:00+09:00`).toISOString();
const counts = (g: Record<string, unknown>) => [g.grade, g.classNo, g.students, g.eligible, g.granted, g.refused, g.noAnswer];

/**
 * 보존 기간표 · 법적 보존 · 파기 · 파기 대장 (개인정보 보호법 제21조), over HTTP with the real worker:
 * a finished school year's consent records are destroyed by the daily job's run while its class
 * figures stay, holds keep what they hold, a second run finds nothing, and every other category is
 * destroyed once.
 */
describe('retention, legal holds, destruction and the destruction register', () => {
  let app: TestApp;
  let admin: Client;
  let others: Record<string, Client>;
  let schoolA: number;
  let schoolB: number;
  let serviceId: number;
  let noticeY: number;
  const students: Record<string, number> = {};
  const recordsY: Record<string, string> = {};
  const before: Record<string, unknown> = {};
  let rules: Record<string, { id: number }>;

  const overview = (query: string) => admin.get(`/api/v1/consent/overview?serviceId=${serviceId}&${query}`);
  const eligibility = (code: string, date = today()) => admin.get(`/api/v1/consent/eligibility?studentId=${students[code]}&serviceId=${serviceId}&date=${date}`);
  const consentReason = (res: { body: { reasons: { rule: string; message: string }[] } }) => res.body.reasons.find((r) => r.rule === 'guardian_consent')!.message;
  const dryRunRule = async (category: string) => {
    const res = await admin.post('/api/v1/privacy/destruction/dry-run');
    expect(res.status).toBe(200);
    return res.body.rules.find((r: { category: string }) => r.category === category);
  };
  async function runNow(client: Client = admin) {
    const res = await client.post('/api/v1/privacy/destruction/run');
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ jobId: expect.any(String), statusUrl: `/api/v1/jobs/${res.body.jobId}` });
    const job = await waitForJob(client, res.body.jobId);
    expect(job).toMatchObject({ state: 'completed', name: 'privacy-destruction', requestedBy: client.userId });
    return job.result.summary;
  }
  const register = async () => (await admin.get('/api/v1/privacy/destruction-register?pageSize=100')).body;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'privacy@sen.go.kr', role: 'city_admin', displayName: '개인정보 보호책임자' });
    [{ id: schoolA }, { id: schoolB }] = await app.db.query(`SELECT id FROM schools WHERE level = 'middle' ORDER BY id LIMIT 2`);
    others = {
      district_admin: await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' }),
      principal: await app.as({ email: 'p@a.ms.kr', role: 'principal', schoolId: schoolA }),
      teacher: await app.as({ email: 't@a.ms.kr', role: 'teacher', schoolId: schoolA }),
    };

    serviceId = (await admin.post('/api/v1/consent/services', CHATGPT)).body.id;
    noticeY = (await admin.post(`/api/v1/consent/services/${serviceId}/notices`, { schoolYear: Y, ...NOTICE })).body.id;
    // Published when that year began, as it was then.
    await app.db.query(`UPDATE consent_notices SET published_at = $2 WHERE id = $1`, [noticeY, seoul(`${Y}-03-02`, '09:00')]);
    expect((await admin.post(`/api/v1/consent/services/${serviceId}/notices`, { schoolYear: schoolYear(), ...NOTICE })).status).toBe(201);

    // [code, school, class, what the guardian said in that year]
    const roster = [['A1', schoolA, 1, 'granted'], ['A2', schoolA, 1, 'refused'], ['A3', schoolA, 1, 'granted'], ['A4', schoolA, 2, 'granted'], ['B1', schoolB, 1, 'granted']] as const;
    for (const [i, [code, school, classNo, decision]] of roster.entries()) {
      const res = await admin.post('/api/v1/consent/students', { schoolId: school, studentCode: code, grade: 9, classNo, birthMonth: bornYearsAgo(16) });
      expect(res.status).toBe(201);
      students[code] = res.body.id;
      const rec = await admin.post('/api/v1/consent/records', { studentId: res.body.id, serviceId, decision, guardianRelation: 'mother', method: 'paper_slip', decidedAt: `${Y}-04-0${i + 1}` });
      expect(rec.status).toBe(201);
      recordsY[code] = rec.body.id;
    }
    // This year's consent of A1, which nothing here may touch.
    expect((await admin.post('/api/v1/consent/records', { studentId: students.A1, serviceId, decision: 'granted', guardianRelation: 'mother', method: 'paper_slip' })).status).toBe(201);
    // That year's home letter: A1's slip, answered by A1's record.
    const [{ id: letter }] = await app.db.query(`INSERT INTO consent_letters (notice_id, school_id, grade, class_no) VALUES ($1, $2, 9, 1) RETURNING id`, [noticeY, schoolA]);
    await app.db.query(
      `INSERT INTO consent_slips (letter_id, student_id, guardian_no, token_hash, sealed_token, created_at, expires_at, answered_at, record_id)
       VALUES ($1, $2, 1, $3, 'sealed', $4, $4::timestamptz + interval '14 days', $4, $5)`,
      [letter, students.A1, randomUUID(), seoul(`${Y}-04-01`, '09:00'), recordsY.A1],
    );
    // A decision made for a day of that year (logged: due with the records).
    expect((await eligibility('A1', MID_YEAR)).body.allowed).toBe(true);

    // What the class figures and the eligibility answers are before anything is destroyed.
    for (const [key, query] of [['endA', `level=class&schoolId=${schoolA}&date=${YEAR_END}`], ['midA', `level=class&schoolId=${schoolA}&date=${MID_YEAR}`],
      ['endB', `level=class&schoolId=${schoolB}&date=${YEAR_END}`], ['schoolsEnd', `level=school&date=${YEAR_END}`]] as const) {
      const res = await overview(query);
      expect(res.status).toBe(200);
      before[key] = res.body;
    }
  });
  afterAll(() => app.close());

  it('keeps a class’s figures that are worth comparing: two classes, grants, a refusal', () => {
    const end = before.endA as { groups: Record<string, unknown>[]; noticeVersion: number };
    expect(end.noticeVersion).toBe(1);
    // grade, class, students, eligible, granted, refused, no answer
    expect(end.groups.map(counts)).toEqual([[9, 1, 3, 2, 2, 1, 0], [9, 2, 1, 1, 1, 0, 0]]);
    expect((before.midA as { groups: unknown[] }).groups).toEqual(end.groups);
  });

  it('is for city administrators only: 403 for every other role, 401 without a login, and nothing changes', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/v1/privacy/retention-rules'],
      ['POST', '/api/v1/privacy/retention-rules', { category: 'survey_drafts', description: '임시 답변', keepMonths: 1, method: 'delete' }],
      ['PATCH', '/api/v1/privacy/retention-rules/1', {}],
      ['POST', '/api/v1/privacy/destruction/dry-run'],
      ['POST', '/api/v1/privacy/destruction/run'],
      ['GET', '/api/v1/privacy/destruction-register'],
      ['GET', '/api/v1/privacy/destruction-register.xlsx'],
      ['GET', '/api/v1/privacy/legal-holds'],
      ['POST', '/api/v1/privacy/legal-holds', { schoolId: schoolA, reason: '분쟁' }],
      ['POST', '/api/v1/privacy/legal-holds/1/release'],
    ];
    for (const [role, client] of Object.entries(others)) {
      for (const [method, path, body] of routes) {
        const res = await client.request(method, path, body);
        expect({ role, path, status: res.status, code: res.body.code }).toEqual({ role, path, status: 403, code: 'ROLE_NOT_ALLOWED' });
      }
    }
    const anonymous = new HttpClient(app.baseUrl);
    for (const [method, path, body] of routes) expect({ path, status: (await anonymous.request(method, path, body)).status }).toEqual({ path, status: 401 });
    expect(await countRows(app.db, 'legal_holds')).toBe(0);
    expect(await countRows(app.db, 'job_outbox', `name = 'privacy-destruction'`)).toBe(0);
    expect(await countRows(app.db, 'retention_rules', 'approved_by IS NOT NULL')).toBe(0);
  });

  it('lists the schedule: a rule per category with its starting day, none approved yet', async () => {
    const res = await admin.get('/api/v1/privacy/retention-rules');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { category: string }) => r.category)).toEqual([
      'consent_records', 'students', 'literacy_results', 'survey_drafts', 'designation_attachments', 'login_records', 'access_logs', 'departed_accounts',
    ]);
    for (const r of res.body.items) expect(r).toMatchObject({ active: true, approvedBy: null, approvedAt: null, basis: expect.stringMatching(/[가-힣]/), categoryName: expect.stringMatching(/[가-힣]/) });
    expect(res.body.items[0]).toMatchObject({ keepMonths: 0, method: 'delete', basis: '동의 안내문 학년도의 종료일(2월 말일)' });
    rules = Object.fromEntries(res.body.items.map((r: { category: string; id: number }) => [r.category, r]));
  });

  it('refuses bad rules with the field at fault, and a second active rule of a category with 409', async () => {
    const valid = { category: 'survey_drafts', description: '설문 임시 저장 답변', keepMonths: 0, method: 'delete' };
    for (const [body, field] of [
      [{ ...valid, keepMonths: -1 }, 'keepMonths'],
      [{ ...valid, keepMonths: 1.5 }, 'keepMonths'],
      [{ ...valid, category: 'photos' }, 'category'],
      [{ ...valid, method: 'shred' }, 'method'],
      [{ ...valid, method: 'anonymize' }, 'method'],
      [{ ...valid, description: '   ' }, 'description'],
    ] as const) {
      const res = await admin.post('/api/v1/privacy/retention-rules', body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const taken = await admin.post('/api/v1/privacy/retention-rules', valid);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('RETENTION_RULE_EXISTS');
    const patchBad = await admin.patch(`/api/v1/privacy/retention-rules/${rules.consent_records.id}`, { keepMonths: -3 });
    expect(patchBad.status).toBe(400);
    expect(patchBad.body.details.map((d: { field: string }) => d.field)).toContain('keepMonths');
    expect((await admin.patch('/api/v1/privacy/retention-rules/999999', {})).status).toBe(404);
    expect(await countRows(app.db, 'retention_rules')).toBe(8);
    expect(await countRows(app.db, 'retention_rules', 'approved_by IS NOT NULL')).toBe(0);
  });

  it('approves a rule by a change (or none), with who and when, in the audit log', async () => {
    const changed = await admin.patch(`/api/v1/privacy/retention-rules/${rules.consent_records.id}`, { keepMonths: 3 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ keepMonths: 3, approvedBy: admin.userId, approvedByName: '개인정보 보호책임자', updatedBy: admin.userId });
    const approved = await admin.patch(`/api/v1/privacy/retention-rules/${rules.consent_records.id}`, { keepMonths: 0 });
    expect(approved.body).toMatchObject({ keepMonths: 0, approvedBy: admin.userId });
    expect(Date.parse(approved.body.approvedAt)).toBeGreaterThanOrEqual(Date.parse(changed.body.approvedAt));
    const unchanged = await admin.patch(`/api/v1/privacy/retention-rules/${rules.consent_records.id}`, {});
    expect(unchanged.status).toBe(200);

    const audit = (await admin.get(`/api/v1/audit?entityType=retention_rule&entityId=${rules.consent_records.id}`)).body;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['retention_rule.approved', 'retention_rule.changed', 'retention_rule.changed']);
    expect(audit[2]).toMatchObject({ actorId: admin.userId, actorName: '개인정보 보호책임자', before: { keepMonths: 0, approvedBy: null }, after: { keepMonths: 3, approvedBy: admin.userId } });

    // Retire a rule, create its successor (approved as created), and the old one cannot come back beside it.
    expect((await admin.patch(`/api/v1/privacy/retention-rules/${rules.survey_drafts.id}`, { active: false })).body).toMatchObject({ active: false });
    const created = await admin.post('/api/v1/privacy/retention-rules', { category: 'survey_drafts', description: '설문 임시 저장 답변(마감 후 파기)', keepMonths: 0, method: 'delete', legalBasis: '개인정보 보호법 제21조' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ active: true, approvedBy: admin.userId, approvedAt: expect.any(String), legalBasis: '개인정보 보호법 제21조' });
    const back = await admin.patch(`/api/v1/privacy/retention-rules/${rules.survey_drafts.id}`, { active: true });
    expect({ status: back.status, code: back.body.code }).toEqual({ status: 409, code: 'RETENTION_RULE_EXISTS' });
    const createdAudit = (await admin.get(`/api/v1/audit?entityType=retention_rule&entityId=${created.body.id}`)).body;
    expect(createdAudit).toEqual([expect.objectContaining({ action: 'retention_rule.created', actorId: admin.userId })]);
    rules.survey_drafts = created.body;
  });

  it('dry-runs per rule and school, destroying nothing', async () => {
    const tables = async () => Promise.all(['consent_records', 'consent_slips', 'eligibility_log', 'destruction_register'].map((t) => countRows(app.db, t)));
    const was = await tables();
    const consent = await dryRunRule('consent_records');
    // 5 records of that year, A1's slip, one decision for a day of that year.
    expect(consent).toMatchObject({ ruleId: rules.consent_records.id, method: 'delete', keepMonths: 0, cutoff: today(), approved: true, total: 7, held: 0 });
    expect(consent.schools).toHaveLength(2);
    for (const s of consent.schools) expect(s).toEqual({ schoolId: expect.any(Number), schoolName: expect.stringMatching(/./), count: expect.any(Number), held: 0 });
    expect(Object.fromEntries(consent.schools.map((s: { schoolId: number; count: number }) => [s.schoolId, s.count]))).toEqual({ [schoolA]: 6, [schoolB]: 1 });
    expect(consent.periodFrom).toBe(seoul(`${Y}-04-01`, '09:00'));
    expect(consent.periodTo).toBe(seoul(MID_YEAR));
    // Rules not approved still show what they would do; here there is nothing of theirs.
    expect(await dryRunRule('students')).toMatchObject({ approved: false, total: 0, held: 0, schools: [] });
    expect(await tables()).toEqual(was);
  });

  it('sets legal holds on a student and a school (exactly one of them), which the dry run lists as held', async () => {
    for (const body of [{ reason: '이유' }, { schoolId: schoolA, studentId: students.A3, reason: '이유' }]) {
      const res = await admin.post('/api/v1/privacy/legal-holds', body);
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['schoolId', 'studentId']));
    }
    expect((await admin.post('/api/v1/privacy/legal-holds', { schoolId: schoolA, reason: '   ' })).status).toBe(400);
    expect((await admin.post('/api/v1/privacy/legal-holds', { studentId: 999999, reason: '분쟁' })).status).toBe(404);

    const student = await admin.post('/api/v1/privacy/legal-holds', { studentId: students.A3, reason: '보호자와의 분쟁 (행정심판 진행 중)' });
    expect(student.status).toBe(201);
    expect(student.body).toMatchObject({ studentId: students.A3, studentCode: 'A3', schoolId: null, schoolName: expect.any(String), active: true, setBy: admin.userId, setByName: '개인정보 보호책임자', releasedAt: null });
    const school = await admin.post('/api/v1/privacy/legal-holds', { schoolId: schoolB, reason: '감사원 감사' });
    expect(school.status).toBe(201);
    const list = (await admin.get('/api/v1/privacy/legal-holds')).body.items;
    expect(list.map((h: { id: number }) => h.id)).toEqual([school.body.id, student.body.id]);
    expect((await admin.get('/api/v1/audit?action=legal_hold.set')).body).toHaveLength(2);

    const consent = await dryRunRule('consent_records');
    expect(consent).toMatchObject({ total: 5, held: 2 });
    expect(Object.fromEntries(consent.schools.map((s: { schoolId: number; count: number; held: number }) => [s.schoolId, [s.count, s.held]]))).toEqual({ [schoolA]: [5, 1], [schoolB]: [0, 1] });
    before.holds = { student: student.body.id, school: school.body.id };
  });

  it('runs: the register shows the consent records destroyed, eligibility finds no record, the year’s class figures stay', async () => {
    expect(consentReason(await eligibility('A2'))).toContain('보호자가 동의하지 않았습니다');
    expect(consentReason(await eligibility('A4'))).toContain('이전 안내문에 대한 동의');
    const summary = await runNow();
    expect(summary).toMatchObject({ destroyed: 5, held: 2, byCategory: { consent_records: 5, survey_drafts: 0 } });
    expect(summary.unapproved).toEqual(['students', 'literacy_results', 'designation_attachments', 'login_records', 'access_logs', 'departed_accounts']);

    const reg = await register();
    expect(reg.total).toBe(1);
    expect(reg.items[0]).toMatchObject({
      ruleId: rules.consent_records.id, category: 'consent_records', method: 'delete', recordCount: 5, heldCount: 2,
      periodFrom: seoul(`${Y}-04-01`, '09:00'), periodTo: seoul(MID_YEAR), cutoff: today(),
      approvedBy: admin.userId, approvedByName: '개인정보 보호책임자', approvedAt: expect.any(String), executedBy: admin.userId, executedByName: '개인정보 보호책임자',
      requestId: null, chainAnchor: null, runId: summary.runId,
    });
    expect(reg.items[0].ruleText).toContain('보호자 동의 기록');
    expect(reg.items[0].ruleText).toContain('0개월');

    // What went and what stayed: the held student's and school's records, this year's record.
    const left = await app.db.query(`SELECT student_id FROM consent_records ORDER BY id`);
    expect(left.map((r: { student_id: number }) => r.student_id)).toEqual([students.A3, students.B1, students.A1]);
    expect(await countRows(app.db, 'consent_slips')).toBe(0);
    expect(await countRows(app.db, 'eligibility_log', `on_date = '${MID_YEAR}'`)).toBe(0);

    for (const code of ['A2', 'A4']) expect(consentReason(await eligibility(code))).toContain('동의 기록이 없습니다');
    expect(consentReason(await eligibility('A3'))).toContain('이전 안내문에 대한 동의');
    expect((await eligibility('A1')).body.allowed).toBe(true);

    // The class figures of that year, on its last day and on a day within it, and per school.
    expect((await overview(`level=class&schoolId=${schoolA}&date=${YEAR_END}`)).body).toEqual(before.endA);
    expect((await overview(`level=class&schoolId=${schoolA}&date=${MID_YEAR}`)).body).toEqual(before.midA);
    expect((await overview(`level=class&schoolId=${schoolB}&date=${YEAR_END}`)).body).toEqual(before.endB);
    expect((await overview(`level=school&date=${YEAR_END}`)).body).toEqual(before.schoolsEnd);
    const tallies = await app.db.query(`SELECT school_id, grade, class_no, counts FROM consent_year_tallies WHERE school_year = $1 AND service_id = $2 ORDER BY class_no`, [Y, serviceId]);
    expect(tallies).toEqual([
      { school_id: schoolA, grade: 9, class_no: 1, counts: { students: 3, eligible: 2, notEligible: 1, granted: 2, refused: 1, noAnswer: 0 } },
      { school_id: schoolA, grade: 9, class_no: 2, counts: { students: 1, eligible: 1, notEligible: 0, granted: 1, refused: 0, noAnswer: 0 } },
    ]);
  });

  it('destroys nothing on a second run and writes no register entry', async () => {
    const summary = await runNow();
    expect(summary).toMatchObject({ destroyed: 0, held: 2, registerIds: [] });
    expect((await register()).total).toBe(1);
  });

  it('destroys what a hold kept once it is released, keeping that school’s figures too', async () => {
    const { student, school } = before.holds as { student: number; school: number };
    const released = await admin.post(`/api/v1/privacy/legal-holds/${student}/release`);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ active: false, releasedBy: admin.userId, releasedAt: expect.any(String) });
    const again = await admin.post(`/api/v1/privacy/legal-holds/${student}/release`);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'HOLD_RELEASED' });
    expect((await admin.post(`/api/v1/privacy/legal-holds/${school}/release`)).status).toBe(200);
    expect((await admin.post('/api/v1/privacy/legal-holds/999999/release')).status).toBe(404);

    const talliesOfA = await app.db.query(`SELECT counts, captured_at FROM consent_year_tallies WHERE school_id = $1 ORDER BY class_no`, [schoolA]);
    expect(await dryRunRule('consent_records')).toMatchObject({ total: 2, held: 0 });
    expect(await runNow()).toMatchObject({ destroyed: 2, held: 0 });
    const reg = await register();
    expect(reg.items.map((i: { recordCount: number; heldCount: number }) => [i.recordCount, i.heldCount])).toEqual([[2, 0], [5, 2]]);
    expect(await app.db.query(`SELECT student_id FROM consent_records`)).toEqual([{ student_id: students.A1 }]);
    expect(await app.db.query(`SELECT counts, captured_at FROM consent_year_tallies WHERE school_id = $1 ORDER BY class_no`, [schoolA])).toEqual(talliesOfA);
    expect((await overview(`level=class&schoolId=${schoolB}&date=${YEAR_END}`)).body).toEqual(before.endB);
    expect((await overview(`level=class&schoolId=${schoolA}&date=${YEAR_END}`)).body).toEqual(before.endA);
    expect(consentReason(await eligibility('A3'))).toContain('동의 기록이 없습니다');
  });

  it('keeps the register append-only, even for the database owner', async () => {
    await expect(app.db.query(`UPDATE destruction_register SET record_count = 0`)).rejects.toThrow(/permission denied/);
    await expect(app.db.query(`DELETE FROM destruction_register`)).rejects.toThrow(/permission denied/);
    await expect(app.ownerQuery(`UPDATE destruction_register SET record_count = 0`)).rejects.toThrow(/append-only/);
    await expect(app.ownerQuery(`DELETE FROM destruction_register`)).rejects.toThrow(/append-only/);
    expect(await countRows(app.db, 'destruction_register')).toBe(2);
  });

  it('exports the register as XLSX, oldest first, and filters it by category', async () => {
    const res = await admin.get<Buffer>('/api/v1/privacy/destruction-register.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '')).toBe(`개인정보_파기_대장_${today()}.xlsx`);
    const rows = (await readXlsx(res.body)).rows.map((r) => r.values);
    expect(rows.map((r) => [r['개인정보 항목'], r['파기 방법'], r['건수'], r['법적 보존(제외)'], r['승인자'], r['처리자']])).toEqual([
      ['보호자 동의 기록', '삭제', '5', '2', '개인정보 보호책임자', '개인정보 보호책임자'],
      ['보호자 동의 기록', '삭제', '2', '0', '개인정보 보호책임자', '개인정보 보호책임자'],
    ]);
    expect(rows[0]['대상 기간 시작']).toBe(`${Y}-04-01`);
    expect((await admin.get('/api/v1/privacy/destruction-register?category=students')).body).toMatchObject({ items: [], total: 0 });
    const bad = await admin.get('/api/v1/privacy/destruction-register?category=photos');
    expect(bad.status).toBe(400);
  });

  it('destroys each other category once, by its rule: rows, files, anonymised entries and the access log’s oldest rows with the chain’s anchor', async () => {
    const ago = (interval: string) => `now() - interval '${interval}'`;
    // Students: one added three years ago without consent records; grade and class stay.
    const [{ id: oldStudent }] = await app.db.query(
      `INSERT INTO students (school_id, student_code, grade, class_no, birth_month, created_at) VALUES ($1, 'OLD-1', 7, 3, '2012-05-01', ${ago('3 years')}) RETURNING id`,
      [schoolA],
    );
    // Literacy: an assessment whose year ended over 36 months ago (its analysis stays), and a newer one.
    const literacy: number[] = [];
    for (const year of [Y - 3, Y - 2]) {
      const [{ id }] = await app.db.query(`INSERT INTO literacy_assessments (name, school_year, phase, grade, cut_scores) VALUES ($1, $2, 'main', 9, '[]') RETURNING id`, [`${year} 진단`, year]);
      const [{ id: batch }] = await app.db.query(`INSERT INTO literacy_import_batches (assessment_id, format, filename, rows_received, inserted, replaced) VALUES ($1, 'csv', 'r.csv', 2, 2, 0) RETURNING id`, [id]);
      for (const s of [students.A2, students.A4]) {
        await app.db.query(`INSERT INTO literacy_results (school_year, assessment_id, student_id, form, responses, batch_id) VALUES ($4, $1, $2, 'A', '{1,2}', $3)`, [id, s, batch, year]);
        await app.db.query(`INSERT INTO literacy_scores (assessment_id, student_id, total, percent, areas) VALUES ($1, $2, 1, 50, '{}')`, [id, s]);
      }
      await app.db.query(`INSERT INTO literacy_analyses (assessment_id, students, test, items, levels) VALUES ($1, 2, '{}', '[]', '[]')`, [id]);
      literacy.push(id);
    }
    // Survey drafts: one of a campaign closed ten days ago, one of an open campaign.
    const [{ id: template }] = await app.db.query(`INSERT INTO survey_templates (kind) VALUES ('status') RETURNING id`);
    const [{ id: version }] = await app.db.query(`INSERT INTO survey_template_versions (template_id, version, fingerprint, definition) VALUES ($1, 1, 'fp', '{}') RETURNING id`, [template]);
    for (const [hash, closes] of [['closed-draft', ago('10 days')], ['open-draft', `now() + interval '10 days'`]]) {
      const [{ id: campaign }] = await app.db.query(
        `INSERT INTO survey_campaigns (template_version_id, title, audience, opens_at, closes_at, distributed_at, final_aggregated_at) VALUES ($1, '실태조사', 'school', ${ago('30 days')}, ${closes}, now(), now()) RETURNING id`,
        [version],
      );
      await app.db.query(`INSERT INTO survey_codes (code_hash, campaign_id, school_id) VALUES ($1, $2, $3)`, [hash, campaign, schoolA]);
      await app.db.query(`INSERT INTO survey_drafts (code_hash, answers) VALUES ($1, '{"q1": 3}')`, [hash]);
    }
    // Designation attachments: a file uploaded seven years ago (past 60 months after its year), and one now.
    const [{ id: call }] = await app.db.query(
      `INSERT INTO designation_calls (type_code, title, school_year, eligible_levels, opens_at, closes_at, quota, term_start, term_end)
       SELECT code, '선도학교 공모', $1, ARRAY['middle'], ${ago('7 years 1 month')}, ${ago('7 years')}, 5, '2020-03-01', '2022-02-28' FROM designation_types LIMIT 1 RETURNING id`,
      [Y - 7],
    );
    const [{ id: application }] = await app.db.query(`INSERT INTO designation_applications (call_id, school_id) VALUES ($1, $2) RETURNING id`, [call, schoolA]);
    const store = app.api.get(FileStore);
    const files: string[] = [];
    for (const uploaded of [ago('7 years'), 'now()']) {
      const key = `${randomUUID()}.pdf`;
      await store.put(key, Buffer.from('%PDF-1.4 test'));
      await app.db.query(
        `INSERT INTO designation_attachments (application_id, kind, filename, content_type, byte_size, sha256, storage_key, uploaded_at) VALUES ($1, 'plan', '계획서.pdf', 'application/pdf', 13, 'x', $2, ${uploaded})`,
        [application, key],
      );
      files.push(key);
    }
    // Login records: an attempt and an ended session over 12 months old; a recent attempt.
    await app.db.query(`INSERT INTO login_attempts (at, email, ip, outcome) VALUES (${ago('13 months')}, 'old@x.kr', '10.0.0.1', 'bad_credentials'), (${ago('1 day')}, 'new@x.kr', '10.0.0.2', 'bad_credentials')`);
    await app.db.query(`INSERT INTO user_sessions (user_id, method, created_at, expires_at) VALUES ($1, 'password', ${ago('14 months')}, ${ago('14 months')} + interval '1 day')`, [admin.userId]);
    const liveSessions = await countRows(app.db, 'user_sessions', `expires_at > now() AND revoked_at IS NULL`);
    // Departed accounts: disabled thirteen months ago, and one disabled last week.
    const [{ id: departed }] = await app.db.query(
      `INSERT INTO users (email, password_hash, role, school_id, display_name, status, teacher_number, updated_at) VALUES ('gone@a.ms.kr', 'h', 'teacher', $1, '떠난 교사', 'disabled', 'T-GONE', ${ago('13 months')}) RETURNING id`,
      [schoolA],
    );
    await app.db.query(`INSERT INTO users (email, password_hash, role, school_id, display_name, status, updated_at) VALUES ('recent@a.ms.kr', 'h', 'teacher', $1, '최근 교사', 'disabled', ${ago('7 days')})`, [schoolA]);
    // The access log: everything up to a row of ours made three years old, the chain rewritten as if it had been so.
    await app.db.query(`INSERT INTO access_log (action, subject_type, subject_count, route) VALUES ('read', 'student', 1, '/old-1'), ('read', 'student', 1, '/old-2')`);
    const [{ id: lastOld }] = await app.db.query(`SELECT max(id)::text AS id FROM access_log`);
    await app.db.query(`INSERT INTO access_log (action, subject_type, subject_count, route) VALUES ('read', 'student', 1, '/recent')`);
    await app.ownerQuery(`
      DO $$
      DECLARE r access_log; prev text := NULL;
      BEGIN
        PERFORM pg_advisory_xact_lock(7406115);
        ALTER TABLE access_log DISABLE TRIGGER access_log_no_change;
        UPDATE access_log SET at = at - interval '3 years' WHERE id <= ${lastOld};
        FOR r IN SELECT * FROM access_log ORDER BY id LOOP
          IF prev IS NULL THEN prev := r.prev_hash; END IF;
          r.prev_hash := prev;
          UPDATE access_log SET prev_hash = prev, hash = access_log_digest(prev, r) WHERE id = r.id;
          prev := access_log_digest(prev, r);
        END LOOP;
        ALTER TABLE access_log ENABLE TRIGGER access_log_no_change;
      END $$`);
    const oldAccess = await countRows(app.db, 'access_log', `id <= ${lastOld}`);
    const [{ hash: anchor }] = await app.db.query(`SELECT hash FROM access_log WHERE id = $1`, [lastOld]);

    // Every rule approved as it reads.
    for (const r of (await admin.get('/api/v1/privacy/retention-rules')).body.items) {
      if (r.active && !r.approvedAt) expect((await admin.patch(`/api/v1/privacy/retention-rules/${r.id}`, {})).status).toBe(200);
    }
    const expected = { consent_records: 0, students: 1, literacy_results: 2, survey_drafts: 1, designation_attachments: 1, login_records: 2, access_logs: oldAccess, departed_accounts: 1 };
    const dry = (await admin.post('/api/v1/privacy/destruction/dry-run')).body;
    expect(Object.fromEntries(dry.rules.map((r: { category: string; total: number }) => [r.category, r.total]))).toEqual(expected);
    expect(dry.rules.find((r: { category: string }) => r.category === 'survey_drafts').schools).toEqual([expect.objectContaining({ schoolId: schoolA, count: 1, held: 0 })]);

    const summary = await runNow();
    expect(summary.byCategory).toEqual(expected);
    const entries = (await register()).items.filter((i: { runId: string }) => i.runId === summary.runId);
    expect(Object.fromEntries(entries.map((e: { category: string; recordCount: number }) => [e.category, e.recordCount]))).toEqual(
      Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)),
    );
    expect(entries.find((e: { category: string }) => e.category === 'access_logs')).toMatchObject({ chainAnchor: anchor, method: 'delete' });
    expect(entries.find((e: { category: string }) => e.category === 'departed_accounts')).toMatchObject({ method: 'anonymize' });

    // Students: anonymised, grade and class kept.
    expect(await app.db.query(`SELECT student_code, birth_month, grade, class_no FROM students WHERE id = $1`, [oldStudent])).toEqual([{ student_code: `anon-${oldStudent}`, birth_month: null, grade: 7, class_no: 3 }]);
    // Literacy: the old assessment's per-student rows are gone, its analysis stays; the newer one is untouched.
    expect(await countRows(app.db, 'literacy_results', `assessment_id = ${literacy[0]}`)).toBe(0);
    expect(await countRows(app.db, 'literacy_scores', `assessment_id = ${literacy[0]}`)).toBe(0);
    expect(await countRows(app.db, 'literacy_analyses', `assessment_id = ${literacy[0]}`)).toBe(1);
    expect(await countRows(app.db, 'literacy_results', `assessment_id = ${literacy[1]}`)).toBe(2);
    // Its analysis is final: scoring again (which would replace the published figures) is refused.
    const again = await admin.post(`/api/v1/literacy/assessments/${literacy[0]}/analyse`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RESULTS_DESTROYED');
    expect((await admin.post(`/api/v1/literacy/assessments/${literacy[1]}/analyse`)).status).toBe(202);
    expect(await app.db.query(`SELECT code_hash FROM survey_drafts`)).toEqual([{ code_hash: 'open-draft' }]);
    expect(await app.db.query(`SELECT storage_key FROM designation_attachments`)).toEqual([{ storage_key: files[1] }]);
    const stored = (key: string) => store.get(key).then(() => true, () => false);
    expect([await stored(files[0]), await stored(files[1])]).toEqual([false, true]);
    expect(await app.db.query(`SELECT email FROM login_attempts WHERE email IN ('old@x.kr', 'new@x.kr')`)).toEqual([{ email: 'new@x.kr' }]);
    expect(await countRows(app.db, 'user_sessions', `created_at < now() - interval '13 months'`)).toBe(0);
    expect(await countRows(app.db, 'user_sessions', `expires_at > now() AND revoked_at IS NULL`)).toBe(liveSessions);
    expect(await app.db.query(`SELECT email, display_name, teacher_number, password_hash, status FROM users WHERE id = $1`, [departed])).toEqual([
      { email: `deleted-${departed}@invalid`, display_name: '', teacher_number: null, password_hash: null, status: 'disabled' },
    ]);
    expect(await countRows(app.db, 'users', `email = 'recent@a.ms.kr'`)).toBe(1);
    // The access log: the oldest rows are gone, and the chain now starts at the anchor the register keeps.
    expect(await countRows(app.db, 'access_log', `id <= ${lastOld}`)).toBe(0);
    const chain = await app.db.query(`SELECT prev_hash AS "prev", hash, access_log_digest(prev_hash, a) AS digest, lag(hash) OVER (ORDER BY id) AS before FROM access_log a ORDER BY id`);
    expect(chain[0].prev).toBe(anchor);
    for (const [i, row] of chain.entries()) {
      expect(row.hash).toBe(row.digest);
      if (i) expect(row.prev).toBe(row.before);
    }

    // A second run finds nothing at all.
    expect(await runNow()).toMatchObject({ destroyed: 0, registerIds: [] });
  });

  it('carries out a data subject’s deletion request for one student, with the request in the register; refused under a hold', async () => {
    const destruction = app.api.get(Destruction);
    const actor: AuthUser = { id: admin.userId, email: 'privacy@sen.go.kr', role: 'city_admin', schoolId: null, districtOffice: null, displayName: '개인정보 보호책임자' };
    const created = await admin.post('/api/v1/consent/students', { schoolId: schoolA, studentCode: 'REQ-1', grade: 8, classNo: 1, birthMonth: bornYearsAgo(15) });
    const id = created.body.id as number;
    const record = await admin.post('/api/v1/consent/records', { studentId: id, serviceId, decision: 'granted', guardianRelation: 'father', method: 'paper_slip' });
    expect(record.status).toBe(201);
    const letter = await admin.post('/api/v1/consent/letters', { serviceId, schoolId: schoolA, grade: 8, classNo: 1 });
    expect(letter.status).toBe(201);
    students['REQ-1'] = id;
    expect((await eligibility('REQ-1')).body.allowed).toBe(true);
    const [{ n: slips }] = await app.db.query(`SELECT count(*)::int AS n FROM consent_slips WHERE student_id = $1`, [id]);
    expect(slips).toBeGreaterThan(0);

    const done = await destruction.destroyStudentData(id, { requestId: 4242, actor });
    expect(done.destroyed).toEqual({ consent_slips: slips, consent_records: 1, eligibility_log: 1, students: 1 });
    expect(done.registerIds).toHaveLength(2);
    expect(await countRows(app.db, 'consent_records', `student_id = ${id}`)).toBe(0);
    expect(await countRows(app.db, 'eligibility_log', `student_id = ${id}`)).toBe(0);
    expect(await app.db.query(`SELECT student_code, birth_month FROM students WHERE id = $1`, [id])).toEqual([{ student_code: `anon-${id}`, birth_month: null }]);
    const rows = (await register()).items.filter((i: { requestId: number | null }) => i.requestId === 4242);
    expect(rows.map((r: { id: string }) => Number(r.id)).sort()).toEqual([...done.registerIds].sort());
    expect(Object.fromEntries(rows.map((r: { category: string; recordCount: number }) => [r.category, r.recordCount]))).toEqual({ consent_records: slips + 2, students: 1 });
    for (const r of rows) expect(r).toMatchObject({ executedBy: admin.userId, approvedBy: admin.userId, cutoff: today(), ruleText: expect.stringContaining('정보주체 삭제 요청 #4242') });

    // A hold on the student's school refuses the request and destroys nothing.
    const other = (await admin.post('/api/v1/consent/students', { schoolId: schoolB, studentCode: 'REQ-2', grade: 8, classNo: 1, birthMonth: bornYearsAgo(15) })).body.id as number;
    await admin.post('/api/v1/consent/records', { studentId: other, serviceId, decision: 'granted', guardianRelation: 'father', method: 'paper_slip' });
    const hold = (await admin.post('/api/v1/privacy/legal-holds', { schoolId: schoolB, reason: '수사 협조' })).body.id;
    const registerBefore = await countRows(app.db, 'destruction_register');
    await expect(destruction.destroyStudentData(other, { requestId: 4243, actor })).rejects.toMatchObject({ code: 'LEGAL_HOLD', status: 409, details: [{ resource: 'legal_hold', id: String(hold) }] });
    expect(await countRows(app.db, 'consent_records', `student_id = ${other}`)).toBe(1);
    expect(await countRows(app.db, 'destruction_register')).toBe(registerBefore);
    await expect(destruction.destroyStudentData(999999, { requestId: 4244, actor })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** The done-when of the demo: a finished school year whose consent data the daily job destroys. */
describe('the demo’s finished school year', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    await seedDemo(app.api);
  }, 180_000);
  afterAll(() => app.close());

  it('is destroyed by the daily job run now; eligibility then finds no record and the class’s figures for that year stay', async () => {
    const admin = await new HttpClient(app.baseUrl).login('admin@sen.go.kr', 'aiedu-demo-2026');
    const teacher = await new HttpClient(app.baseUrl).login('teacher@middle.demo.sen.go.kr', 'aiedu-demo-2026');
    const school = (await teacher.get('/api/v1/auth/me')).body.schoolId;
    const [chatgpt] = (await teacher.get('/api/v1/consent/services')).body.items.filter((s: { name: string }) => s.name === 'ChatGPT');
    const classOf = async (grade: number) => (await teacher.get(`/api/v1/consent/classes?schoolId=${school}&grade=${grade}&classNo=1`)).body.items;
    const graduates = await classOf(9);
    expect(graduates.map((s: { studentCode: string }) => s.studentCode)).toEqual(['3101', '3102', '3103', '3104', '3105', '3106']);
    const reason = async (studentId: number) =>
      (await teacher.get(`/api/v1/consent/eligibility?studentId=${studentId}&serviceId=${chatgpt.id}`)).body.reasons.find((r: { rule: string }) => r.rule === 'guardian_consent').message;
    expect(await reason(graduates[0].id)).toContain('이전 안내문에 대한 동의');
    const figures = () => admin.get(`/api/v1/consent/overview?serviceId=${chatgpt.id}&level=class&schoolId=${school}&date=${YEAR_END}`).then((r) => r.body);
    const figuresBefore = await figures();
    const classNine = figuresBefore.groups.find((g: { grade: number }) => g.grade === 9);
    // Four grants (one later withdrawn), a refusal and no answer: 3 granted and eligible, 2 refused, 1 without an answer.
    expect(counts(classNine)).toEqual([9, 1, 6, 3, 3, 2, 1]);
    const currentClass = (await teacher.get(`/api/v1/consent/eligibility/class?schoolId=${school}&grade=8&classNo=1&serviceId=${chatgpt.id}`)).body.items;
    const recordsThisYear = await countRows(app.db, 'consent_records', `notice_id IN (SELECT id FROM consent_notices WHERE school_year = ${schoolYear()})`);

    const run = await admin.post('/api/v1/admin/jobs/schedules/privacy-destruction-daily/run');
    expect(run.status).toBe(202);
    expect((await waitForJob(admin, run.body.jobId)).state).toBe('completed');

    const reg = (await admin.get('/api/v1/privacy/destruction-register')).body;
    expect(reg.items).toEqual([expect.objectContaining({ category: 'consent_records', recordCount: 6, method: 'delete', approvedByName: '교육청 관리자' })]);
    for (const s of graduates) expect(await reason(s.id)).toContain('동의 기록이 없습니다');
    expect(await figures()).toEqual(figuresBefore);
    // This year's class and records are as they were.
    expect((await teacher.get(`/api/v1/consent/eligibility/class?schoolId=${school}&grade=8&classNo=1&serviceId=${chatgpt.id}`)).body.items).toEqual(currentClass);
    expect(await countRows(app.db, 'consent_records', `notice_id IN (SELECT id FROM consent_notices WHERE school_year = ${schoolYear()})`)).toBe(recordsThisYear);

    // Seeding again brings nothing back.
    await seedDemo(app.api);
    expect(await countRows(app.db, 'consent_records', `notice_id IN (SELECT id FROM consent_notices WHERE school_year = ${Y})`)).toBe(0);
  });
});
