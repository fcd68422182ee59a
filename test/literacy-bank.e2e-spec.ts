import ExcelJS from 'exceljs';
import { seedDemo } from '../apps/cli/src/demo-seed';
import { countRows, schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';
import { waitForJob } from './support/wait-for-job';

type Client = Awaited<ReturnType<TestApp['as']>>;

/*
 * Issue 18: the item bank, anchor linking and the trend on a common scale, over HTTP.
 * A seeded simulation: form A (2025) has B001–B020, form B (2026) has the anchors B001–B010 and
 * B021–B030. True abilities N(0, 1) in 2025 and N(0.5, 1) in 2026 (each sample centred exactly),
 * Rasch items with known difficulties; anchor B005 is 1 logit harder in 2026 (drift).
 */

const N = 1000;
const SHIFT = 0.5;
const DRIFT = { item: 'B005', by: 1.0 };
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `B${String(from + i).padStart(3, '0')}`);
const FORM_A = ids(1, 20);
const FORM_B = [...ids(1, 10), ...ids(21, 30)];
const trueB = (id: string) => -1.5 + (3 * (Number(id.slice(1)) - 1)) / 29;
const AREAS = ['ai_understanding', 'ai_use', 'ai_ethics', 'digital_literacy'];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normals(n: number, mean: number, rand: () => number): number[] {
  const z = Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
  const m = z.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(z.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  return z.map((v) => ((v - m) / sd) + mean);
}

function simulatedCsv(form: string[], mean: number, prefix: string, seed: number, schools: number[], drift?: { item: string; by: number }): string {
  const rand = mulberry32(seed);
  const theta = normals(N, mean, rand);
  const lines = [['student_id', 'school_id', 'grade', 'class', 'sex', ...form].join(',')];
  theta.forEach((t, s) => {
    const scores = form.map((id) => {
      const b = trueB(id) + (drift?.item === id ? drift.by : 0);
      return rand() < 1 / (1 + Math.exp(-(t - b))) ? 1 : 0;
    });
    lines.push([`${prefix}${String(s + 1).padStart(4, '0')}`, schools[s % schools.length], 5, 1 + (s % 9), s % 2 ? '여' : 'M', ...scores].join(','));
  });
  return lines.join('\n') + '\n';
}

const assessment = (name: string, schoolYear: number, items: string[], grade = 5) => ({
  name, schoolYear, phase: 'main', grade,
  items: items.map((id, i) => ({ id, area: AREAS[i % 4], type: 'dichotomous' })),
  cutScores: [{ level: '기초', min: 0 }, { level: '보통', min: 40 }, { level: '우수', min: 75 }],
});

describe('literacy item bank, linking and trend (issue 18)', () => {
  let app: TestApp;
  let admin: Client;
  let gangnam: Client;
  let seobu: Client;
  let principal: Client;
  let teacher: Client;
  let gaepo: number;
  let dogok: number;
  let mangwon: number;
  let formA: number;
  let formB: number;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    seobu = await app.as({ email: 'seobu@sen.go.kr', role: 'district_admin', districtOffice: 'seobu' });
    gaepo = await schoolId(app.db, '서울개포초등학교');
    dogok = await schoolId(app.db, '서울도곡초등학교');
    mangwon = await schoolId(app.db, '서울망원초등학교');
    principal = await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: gaepo });
    teacher = await app.as({ email: 't@gaepo.es.kr', role: 'teacher', schoolId: gaepo });

    const a = await admin.post('/api/v1/literacy/assessments', assessment('2025 리터러시 진단 (본검사)', 2025, FORM_A));
    const b = await admin.post('/api/v1/literacy/assessments', assessment('2026 리터러시 진단 (본검사)', 2026, FORM_B));
    expect([a.status, b.status]).toEqual([201, 201]);
    formA = a.body.id;
    formB = b.body.id;
    const schools = [gaepo, dogok, mangwon];
    for (const [id, csv] of [[formA, simulatedCsv(FORM_A, 0, 'A', 2025, schools)], [formB, simulatedCsv(FORM_B, SHIFT, 'B', 2026, schools, DRIFT)]] as const) {
      const res = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, csv, 'results.csv');
      expect(res.status).toBe(201);
      expect(await waitForJob(admin, res.body.analysisJobId, 120_000)).toMatchObject({ state: 'completed' });
    }
  }, 300_000);
  afterAll(() => app.close());

  describe('results with sex', () => {
    it('stores M/F (also 남/여) on the student and rejects any other value, naming the column', async () => {
      expect(await countRows(app.db, 'students', `sex = 'F'`)).toBe(N);
      expect(await countRows(app.db, 'students', `sex = 'M'`)).toBe(N);
      const csv = simulatedCsv(FORM_A, 0, 'A', 2025, [gaepo]).split('\n').slice(0, 3);
      csv[1] = csv[1].replace(',M,', ',X,');
      const res = await admin.upload(`/api/v1/literacy/assessments/${formA}/results/import`, csv.join('\n'), 'results.csv');
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ row: 2, column: 'sex' })]);
    });
  });

  describe('item bank', () => {
    it('holds each item once per grade, with its history across the assessments that used it', async () => {
      const list = await admin.get('/api/v1/literacy/bank/items?grade=5');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(30);
      const b001 = list.body.items.find((i: { id: string }) => i.id === 'B001');
      expect(b001.administrations.map((x: { assessmentId: number; schoolYear: number }) => [x.assessmentId, x.schoolYear])).toEqual([[formA, 2025], [formB, 2026]]);
      expect(b001.administrations[0]).toMatchObject({ n: N, difficulty: expect.any(Number), infit: expect.any(Number), outfit: expect.any(Number) });
      expect(list.body.items.find((i: { id: string }) => i.id === 'B025').administrations).toHaveLength(1);

      const filtered = await admin.get('/api/v1/literacy/bank/items?grade=5&q=B00&area=ai_understanding');
      expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual(['B001', 'B005', 'B009']);
      expect(filtered.body.total).toBe(3);

      const one = await admin.get('/api/v1/literacy/bank/items/B021?grade=5');
      expect(one.body).toMatchObject({ id: 'B021', grade: 5, type: 'dichotomous', maxScore: 1, retiredAt: null, administrations: [expect.objectContaining({ assessmentId: formB })] });
      expect((await admin.get('/api/v1/literacy/bank/items/B021')).body.details).toEqual([expect.objectContaining({ field: 'grade' })]);
      expect((await admin.get('/api/v1/literacy/bank/items/B021?grade=8')).status).toBe(404);
    });

    it('refuses a different item under a bank id, and a retired item, in a new assessment of the grade', async () => {
      const clash = await admin.post('/api/v1/literacy/assessments', {
        ...assessment('2027 다른 문항', 2027, ['B001', 'B002', 'B003']),
        items: [{ id: 'B001', area: 'ai_use', type: 'partial', maxScore: 2 }, { id: 'B002', area: 'ai_use', type: 'dichotomous' }],
      });
      expect(clash.status).toBe(400);
      expect(clash.body.details).toEqual([expect.objectContaining({ field: 'items.0.id' })]);

      const retired = await admin.patch('/api/v1/literacy/bank/items/B030', { grade: 5, retired: true, reason: '노출됨' });
      expect(retired.body).toMatchObject({ retiredAt: expect.any(String), retiredReason: '노출됨', administrations: [expect.objectContaining({ assessmentId: formB })] });
      const reuse = await admin.post('/api/v1/literacy/assessments', assessment('2027 재사용', 2027, ['B029', 'B030']));
      expect(reuse.body.details).toEqual([expect.objectContaining({ field: 'items.1.id', reason: expect.stringContaining('retired') })]);
      expect((await gangnam.patch('/api/v1/literacy/bank/items/B030', { grade: 5, retired: false })).status).toBe(403);
      await admin.patch('/api/v1/literacy/bank/items/B030', { grade: 5, retired: false });
    });
  });

  describe('linking', () => {
    it('rejects a link to itself, to another grade or without shared items, naming the field and writing nothing', async () => {
      const other = await admin.post('/api/v1/literacy/assessments', assessment('2026 중2', 2026, FORM_A.slice(0, 5), 8));
      const disjoint = await admin.post('/api/v1/literacy/assessments', assessment('2026 별도 문항', 2026, ['X001', 'X002', 'X003']));
      const link = (base: number) => admin.post(`/api/v1/literacy/assessments/${formB}/link`, { baseAssessmentId: base });
      for (const [base, reason] of [[formB, 'itself'], [other.body.id, 'grade'], [disjoint.body.id, 'shares 0'], [999999, 'no assessment']] as const) {
        const res = await link(base);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('LINK_REJECTED');
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'baseAssessmentId', reason: expect.stringContaining(reason) })]);
      }
      const badAnchor = await admin.post(`/api/v1/literacy/assessments/${formB}/link`, { baseAssessmentId: formA, dropAnchors: ['B025'] });
      expect(badAnchor.body.details).toEqual([expect.objectContaining({ field: 'dropAnchors.0' })]);
      expect((await admin.post(`/api/v1/literacy/assessments/${formB}/link`, { baseAssessmentId: 'A' })).status).toBe(400);
      expect(await countRows(app.db, 'literacy_links')).toBe(0);
      expect(await countRows(app.db, 'literacy_scales')).toBe(0);
      expect((await admin.get(`/api/v1/literacy/assessments/${formB}/link`)).body.code).toBe('NOT_LINKED');
    });

    it('lets only a city administrator link', async () => {
      expect((await teacher.post(`/api/v1/literacy/assessments/${formB}/link`, { baseAssessmentId: formA })).status).toBe(403);
      expect((await principal.post(`/api/v1/literacy/assessments/${formB}/link`, { baseAssessmentId: formA })).status).toBe(403);
      expect((await gangnam.post(`/api/v1/literacy/assessments/${formB}/link`, { baseAssessmentId: formA })).status).toBe(403);
      expect(await countRows(app.db, 'literacy_links')).toBe(0);
    });

    it('flags the drifting anchor, then recovers the mean shift within 2 SE once it is dropped', async () => {
      const first = await admin.post(`/api/v1/literacy/assessments/${formB}/link`, { baseAssessmentId: formA });
      expect(first.status).toBe(202);
      expect(await waitForJob(admin, first.body.jobId, 120_000)).toMatchObject({ state: 'completed', result: { summary: { linked: true } } });
      const link = (await admin.get(`/api/v1/literacy/assessments/${formB}/link`)).body;
      expect(link).toMatchObject({ baseAssessmentId: formA, status: 'done', method: 'fixed-parameter', constant: expect.any(Number), se: expect.any(Number), meanMean: { n: 10 } });
      expect(link.anchors).toHaveLength(10);
      const drifting = link.anchors.filter((a: { drifting: boolean }) => a.drifting).map((a: { itemId: string }) => a.itemId);
      expect(drifting).toContain(DRIFT.item);
      expect(drifting.length).toBeLessThanOrEqual(2);
      const b005 = link.anchors.find((a: { itemId: string }) => a.itemId === DRIFT.item);
      expect(b005.displacement).toBeLessThan(-0.5);

      const again = await admin.post(`/api/v1/literacy/assessments/${formB}/link`, { baseAssessmentId: formA, dropDrifting: true });
      await waitForJob(admin, again.body.jobId, 120_000);
      const clean = (await admin.get(`/api/v1/literacy/assessments/${formB}/link`)).body;
      if (process.env.SHOW_LINK) console.log(JSON.stringify({ first: { c: link.constant, se: link.se, mm: link.meanMean }, clean: { c: clean.constant, se: clean.se, mm: clean.meanMean, dropped: clean.dropped } }));
      expect(clean.dropped).toContain(DRIFT.item);
      expect(clean.anchors.find((a: { itemId: string }) => a.itemId === DRIFT.item).used).toBe(false);
      expect(Math.abs(clean.constant - SHIFT)).toBeLessThan(2 * clean.se);
      expect(Math.abs(clean.meanMean.constant - SHIFT)).toBeLessThan(2 * clean.meanMean.se + 0.05);
      expect((await gangnam.get(`/api/v1/literacy/assessments/${formB}/link`)).status).toBe(200);
      expect((await principal.get(`/api/v1/literacy/assessments/${formB}/link`)).status).toBe(403);

      // The scale's base stays the base: it is not linked to anything after the scale is set.
      const reverse = await admin.post(`/api/v1/literacy/assessments/${formA}/link`, { baseAssessmentId: formB });
      expect(reverse.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^(id|baseAssessmentId)$/) })]));
      const bank = (await admin.get('/api/v1/literacy/bank/items/B001?grade=5')).body;
      expect(bank.administrations.map((x: { anchored: boolean }) => x.anchored)).toEqual([false, true]);
    }, 240_000);
  });

  describe('analysis', () => {
    it('gives every item infit, outfit and DIF, and the linked calibration on the common scale', async () => {
      const { body } = await admin.get(`/api/v1/literacy/assessments/${formB}/analysis`);
      for (const item of body.items) {
        expect(item).toMatchObject({ infit: expect.any(Number), outfit: expect.any(Number), infitZ: expect.any(Number), fitFlag: expect.any(Boolean) });
        const sex = item.dif.find((d: { group: string }) => d.group === 'sex');
        expect(sex).toMatchObject({ reference: 'M', focal: 'F', nReference: N / 2, nFocal: N / 2, mhDDif: expect.any(Number), ets: expect.stringMatching(/^(A|B[-+]|C[-+])$/) });
        expect(item.dif.filter((d: { group: string }) => d.group === 'districtOffice').map((d: { focal: string }) => d.focal).sort()).toEqual(['gangnam-seocho', 'seobu']);
      }
      // Simulated under the Rasch model: the items fit.
      expect(body.items.filter((i: { fitFlag: boolean }) => i.fitFlag)).toEqual([]);
      expect(body.rasch).toMatchObject({ anchored: true, mean: expect.any(Number) });
      expect(body.items.find((i: { id: string }) => i.id === 'B001').rasch.anchored).toBe(true);
      expect(body.items.find((i: { id: string }) => i.id === DRIFT.item).rasch.anchored).toBeUndefined();
      expect(body.measurement).toMatchObject({
        fit: { range: [0.7, 1.3], flagged: [] },
        dif: { minGroupSize: 100, comparisons: expect.arrayContaining([{ group: 'sex', reference: 'M', focal: 'F', nReference: 500, nFocal: 500 }]) },
        reliability: { alpha: expect.any(Number), personSeparation: { reliability: expect.any(Number) } },
        linked: { baseAssessmentId: formA },
        scale: { baseAssessmentId: formA, slope: 100, intercept: 500 },
      });
      expect(body.measurement.rawScores).toHaveLength(21);
      // The base form's raw cut scores, through θ, on this form's raw score.
      expect(body.measurement.scale.cuts.map((c: { raw: number | null }) => c.raw)).toEqual([0, expect.any(Number), expect.any(Number)]);
      expect(body.measurement.information.length).toBeGreaterThan(10);
      expect((await principal.get(`/api/v1/literacy/assessments/${formB}/analysis`)).status).toBe(403);
      const base = (await admin.get(`/api/v1/literacy/assessments/${formA}/analysis`)).body;
      expect(base.measurement).toMatchObject({ linked: null, scale: { baseAssessmentId: formA, mean: expect.any(Number) } });
      expect(Math.abs(base.measurement.scale.mean - 500)).toBeLessThan(3 * base.measurement.scale.se);
    });
  });

  describe('trend', () => {
    it('puts both years on one scale with SEs and θ-defined levels; small groups withheld', async () => {
      const res = await admin.get('/api/v1/literacy/trend?grade=5');
      expect(res.status).toBe(200);
      const { scale, points } = res.body;
      expect(scale).toMatchObject({ slope: 100, intercept: 500, baseAssessmentId: formA });
      expect(scale.cuts.map((c: { level: string }) => c.level)).toEqual(['기초', '보통', '우수']);
      expect(points.map((p: { schoolYear: number; assessmentId: number; linked: boolean }) => [p.schoolYear, p.assessmentId, p.linked])).toEqual([[2025, formA, false], [2026, formB, true]]);
      const [a, b] = points;
      expect(Math.abs(a.mean - 500)).toBeLessThan(3 * a.se);
      expect(Math.abs(b.mean - a.mean - SHIFT * 100)).toBeLessThan(3 * Math.hypot(a.se, b.se));
      for (const p of points) {
        expect(p.levels.reduce((t: number, l: { proportion: number }) => t + l.proportion, 0)).toBeCloseTo(1, 3);
        expect(p.se).toBeGreaterThan(0);
      }
      // More students reach 우수 in the stronger year.
      expect(b.levels[2].proportion).toBeGreaterThan(a.levels[2].proportion);

      const office = await gangnam.get('/api/v1/literacy/trend?grade=5&office=gangnam-seocho');
      expect(office.body).toMatchObject({ group: 'office', key: 'gangnam-seocho' });
      expect(office.body.points[0].n).toBe(Math.round((2 * N) / 3));
      expect((await seobu.get('/api/v1/literacy/trend?grade=5&office=gangnam-seocho')).status).toBe(403);
      expect((await admin.get('/api/v1/literacy/trend?grade=8')).body).toMatchObject({ scale: null, points: [] });
      expect((await admin.get('/api/v1/literacy/trend')).body.details).toEqual([expect.objectContaining({ field: 'grade' })]);
    });

    it("shows a principal the city's and their own school's trend only", async () => {
      expect((await principal.get('/api/v1/literacy/trend?grade=5')).status).toBe(200);
      const own = await principal.get(`/api/v1/literacy/trend?grade=5&schoolId=${gaepo}`);
      expect(own.body).toMatchObject({ group: 'school', key: String(gaepo) });
      expect(own.body.points).toHaveLength(2);
      expect((await principal.get(`/api/v1/literacy/trend?grade=5&schoolId=${mangwon}`)).body.code).toBe('SCHOOL_OUT_OF_SCOPE');
      expect((await principal.get('/api/v1/literacy/trend?grade=5&office=seobu')).status).toBe(403);
      expect((await principal.get('/api/v1/literacy/bank/items?grade=5')).status).toBe(403);
      expect((await teacher.get('/api/v1/literacy/bank/items/B001?grade=5')).status).toBe(403);
    });

    it('appears in the city report and in its workbook', async () => {
      const report = await admin.get(`/api/v1/literacy/assessments/${formB}/report`);
      expect(report.body.trend.points.map((p: { assessmentId: number }) => p.assessmentId)).toEqual([formA, formB]);
      const built = await admin.post(`/api/v1/literacy/assessments/${formB}/reports/build`);
      expect(await waitForJob(admin, built.body.jobId, 120_000)).toMatchObject({ state: 'completed' });
      const file = await admin.get(`/api/v1/literacy/assessments/${formB}/reports/files/0`);
      expect(file.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.body);
      const sheet = wb.getWorksheet('연도별 추이')!;
      expect(sheet).toBeDefined();
      const rows = sheet.getSheetValues().slice(2) as unknown[][];
      expect(rows.slice(0, 2).map((r) => r[1])).toEqual([2025, 2026]);
    }, 120_000);
  });
});

/** The done-when: the demo's two consecutive years of 초5 sit on one scale with a visible trend. */
describe('the demo’s literacy trend', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    await seedDemo(app.api);
  }, 180_000);
  afterAll(() => app.close());

  it('links this year to last year and shows both on the reporting scale', async () => {
    const admin = await new HttpClient(app.baseUrl).login('admin@sen.go.kr', 'aiedu-demo-2026');
    const { items } = (await admin.get('/api/v1/literacy/assessments')).body;
    const [current, last] = items;
    expect(current.schoolYear - last.schoolYear).toBe(1);
    const link = (await admin.get(`/api/v1/literacy/assessments/${current.id}/link`)).body;
    expect(link).toMatchObject({ baseAssessmentId: last.id, status: 'done', method: 'fixed-parameter' });
    expect(link.anchors.length).toBeGreaterThanOrEqual(10);
    const trend = (await admin.get('/api/v1/literacy/trend?grade=5')).body;
    expect(trend.points.map((p: { assessmentId: number }) => p.assessmentId)).toEqual([last.id, current.id]);
    expect(trend.points[1].mean).toBeGreaterThan(trend.points[0].mean);
    const analysis = (await admin.get(`/api/v1/literacy/assessments/${current.id}/analysis`)).body;
    expect(analysis.items[0]).toMatchObject({ infit: expect.any(Number), dif: expect.arrayContaining([expect.objectContaining({ group: 'sex' })]) });
  });
});
