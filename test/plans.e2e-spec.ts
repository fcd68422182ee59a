import { countRows, schoolId } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { completionCsv } from './support/training-fixtures';
import { waitForJob } from './support/wait-for-job';
import { seedDemoPlans } from '../apps/cli/src/demo-plans';
import { assessmentBody, resultsCsv } from './support/literacy-fixtures';
import { IndicatorSnapshots } from '../libs/plans/src/snapshots/indicator-snapshots.service';

type Client = Awaited<ReturnType<TestApp['as']>>;

const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8].map((item) => ({ item, content: `제${item}항 내용` }));
const plan = (periodStart: number, over: Record<string, unknown> = {}) => ({
  title: `인공지능 교육 기본계획(${periodStart}~${periodStart + 4})`,
  periodStart,
  periodEnd: periodStart + 4,
  vision: '모두를 위한 AI 교육',
  goals: ['AI 교실 보급 확대', '교원 역량 강화'],
  items: ITEMS,
  fourthIndustrialPlanRef: '서울특별시교육청 4차 산업혁명 대비 교육 기본계획',
  ...over,
});
const fields = (body: { details?: { field?: string }[] }) => (body.details ?? []).map((d) => d.field);

describe('basic plan, yearly plans and indicators (조례 제4조)', () => {
  let app: TestApp;
  let admin: Client;
  let gangnam: Client;
  let nambu: Client;
  let principal: Client;
  let teacher: Client;
  let planId: number;
  let cityTaskId: number;
  let nambuTaskId: number;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    nambu = await app.as({ email: 'nambu@sen.go.kr', role: 'district_admin', districtOffice: 'nambu' });
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    await app.db.query(`UPDATE schools SET neis_code = '7010057' WHERE id = $1`, [gaepo]);
    principal = await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: gaepo });
    teacher = await app.as({ email: 't@gaepo.es.kr', role: 'teacher', schoolId: gaepo });

    // Training in school year 2026, so the training indicator has something to count.
    const course = await admin.post('/api/v1/training/courses', {
      code: 'AI-B-2026', title: 'AI 교육 기본 이해 2026', titleEn: 'Understanding AI Education', level: 'basic', schoolYear: 2026,
      deliveryMode: 'remote', audience: ['teacher', 'staff'], creditHours: 15,
    });
    expect(course.status).toBe(201);
    const imported = await admin.upload('/api/v1/training/completions/import', completionCsv([
      ['T-1001', '김교사', 'kim@gaepo.es.kr', '교원', '7010057', 'AI-B-2026', '', '2026-04-30', '15'],
      ['T-1002', '이교사', 'lee@gaepo.es.kr', '교원', '7010057', 'AI-B-2026', '', '2026-05-02', '12'],
    ]), 'completions.csv');
    expect(imported.status).toBe(201);
  });
  afterAll(() => app.close());

  describe('the basic plan', () => {
    it('refuses bad input naming the field, writing nothing', async () => {
      const before = await countRows(app.db, 'basic_plans');
      const four = await admin.post('/api/v1/plans', plan(2026, { periodEnd: 2029 }));
      expect(four.status).toBe(400);
      expect(fields(four.body)).toContain('periodEnd');
      const badItem = await admin.post('/api/v1/plans', plan(2026, { items: [{ item: 9, content: 'x' }] }));
      expect(badItem.status).toBe(400);
      expect(fields(badItem.body)).toContain('items.0.item');
      expect(await countRows(app.db, 'basic_plans')).toBe(before);
    });

    it('is drafted by the city admin only', async () => {
      expect((await principal.post('/api/v1/plans', plan(2026))).status).toBe(403);
      expect((await gangnam.post('/api/v1/plans', plan(2026))).status).toBe(403);
      const created = await admin.post('/api/v1/plans', plan(2026, { items: ITEMS.filter((i) => i.item !== 3) }));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'draft', version: 1, periodStart: 2026, periodEnd: 2030, revisesId: null });
      expect(created.body.items).toHaveLength(8);
      expect(created.body.items[2]).toMatchObject({ item: 3, name: '학교급별 인공지능 교육과정 연계 방안', content: '' });
      planId = created.body.id;
      // Drafts are not published to schools.
      expect((await principal.get('/api/v1/plans')).body.items.map((p: { id: number }) => p.id)).not.toContain(planId);
      expect((await teacher.get(`/api/v1/plans/${planId}`)).status).toBe(404);
      expect((await teacher.patch(`/api/v1/plans/${planId}`, { title: 'x' })).status).toBe(403);
    });

    it('cannot be adopted while an item of 1–7 is empty', async () => {
      const res = await admin.post(`/api/v1/plans/${planId}/adopt`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('PLAN_INCOMPLETE');
      expect(fields(res.body)).toEqual(['items.3']);
      const patched = await admin.patch(`/api/v1/plans/${planId}`, { items: [{ item: 3, content: '초·중·고 교육과정 연계' }] });
      expect(patched.status).toBe(200);
      expect(patched.body.items[2].content).toBe('초·중·고 교육과정 연계');
    });

    it('is adopted, then frozen; an overlapping plan is not adopted', async () => {
      const adopted = await admin.post(`/api/v1/plans/${planId}/adopt`);
      expect(adopted.status).toBe(200);
      expect(adopted.body).toMatchObject({ status: 'adopted', adoptedBy: admin.userId });
      const frozen = await admin.patch(`/api/v1/plans/${planId}`, { title: '바뀐 제목' });
      expect(frozen.status).toBe(409);
      expect(frozen.body.code).toBe('PLAN_FROZEN');

      const other = await admin.post('/api/v1/plans', plan(2028));
      expect(other.status).toBe(201);
      const overlap = await admin.post(`/api/v1/plans/${other.body.id}/adopt`);
      expect(overlap.status).toBe(409);
      expect(overlap.body.code).toBe('PLAN_PERIOD_OVERLAP');
      expect(fields(overlap.body)).toContain('periodStart');
      expect((await admin.get(`/api/v1/plans/${other.body.id}`)).body.status).toBe('draft');

      // Principals and teachers see the adopted plan.
      expect((await principal.get('/api/v1/plans')).body.items.map((p: { id: number }) => p.id)).toEqual([planId]);
      expect((await teacher.get(`/api/v1/plans/${planId}`)).status).toBe(200);
    });
  });

  describe('the yearly plan and its tasks', () => {
    it('is made only inside the basic plan’s period', async () => {
      const outside = await admin.put(`/api/v1/plans/${planId}/years/2031`, {});
      expect(outside.status).toBe(400);
      expect(fields(outside.body)).toEqual(['year']);
      expect(await countRows(app.db, 'yearly_plans')).toBe(0);
      expect((await gangnam.put(`/api/v1/plans/${planId}/years/2026`, {})).status).toBe(403);
      const created = await admin.put(`/api/v1/plans/${planId}/years/2026`, { title: '2026학년도 시행계획' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ planId, schoolYear: 2026, title: '2026학년도 시행계획', tasks: [] });
      expect(created.body.items).toHaveLength(8);
    });

    it('refuses bad tasks naming the field, writing nothing', async () => {
      const url = `/api/v1/plans/${planId}/years/2026/tasks`;
      const task = { item: 7, title: 'AI 교실 확대', department: '디지털교육과', budgetKrw: 1_000_000_000, schedule: '2026-03 ~ 2027-02' };
      const noItem = await admin.post(url, { ...task, item: undefined });
      expect(noItem.status).toBe(400);
      expect(fields(noItem.body)).toContain('item');
      const noOwner = await admin.post(url, { ...task, department: undefined });
      expect(noOwner.status).toBe(400);
      expect(fields(noOwner.body)).toEqual(['department']);
      const unit = await admin.post(url, { ...task, indicators: [{ indicatorId: 'classroom.coverage', unit: 'count', baseline: 0.2, target: 0.3 }] });
      expect(unit.status).toBe(400);
      expect(fields(unit.body)).toEqual(['indicators.0.unit']);
      const percent = await admin.post(url, { ...task, indicators: [{ indicatorId: 'classroom.coverage', unit: 'ratio', baseline: 0.2, target: 30 }] });
      expect(fields(percent.body)).toEqual(['indicators.0.target']);
      const unknown = await admin.post(url, { ...task, indicators: [{ indicatorId: 'classroom.nothing', unit: 'ratio', baseline: 0, target: 1 }] });
      expect(unknown.status).toBe(400);
      expect(fields(unknown.body)).toEqual(['indicators.0.indicatorId']);
      const typed = await admin.post(url, { ...task, indicators: [{ indicatorId: 'classroom.coverage', unit: 'ratio', baseline: 0.2, target: 0.3, actual: 0.9 }] });
      expect(fields(typed.body)).toEqual(['indicators.0.actual']);
      expect(await countRows(app.db, 'plan_tasks')).toBe(0);
      expect(await countRows(app.db, 'plan_task_indicators')).toBe(0);
    });

    it('keeps tasks with owners, budgets and indicators; district admins add and edit their own office’s only', async () => {
      const url = `/api/v1/plans/${planId}/years/2026/tasks`;
      const city = await admin.post(url, {
        item: 7, title: 'AI 교실 확대', department: '디지털교육과', budgetKrw: 1_000_000_000, spentKrw: 400_000_000, schedule: '2026-03 ~ 2027-02',
        indicators: [
          { indicatorId: 'classroom.coverage', unit: 'ratio', baseline: 0.2, target: 0.25 },
          { indicatorId: 'training.participants', unit: 'count', baseline: 0, target: 2 },
        ],
      });
      expect(city.status).toBe(201);
      cityTaskId = city.body.id;
      expect(city.body).toMatchObject({ item: 7, department: '디지털교육과', districtOffice: null, budgetKrw: 1_000_000_000, spentKrw: 400_000_000 });
      expect(city.body.indicators[0]).toMatchObject({ indicatorId: 'classroom.coverage', manual: false, actualSource: 'live', status: expect.stringMatching(/on_track|at_risk|behind/) });

      expect((await gangnam.post(url, { item: 5, title: '남부 연수', districtOffice: 'nambu', budgetKrw: 1, schedule: '상시' })).status).toBe(403);
      const nambuTask = await nambu.post(url, {
        item: 4, title: '교재 개발', districtOffice: 'nambu', budgetKrw: 50_000_000, schedule: '2026-04 ~ 2026-12',
        indicators: [{ indicatorId: 'materials.developed', unit: 'count', baseline: 0, target: 4, actual: 3 }],
      });
      expect(nambuTask.status).toBe(201);
      nambuTaskId = nambuTask.body.id;
      expect(nambuTask.body.indicators[0]).toMatchObject({ manual: true, actual: 3, actualSource: 'manual', actualEnteredBy: nambu.userId, actualEnteredAt: expect.any(String) });

      const taskUrl = (id: number) => `/api/v1/plans/${planId}/years/2026/tasks/${id}`;
      const foreign = await gangnam.patch(taskUrl(nambuTaskId), { spentKrw: 1 });
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('TASK_OUT_OF_SCOPE');
      expect((await gangnam.patch(taskUrl(cityTaskId), { spentKrw: 1 })).status).toBe(403);
      expect((await teacher.patch(taskUrl(nambuTaskId), { spentKrw: 1 })).status).toBe(403);
      expect((await principal.patch(taskUrl(nambuTaskId), { spentKrw: 1 })).status).toBe(403);
      // Nambu may not hand its task to another office.
      expect((await nambu.patch(taskUrl(nambuTaskId), { districtOffice: 'bukbu' })).status).toBe(403);
      const spent = await nambu.patch(taskUrl(nambuTaskId), { spentKrw: 20_000_000 });
      expect(spent.status).toBe(200);
      expect(spent.body).toMatchObject({ spentKrw: 20_000_000, indicators: [expect.objectContaining({ actual: 3, actualEnteredBy: nambu.userId })] });

      // Everyone with access sees all tasks: district admins all of them, schools the adopted plan's.
      for (const c of [gangnam, principal, teacher]) {
        const y = await c.get(`/api/v1/plans/${planId}/years/2026`);
        expect(y.status).toBe(200);
        expect(y.body.tasks.map((t: { id: number }) => t.id)).toEqual([nambuTaskId, cityTaskId]);
      }
      const y = await admin.get(`/api/v1/plans/${planId}/years/2026`);
      expect(y.body).toMatchObject({ budgetKrw: 1_050_000_000, spentKrw: 420_000_000 });
      expect(y.body.items[6]).toMatchObject({ item: 7, budgetKrw: 1_000_000_000, tasks: [expect.objectContaining({ id: cityTaskId })] });
    });
  });

  describe('indicators', () => {
    it('equal what the other modules report', async () => {
      const res = await admin.get('/api/v1/indicators?year=2026');
      expect(res.status).toBe(200);
      const byId = Object.fromEntries(res.body.items.map((i: { id: string }) => [i.id, i]));
      for (const i of res.body.items) {
        expect(i).toMatchObject({ definition: expect.stringMatching(/[가-힣]/), source: expect.any(String), unit: expect.any(String) });
        if (!i.manual) expect(i.error).toBeNull();
      }

      const stats = (await admin.get('/api/v1/classrooms/stats')).body;
      expect(byId['classroom.coverage'].value).toBe(stats.coverage.ofRegistry ?? stats.coverage.ofOfficial);
      expect(byId['classroom.coverage'].value).not.toBeNull();
      expect(byId['classroom.coverage'].details.classrooms).toBe(stats.coverage.classrooms);

      const training = (await admin.get('/api/v1/training/stats?schoolYear=2026')).body;
      expect(byId['training.participants'].value).toBe(2);
      expect(byId['training.participants'].value).toBe(training.byOffice.reduce((s: number, o: { participants: number }) => s + o.participants, 0));
      expect(byId['training.participants'].details.byLevel).toEqual(training.byLevel);
      expect(byId['training.hours'].value).toBe(training.byLevel.reduce((s: number, l: { hours: number }) => s + l.hours, 0));
      expect(byId['materials.developed']).toMatchObject({ manual: true, value: null });

      // One office: the same figures a district admin of that office sees.
      const office = await admin.get('/api/v1/indicators?year=2026&districtOffice=gangnam-seocho');
      const officeStats = (await gangnam.get('/api/v1/classrooms/stats')).body;
      const coverage = office.body.items.find((i: { id: string }) => i.id === 'classroom.coverage');
      expect(coverage.details.classrooms).toBe(officeStats.coverage.classrooms);
      expect(coverage.value).toBe(officeStats.coverage.ofRegistry ?? officeStats.coverage.ofOfficial);
      const officeTraining = (await gangnam.get('/api/v1/training/stats?schoolYear=2026')).body;
      expect(office.body.items.find((i: { id: string }) => i.id === 'training.participants').details.byLevel).toEqual(officeTraining.byLevel);

      // The task shows the same live figure as its actual.
      const y = await admin.get(`/api/v1/plans/${planId}/years/2026`);
      const task = y.body.tasks.find((t: { id: number }) => t.id === cityTaskId);
      expect(task.indicators.find((i: { indicatorId: string }) => i.indicatorId === 'classroom.coverage').actual).toBe(byId['classroom.coverage'].value);
      expect(task.indicators.find((i: { indicatorId: string }) => i.indicatorId === 'training.participants')).toMatchObject({ actual: 2, status: 'on_track' });
    });

    it('literacy: the mean and level shares of the year’s analysed assessments, as the literacy report gives them', async () => {
      const a = await admin.post('/api/v1/literacy/assessments', assessmentBody({ schoolYear: 2026, grade: 5 }));
      expect(a.status).toBe(201);
      const gaepo = await schoolId(app.db, '서울개포초등학교');
      const dogok = await schoolId(app.db, '서울도곡초등학교');
      const imported = await admin.upload(`/api/v1/literacy/assessments/${a.body.id}/results/import`, resultsCsv([
        { schoolId: gaepo, classNo: 1, count: 12, prefix: 'PL-GP-' },
        { schoolId: dogok, classNo: 1, count: 9, prefix: 'PL-DG-' },
      ]), 'results.csv');
      expect(imported.status).toBe(201);
      expect((await waitForJob(admin, imported.body.analysisJobId, 60_000)).state).toBe('completed');
      const report = (await admin.get(`/api/v1/literacy/assessments/${a.body.id}/report`)).body;
      const literacy = (await admin.get('/api/v1/indicators?year=2026')).body.items.find((i: { id: string }) => i.id === 'literacy.mean');
      expect(literacy.value).toBe(report.city.mean);
      expect(literacy.details.perGrade).toEqual([expect.objectContaining({ assessmentId: a.body.id, n: 21, mean: report.city.mean })]);
      const shares = literacy.details.perGrade[0].levelShares as Record<string, number>;
      for (const [level, count] of Object.entries(report.city.levels as Record<string, number>)) expect(shares[level]).toBeCloseTo(count / 21, 3);
    });

    it('gives a principal their school’s figures', async () => {
      const res = await principal.get('/api/v1/indicators?year=2026');
      expect(res.status).toBe(200);
      const gaepo = await schoolId(app.db, '서울개포초등학교');
      expect(res.body).toMatchObject({ schoolId: gaepo, districtOffice: null });
      const byId = Object.fromEntries(res.body.items.map((i: { id: string }) => [i.id, i]));
      // Both 2026 completions are 개포초's teachers.
      expect(byId['training.participants'].value).toBe(2);
      const classroom = await principal.get(`/api/v1/schools/${gaepo}/classroom`);
      expect(byId['classroom.coverage'].value).toBe(classroom.status === 200 ? 1 : 0);
      expect(byId['literacy.mean'].value).toBeNull();
    });

    it('refuses a bad year or office, and is for administrators', async () => {
      expect(fields((await admin.get('/api/v1/indicators')).body)).toContain('year');
      expect(fields((await admin.get('/api/v1/indicators?year=2026&districtOffice=nowhere')).body)).toContain('districtOffice');
      expect((await teacher.get('/api/v1/indicators?year=2026')).status).toBe(403);
    });
  });

  describe('snapshots and the annual report', () => {
    it('takes the quarterly snapshot as a scheduled job that can run now', async () => {
      const run = await admin.post('/api/v1/admin/jobs/schedules/plan-indicator-snapshot-quarterly/run');
      expect(run.status).toBe(202);
      const job = await waitForJob(admin, run.body.jobId, 60_000);
      expect(job).toMatchObject({ state: 'completed', name: 'plan-indicator-snapshot' });
      expect(job.result.summary).toMatchObject({ schoolYear: 2026, failed: [] });
      const [row] = await app.db.query(`SELECT value::float AS value FROM indicator_snapshots WHERE school_year = 2026 AND scope = 'city' AND indicator_id = 'training.participants'`);
      expect(row.value).toBe(2);
      const [manual] = await app.db.query(`SELECT value::float AS value FROM indicator_snapshots WHERE school_year = 2026 AND scope = $1`, [`task:${nambuTaskId}`]);
      expect(manual.value).toBe(3);
      const trend = await gangnam.get('/api/v1/indicators/snapshots?year=2026');
      expect(trend.status).toBe(200);
      expect(trend.body.items.find((i: { id: string }) => i.id === 'training.participants').quarters).toEqual([expect.objectContaining({ quarter: job.result.summary.quarter, value: 2 })]);
    });

    it('builds the annual report as XLSX and an A4 page', async () => {
      expect((await teacher.post(`/api/v1/plans/${planId}/years/2026/report`)).status).toBe(403);
      const res = await admin.post(`/api/v1/plans/${planId}/years/2026/report`);
      expect(res.status).toBe(202);
      expect(res.body.jobId).toEqual(expect.any(String));
      const job = await waitForJob(admin, res.body.jobId, 60_000);
      expect(job.state).toBe('completed');
      const xlsx = await admin.get(job.downloadUrl);
      expect(xlsx.status).toBe(200);
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
      const page = await admin.get(job.result.summary.htmlUrl);
      expect(page.status).toBe(200);
      const html = (page.body as Buffer).toString('utf8');
      expect(html).toContain('size: A4');
      expect(html).toContain('AI 교실 확대');
      expect(html).toContain('교재 개발');
    });

    it('reads a past year from its snapshot, not live, so its report never changes', async () => {
      const past = await admin.post('/api/v1/plans', plan(2021));
      expect((await admin.post(`/api/v1/plans/${past.body.id}/adopt`)).status).toBe(200);
      expect((await admin.put(`/api/v1/plans/${past.body.id}/years/2025`, {})).status).toBe(201);
      const task = await admin.post(`/api/v1/plans/${past.body.id}/years/2025/tasks`, {
        item: 7, title: '2025 AI 교실', department: '디지털교육과', budgetKrw: 1000, spentKrw: 500, schedule: '2025',
        indicators: [{ indicatorId: 'classroom.coverage', unit: 'ratio', baseline: 0.1, target: 0.2 }],
      });
      expect(task.status).toBe(201);
      // Nothing kept for 2025 yet: no figure.
      expect((await admin.get(`/api/v1/plans/${past.body.id}/years/2025`)).body.tasks[0].indicators[0]).toMatchObject({ actual: null, actualSource: 'snapshot', status: null });
      await app.worker!.get(IndicatorSnapshots, { strict: false }).take(2025, 4);
      const [kept] = await app.db.query(`SELECT value::float AS value FROM indicator_snapshots WHERE school_year = 2025 AND quarter = 4 AND scope = 'city' AND indicator_id = 'classroom.coverage'`);
      const y = await admin.get(`/api/v1/plans/${past.body.id}/years/2025`);
      expect(y.body.tasks[0].indicators[0]).toMatchObject({ actual: kept.value, actualSource: 'snapshot' });

      const page = async () => {
        const res = await admin.post(`/api/v1/plans/${past.body.id}/years/2025/report`);
        expect(res.status).toBe(202);
        const job = await waitForJob(admin, res.body.jobId, 60_000);
        expect(job.state).toBe('completed');
        return (await admin.get(job.result.summary.htmlUrl)).body.toString('utf8') as string;
      };
      const before = await page();
      expect(before).toContain('500원');
      // Later edits of the past year's task do not change its report.
      expect((await admin.patch(`/api/v1/plans/${past.body.id}/years/2025/tasks/${task.body.id}`, { spentKrw: 900 })).status).toBe(200);
      expect(await page()).toBe(before);
    });
  });

  describe('revision', () => {
    it('makes a new version with its reason; adopting it supersedes the old one and carries the yearly plans', async () => {
      const noReason = await admin.post(`/api/v1/plans/${planId}/revise`, { vision: '새 비전' });
      expect(noReason.status).toBe(400);
      expect(fields(noReason.body)).toContain('reason');
      expect((await principal.post(`/api/v1/plans/${planId}/revise`, { reason: 'x' })).status).toBe(403);
      const rev = await admin.post(`/api/v1/plans/${planId}/revise`, { reason: '생성형 AI 가이드 반영', vision: '새 비전' });
      expect(rev.status).toBe(201);
      expect(rev.body).toMatchObject({ status: 'draft', version: 2, revisesId: planId, lineageId: planId, revisionReason: '생성형 AI 가이드 반영', vision: '새 비전', periodStart: 2026 });
      expect((await admin.get(`/api/v1/plans/${planId}`)).body).toMatchObject({ status: 'adopted', vision: '모두를 위한 AI 교육' });
      const adopted = await admin.post(`/api/v1/plans/${rev.body.id}/adopt`);
      expect(adopted.status).toBe(200);
      expect((await admin.get(`/api/v1/plans/${planId}`)).body.status).toBe('superseded');
      const y = await admin.get(`/api/v1/plans/${rev.body.id}/years/2026`);
      expect(y.status).toBe(200);
      expect(y.body.tasks).toHaveLength(2);
      expect((await admin.post(`/api/v1/plans/${planId}/revise`, { reason: 'again' })).body.code).toBe('PLAN_NOT_ADOPTED');
    });
  });
});

describe('the demo plan (npm run seed:demo)', () => {
  let app: TestApp;
  let admin: Client;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    await seedDemoPlans(app.api);
    await seedDemoPlans(app.api); // idempotent
  });
  afterAll(() => app.close());

  it('is an adopted 2026–2030 plan whose 2026 yearly plan shows live indicators equal to the other modules’ figures', async () => {
    const list = (await admin.get('/api/v1/plans')).body.items;
    expect(list).toEqual([expect.objectContaining({ status: 'adopted', periodStart: 2026, periodEnd: 2030 })]);
    const y = await admin.get(`/api/v1/plans/${list[0].id}/years/2026`);
    expect(y.status).toBe(200);
    expect(new Set(y.body.tasks.map((t: { item: number }) => t.item))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    const indicators = y.body.tasks.flatMap((t: { indicators: unknown[] }) => t.indicators);
    const coverage = indicators.find((i: { indicatorId: string }) => i.indicatorId === 'classroom.coverage');
    const stats = (await admin.get('/api/v1/classrooms/stats')).body;
    expect(coverage).toMatchObject({ actualSource: 'live', actual: stats.coverage.ofRegistry ?? stats.coverage.ofOfficial });
    const training = (await admin.get('/api/v1/training/stats?schoolYear=2026')).body;
    const participants = indicators.find((i: { indicatorId: string }) => i.indicatorId === 'training.participants');
    expect(participants.actual).toBe(training.byOffice.reduce((s: number, o: { participants: number }) => s + o.participants, 0));
    expect(indicators.find((i: { indicatorId: string }) => i.indicatorId === 'materials.developed')).toMatchObject({ manual: true, actual: 2 });
  });
});
