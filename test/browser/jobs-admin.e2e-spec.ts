/**
 * Browser check of 작업 현황 (issue 13), the city administrator's jobs page of the Korean web UI
 * (apps/web, as built by `npm run build`), with a real worker: every schedule run now from the page
 * (confirmed, then followed until it completes), a failed job shown with its error and retried from
 * the page once its cause is fixed, both audited; Redis shown as unavailable when it stops; a
 * district admin has no menu item and gets 403 from the API.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { JOB_SCHEDULES, JobName, JobQueue, QueueName } from '@app/core';
import { cspViolations, launchChromium, logIn, navigate, newBrowserContext, screenshot } from '../support/browser';
import { schoolId } from '../support/fixtures';
import { assessmentBody, resultsCsv } from '../support/literacy-fixtures';
import { OwnRedis } from '../support/own-redis';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN = 'jobs-admin@sen.go.kr';
const DISTRICT = 'jobs-gangnam@sen.go.kr';
const ADMIN_NAME = '교육청 작업 담당';

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('jobs page UI (browser)', () => {
  let app: TestApp;
  let redis: OwnRedis;
  let browser: Browser;
  let admin: Client;
  let district: Client;
  let assessmentId: number;
  /** A literacy report job asked for before the results were analysed: it failed on every attempt. */
  let failedJobId: string;
  const contexts: BrowserContext[] = [];

  /** A new browser signed in as `email`, with window.confirm accepted. */
  async function signedIn(email: string): Promise<Page> {
    const context = await newBrowserContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await logIn(page, app.baseUrl, email);
    return page;
  }

  const auditOf = (action: string) =>
    app.db.query(`SELECT actor_id AS "actorId", entity_type AS "entityType", entity_id AS "entityId", after FROM audit_log WHERE action = $1 ORDER BY id`, [action]);

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    // A Redis of its own, so the last test can stop it.
    redis = await OwnRedis.start();
    app = await startTestApp({ worker: true, env: { REDIS_URL: redis.url } });
    admin = await app.as({ email: ADMIN, role: 'city_admin', displayName: ADMIN_NAME });
    district = await app.as({ email: DISTRICT, role: 'district_admin', districtOffice: 'gangnam-seocho', displayName: '강남 담당' });

    const assessment = await admin.post('/api/v1/literacy/assessments', assessmentBody());
    expect(assessment.status).toBe(201);
    assessmentId = assessment.body.id;
    ({ jobId: failedJobId } = await app.api.get(JobQueue).enqueue(JobName.LiteracyReports, { requestedBy: admin.userId, assessmentId }));
    // Three attempts with backoffs of 5 s and 10 s: the waits are promoted so the job fails for good at once.
    const queue = app.api.get<Queue>(getQueueToken(QueueName.Literacy), { strict: false });
    for (const until = Date.now() + 30_000; ; ) {
      const state = await (await queue.getJob(failedJobId))?.getState();
      if (state === 'failed') break;
      if (state === 'delayed') await (await queue.getJob(failedJobId))?.promote().catch(() => undefined);
      if (Date.now() > until) throw new Error(`job ${failedJobId} still ${state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchChromium();
  }, 60_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await redis?.stop();
    expect(cspViolations).toEqual([]);
  }, 60_000);

  it('shows the queues and the schedules with their next run, and runs every schedule now, each followed until it completes and audited', async () => {
    const page = await signedIn(ADMIN);
    await navigate(page, '작업 현황');
    await page.waitForURL((url) => url.pathname === '/admin/jobs');
    await page.getByRole('heading', { level: 1, name: '작업 현황' }).waitFor();
    await page.getByTestId('queue-counts').waitFor();
    expect(await page.getByTestId('queue-literacy-failed').textContent()).toBe('1');

    const termEnd = page.getByTestId('schedule-designation-term-end-daily');
    expect(await termEnd.textContent()).toContain('매일 00:05');
    expect(await page.getByTestId('next-run-designation-term-end-daily').textContent()).toMatch(/\(.\) 오전 12:05$/);
    expect(await page.getByTestId('schedule-survey-lifecycle').textContent()).toContain('5분마다');
    expect(await page.getByTestId('schedule-consent-remind-daily').textContent()).toContain('두 번째 보호자 회신서');

    // The designation term end, then every other schedule, run now (window.confirm accepted).
    await page.getByTestId('run-now-designation-term-end-daily').click();
    const status = page.getByTestId('schedule-status-designation-term-end-daily');
    await status.and(page.locator('[data-state="done"]')).waitFor();
    expect(await status.textContent()).toMatch(/완료: 기준일 \d{4}-\d{2}-\d{2} · 종료된 지정 0건/);
    for (const s of JOB_SCHEDULES.filter((x) => x.schedulerId !== 'designation-term-end-daily')) {
      await page.getByTestId(`run-now-${s.schedulerId}`).click();
      await page.getByTestId(`schedule-status-${s.schedulerId}`).and(page.locator('[data-state="done"]')).waitFor();
    }
    expect(await page.getByTestId('schedule-status-consent-remind-daily').textContent()).toContain('두 번째 보호자 회신서 0건');
    await screenshot(page, 'jobs-run-now');

    const runs = await auditOf('job.run_now');
    expect(runs.map((r: { entityId: string }) => r.entityId)).toEqual(JOB_SCHEDULES.map((s) => s.schedulerId));
    for (const r of runs) {
      expect(r).toMatchObject({ actorId: admin.userId, entityType: 'schedule', after: { jobId: expect.any(String) } });
      const job = await admin.get(`/api/v1/jobs/${r.after.jobId}`);
      expect(job.body).toMatchObject({ state: 'completed', requestedBy: admin.userId });
    }
  }, 90_000);

  it('shows a failed job with its error and requester, and retries it from the page once its cause is fixed', async () => {
    const page = await signedIn(ADMIN);
    await page.goto(`${app.baseUrl}/admin/jobs`);
    const row = page.getByTestId(`failed-job-${failedJobId}`);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('리터러시 보고서 작성');
    expect(text).toContain(`literacy assessment ${assessmentId} has no analysis yet`);
    expect(text).toContain('3/3');
    expect(text).toContain(ADMIN_NAME);
    expect(await auditOf('job.retried')).toEqual([]);

    // Fix the cause: the results come in and are analysed.
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    const imported = await admin.upload(`/api/v1/literacy/assessments/${assessmentId}/results/import`, resultsCsv([{ schoolId: gaepo, classNo: 1, count: 12, prefix: 'S' }]), 'results.csv');
    expect(imported.status).toBeLessThan(300);
    await app.waitForQueues();

    await page.getByTestId(`retry-${failedJobId}`).click();
    const retried = page.getByTestId(`retry-status-${failedJobId}`);
    await retried.and(page.locator('[data-state="done"]')).waitFor();
    expect(await retried.textContent()).toContain('완료');
    await page.getByTestId('no-failed-jobs').waitFor();
    await screenshot(page, 'jobs-retried');

    expect(await auditOf('job.retried')).toEqual([
      { actorId: admin.userId, entityType: 'job', entityId: failedJobId, after: expect.objectContaining({ queue: 'literacy', name: 'literacy-reports', attemptsMade: 3 }) },
    ]);
    const job = await admin.get(`/api/v1/jobs/${failedJobId}`);
    expect(job.body).toMatchObject({ state: 'completed', failedReason: null });
  }, 90_000);

  it('gives a district admin no 작업 현황: no menu item, the page refused, and 403 from the API', async () => {
    const page = await signedIn(DISTRICT);
    const menu = page.getByRole('navigation', { name: '주 메뉴' });
    await menu.getByRole('link', { name: '대시보드', exact: true }).waitFor();
    expect(await menu.getByRole('link', { name: '작업 현황', exact: true }).count()).toBe(0);
    await page.goto(`${app.baseUrl}/admin/jobs`);
    await page.getByText('작업 현황은 교육청 관리자만 볼 수 있습니다.').waitFor();

    const overview = await district.get('/api/v1/admin/jobs');
    expect(overview.status).toBe(403);
    const run = await district.post('/api/v1/admin/jobs/schedules/designation-term-end-daily/run');
    expect(run.status).toBe(403);
    expect(await auditOf('job.run_now')).toHaveLength(JOB_SCHEDULES.length);
  }, 60_000);

  it('says Redis is unavailable when it stops, with the jobs waiting in the outbox, and a run now waits there', async () => {
    const page = await signedIn(ADMIN);
    await page.goto(`${app.baseUrl}/admin/jobs`);
    await page.getByTestId('queue-counts').waitFor();
    await redis.stop();
    await page.getByTestId('run-now-designation-term-end-daily').click();
    await page.getByTestId('jobs-refresh').click();
    const alert = page.getByTestId('redis-unavailable');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('대기열 전달 대기 1건');
    expect(await page.getByTestId('queue-designations-waiting').textContent()).toBe('알 수 없음');
    expect(await page.getByTestId('outbox-pending').textContent()).toBe('1');
    expect(await page.getByTestId('next-run-designation-term-end-daily').textContent()).toContain('알 수 없음');
    await screenshot(page, 'jobs-redis-down');

    // Redis back: the waiting run is handed over and completes.
    await redis.start();
    const status = page.getByTestId('schedule-status-designation-term-end-daily');
    await status.and(page.locator('[data-state="done"]')).waitFor({ timeout: 90_000 });
    await page.getByTestId('jobs-refresh').click();
    await page.getByTestId('redis-unavailable').waitFor({ state: 'detached' });
    expect(await auditOf('job.run_now')).toHaveLength(JOB_SCHEDULES.length + 1);
  }, 150_000);
});
