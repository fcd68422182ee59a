import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startTestApp, TestApp } from './support/test-app';
import { waitForJob } from './support/wait-for-job';

type Client = Awaited<ReturnType<TestApp['as']>>;

async function workbook(client: Client, url: string): Promise<ExcelJS.Workbook> {
  const res = await client.get(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body);
  return wb;
}

describe('classroom inventory export (BullMQ job)', () => {
  let app: TestApp;
  let admin: Client;
  let gangnam: Client;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
  });
  afterAll(() => app.close());

  it('gives the same job for a repeated request while one is pending, then builds one sheet per office', async () => {
    const first = await admin.post('/api/v1/exports/classrooms');
    expect(first.status).toBe(202);
    const second = await admin.post('/api/v1/exports/classrooms');
    expect(second.body).toMatchObject({ jobId: first.body.jobId, deduplicated: true });
    expect((await admin.get(`/api/v1/jobs/${first.body.jobId}`)).body).toMatchObject({ state: 'waiting', downloadUrl: null });

    await app.startWorker();
    const job = await waitForJob(admin, first.body.jobId);
    expect(job).toMatchObject({ state: 'completed', progress: 100, downloadUrl: expect.stringMatching(/^\/api\/v1\/files\//) });

    const wb = await workbook(admin, job.downloadUrl);
    expect(wb.worksheets.map((w) => w.name)).toHaveLength(11);
    expect(wb.worksheets[0].name).toBe('동부교육지원청');
    expect(wb.worksheets[0].getRow(1).values).toEqual(expect.arrayContaining(['학교명', '학교급', '자치구', '구축 연도', '확인 필요']));
    const rows = wb.worksheets.reduce((n, w) => n + w.rowCount - 1, 0);
    expect(rows).toBe(284);

    // Once finished, a new request is a new job.
    const third = await admin.post('/api/v1/exports/classrooms');
    expect(third.body.jobId).not.toBe(first.body.jobId);
    await waitForJob(admin, third.body.jobId);
  });

  it("limits a district admin's export to their office, and hides each person's jobs and files from the others", async () => {
    const { body } = await gangnam.post('/api/v1/exports/classrooms');
    const job = await waitForJob(gangnam, body.jobId);
    const wb = await workbook(gangnam, job.downloadUrl);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['강남서초교육지원청']);
    expect(wb.worksheets[0].rowCount - 1).toBe(25);

    const seobu = await app.as({ email: 'seobu@sen.go.kr', role: 'district_admin', districtOffice: 'seobu' });
    expect((await seobu.get(`/api/v1/jobs/${body.jobId}`)).status).toBe(403);
    expect((await seobu.get(job.downloadUrl)).status).toBe(403);
    expect((await admin.get(`/api/v1/jobs/${body.jobId}`)).status).toBe(200);
    expect((await gangnam.get('/api/v1/jobs/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});

describe('api and worker as separate processes', () => {
  let app: TestApp;
  let worker: ChildProcess | undefined;
  const workerMain = join(__dirname, '../dist/apps/worker/src/main.js');

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    worker?.kill('SIGTERM');
    await app.close();
  });

  it('a worker started from the build picks up a job the api enqueued', async () => {
    // The build is part of `npm test` (scripts/test.sh); without it this test cannot mean anything.
    expect(existsSync(workerMain)).toBe(true);
    const admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    const { body } = await admin.post('/api/v1/exports/classrooms');
    let output = '';
    worker = spawn(process.execPath, [workerMain], {
      env: { ...process.env, DATABASE_URL: app.config.databaseUrl, REDIS_URL: app.config.redisUrl, QUEUE_PREFIX: app.config.queuePrefix, LOG_LEVEL: 'info', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (d) => (output += d));
    worker.stderr!.on('data', (d) => (output += d));
    const job = await waitForJob(admin, body.jobId, 45_000).catch((e) => {
      throw new Error(`${e.message}; worker output:\n${output}`);
    });
    expect(job.state).toBe('completed');
    expect(output).toContain('worker started');
    const file = await admin.get(job.downloadUrl);
    expect(file.status).toBe(200);
  });
});
