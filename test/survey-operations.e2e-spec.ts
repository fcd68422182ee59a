import { JOB_SCHEDULES, JobName, JobQueue, SCHEDULER } from '@app/core';
import { countRows, schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const HOUR = 3600_000;
const DEFINITION = {
  title: 'AI 교육 실태조사',
  sections: [
    { id: 'room', title: 'AI 교실 활용', questions: [
      { id: 'hours', text: '주당 AI 교실 활용 시간', required: true, type: 'numeric', min: 0, max: 60, integer: true },
      { id: 'club', text: 'AI 동아리 운영 여부', required: true, type: 'single', options: [{ value: 'yes', label: '운영' }, { value: 'no', label: '미운영' }] },
    ] },
    { id: 'plan', title: '계획', questions: [{ id: 'plan', text: '내년 계획', required: false, type: 'long_text' }] },
  ],
};

describe('survey operations: distribution, progress, reminders, school-level answers', () => {
  let app: TestApp;
  let admin: Client;
  let gangnam: Client;
  let seobu: Client;
  let gaepoPrincipal: Client;
  let dogokPrincipal: Client;
  let gaepoTeacher: Client;
  const schools: Record<string, number> = {};
  let templateId: number;
  const window = (opensInHours: number, closesInHours: number) => ({ opensAt: new Date(Date.now() + opensInHours * HOUR).toISOString(), closesAt: new Date(Date.now() + closesInHours * HOUR).toISOString() });

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    seobu = await app.as({ email: 'seobu@sen.go.kr', role: 'district_admin', districtOffice: 'seobu' });
    for (const [k, name] of [['gaepo', '서울개포초등학교'], ['dogok', '서울도곡초등학교'], ['dosung', '서울도성초등학교']]) schools[k] = await schoolId(app.db, name);
    gaepoPrincipal = await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: schools.gaepo });
    dogokPrincipal = await app.as({ email: 'p@dogok.es.kr', role: 'principal', schoolId: schools.dogok });
    gaepoTeacher = await app.as({ email: 't@gaepo.es.kr', role: 'teacher', schoolId: schools.gaepo });
    templateId = (await admin.post('/api/v1/surveys/templates', { kind: 'status', definition: DEFINITION })).body.id;
  });
  afterAll(() => app.close());

  it('has every recurring job scheduled once the worker runs', async () => {
    const schedules = await app.worker!.get(JobQueue).schedules();
    expect(schedules.map((s) => [s.id, s.pattern]).sort()).toEqual(JOB_SCHEDULES.map((s) => [s.schedulerId, s.cron]).sort());
  });

  describe('distribution when a campaign opens', () => {
    it('prints codes for every school and notifies each principal once, however often it runs', async () => {
      const created = await admin.post('/api/v1/surveys/campaigns', {
        templateId, title: '교원 만족도', audience: 'teachers', ...window(-1, 24), codesPerSchool: 30, target: { schoolIds: Object.values(schools) },
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      await app.waitForQueues();
      expect((await admin.get(`/api/v1/surveys/campaigns/${id}`)).body).toMatchObject({ status: 'open', codesPerSchool: 30, distributedAt: expect.any(String) });
      expect(await countRows(app.db, 'survey_codes', `campaign_id = ${id}`)).toBe(90);

      // A second run (a retry, or the lifecycle sweep) adds nothing.
      const jobs = app.worker!.get(JobQueue);
      await jobs.enqueue(JobName.SurveyDistribute, { requestedBy: SCHEDULER, campaignId: id });
      await app.waitForQueues();
      expect(await countRows(app.db, 'survey_codes', `campaign_id = ${id}`)).toBe(90);
      const notices = await gaepoPrincipal.get('/api/v1/notices');
      expect(notices.body.items.filter((n: { link: string }) => n.link === `/surveys/campaigns/${id}`)).toHaveLength(1);
      expect(notices.body.items[0]).toMatchObject({ kind: 'survey_open', title: '설문이 시작되었습니다: 교원 만족도', readAt: null });
      expect(notices.body.unread).toBeGreaterThanOrEqual(1);

      // The principal prints the distributed batch; the sheet's codes answer the survey.
      const batches = await gaepoPrincipal.get(`/api/v1/surveys/campaigns/${id}/schools/${schools.gaepo}/code-batches`);
      expect(batches.body.items).toEqual([expect.objectContaining({ count: 30, used: 0, source: 'distribution' })]);
      const sheet = await gaepoPrincipal.get(`/api/v1/surveys/campaigns/${id}/schools/${schools.gaepo}/code-batches/${batches.body.items[0].id}`);
      expect(sheet.body).toMatchObject({ campaignTitle: '교원 만족도', schoolName: '서울개포초등학교', respondUrl: `${app.config.publicBaseUrl}/respond` });
      expect(sheet.body.codes).toHaveLength(30);
      const code = sheet.body.codes[0].code;
      const anon = new HttpClient(app.baseUrl);
      expect((await anon.post(`/api/v1/surveys/respond/${code}/submit`, { answers: { hours: 3, club: 'yes' }, idempotencyKey: 'sheet-code-1' })).status).toBe(200);
      const again = await gaepoPrincipal.get(`/api/v1/surveys/campaigns/${id}/schools/${schools.gaepo}/code-batches/${batches.body.items[0].id}`);
      expect(again.body.codes.filter((c: { used: boolean }) => c.used)).toEqual([{ code, url: `${app.config.publicBaseUrl}/respond/${code}`, used: true }]);
      expect(again.body.codes.map((c: { code: string }) => c.code)).toEqual(sheet.body.codes.map((c: { code: string }) => c.code));
      // Codes are kept sealed, never in plain text.
      const [{ sealed }] = await app.db.query(`SELECT sealed_codes AS sealed FROM survey_code_batches WHERE id = $1`, [batches.body.items[0].id]);
      expect(sealed).not.toContain(code);

      // Another school's principal and a teacher cannot list or print this school's codes.
      expect((await dogokPrincipal.get(`/api/v1/surveys/campaigns/${id}/schools/${schools.gaepo}/code-batches`)).status).toBe(403);
      expect((await dogokPrincipal.get(`/api/v1/surveys/campaigns/${id}/schools/${schools.gaepo}/code-batches/${batches.body.items[0].id}`)).status).toBe(403);
      expect((await gaepoTeacher.get(`/api/v1/surveys/campaigns/${id}/schools/${schools.gaepo}/code-batches`)).status).toBe(403);
      expect((await seobu.post(`/api/v1/surveys/campaigns/${id}/schools/${schools.gaepo}/codes`, { count: 5 })).status).toBe(403);
      // A batch id of another school is not found through this school.
      expect((await dogokPrincipal.get(`/api/v1/surveys/campaigns/${id}/schools/${schools.dogok}/code-batches/${batches.body.items[0].id}`)).status).toBe(404);

      // The notice is the principal's own: read it, and nobody else can.
      const noticeId = notices.body.items[0].id;
      expect((await dogokPrincipal.post(`/api/v1/notices/${noticeId}/read`)).status).toBe(404);
      expect((await gaepoPrincipal.post(`/api/v1/notices/${noticeId}/read`)).status).toBe(204);
      expect((await gaepoPrincipal.get('/api/v1/notices')).body.items.find((n: { id: string }) => n.id === noticeId).readAt).not.toBeNull();
    });

    it('distributes a scheduled campaign once its opening passes, and aggregates it finally once it closes', async () => {
      const created = await admin.post('/api/v1/surveys/campaigns', { templateId, title: '예정 조사', audience: 'parents', ...window(2, 48), codesPerSchool: 5, target: { schoolIds: [schools.gaepo] } });
      const id = created.body.id;
      await app.waitForQueues();
      expect(created.body.status).toBe('scheduled');
      expect(await countRows(app.db, 'survey_codes', `campaign_id = ${id}`)).toBe(0);
      const jobs = app.worker!.get(JobQueue);
      const sweep = async () => {
        await jobs.enqueue(JobName.SurveyLifecycle, { requestedBy: SCHEDULER });
        await app.waitForQueues();
      };
      await sweep();
      expect(await countRows(app.db, 'survey_codes', `campaign_id = ${id}`)).toBe(0);

      await app.db.query(`UPDATE survey_campaigns SET opens_at = now() - interval '1 minute' WHERE id = $1`, [id]);
      await sweep();
      expect(await countRows(app.db, 'survey_codes', `campaign_id = ${id}`)).toBe(5);
      expect(await countRows(app.db, 'survey_snapshots', `campaign_id = ${id}`)).toBe(0);

      await app.db.query(`UPDATE survey_campaigns SET closes_at = now() - interval '1 second' WHERE id = $1`, [id]);
      await sweep();
      const closed = (await admin.get(`/api/v1/surveys/campaigns/${id}`)).body;
      expect(closed).toMatchObject({ status: 'closed', finalAggregatedAt: expect.any(String) });
      expect(await countRows(app.db, 'survey_snapshots', `campaign_id = ${id}`)).toBe(1);
      // Nothing left to do: another sweep enqueues nothing for it.
      const [{ computed }] = await app.db.query(`SELECT computed_at AS computed FROM survey_snapshots WHERE campaign_id = $1`, [id]);
      await sweep();
      const [{ computed: after }] = await app.db.query(`SELECT computed_at AS computed FROM survey_snapshots WHERE campaign_id = $1`, [id]);
      expect(after).toEqual(computed);
      // Closed: no more codes.
      expect((await gaepoPrincipal.post(`/api/v1/surveys/campaigns/${id}/schools/${schools.gaepo}/codes`, { count: 3 })).body.code).toBe('SURVEY_CLOSED');
    });
  });

  describe('live progress and reminders', () => {
    let id: number;

    beforeAll(async () => {
      const created = await admin.post('/api/v1/surveys/campaigns', {
        templateId, title: '학부모 만족도', audience: 'parents', ...window(-1, 24), reminderThreshold: 0.5,
        target: { schoolIds: [schools.gaepo, schools.dogok, schools.dosung, await schoolId(app.db, '서울망원초등학교')] },
      });
      id = created.body.id;
      await app.waitForQueues();
      const anon = new HttpClient(app.baseUrl);
      // 개포: 4 codes, 3 answered (0.75). 도곡: 10 codes, 2 answered (0.2). 도성: no codes.
      for (const [school, count, answered] of [[schools.gaepo, 4, 3], [schools.dogok, 10, 2]]) {
        const { body } = await admin.post(`/api/v1/surveys/campaigns/${id}/schools/${school}/codes`, { count });
        for (const [i, code] of (body.codes as string[]).slice(0, answered).entries()) {
          expect((await anon.post(`/api/v1/surveys/respond/${code}/submit`, { answers: { hours: i, club: 'no' }, idempotencyKey: `p-${school}-${i}-key` })).status).toBe(200);
        }
      }
    });

    it('shows response rates by office and school, with the schools that are behind', async () => {
      const { body } = await admin.get(`/api/v1/surveys/campaigns/${id}/progress`);
      const bySchool = Object.fromEntries(body.schools.map((s: { schoolId: number }) => [s.schoolId, s]));
      expect(bySchool[schools.gaepo]).toMatchObject({ codesIssued: 4, responses: 3, rate: 0.75, behind: false, name: '서울개포초등학교', officeName: '강남서초교육지원청' });
      expect(bySchool[schools.dogok]).toMatchObject({ codesIssued: 10, responses: 2, rate: 0.2, behind: true });
      expect(bySchool[schools.dosung]).toMatchObject({ codesIssued: 0, responses: 0, rate: null, behind: true });
      expect(body.totals).toMatchObject({ schools: 4, respondedSchools: 2, behindSchools: 3, codesIssued: 14, responses: 5, rate: 0.3571 });
      const gangnamOffice = body.offices.find((o: { office: string }) => o.office === 'gangnam-seocho');
      expect(gangnamOffice).toMatchObject({ schools: 3, codesIssued: 14, responses: 5, behindSchools: 2 });

      // A district admin sees their office only; a principal and a teacher do not see the dashboard.
      const own = await gangnam.get(`/api/v1/surveys/campaigns/${id}/progress`);
      expect(own.body.schools.map((s: { office: string }) => s.office)).toEqual(['gangnam-seocho', 'gangnam-seocho', 'gangnam-seocho']);
      const seobuView = await seobu.get(`/api/v1/surveys/campaigns/${id}/progress`);
      expect(seobuView.body.schools).toHaveLength(1);
      expect(seobuView.body.schools[0].office).toBe('seobu');
      expect((await gaepoTeacher.get(`/api/v1/surveys/campaigns/${id}/progress`)).status).toBe(403);
      const principalView = await gaepoPrincipal.get(`/api/v1/surveys/campaigns/${id}/progress`);
      expect(principalView.body.schools.map((s: { schoolId: number }) => s.schoolId)).toEqual([schools.gaepo]);
    });

    it('reminds the principals of schools behind once a day, a district admin only their own office', async () => {
      const seobuRemind = await seobu.post(`/api/v1/surveys/campaigns/${id}/remind`);
      expect(seobuRemind.status).toBe(202);
      await app.waitForQueues();
      expect(await countRows(app.db, 'survey_reminders', `campaign_id = ${id}`)).toBe(1);

      const first = await gangnam.post(`/api/v1/surveys/campaigns/${id}/remind`);
      await app.waitForQueues();
      expect((await gangnam.get(`/api/v1/jobs/${first.body.jobId}`)).body.result.summary).toMatchObject({ schools: 2, notices: 1 });
      const reminded = await app.db.query(`SELECT school_id, reason FROM survey_reminders WHERE campaign_id = $1 ORDER BY school_id`, [id]);
      expect(reminded.map((r: { school_id: number }) => r.school_id)).not.toContain(schools.gaepo);
      expect(reminded.find((r: { school_id: number }) => r.school_id === schools.dogok).reason).toBe('low_rate');
      expect(reminded.find((r: { school_id: number }) => r.school_id === schools.dosung).reason).toBe('no_codes');
      const dogokNotices = (await dogokPrincipal.get('/api/v1/notices')).body.items.filter((n: { kind: string }) => n.kind === 'survey_reminder');
      expect(dogokNotices).toHaveLength(1);

      // The daily schedule on the same day reminds nobody twice.
      const daily = await admin.post(`/api/v1/surveys/campaigns/${id}/remind`);
      await app.waitForQueues();
      expect((await admin.get(`/api/v1/jobs/${daily.body.jobId}`)).body.result.summary).toMatchObject({ schools: 0, notices: 0 });
      expect((await gangnam.get(`/api/v1/surveys/campaigns/${id}/progress`)).body.schools.find((s: { schoolId: number }) => s.schoolId === schools.dogok).lastRemindedAt).not.toBeNull();

      // Only those running the campaign may remind.
      expect((await gaepoPrincipal.post(`/api/v1/surveys/campaigns/${id}/remind`)).status).toBe(403);
      expect((await gaepoTeacher.post(`/api/v1/surveys/campaigns/${id}/remind`)).status).toBe(403);
    });
  });

  describe("a school-level survey answered by the principal", () => {
    let id: number;
    const url = (school: number) => `/api/v1/surveys/campaigns/${id}/schools/${school}/response`;

    beforeAll(async () => {
      const created = await admin.post('/api/v1/surveys/campaigns', { templateId, title: '2026 AI 교육 실태조사', audience: 'school', ...window(-1, 24), target: { schoolIds: [schools.gaepo, schools.dogok] } });
      expect(created.status).toBe(201);
      id = created.body.id;
    });

    it('refuses codes for a school-level survey', async () => {
      const bad = await admin.post('/api/v1/surveys/campaigns', { templateId, title: 'x', audience: 'school', ...window(-1, 24), codesPerSchool: 10, target: { schoolIds: [schools.gaepo] } });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'codesPerSchool' })]);
      expect((await gaepoPrincipal.post(`/api/v1/surveys/campaigns/${id}/schools/${schools.gaepo}/codes`, { count: 3 })).body.code).toBe('NO_CODES_FOR_SCHOOL_SURVEY');
    });

    it('saves a draft, submits exactly once, and shows it as submitted', async () => {
      const draft = await gaepoPrincipal.put(`${url(schools.gaepo)}/draft`, { answers: { hours: 12 } });
      expect(draft.status).toBe(200);
      expect((await gaepoPrincipal.get(url(schools.gaepo))).body).toMatchObject({ draft: { hours: 12 }, submitted: null, status: 'open' });

      const invalid = await gaepoPrincipal.post(url(schools.gaepo), { answers: { hours: 99 }, idempotencyKey: 'school-submit-0' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['answers.club', 'answers.hours']);
      expect(await countRows(app.db, 'survey_responses', `campaign_id = ${id}`)).toBe(0);

      const [a, b] = await Promise.all([
        gaepoPrincipal.post(url(schools.gaepo), { answers: { hours: 12, club: 'yes' }, idempotencyKey: 'school-submit-1' }),
        gaepoPrincipal.post(url(schools.gaepo), { answers: { hours: 13, club: 'no' }, idempotencyKey: 'school-submit-2' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect([a, b].find((r) => r.status === 409)!.body.code).toBe('ALREADY_SUBMITTED');
      const winner = [a, b].find((r) => r.status === 200)!;
      const repeat = await gaepoPrincipal.post(url(schools.gaepo), { answers: {}, idempotencyKey: winner === a ? 'school-submit-1' : 'school-submit-2' });
      expect(repeat.body).toEqual({ ...winner.body, repeated: true });
      expect(await countRows(app.db, 'survey_responses', `campaign_id = ${id}`)).toBe(1);

      const view = await gaepoPrincipal.get(url(schools.gaepo));
      expect(view.body).toMatchObject({ submitted: { submittedAt: expect.any(String), submittedBy: expect.any(String) }, draft: {} });
      expect(view.body.answers).toEqual(winner === a ? { hours: 12, club: 'yes' } : { hours: 13, club: 'no' });
      expect((await gaepoPrincipal.put(`${url(schools.gaepo)}/draft`, { answers: { hours: 1 } })).body.code).toBe('ALREADY_SUBMITTED');

      // A school's own answer is shown per school (n = 1): it describes the school, not a person.
      await admin.post(`/api/v1/surveys/campaigns/${id}/aggregate`);
      await app.waitForQueues();
      const perSchool = await admin.get(`/api/v1/surveys/campaigns/${id}/report?level=school`);
      expect(perSchool.body.groups).toEqual([expect.objectContaining({ key: String(schools.gaepo), n: 1, suppressed: false })]);

      const progress = (await admin.get(`/api/v1/surveys/campaigns/${id}/progress`)).body;
      expect(progress.schools.map((s: { schoolId: number; submitted: boolean; behind: boolean }) => [s.schoolId, s.submitted, s.behind])).toEqual(
        expect.arrayContaining([[schools.gaepo, true, false], [schools.dogok, false, true]]),
      );
    });

    it("lets only the school's own principal answer; administrators in scope read", async () => {
      expect((await dogokPrincipal.post(url(schools.gaepo), { answers: { hours: 1, club: 'no' }, idempotencyKey: 'intruder-1' })).status).toBe(403);
      expect((await dogokPrincipal.get(url(schools.gaepo))).status).toBe(403);
      expect((await gaepoTeacher.get(url(schools.gaepo))).status).toBe(403);
      expect((await gaepoTeacher.post(url(schools.gaepo), { answers: { hours: 1, club: 'no' }, idempotencyKey: 'teacher-01' })).status).toBe(403);
      expect((await gangnam.put(`${url(schools.dogok)}/draft`, { answers: { hours: 1 } })).status).toBe(403);
      expect((await gangnam.get(url(schools.gaepo))).status).toBe(200);
      expect((await seobu.get(url(schools.gaepo))).status).toBe(403);
      // A school the campaign does not survey.
      expect((await dogokPrincipal.get(`/api/v1/surveys/campaigns/${id}/schools/${schools.dosung}/response`)).status).toBe(403);
      const dosungPrincipal = await app.as({ email: 'p@dosung.es.kr', role: 'principal', schoolId: schools.dosung });
      expect((await dosungPrincipal.get(`/api/v1/surveys/campaigns/${id}/schools/${schools.dosung}/response`)).status).toBe(403);
      expect(await countRows(app.db, 'survey_school_drafts', `campaign_id = ${id} AND school_id <> ${schools.gaepo}`)).toBe(0);
    });

    it('lists the campaigns that survey a principal\'s school, with responses counted only within it', async () => {
      const list = await dogokPrincipal.get('/api/v1/surveys/campaigns?status=open');
      const mine = list.body.items.find((c: { id: number }) => c.id === id);
      expect(mine).toMatchObject({ audience: 'school', schools: 1, responses: 0, status: 'open' });
      expect((await dogokPrincipal.get('/api/v1/surveys/campaigns?status=closed')).body.items.every((c: { status: string }) => c.status === 'closed')).toBe(true);
      expect((await admin.get('/api/v1/surveys/campaigns?status=bogus')).status).toBe(400);
    });
  });
  describe("a principal's own demand survey (수요조사)", () => {
    it('runs for their school only; the results are theirs and their office\'s', async () => {
      const demand = {
        title: '방과후 AI 수업 수요조사',
        sections: [{ id: 'want', title: '희망', questions: [
          { id: 'want', text: '방과후 AI 수업을 희망합니까?', required: true, type: 'single', options: [{ value: 'yes', label: '희망' }, { value: 'no', label: '희망하지 않음' }] },
          { id: 'topic', text: '희망 주제', required: false, type: 'multiple', options: [{ value: 'coding', label: '코딩' }, { value: 'robot', label: '로봇' }], showIf: { questionId: 'want', operator: 'equals', value: 'yes' } },
        ] }],
      };
      const template = await gaepoPrincipal.post('/api/v1/surveys/templates', { kind: 'demand', definition: demand });
      expect(template.status).toBe(201);
      const base = { templateId: template.body.id, title: '2027 방과후 수요조사', audience: 'parents', grades: [3, 4], ...window(-1, 24) };
      // Whatever the target says, a principal reaches only their own school.
      const elsewhere = await gaepoPrincipal.post('/api/v1/surveys/campaigns', { ...base, target: { schoolIds: [schools.dogok] } });
      expect(elsewhere.body.code).toBe('NO_TARGET_SCHOOLS');
      const created = await gaepoPrincipal.post('/api/v1/surveys/campaigns', { ...base, target: { offices: ['gangnam-seocho'] } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ schools: 1, ownerSchoolId: schools.gaepo, kind: 'demand' });
      const id = created.body.id;
      // Another principal cannot use this school's template or see its campaign.
      expect((await dogokPrincipal.post('/api/v1/surveys/campaigns', { ...base, target: {} })).status).toBe(403);
      expect((await dogokPrincipal.get(`/api/v1/surveys/campaigns/${id}`)).status).toBe(403);

      const { body } = await gaepoPrincipal.post(`/api/v1/surveys/campaigns/${id}/schools/${schools.gaepo}/codes`, { count: 6 });
      const anon = new HttpClient(app.baseUrl);
      for (const [i, code] of (body.codes as string[]).entries()) {
        const answers = i < 4 ? { want: 'yes', topic: i % 2 ? ['coding'] : ['coding', 'robot'] } : { want: 'no' };
        expect((await anon.post(`/api/v1/surveys/respond/${code}/submit`, { answers, idempotencyKey: `demand-${i}-key` })).status).toBe(200);
      }
      const run = await gaepoPrincipal.post(`/api/v1/surveys/campaigns/${id}/aggregate`);
      expect(run.status).toBe(202);
      await app.waitForQueues();
      const report = await gaepoPrincipal.get(`/api/v1/surveys/campaigns/${id}/report?level=school`);
      expect(report.body.groups).toEqual([expect.objectContaining({ key: String(schools.gaepo), n: 6, suppressed: false })]);
      expect(report.body.groups[0].questions.want.counts).toEqual({ yes: 4, no: 2 });
      expect(report.body.groups[0].questions.topic.counts).toEqual({ coding: 4, robot: 2 });
      expect((await gangnam.get(`/api/v1/surveys/campaigns/${id}/report?level=school`)).status).toBe(200);
      expect((await seobu.get(`/api/v1/surveys/campaigns/${id}/report?level=school`)).status).toBe(403);
      expect((await dogokPrincipal.get(`/api/v1/surveys/campaigns/${id}/report?level=city`)).status).toBe(403);
      expect((await gaepoTeacher.post(`/api/v1/surveys/campaigns/${id}/aggregate`)).status).toBe(403);
    });
  });
});
