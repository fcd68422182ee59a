import { startTestApp, TestApp } from './support/test-app';
import { waitForJob } from './support/wait-for-job';

const STUDENTS = 10_000;
const ITEMS = 30;

/** The size the issue names: 10,000 students × 30 items in one upload, then the analysis. Correctness only; speed is in bench/. */
describe('a 10,000 × 30 results upload', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
  });
  afterAll(() => app.close());

  it('imports in one request and is analysed', async () => {
    const admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    const items = Array.from({ length: ITEMS }, (_, i) =>
      i < 24 ? { id: `Q${i + 1}`, area: ['ai_understanding', 'ai_use', 'ai_ethics', 'digital_literacy'][i % 4], type: 'dichotomous', key: [String((i % 4) + 1)], options: ['1', '2', '3', '4'] }
        : { id: `P${i - 23}`, area: 'ai_use', type: 'partial', maxScore: 3 });
    const created = await admin.post('/api/v1/literacy/assessments', { name: '대규모', schoolYear: 2026, phase: 'main', grade: 8, items, cutScores: [{ level: '기초', min: 0 }, { level: '우수', min: 70 }] });
    expect(created.status).toBe(201);
    const schools: { id: number }[] = await app.db.query(`SELECT id FROM schools WHERE level = 'middle' ORDER BY id`);
    const lines = [['student_id', 'school_id', 'grade', 'class', ...items.map((i) => i.id)].join(',')];
    for (let s = 0; s < STUDENTS; s++) {
      const answers = items.map((item, j) => {
        const r = ((s * 7919 + j * 104729) % 997) / 997;
        return item.type === 'partial' ? String(Math.floor(r * 4)) : String(1 + Math.floor(r * 4));
      });
      lines.push([`M${s}`, schools[s % schools.length].id, 2, 1 + (s % 10), ...answers].join(','));
    }
    const res = await admin.upload(`/api/v1/literacy/assessments/${created.body.id}/results/import`, lines.join('\n'), 'main.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ received: STUDENTS, inserted: STUDENTS });
    // An item dropped while the analysis runs (it has read the old items) must get a run of its own.
    for (let state = ''; state !== 'active'; state = (await admin.get(`/api/v1/jobs/${res.body.analysisJobId}`)).body.state) {
      if (state === 'completed' || state === 'failed') throw new Error(`the analysis ended (${state}) before the test could change an item during it`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const drop = await admin.patch(`/api/v1/literacy/assessments/${created.body.id}/items/Q1`, { dropped: true });
    expect(drop.status).toBe(200);
    const job = await waitForJob(admin, res.body.analysisJobId, 120_000);
    expect(job).toMatchObject({ state: 'completed', result: { summary: { students: STUDENTS, items: ITEMS } } });
    await app.waitForQueues(120_000);
    const analysis = (await admin.get(`/api/v1/literacy/assessments/${created.body.id}/analysis`)).body;
    expect(analysis.test.nItems).toBe(ITEMS - 1);
    expect(analysis.items.find((i: { id: string }) => i.id === 'Q1')).toMatchObject({ dropped: true });
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM literacy_scores WHERE assessment_id = $1`, [created.body.id]);
    expect(n).toBe(STUDENTS);
  }, 180_000);
});
