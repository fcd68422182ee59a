/**
 * Browser check of "literacy as a measurement across years" (issue 18) in the Korean web UI
 * (apps/web as built), driven by playwright-core and Debian's Chromium against the real api and a
 * real worker (the analysis and link jobs).
 *
 * Through the API: two 초5 assessments of consecutive years sharing six anchor items, each with
 * simulated Rasch results (400 students, sex recorded so DIF is computed) and analysed; in the
 * second year anchor B005 drifts by 1.5 logits and item B019 runs against ability (a misfit).
 * In the browser, the city administrator links the second year to the first on its assessment
 * page (job progress, constant, SE, mean–mean check, the drifting anchor highlighted), reads the
 * analysis's fit and DIF columns and the flagged items, browses the item bank (filters, an item's
 * history across both years with its chart, retiring an item), and reads the trend chart on the
 * city report and on a school's report. No Content-Security-Policy refusal along the way.
 *
 * Set SCREENSHOT_DIR to keep a full-page PNG of each main page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_WAIT, cspViolations, launchChromium, logIn, navigate, newBrowserContext, screenshot } from '../support/browser';
import { schoolId } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { waitForJob } from '../support/wait-for-job';

const ADMIN = 'admin@sen.go.kr';
const N = 400;
const SHIFT = 0.5;
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `B${String(from + i).padStart(3, '0')}`);
const ANCHORS = ids(1, 6);
const FORM_A = ids(1, 12);
const FORM_B = [...ANCHORS, ...ids(13, 19)];
const DRIFT = { item: 'B005', by: 1.5 };
const MISFIT = 'B019';
const trueB = (id: string) => -1.5 + (3 * (Number(id.slice(1)) - 1)) / 18;
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

/** Rasch responses of N students with abilities N(mean, 1); the drifting item harder, the misfit reversed. */
function simulatedCsv(form: string[], mean: number, prefix: string, seed: number, schools: number[], drift?: { item: string; by: number }): string {
  const rand = mulberry32(seed);
  const lines = [['student_id', 'school_id', 'grade', 'class', 'sex', ...form].join(',')];
  for (let s = 0; s < N; s++) {
    const theta = mean + Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const scores = form.map((id) => {
      const b = trueB(id) + (drift?.item === id ? drift.by : 0);
      const p = id === MISFIT ? 1 / (1 + Math.exp(1.5 * theta)) : 1 / (1 + Math.exp(-(theta - b)));
      return rand() < p ? 1 : 0;
    });
    lines.push([`${prefix}${String(s + 1).padStart(4, '0')}`, schools[s % schools.length], 5, 1 + (s % 6), s % 2 ? '여' : 'M', ...scores].join(','));
  }
  return lines.join('\n') + '\n';
}

const assessment = (name: string, schoolYear: number, items: string[]) => ({
  name,
  schoolYear,
  phase: 'main',
  grade: 5,
  items: items.map((id, i) => ({ id, area: AREAS[i % 4], type: 'dichotomous' })),
  cutScores: [
    { level: '기초', min: 0 },
    { level: '보통', min: 40 },
    { level: '우수', min: 75 },
  ],
});

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('literacy measurement across years UI (browser)', () => {
  let app: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Client;
  let gaepo: number;
  let formA: number;
  let formB: number;

  const shot = (name: string) => screenshot(page, name);

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    app = await startTestApp({ worker: true });
    baseUrl = app.baseUrl;
    admin = await app.as({ email: ADMIN, role: 'city_admin', displayName: '교육청 관리자' });
    gaepo = await schoolId(app.db, '서울개포초등학교');
    const schools = [gaepo, await schoolId(app.db, '서울도곡초등학교'), await schoolId(app.db, '서울망원초등학교')];

    const a = await admin.post('/api/v1/literacy/assessments', assessment('2025 리터러시 본검사 (초5)', 2025, FORM_A));
    const b = await admin.post('/api/v1/literacy/assessments', assessment('2026 리터러시 본검사 (초5)', 2026, FORM_B));
    expect([a.status, b.status]).toEqual([201, 201]);
    formA = a.body.id;
    formB = b.body.id;
    for (const [id, csv] of [
      [formA, simulatedCsv(FORM_A, 0, 'A', 2025, schools)],
      [formB, simulatedCsv(FORM_B, SHIFT, 'B', 2026, schools, DRIFT)],
    ] as const) {
      const res = await admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, csv, 'results.csv');
      expect(res.status).toBe(201);
      expect(await waitForJob(admin, res.body.analysisJobId, 120_000)).toMatchObject({ state: 'completed' });
    }
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await newBrowserContext(browser);
    context.setDefaultTimeout(BROWSER_WAIT);
    page = await context.newPage();
    await logIn(page, baseUrl, ADMIN);
  });

  afterEach(async () => {
    await context?.close();
  });

  it('links the second year to the first on its page, with the constant, SE, mean–mean check and the drifting anchor highlighted', async () => {
    await page.goto(`${baseUrl}/literacy/${formB}`);
    const panel = page.getByTestId('link-panel');
    await panel.getByTestId('not-linked').waitFor();
    // The base offered first: the same grade's earlier year.
    await expect(panel.getByLabel('기준 검사').inputValue()).resolves.toBe(String(formA));
    await panel.getByTestId('start-link').click();
    await panel.getByTestId('link-job').and(page.locator('[data-state="done"]')).waitFor({ timeout: 120_000 });
    const result = panel.getByTestId('link-result');
    await result.and(page.locator('[data-status="done"]')).waitFor();

    const link = (await admin.get(`/api/v1/literacy/assessments/${formB}/link`)).body;
    expect(link).toMatchObject({ status: 'done', method: 'fixed-parameter', baseAssessmentId: formA });
    await expect(result.getByTestId('link-method').textContent()).resolves.toContain('고정모수 보정');
    await expect(result.getByTestId('link-constant').textContent()).resolves.toBe(`${link.constant > 0 ? '+' : '−'}${Math.abs(link.constant).toFixed(3)}`);
    await expect(result.getByTestId('link-se').textContent()).resolves.toContain(link.se.toFixed(3));
    await expect(result.getByTestId('link-mean-mean').textContent()).resolves.toContain(`앵커 ${link.meanMean.n}개`);
    await expect(result.getByTestId('link-anchors').locator('tbody tr').count()).resolves.toBe(ANCHORS.length);
    const drift = result.getByTestId(`anchor-${DRIFT.item}`);
    await expect(drift.getAttribute('data-drifting')).resolves.toBe('true');
    await expect(drift.getAttribute('class')).resolves.toContain('is-drifting');
    await expect(drift.textContent()).resolves.toContain('표류');
    await expect(result.getByTestId('drift-count').textContent()).resolves.toMatch(/표류 \d+개/);
    await result.getByTestId('relink-drop-drifting').waitFor();
    await shot('m01-link');
  }, 180_000);

  it('shows infit, outfit and DIF per item on the analysis, highlights the misfit and lists the flagged items', async () => {
    await page.goto(`${baseUrl}/literacy/${formB}/analysis`);
    const table = page.getByTestId('item-stats');
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Infit', 'Outfit', 'DIF (ETS)']));
    const analysis = (await admin.get(`/api/v1/literacy/assessments/${formB}/analysis`)).body;
    const b001 = analysis.items.find((i: { id: string }) => i.id === 'B001');
    // The mean square, and for one outside 0.7–1.3 the words screen readers get.
    const fitText = (v: number) => `${v.toFixed(2)}${v < 0.7 || v > 1.3 ? ' (적합 범위 밖)' : ''}`;
    await expect(page.getByTestId('item-infit-B001').textContent()).resolves.toBe(fitText(b001.infit));
    await expect(page.getByTestId('item-outfit-B001').textContent()).resolves.toBe(fitText(b001.outfit));
    // One badge per comparison group, its ETS category as the API gives it, every comparison in the tooltip.
    const sex = page.getByTestId('item-dif-B001').locator('[data-dif-group="sex"]');
    const sexDif = b001.dif.find((d: { group: string }) => d.group === 'sex');
    expect(sexDif.ets).toMatch(/^(A|B[-+]|C[-+])$/);
    await expect(sex.getAttribute('data-ets')).resolves.toBe(sexDif.ets);
    await expect(sex.getAttribute('title')).resolves.toContain('여학생 (기준 남학생');
    await expect(page.getByTestId('item-dif-B001').locator('[data-dif-group="districtOffice"]').getAttribute('title')).resolves.toContain('교육지원청');

    // The reversed item: out of 0.7–1.3, highlighted, and listed among the misfits.
    const misfit = analysis.items.find((i: { id: string }) => i.id === MISFIT);
    expect(misfit.fitFlag).toBe(true);
    const outOfRange = [page.getByTestId(`item-infit-${MISFIT}`), page.getByTestId(`item-outfit-${MISFIT}`)];
    const marked = await Promise.all(outOfRange.map((cell) => cell.getAttribute('data-misfit')));
    expect(marked).toContain('true');
    await expect(page.getByTestId(`item-outfit-${MISFIT}`).getAttribute('class')).resolves.toBe(misfit.outfit > 1.3 || misfit.outfit < 0.7 ? 'num fit-out' : 'num');
    const measurement = page.getByTestId('measurement');
    await measurement.getByTestId(`misfit-${MISFIT}`).waitFor();
    await expect(measurement.getByTestId('misfit-items').locator('tbody tr').count()).resolves.toBe(analysis.measurement.fit.flagged.length);
    if (analysis.measurement.dif.flagged.length) await expect(measurement.getByTestId('dif-items').locator('tbody tr').count()).resolves.toBe(analysis.measurement.dif.flagged.length);
    else await measurement.getByTestId('dif-none').waitFor();
    await expect(measurement.getByTestId('analysis-linked').textContent()).resolves.toContain(`앵커 문항`);
    await shot('m02-analysis-fit-dif');
  }, 60_000);

  it('lists the bank by grade and format, opens an item’s history across both years and retires an item', async () => {
    await navigate(page, '문항 은행');
    await page.waitForURL((url) => url.pathname === '/literacy/bank');
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe('문항 은행');
    await page.getByLabel('학년').selectOption({ label: '초5' });
    await page.waitForURL((url) => url.searchParams.get('grade') === '5');
    const table = page.getByTestId('bank-items');
    await page.getByTestId('bank-total').filter({ hasText: '19개' }).waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(19);
    await expect(page.getByTestId('bank-uses-B001').textContent()).resolves.toBe('2회');
    await expect(page.getByTestId('bank-uses-B013').textContent()).resolves.toBe('1회');
    // The formats: every item is 정답형, none 부분점수.
    await page.getByLabel('형식').selectOption({ label: '부분점수' });
    await page.getByText('조건에 맞는 문항이 없습니다.').waitFor();
    await page.getByLabel('형식').selectOption({ label: '정답형(0/1)' });
    await page.getByLabel('문항 ID').fill('B00');
    await page.getByRole('button', { name: '검색', exact: true }).click();
    await page.getByTestId('bank-total').filter({ hasText: '9개' }).waitFor();

    await table.getByRole('link', { name: 'B001' }).click();
    await page.waitForURL((url) => url.searchParams.get('item') === 'B001');
    const detail = page.getByTestId('bank-item-detail');
    const history = detail.getByTestId('bank-item-history');
    await history.waitFor();
    await expect(history.locator('tbody tr').count()).resolves.toBe(2);
    await expect(history.getByTestId(`bank-history-${formA}`).textContent()).resolves.toContain('2025학년도');
    await expect(history.getByTestId(`bank-history-${formB}`).textContent()).resolves.toContain('앵커');
    await detail.getByTestId('bank-item-chart').getByRole('img', { name: /학년도별 난이도/ }).waitFor();
    await expect(detail.getByTestId('bank-item-chart').locator('circle').count()).resolves.toBe(2);
    await shot('m03-bank-item');

    // B018 retired with a reason: the item says so, the API too.
    await page.goto(`${baseUrl}/literacy/bank?grade=5&item=B018`);
    page.once('dialog', (dialog) => void dialog.accept('문항 노출'));
    await page.getByTestId('retire-item').click();
    await page.getByTestId('bank-item-status').filter({ hasText: '폐기' }).waitFor();
    await expect(page.getByTestId('bank-item-status').textContent()).resolves.toContain('문항 노출');
    await page.getByTestId('bank-item-B018').filter({ hasText: '폐기' }).waitFor();
    expect((await admin.get('/api/v1/literacy/bank/items/B018?grade=5')).body).toMatchObject({ retiredAt: expect.any(String), retiredReason: '문항 노출' });
  }, 60_000);

  it('draws the trend on the common scale on the city report and on a school report', async () => {
    const trend = (await admin.get('/api/v1/literacy/trend?grade=5')).body;
    expect(trend.points.map((p: { assessmentId: number }) => p.assessmentId)).toEqual([formA, formB]);
    await page.goto(`${baseUrl}/literacy/${formB}/report`);
    const section = page.getByTestId('city-trend');
    const means = section.getByTestId('city-trend-means');
    await means.getByRole('img', { name: /연도별 평균 척도 점수/ }).waitFor();
    for (const p of trend.points) {
      await expect(means.getByTestId(`city-trend-point-${p.assessmentId}`).textContent()).resolves.toContain(p.mean.toFixed(1));
    }
    await expect(means.locator('.trend-band').count()).resolves.toBe(1);
    await expect(means.locator('text.chart-label').allTextContents()).resolves.toEqual(['2025', '2026']);
    // The level shares as stacked bars, one row per year, and the figures in the table.
    const levels = section.getByTestId('city-trend-levels');
    await expect(levels.locator('.chart-row').count()).resolves.toBe(2);
    expect(await levels.locator('.trend-level').count()).toBeGreaterThanOrEqual(2);
    const rows = section.getByTestId('city-trend-table').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(1).textContent()).resolves.toContain(trend.points[1].se.toFixed(1));
    await shot('m04-city-trend');

    await page.goto(`${baseUrl}/literacy/${formB}/schools/${gaepo}`);
    const school = page.getByTestId('school-trend');
    await school.getByTestId('school-trend-means').getByRole('img', { name: /연도별 평균 척도 점수/ }).waitFor();
    await expect(school.getByTestId('school-trend-table').locator('tbody tr').count()).resolves.toBe(2);
    await shot('m05-school-trend');
    expect(cspViolations).toEqual([]);
  }, 60_000);
});
