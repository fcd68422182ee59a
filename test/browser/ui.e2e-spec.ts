/**
 * Browser checks of the Korean web UI (apps/web, as built by `npm run build`), driven by playwright-core
 * and Debian's Chromium against the real api (serving the UI) and a real worker.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_WAIT, cspViolations, launchChromium, logIn, newBrowserContext } from '../support/browser';
import { schoolId } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const WAIT = BROWSER_WAIT;
const ADMIN = 'admin@sen.go.kr';
const PRINCIPAL = 'principal@gaepo.es.kr';
const DISTRICT = 'gangnam@sen.go.kr';

const ko = (n: number) => n.toLocaleString('ko-KR');

describe('web UI (browser)', () => {
  let app: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const login = (email: string) => logIn(page, baseUrl, email);

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    app = await startTestApp({ worker: true });
    baseUrl = app.baseUrl;
    await app.as({ email: ADMIN, role: 'city_admin', displayName: '교육청 관리자' });
    await app.as({ email: DISTRICT, role: 'district_admin', districtOffice: 'gangnam-seocho', displayName: '강남서초 담당' });
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    const principal = await app.as({ email: PRINCIPAL, role: 'principal', schoolId: gaepo, displayName: '개포초 교장' });
    const item = await principal.post(`/api/v1/schools/${gaepo}/classroom/equipment`, { category: 'robot_kit', name: '햄스터 로봇', quantity: 15, assetTag: 'GP-001' });
    expect(item.status).toBe(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await newBrowserContext(browser);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('shows the admin dashboard with totals and charts, and exports the XLSX', async () => {
    await login(ADMIN);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await expect(page.locator('header').textContent()).resolves.toContain('교육청 관리자');

    const total = page.getByTestId('stat-total');
    await total.waitFor();
    expect((await total.textContent())?.trim()).toBe('284');
    await expect(page.getByTestId('coverage-source').textContent()).resolves.toContain('1,366');

    const districtChart = page.getByTestId('chart-district');
    const officeChart = page.getByTestId('chart-office');
    await districtChart.waitFor();
    await officeChart.waitFor();
    expect(await districtChart.locator('svg .chart-row').count()).toBe(25);
    expect(await officeChart.locator('svg .chart-row').count()).toBeGreaterThanOrEqual(1);
    await expect(districtChart.textContent()).resolves.toContain('강남구');
    await expect(officeChart.textContent()).resolves.toContain('강남서초교육지원청');
    // The registry holds only the schools with a classroom (no NEIS list yet): counts, not a ratio to it.
    for (const chart of [districtChart, officeChart]) {
      const text = (await chart.textContent()) ?? '';
      expect(text).not.toContain('등록 학교 대비');
      expect(text).toContain('NEIS 전체 학교 목록을 아직 가져오지 않아');
      expect(text).not.toContain('100.0%');
    }
    await expect(page.getByTestId('stat-registry').textContent()).resolves.not.toContain('등록 학교 대비');

    await page.getByTestId('export-button').click();
    const status = page.getByTestId('export-status');
    const link = page.getByTestId('export-download');
    await link.waitFor({ timeout: 60_000 });
    await expect(status.textContent()).resolves.toContain('완료');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  }, 120_000);

  it("shows a district admin their own office's figures, named, not the city's", async () => {
    await login(DISTRICT);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.getByRole('heading', { level: 1, name: '강남서초교육지원청 대시보드' }).waitFor();
    const total = page.getByTestId('stat-total');
    await total.waitFor();
    expect((await total.textContent())?.trim()).toBe('25');
    const districtChart = page.getByTestId('chart-district');
    expect(await districtChart.locator('svg .chart-row').count()).toBe(2);
    await expect(districtChart.textContent()).resolves.toContain('서초구');
    await expect(districtChart.textContent()).resolves.not.toContain('노원구');
    // Seoul's 1,366 schools are no office's denominator.
    expect(await page.getByTestId('stat-official-coverage').count()).toBe(0);
    await expect(page.getByTestId('dashboard-scope').textContent()).resolves.toContain('강남서초교육지원청');
  }, 60_000);

  it('lets a principal change an equipment quantity and shows it in the history', async () => {
    await login(PRINCIPAL);
    // Principals land on their own school's page.
    expect(new URL(page.url()).pathname).toMatch(/^\/schools\/\d+$/);
    await page.getByTestId('school-name').waitFor();

    const table = page.getByTestId('equipment-table');
    await table.waitFor();
    const rows = table.locator('tbody tr[data-testid^="equipment-row-"]');
    await rows.first().waitFor();

    const row = rows.first();
    const rowTestId = (await row.getAttribute('data-testid'))!;
    const name = (await row.locator('th').textContent())!.trim();
    const before = Number((await row.getByTestId('equipment-quantity').textContent())!.replace(/[^\d]/g, ''));
    const after = before + 1;

    await row.getByRole('button', { name: `${name} 수정`, exact: true }).click();
    const form = page.getByRole('form', { name: '기자재 수정' });
    await form.getByLabel('수량').fill(String(after));
    await form.getByRole('button', { name: '저장', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    await page.getByTestId(rowTestId).getByTestId('equipment-quantity').filter({ hasText: new RegExp(`^${ko(after)}$`) }).waitFor();

    const history = page.getByTestId('history-list');
    const latest = history.getByTestId('history-entry').first();
    await latest.filter({ hasText: `수량: ${ko(before)} → ${ko(after)}` }).waitFor();
    const text = (await latest.textContent()) ?? '';
    expect(text).toContain('수정');
    expect(text).toContain(name);
    expect(text).toContain(PRINCIPAL);
  }, 120_000);

  it('lets the Content-Security-Policy refuse nothing the UI needs on every page visited above', () => {
    expect(cspViolations).toEqual([]);
  });
});
