import ExcelJS from 'exceljs';
import { Client as PgClient } from 'pg';
import { JobName, JobQueue, seoulToday } from '@app/core';
import { outsideWorkingHours } from '@app/privacy/reviews/review-rules';
import { verifyAccessLog } from '../apps/cli/src/privacy-verify';
import { bornYearsAgo, CHATGPT, NOTICE, schoolYear } from './support/consent-fixtures';
import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { assessmentBody, resultsCsv } from './support/literacy-fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { completionCsv, createCourses } from './support/training-fixtures';
import { waitForJob } from './support/wait-for-job';

type Client = Awaited<ReturnType<TestApp['as']>>;

interface LogRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  client_ip: string | null;
  action: string;
  subject_type: string;
  subject_ids: string[];
  subject_count: number;
  school_id: number | null;
  route: string;
  request_id: string | null;
  reason: string | null;
}

/**
 * Issue 15 (part A): the access log of personal data. Reads and changes of personal data by staff
 * are recorded by the routes' @PersonalData declarations, one append-only hash-chained row each;
 * the chain check finds a row deleted or edited by hand; the monthly review flags unusual access.
 */
describe('the access log of personal data', () => {
  let app: TestApp;
  let admin: Client;
  let gangnam: Client;
  let principal: Client;
  let teacher: Client;
  let middle: number;
  let otherMiddle: number;
  let gaepo: number;
  let serviceId: number;
  const students: number[] = [];

  const rows = (where = 'TRUE', params: unknown[] = []): Promise<LogRow[]> => app.db.query(`SELECT * FROM access_log WHERE ${where} ORDER BY id`, params);
  const count = async () => (await app.db.query(`SELECT count(*)::int AS n FROM access_log`))[0].n as number;
  /** A GET with our own request id, so the record it leaves can be found by it. */
  const getTraced = (client: HttpClient, path: string, requestId: string) => client.send<any>(path, { method: 'GET', headers: { 'x-request-id': requestId } });

  /** What a DBA with a superuser login can do: triggers off for the session (session_replication_role = replica). */
  async function asDba<T>(fn: (pg: PgClient) => Promise<T>): Promise<T> {
    const pg = new PgClient({ connectionString: app.config.databaseUrl });
    await pg.connect();
    try {
      await pg.query(`SET session_replication_role = replica`);
      return await fn(pg);
    } finally {
      await pg.end();
    }
  }

  /** A record at a chosen time, linked into the chain as the trigger would (the trigger always writes now). */
  async function appendAt(at: string, r: { actor: string; role: string; action?: string; ids: (string | number)[]; count?: number; schoolId?: number | null }) {
    await asDba(async (pg) => {
      await pg.query(
        `INSERT INTO access_log (id, at, actor_id, actor_role, client_ip, action, subject_type, subject_ids, subject_count, school_id, route, request_id, prev_hash, hash)
         VALUES (nextval('access_log_seq'), $1, $2, $3, '10.0.0.9', $4, 'student', $5, $6, $7, 'GET /api/v1/consent/students/:id/records', 'scripted',
                 coalesce((SELECT hash FROM access_log ORDER BY id DESC LIMIT 1), ''), '')`,
        [at, r.actor, r.role, r.action ?? 'read', r.ids.map(String), r.count ?? r.ids.length, r.schoolId ?? null],
      );
      await pg.query(`UPDATE access_log l SET hash = access_log_digest(l.prev_hash, l) WHERE id = (SELECT max(id) FROM access_log)`);
    });
  }

  beforeAll(async () => {
    // Low limits so a handful of students is "many": a download of more than 5 asks for a reason, more than 3 read is flagged.
    app = await startTestApp({ worker: true, env: { PRIVACY_REASON_THRESHOLD: '5', PRIVACY_REVIEW_MANY_SUBJECTS: '3' } });
    admin = await app.as({ email: 'privacy@sen.go.kr', role: 'city_admin', displayName: '개인정보 보호책임자' });
    [{ id: middle }] = await app.db.query(`SELECT s.id FROM schools s WHERE s.level = 'middle' AND s.district = '강남구' ORDER BY s.id LIMIT 1`);
    [{ id: otherMiddle }] = await app.db.query(`SELECT s.id FROM schools s WHERE s.level = 'middle' AND s.district = '마포구' ORDER BY s.id LIMIT 1`);
    gaepo = await schoolId(app.db, '서울개포초등학교');
    gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho', displayName: '강남서초 담당' });
    principal = await app.as({ email: 'p@middle.ms.kr', role: 'principal', schoolId: middle, displayName: '김교장' });
    teacher = await app.as({ email: 't@middle.ms.kr', role: 'teacher', schoolId: middle, displayName: '이교사' });

    const service = await admin.post('/api/v1/consent/services', CHATGPT);
    serviceId = service.body.id;
    await admin.post(`/api/v1/consent/services/${serviceId}/notices`, { schoolYear: schoolYear(), ...NOTICE });
    for (let i = 1; i <= 6; i++) {
      const res = await teacher.post('/api/v1/consent/students', { schoolId: middle, studentCode: `S${i}`, grade: 8, classNo: 1, birthMonth: bornYearsAgo(14) });
      expect(res.status).toBe(201);
      students.push(res.body.id);
    }
    const decided = await teacher.post('/api/v1/consent/records', { studentId: students[0], serviceId, decision: 'granted', guardianRelation: 'mother', method: 'paper_slip' });
    expect(decided.status).toBe(201);
  });
  afterAll(() => app?.close());

  describe('recording', () => {
    it("records a principal opening a student's consent history: account, address, action, subject, route and request id", async () => {
      const res = await getTraced(principal, `/api/v1/consent/students/${students[0]}/records`, 'trace-history-1');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('trace-history-1');
      const recorded = await rows('request_id = $1', ['trace-history-1']);
      expect(recorded).toHaveLength(1);
      const [r] = recorded;
      expect(r).toMatchObject({
        actor_id: principal.userId, actor_role: 'principal', action: 'read', subject_type: 'student', subject_ids: [String(students[0])], subject_count: 1,
        school_id: middle, route: 'GET /api/v1/consent/students/:id/records', reason: null,
      });
      expect(['127.0.0.1', '::ffff:127.0.0.1', '::1']).toContain(r.client_ip);
      // The city admin finds it by account and by subject.
      const byAccount = await admin.get(`/api/v1/privacy/access-log?account=${principal.userId}&subject=${students[0]}`);
      expect(byAccount.status).toBe(200);
      expect(byAccount.body.items.map((i: { requestId: string }) => i.requestId)).toContain('trace-history-1');
      expect(byAccount.body.items.find((i: { requestId: string }) => i.requestId === 'trace-history-1')).toMatchObject({
        actorEmail: 'p@middle.ms.kr', actorName: '김교장', action: 'read', subjectIds: [String(students[0])], schoolId: middle,
      });
    });

    it('records changes and class lists with every student in them, and the roster changes made in setup', async () => {
      const changes = await rows(`actor_id = $1 AND action = 'change'`, [teacher.userId]);
      expect(changes.map((r) => r.route)).toEqual([...Array(6).fill('POST /api/v1/consent/students'), 'POST /api/v1/consent/records']);
      expect(changes.map((r) => r.subject_ids[0])).toEqual([...students, students[0]].map(String));
      const list = await getTraced(teacher, `/api/v1/consent/eligibility/class?schoolId=${middle}&grade=8&classNo=1&serviceId=${serviceId}`, 'trace-class-1');
      expect(list.status).toBe(200);
      const [r] = await rows('request_id = $1', ['trace-class-1']);
      expect(r).toMatchObject({ action: 'read', subject_count: 6, school_id: middle });
      expect([...r.subject_ids].sort()).toEqual(students.map(String).sort());
    });

    it('records nothing for aggregates without personal data', async () => {
      const before = await count();
      for (const path of [
        `/api/v1/consent/overview?serviceId=${serviceId}`,
        '/api/v1/consent/letters',
        '/api/v1/consent/services',
        '/api/v1/training/stats',
        '/api/v1/schools?pageSize=5',
      ]) {
        const res = await admin.get(path);
        expect([path, res.status]).toEqual([path, 200]);
      }
      expect((await principal.get(`/api/v1/consent/overview?serviceId=${serviceId}`)).status).toBe(200);
      expect(await count()).toBe(before);
    });

    it("does not record a teacher reading their own training record, but does record their principal reading it", async () => {
      await createCourses(admin);
      const imported = await admin.upload('/api/v1/training/completions/import', completionCsv([['T-9001', '이교사', 't@middle.ms.kr', '교원', '', 'AI-B-101', '1기', '2025-04-30', '']]), 'c.csv');
      expect(imported.status).toBe(201);
      const [{ id: participant }] = await app.db.query(`SELECT id FROM training_participants WHERE external_id = 'T-9001'`);
      const own = await getTraced(teacher, `/api/v1/training/participants/${participant}`, 'trace-own-training');
      expect(own.status).toBe(200);
      expect(own.body.participant.userId).toBe(teacher.userId);
      expect(await rows('request_id = $1', ['trace-own-training'])).toEqual([]);
      expect((await getTraced(principal, `/api/v1/training/participants/${participant}`, 'trace-principal-training')).status).toBe(200);
      expect(await rows('request_id = $1', ['trace-principal-training'])).toEqual([
        expect.objectContaining({ actor_id: principal.userId, subject_type: 'training_participant', subject_ids: [String(participant)], school_id: middle }),
      ]);
    });

    it('fails closed: when the record cannot be written the data is not served (503)', async () => {
      await app.ownerQuery(`REVOKE INSERT ON access_log FROM aiedu_app`);
      try {
        const res = await principal.get(`/api/v1/consent/students/${students[1]}/records`);
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('ACCESS_LOG_UNAVAILABLE');
        expect(res.body).not.toHaveProperty('items');
      } finally {
        await app.ownerQuery(`GRANT INSERT ON access_log TO aiedu_app`);
      }
      expect((await principal.get(`/api/v1/consent/students/${students[1]}/records`)).status).toBe(200);
    });
  });

  describe('downloads', () => {
    let assessment: number;

    beforeAll(async () => {
      const created = await admin.post('/api/v1/literacy/assessments', assessmentBody());
      assessment = created.body.id;
      const imported = await admin.upload(`/api/v1/literacy/assessments/${assessment}/results/import`, resultsCsv([{ schoolId: gaepo, classNo: 1, count: 8, prefix: 'GP1-' }]), 'results.csv');
      expect(imported.status).toBe(201);
      await waitForJob(admin, imported.body.analysisJobId);
      const built = await admin.post(`/api/v1/literacy/assessments/${assessment}/reports/build`);
      expect((await waitForJob(admin, built.body.jobId)).state).toBe('completed');
    });

    it('asks a district admin for a reason to download a workbook of more students than the threshold, and keeps it', async () => {
      const before = await count();
      const path = `/api/v1/literacy/assessments/${assessment}/reports/files/${gaepo}`;
      const refused = await gangnam.get(path);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'REASON_REQUIRED', details: [expect.objectContaining({ field: 'reason', count: 8 })] });
      expect(refused.body.message).toContain('8');
      expect((await gangnam.get(`${path}?reason=x`)).body.details).toEqual([{ field: 'reason', reason: 'must be 2 to 500 characters' }]);
      expect(await count()).toBe(before);

      const reason = '학교별 진단 결과 환류 회의 자료';
      const res = await getTraced(gangnam, `${path}?reason=${encodeURIComponent(reason)}`, 'trace-workbook');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const [r] = await rows('request_id = $1', ['trace-workbook']);
      const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM literacy_scores x JOIN students st ON st.id = x.student_id WHERE x.assessment_id = $1 AND st.school_id = $2`, [assessment, gaepo]);
      expect(n).toBe(8);
      expect(r).toMatchObject({
        actor_id: gangnam.userId, actor_role: 'district_admin', action: 'download', subject_type: 'student', subject_count: 8, school_id: gaepo,
        route: 'GET /api/v1/literacy/assessments/:id/reports/files/:schoolId', reason,
      });
      expect(r.subject_ids).toHaveLength(8);
      // The city's workbook holds group figures only: not personal data, not recorded.
      const city = await getTraced(admin, `/api/v1/literacy/assessments/${assessment}/reports/files/0`, 'trace-city-workbook');
      expect(city.status).toBe(200);
      expect(await rows('request_id = $1', ['trace-city-workbook'])).toEqual([]);
    });

    it('takes the reason on exports whose query is checked by a DTO, and needs none below the threshold', async () => {
      const small = await getTraced(principal, `/api/v1/consent/eligibility/class.xlsx?schoolId=${middle}&grade=8&classNo=1&serviceId=${serviceId}&reason=${encodeURIComponent('수업 전 확인')}`, 'trace-class-xlsx');
      expect(small.status).toBe(200);
      expect(await rows('request_id = $1', ['trace-class-xlsx'])).toEqual([expect.objectContaining({ action: 'download', subject_count: 6, reason: '수업 전 확인' })]);

      const accounts = async () => (await app.db.query(`SELECT count(*)::int AS n FROM users`))[0].n as number;
      expect(await accounts()).toBeLessThanOrEqual(5);
      expect((await admin.get('/api/v1/users/export.xlsx')).status).toBe(200);
      for (let i = 0; i < 2; i++) await app.as({ email: `extra${i}@middle.ms.kr`, role: 'teacher', schoolId: middle });
      expect(await accounts()).toBeGreaterThan(5);
      expect((await admin.get('/api/v1/users/export.xlsx?role=teacher')).status).toBe(200); // 3 teachers
      expect((await admin.get('/api/v1/users/export.xlsx')).body.code).toBe('REASON_REQUIRED');
      const withReason = await getTraced(admin, `/api/v1/users/export.xlsx?reason=${encodeURIComponent('정기 계정 점검')}`, 'trace-users-xlsx');
      expect(withReason.status).toBe(200);
      expect(await rows('request_id = $1', ['trace-users-xlsx'])).toEqual([
        expect.objectContaining({ action: 'download', subject_type: 'user', subject_count: await accounts(), reason: '정기 계정 점검' }),
      ]);
    });
  });

  describe('the hash chain', () => {
    it('is intact, refuses the app any change, and refuses changes from anyone while triggers run', async () => {
      const ok = await admin.get('/api/v1/privacy/access-log/verify');
      expect(ok.body).toEqual({ intact: true, checked: await count(), firstBrokenId: null, firstBrokenAt: null });
      await expect(app.db.query(`DELETE FROM access_log`)).rejects.toThrow('permission denied');
      await expect(app.db.query(`UPDATE access_log SET reason = 'x'`)).rejects.toThrow('permission denied');
      await expect(app.ownerQuery(`DELETE FROM access_log WHERE id = (SELECT min(id) FROM access_log)`)).rejects.toThrow('append-only');
      await expect(app.ownerQuery(`UPDATE access_log SET reason = 'x' WHERE id = (SELECT min(id) FROM access_log)`)).rejects.toThrow('append-only');
      const lines: string[] = [];
      expect(await verifyAccessLog(app.api, (l) => lines.push(l))).toBe(0);
      expect(lines[0]).toContain('intact');
    });

    it('finds a row deleted by hand at the row that followed it, and the chain heals when the row is put back', async () => {
      const all = await rows();
      const victim = all[3];
      const next = all[4];
      // As JSON text, so the time keeps its microseconds (the hash covers them).
      const [{ saved }] = await app.ownerQuery(`SELECT row_to_json(l)::text AS saved FROM access_log l WHERE id = $1`, [victim.id]);
      await asDba((pg) => pg.query(`DELETE FROM access_log WHERE id = $1`, [victim.id]));
      const broken = await admin.get('/api/v1/privacy/access-log/verify');
      expect(broken.body).toEqual({ intact: false, checked: all.length - 1, firstBrokenId: next.id, firstBrokenAt: new Date(next.at).toISOString() });

      const lines: string[] = [];
      expect(await verifyAccessLog(app.api, (l) => lines.push(l))).toBe(1);
      expect(lines[0]).toContain(`BROKEN: first broken record ${next.id}`);

      await asDba((pg) => pg.query(`INSERT INTO access_log SELECT * FROM json_populate_record(NULL::access_log, $1::json)`, [saved]));
      expect((await admin.get('/api/v1/privacy/access-log/verify')).body.intact).toBe(true);
    });

    it('finds a row edited by hand at that row', async () => {
      const [victim] = await rows(`request_id = 'trace-history-1'`);
      await asDba((pg) => pg.query(`UPDATE access_log SET subject_ids = '{999999}' WHERE id = $1`, [victim.id]));
      const res = await admin.get('/api/v1/privacy/access-log/verify');
      expect(res.body).toMatchObject({ intact: false, firstBrokenId: victim.id });
      await asDba((pg) => pg.query(`UPDATE access_log SET subject_ids = $2 WHERE id = $1`, [victim.id, victim.subject_ids]));
      expect((await admin.get('/api/v1/privacy/access-log/verify')).body.intact).toBe(true);
    });
  });

  describe('the monthly review', () => {
    it('flags a scripted bulk read: one account reading many students’ histories in a loop', async () => {
      for (const id of students) expect((await teacher.get(`/api/v1/consent/students/${id}/records`)).status).toBe(200);
      const month = seoulToday().slice(0, 7);
      const [{ n: recordsSoFar }] = await app.db.query(`SELECT count(*)::int AS n FROM access_log WHERE at >= $1`, [`${month}-01T00:00:00+09:00`]);
      const res = await admin.get(`/api/v1/privacy/reviews/${month}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ month, from: `${month}-01`, limits: { manySubjects: 3, bulkDownload: 5 } });
      const flag = res.body.flags.find((f: { kind: string; actorId: string }) => f.kind === 'many_subjects' && f.actorId === teacher.userId);
      expect(flag).toMatchObject({ actorEmail: 't@middle.ms.kr', actorName: '이교사', actorRole: 'teacher', subjects: 6 });
      expect(flag.detail).toContain('학생 6명');
      // The district admin's workbook of 8 students is a bulk download; the city admin who only read aggregates and the log is not flagged.
      expect(res.body.flags).toContainEqual(expect.objectContaining({ kind: 'bulk_download', actorId: gangnam.userId, subjects: 8 }));
      expect(res.body.flags.filter((f: { kind: string; actorId: string }) => f.kind === 'many_subjects' && f.actorId === gangnam.userId)).toEqual([
        expect.objectContaining({ subjects: 8 }),
      ]);
      expect(res.body.totals.records).toBe(recordsSoFar);
    });

    it('flags reads outside working hours and outside the account’s school or office, in a past month', async () => {
      // March 2020: the 1st is a Sunday. Seoul times.
      const times = ['2020-03-02T06:59:00+09:00', '2020-03-02T07:00:00+09:00', '2020-03-03T14:00:00+09:00', '2020-03-04T21:30:00+09:00', '2020-03-07T10:00:00+09:00', '2020-03-31T23:59:00+09:00'];
      for (const at of times) await appendAt(at, { actor: teacher.userId, role: 'teacher', ids: [students[0]], schoolId: middle });
      await appendAt('2020-03-10T10:00:00+09:00', { actor: principal.userId, role: 'principal', ids: [students[1]], schoolId: otherMiddle });
      await appendAt('2020-03-11T10:00:00+09:00', { actor: gangnam.userId, role: 'district_admin', ids: [students[2]], schoolId: gaepo });
      await appendAt('2020-03-11T11:00:00+09:00', { actor: gangnam.userId, role: 'district_admin', ids: [students[3]], schoolId: otherMiddle });
      await appendAt('2020-03-12T10:00:00+09:00', { actor: admin.userId, role: 'city_admin', action: 'download', ids: [1, 2, 3], count: 1200, schoolId: otherMiddle });
      // Before and after the month, in Seoul time: not in it.
      await appendAt('2020-02-29T23:59:00+09:00', { actor: teacher.userId, role: 'teacher', ids: [students[0]], schoolId: otherMiddle });
      await appendAt('2020-04-01T00:00:00+09:00', { actor: teacher.userId, role: 'teacher', ids: [students[0]], schoolId: otherMiddle });
      expect((await admin.get('/api/v1/privacy/access-log/verify')).body.intact).toBe(true);

      const res = await admin.get('/api/v1/privacy/reviews/2020-03');
      expect(res.body).toMatchObject({ month: '2020-03', from: '2020-03-01', to: '2020-03-31' });
      const kinds = res.body.flags.map((f: { kind: string; actorId: string; count: number }) => [f.kind, f.actorId, f.count]);
      const outside = times.filter((t) => outsideWorkingHours(new Date(t)));
      expect(outside).toHaveLength(4);
      expect(kinds).toEqual([
        // A download of 1,200 students is also many students read.
        ['many_subjects', admin.userId, 1],
        ['outside_scope', gangnam.userId, 1],
        ['outside_scope', principal.userId, 1],
        ['outside_hours', teacher.userId, outside.length],
        ['bulk_download', admin.userId, 1],
      ]);
      const hours = res.body.flags.find((f: { kind: string }) => f.kind === 'outside_hours');
      expect(hours).toMatchObject({ firstAt: new Date(times[0]).toISOString(), lastAt: new Date(times[5]).toISOString() });
      expect(res.body.flags.find((f: { kind: string }) => f.kind === 'bulk_download')).toMatchObject({ subjects: 1200 });
      expect(res.body.totals).toMatchObject({ records: 10, accounts: 4, flaggedAccounts: 4, flags: 5, many_subjects: 1, outside_scope: 2, outside_hours: 1, bulk_download: 1 });

      const xlsx = await admin.get('/api/v1/privacy/reviews/2020-03/xlsx');
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body);
      const sheet = wb.getWorksheet('점검 결과')!;
      expect(sheet.rowCount).toBe(6);
      expect(sheet.getRow(5).getCell(1).value).toBe('업무 시간 외 조회');
      expect(sheet.getRow(5).getCell(2).value).toBe('t@middle.ms.kr');
    });

    it('builds the review as a job that stores the workbook, on the jobs page’s monthly schedule', async () => {
      const { jobId } = await app.api.get(JobQueue).enqueue(JobName.PrivacyReview, { requestedBy: admin.userId, month: '2020-03' });
      const job = await waitForJob(admin, jobId);
      expect(job).toMatchObject({ state: 'completed', result: { summary: { month: '2020-03', records: 10, flags: 5 } } });
      const file = await admin.get(job.downloadUrl);
      expect(file.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.body);
      expect(wb.getWorksheet('점검 결과')!.rowCount).toBe(6);
      const page = await admin.get('/api/v1/admin/jobs');
      expect(page.body.schedules).toContainEqual(expect.objectContaining({ schedulerId: 'privacy-review-monthly', jobName: 'privacy-review', cron: '0 6 1 * *' }));
    });

    it('refuses a month that is not YYYY-MM', async () => {
      expect((await admin.get('/api/v1/privacy/reviews/2020-13')).body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'month' }] });
    });
  });

  describe('access', () => {
    it.each(['/api/v1/privacy/access-log', '/api/v1/privacy/access-log/verify', '/api/v1/privacy/reviews/2020-03', '/api/v1/privacy/reviews/2020-03/xlsx'])(
      '%s is for city admins only',
      async (path) => {
        for (const client of [gangnam, principal, teacher]) {
          const res = await client.get(path);
          expect([res.status, res.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
        }
        expect((await new HttpClient(app.baseUrl).get(path)).status).toBe(401);
      },
    );

    it('filters by period in Seoul days', async () => {
      const res = await admin.get('/api/v1/privacy/access-log?from=2020-03-01&to=2020-03-31&pageSize=100');
      expect(res.body.total).toBe(10);
      expect(res.body.items.map((i: { at: string }) => i.at)).toContain(new Date('2020-03-31T23:59:00+09:00').toISOString());
      expect((await admin.get('/api/v1/privacy/access-log?from=2020-03-02&to=2020-03-02')).body.total).toBe(2);
    });
  });
});
