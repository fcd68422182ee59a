import { Workbook } from 'exceljs';
import { startTestApp, TestApp } from './support/test-app';

const ITEMS = Array.from({ length: 10 }, (_, i) => ({ id: `Q${i + 1}`, area: 'ai_use', type: 'dichotomous', key: ['1'], options: ['1', '2', '3', '4'] }));

/**
 * The results CSV is read as it arrives and COPYed into staging inside the import's transaction
 * (issue 16), so what goes wrong deep into a large file must still refuse the whole file, name the
 * row, leave nothing behind and leave the connection fit for the next import.
 */
describe('a results CSV streamed into staging', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  let schools: { id: number }[];

  beforeAll(async () => {
    // 1 MiB for a streamed CSV and 1 MiB for anything read whole, so the limits are met with small files.
    app = await startTestApp({ env: { RESULTS_UPLOAD_LIMIT_MB: '2', UPLOAD_LIMIT_MB: '1', DB_POOL_SIZE: '2' } });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    schools = await app.db.query(`SELECT id FROM schools WHERE level = 'middle' ORDER BY id LIMIT 20`);
  });
  afterAll(() => app.close());

  async function assessment(name: string): Promise<number> {
    const res = await admin.post('/api/v1/literacy/assessments', { name, schoolYear: 2026, phase: 'main', grade: 8, items: ITEMS, cutScores: [{ level: '기초', min: 0 }] });
    expect(res.status).toBe(201);
    return res.body.id;
  }
  const header = ['student_id', 'school_id', 'grade', 'class', ...ITEMS.map((i) => i.id)].join(',');
  const line = (n: number) => [`M${n}`, schools[n % schools.length].id, 2, 1 + (n % 9), ...ITEMS.map((_, j) => String(1 + ((n + j) % 4)))].join(',');
  const csv = (rows: number, edit: (n: number, text: string) => string = (_, t) => t) =>
    [header, ...Array.from({ length: rows }, (_, n) => edit(n, line(n)))].join('\n') + '\n';
  const counts = async () => (await app.db.query(`SELECT (SELECT count(*) FROM literacy_results)::int AS results, (SELECT count(*) FROM students)::int AS students, (SELECT count(*) FROM literacy_import_batches)::int AS batches`))[0];

  it('refuses a file broken 20,000 rows in, naming the row, writes nothing, and imports the next file on the same connections', async () => {
    const id = await assessment('깨진 줄');
    const before = await counts();
    // Row 20,002: a quoted cell never closed; rows before it were already staged.
    const broken = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, csv(20_010, (n, t) => (n === 20_000 ? t.replace(',2,', ',"2,') : t)), 'results.csv');
    expect(broken.status).toBe(400);
    expect(broken.body.details).toEqual([expect.objectContaining({ row: 20_002, reason: expect.stringContaining('never closed') })]);
    expect(await counts()).toEqual(before);
    // With a pool of two, a connection left mid-COPY would fail or hang these.
    for (let k = 0; k < 3; k++) {
      const ok = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, csv(500), 'results.csv');
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ received: 500, inserted: k ? 0 : 500, replaced: k ? 500 : 0 });
    }
  });

  it('refuses a line longer than 64 KiB deep into the file while the upload is still arriving, and serves the next import', async () => {
    const id = await assessment('긴 줄');
    const before = await counts();
    const res = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, csv(30_000, (n, t) => (n === 20_000 ? t + ','.repeat(5) + 'x'.repeat(300_000) : t)), 'results.csv');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ row: 20_002, reason: expect.stringContaining('longer than') })]);
    expect(await counts()).toEqual(before);
    const ok = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, csv(100), 'results.csv');
    expect(ok.status).toBe(201);
  });

  it('finds the same student on rows far apart and bad cells anywhere, all in one answer', async () => {
    const id = await assessment('중복');
    const before = await counts();
    const res = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, csv(15_000, (n, t) => (n === 14_990 ? line(3) : n === 9_000 ? t.replace(/,\d$/, ',9') : t)), 'results.csv');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(res.body.details).toEqual([
      expect.objectContaining({ row: 9_002, column: 'Q10' }),
      expect.objectContaining({ row: 14_992, column: 'student_id', reason: 'the same student appears on row 5' }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('stops a CSV at its own limit (413) and an XLSX at the general one, writing nothing', async () => {
    const id = await assessment('크기');
    const before = await counts();
    const big = csv(70_000); // about 2.4 MB of good rows, past the 2 MiB limit
    const tooBig = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, big, 'results.csv');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('PAYLOAD_TOO_LARGE');
    // Under the CSV limit but over UPLOAD_LIMIT_MB: a workbook is read whole, so the general limit holds.
    const wb = new Workbook();
    const ws = wb.addWorksheet('results');
    ws.addRow(header.split(','));
    for (let n = 0; n < 25_000; n++) ws.addRow(line(n).split(','));
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(xlsx.length).toBeGreaterThan(1024 * 1024);
    expect(xlsx.length).toBeLessThan(2 * 1024 * 1024);
    const wholeTooBig = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, xlsx, 'results.xlsx');
    expect(wholeTooBig.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('reads a CP949 file streamed, and refuses an empty one as before', async () => {
    const id = await assessment('인코딩');
    const empty = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, Buffer.alloc(0), 'results.csv');
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('FILE_EMPTY');
    const text = csv(50).replace('student_id,school_id,grade,class', '학생ID,학교코드,학년,반');
    const res = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, Buffer.from(new TextEncoder().encode(text)), 'results.csv');
    expect(res.status).toBe(201);
    const iconv = await import('iconv-lite');
    const res949 = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, iconv.encode(text, 'cp949'), 'results.csv');
    expect(res949.status).toBe(201);
    expect(res949.body).toMatchObject({ received: 50, replaced: 50 });
  });
});
