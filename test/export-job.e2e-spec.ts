import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { neisCsv } from './support/fixtures';
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

/** A sheet's rows as objects keyed by the header row. */
function sheetRows(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
  });
  return rows;
}

describe('classroom inventory export (BullMQ job)', () => {
  let app: TestApp;
  let admin: Client;
  let gangnam: Client;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    // A NEIS code for a seeded school with a classroom, and a new school without one.
    const imported = await admin.upload(
      '/api/v1/schools/import',
      neisCsv([['7010057', '서울개포초등학교', '초등학교', '공립', '서울특별시 강남구 개포로 123'], ['7010999', '서울새빛초등학교', '초등학교', '공립', '서울특별시 마포구 월드컵로 1']]),
      'schoolInfo.csv',
    );
    expect(imported.body).toMatchObject({ inserted: 1, updated: 1 });
  });
  afterAll(() => app.close());

  it('gives the same job for a repeated request while one is pending, then builds one sheet per office and one of all schools', async () => {
    const first = await admin.post('/api/v1/exports/classrooms');
    expect(first.status).toBe(202);
    const second = await admin.post('/api/v1/exports/classrooms');
    expect(second.body).toMatchObject({ jobId: first.body.jobId, deduplicated: true });
    expect((await admin.get(`/api/v1/jobs/${first.body.jobId}`)).body).toMatchObject({ state: 'waiting', downloadUrl: null });

    await app.startWorker();
    const job = await waitForJob(admin, first.body.jobId);
    expect(job).toMatchObject({ state: 'completed', progress: 100, downloadUrl: expect.stringMatching(/^\/api\/v1\/files\//) });

    const wb = await workbook(admin, job.downloadUrl);
    expect(wb.worksheets.map((w) => w.name)).toHaveLength(12);
    expect(wb.worksheets[0].name).toBe('동부교육지원청');
    expect(wb.worksheets[0].getRow(1).values).toEqual(expect.arrayContaining(['학교명', '학교급', '자치구', 'NEIS 학교코드', '구축 연도', '확인 필요']));
    const offices = wb.worksheets.slice(0, 11);
    expect(offices.reduce((n, w) => n + w.rowCount - 1, 0)).toBe(284);

    // The NEIS code where the school has one, an empty cell where it has none.
    const gangnamRows = sheetRows(wb.getWorksheet('강남서초교육지원청')!);
    expect(gangnamRows.find((r) => r['학교명'] === '서울개포초등학교')).toMatchObject({ 'NEIS 학교코드': '7010057', 학교급: '초등학교', 자치구: '강남구' });
    expect(gangnamRows.find((r) => r['학교명'] === '서울도곡초등학교')).toMatchObject({ 'NEIS 학교코드': null });

    // Every school of the registry, with or without a classroom, its office, level and NEIS code.
    const all = wb.worksheets[11];
    expect(all.name).toBe('전체 학교');
    expect(all.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const schools = sheetRows(all);
    expect(Object.keys(schools[0])).toEqual(['학교명', '학교급', '자치구', '교육지원청', 'NEIS 학교코드', '설립 구분', '도로명 주소', 'AI 교실', 'AI 교실 구축 연도']);
    expect(schools).toHaveLength(285);
    expect(schools.filter((r) => r['AI 교실'] === '있음')).toHaveLength(284);
    expect(schools.find((r) => r['학교명'] === '서울새빛초등학교')).toEqual({
      학교명: '서울새빛초등학교', 학교급: '초등학교', 자치구: '마포구', 교육지원청: '서부교육지원청', 'NEIS 학교코드': '7010999', '설립 구분': '공립',
      '도로명 주소': '서울특별시 마포구 월드컵로 1', 'AI 교실': '없음', 'AI 교실 구축 연도': null,
    });
    expect(schools.find((r) => r['학교명'] === '서울개포초등학교')).toMatchObject({ 'NEIS 학교코드': '7010057', 'AI 교실': '있음', 교육지원청: '강남서초교육지원청' });
    // In office order, as the office sheets.
    expect(schools[0]['교육지원청']).toBe('동부교육지원청');

    // The stored file keeps its Korean name, with an ASCII fallback for old clients.
    const file = await admin.get(job.downloadUrl);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(file.headers.get('content-disposition')!)![1])).toMatch(/^AI교실_현황_전체_\d{4}-\d{2}-\d{2}\.xlsx$/);

    // Once finished, a new request is a new job.
    const third = await admin.post('/api/v1/exports/classrooms');
    expect(third.body.jobId).not.toBe(first.body.jobId);
    await waitForJob(admin, third.body.jobId);
  });

  it("limits a district admin's export to their office, and hides each person's jobs and files from the others", async () => {
    const { body } = await gangnam.post('/api/v1/exports/classrooms');
    const job = await waitForJob(gangnam, body.jobId);
    const wb = await workbook(gangnam, job.downloadUrl);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['강남서초교육지원청', '전체 학교']);
    expect(wb.worksheets[0].rowCount - 1).toBe(25);
    // Their office's schools only: 서울새빛초등학교 is 서부's.
    expect(sheetRows(wb.worksheets[1]).map((r) => r['교육지원청'])).toEqual(Array(25).fill('강남서초교육지원청'));

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
