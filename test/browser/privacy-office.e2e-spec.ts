/**
 * Browser check of the privacy officer's pages (개인정보 관리, a city administrator; issue 15) in the Korean web UI,
 * driven by playwright-core and Debian's Chromium against the real api and worker.
 *
 * The officer edits the consent records' retention rule (its months, then the approver shows) and sees a second
 * active rule of the category refused; previews the destruction, which lists the finished school year's consent
 * records per school, sets a legal hold on one student (kept, counted as held), runs the destruction (a background
 * job, after a confirmation), sees its row in the destruction register and downloads the register's XLSX; after a
 * principal opened a student's consent history, finds it in the access log and checks the log's hash chain
 * (intact); opens the monthly review (the previous month by default) and downloads it. A principal has no menu
 * item and is refused the pages. The section's last tab leads to the data subjects' requests (under 생성형 AI 동의).
 *
 * Set SCREENSHOT_DIR to keep a full-page PNG of each page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_WAIT, launchChromium, logIn, navigate, screenshot } from '../support/browser';
import { bornYearsAgo, CHATGPT, NOTICE, schoolYear } from '../support/consent-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AXE_SOURCE: string = require('axe-core').source;
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const ADMIN = 'privacy-officer@sen.go.kr';
const OFFICER_NAME = '개인정보 보호책임자';
const PRINCIPAL = 'principal@privacy.ms.kr';
const PRINCIPAL_NAME = '중학교 교장';

/** The school year that ended last February: with the 0-month rule, its consent records are due. */
const Y = schoolYear() - 1;
const seoul = (day: string, time = '00:00') => new Date(`${day}T${time}:00+09:00`).toISOString();

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('privacy officer pages (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Client;
  let principal: Client;
  let schoolA: { id: number; name: string };
  let schoolB: { id: number; name: string };
  const students: Record<string, number> = {};

  /** The page as it is now (results, tables, forms open) has no serious or critical axe-core violation; then its screenshot. */
  const shot = async (name: string) => {
    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(
      (tags) =>
        (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe
          .run(document, { runOnly: tags, resultTypes: ['violations'] })
          .then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)),
      WCAG_AA,
    );
    expect({ name, violations }).toEqual({ name, violations: [] });
    await screenshot(page, name);
  };
  const tab = async (label: string, path: string) => {
    await page.getByRole('navigation', { name: '개인정보 관리 메뉴' }).getByRole('link', { name: label, exact: true }).click();
    await page.waitForURL((url) => url.pathname === path);
  };
  const openOffice = async () => {
    await logIn(page, app.baseUrl, ADMIN);
    await navigate(page, '개인정보 관리');
    await page.waitForURL((url) => url.pathname === '/privacy-office/retention');
    await page.getByTestId('rules-table').waitFor();
  };

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: ADMIN, role: 'city_admin', displayName: OFFICER_NAME });
    [schoolA, schoolB] = await app.db.query(`SELECT id, name FROM schools WHERE level = 'middle' ORDER BY id LIMIT 2`);
    principal = await app.as({ email: PRINCIPAL, role: 'principal', schoolId: schoolA.id, displayName: PRINCIPAL_NAME });

    // A service with last school year's notice (published when that year began) and this year's.
    const service = await admin.post('/api/v1/consent/services', CHATGPT);
    expect(service.status).toBe(201);
    const last = await admin.post(`/api/v1/consent/services/${service.body.id}/notices`, { schoolYear: Y, ...NOTICE });
    expect(last.status).toBe(201);
    await app.db.query(`UPDATE consent_notices SET published_at = $2 WHERE id = $1`, [last.body.id, seoul(`${Y}-03-02`, '09:00')]);
    expect((await admin.post(`/api/v1/consent/services/${service.body.id}/notices`, { schoolYear: schoolYear(), ...NOTICE })).status).toBe(201);

    // Three students with their guardians' answers of that year: two at school A, one at school B.
    for (const [i, [code, school]] of ([['PA1', schoolA.id], ['PA2', schoolA.id], ['PB1', schoolB.id]] as const).entries()) {
      const res = await admin.post('/api/v1/consent/students', { schoolId: school, studentCode: code, grade: 9, classNo: 1, birthMonth: bornYearsAgo(16) });
      expect(res.status).toBe(201);
      students[code] = res.body.id;
      const record = await admin.post('/api/v1/consent/records', {
        studentId: res.body.id, serviceId: service.body.id, decision: 'granted', guardianRelation: 'mother', method: 'paper_slip', decidedAt: `${Y}-04-0${i + 1}`,
      });
      expect(record.status).toBe(201);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    // bypassCSP: axe is injected inline, which the site's policy (rightly) refuses.
    context = await browser.newContext({ locale: 'ko-KR', acceptDownloads: true, viewport: { width: 1280, height: 900 }, bypassCSP: true });
    context.setDefaultTimeout(BROWSER_WAIT);
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterEach(async () => {
    await context?.close();
  });

  it('gives a principal no 개인정보 관리 menu item and refuses the pages in Korean', async () => {
    await logIn(page, app.baseUrl, PRINCIPAL);
    const menu = page.getByRole('navigation', { name: '주 메뉴' });
    await menu.getByRole('link').first().waitFor();
    await expect(menu.getByRole('link', { name: '개인정보 관리' }).count()).resolves.toBe(0);
    for (const path of ['/privacy-office/retention', '/privacy-office/destruction', '/privacy-office/access-log', '/privacy-office/review']) {
      await page.goto(`${app.baseUrl}${path}`);
      await page.getByRole('heading', { level: 1, name: '접근 권한이 없습니다.' }).waitFor();
      await page.getByText('개인정보 관리는 개인정보 보호책임자(교육청 관리자)만 할 수 있습니다.').waitFor();
    }
  });

  it("edits the consent records' retention months, which approves the rule with the officer's name; a second rule of the category is refused", async () => {
    await openOffice();
    await page.getByRole('heading', { level: 1, name: '보존 기간' }).waitFor();
    // The section's own address opens its first page.
    await page.goto(`${app.baseUrl}/privacy-office`);
    await page.waitForURL((url) => url.pathname === '/privacy-office/retention');
    await page.getByTestId('rules-table').waitFor();
    const rows = page.getByTestId('rules-table').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(8);
    const consent = page.getByTestId('rule-consent_records');
    await expect(consent.locator('th').textContent()).resolves.toContain('보호자 동의 기록');
    await expect(consent.getByTestId('rule-keep-months').textContent()).resolves.toBe('기산일 후 지체 없이');
    await expect(consent.getByTestId('rule-approval').textContent()).resolves.toContain('미승인');
    await expect(page.getByTestId('rule-students').textContent()).resolves.toContain('가명·익명 처리');

    // 3 months, then back to none: each save approves the rule as it then reads.
    for (const [months, shown] of [['3', '3개월'], ['0', '기산일 후 지체 없이']] as const) {
      await consent.getByRole('button', { name: '보호자 동의 기록 규칙 수정' }).click();
      const form = page.getByTestId('rule-form');
      await form.getByLabel('보존 기간(개월)').fill(months);
      await form.getByTestId('save-rule').click();
      await consent.getByTestId('rule-keep-months').filter({ hasText: shown }).waitFor();
    }
    const approval = (await consent.getByTestId('rule-approval').textContent()) ?? '';
    expect(approval).toContain(OFFICER_NAME);
    expect(approval).toMatch(/\d{4}\. \d{1,2}\. \d{1,2}\. \([일월화수목금토]\) 오[전후] \d{1,2}:\d{2}/);
    const [rule] = await app.db.query(`SELECT keep_months, approved_by FROM retention_rules WHERE category = 'consent_records' AND active`);
    expect(rule).toEqual({ keep_months: 0, approved_by: admin.userId });

    // A new rule for a category that has one in use: the api's 409, in Korean.
    await page.getByTestId('new-rule').click();
    const create = page.getByTestId('rule-form');
    await create.getByLabel('분류').selectOption({ label: '보호자 동의 기록' });
    await create.getByLabel('파기 대상').fill('동의 기록');
    await create.getByLabel('보존 기간(개월)').fill('1');
    await create.getByTestId('save-rule').click();
    await expect(page.getByTestId('rule-error').textContent()).resolves.toContain('이 분류에는 사용 중인 규칙이 이미 있습니다.');
    await create.getByRole('button', { name: '취소' }).click();
    await shot('privacy-office-retention');

    // The data subjects' requests, which the schools answer, are one tab away.
    await tab('정보주체 요청', '/consent/privacy-requests');
    await page.locator('main h1').waitFor();
  });

  it('previews the destruction per school, keeps a held student, runs it, and shows and downloads the register', async () => {
    await openOffice();
    await tab('파기', '/privacy-office/destruction');
    await page.getByRole('heading', { level: 1, name: '파기' }).waitFor();
    await expect(page.getByTestId('register-table').count()).resolves.toBe(0);
    await page.getByText('파기 기록이 없습니다.').waitFor();

    // The preview: last school year's three consent records, at two schools.
    await page.getByTestId('dry-run').click();
    const consent = page.getByTestId('dry-run-consent_records');
    await consent.waitFor();
    await expect(consent.getByTestId('dry-run-total').textContent()).resolves.toBe('3');
    await expect(consent.getByTestId('dry-run-held').textContent()).resolves.toBe('0');
    await expect(consent.textContent()).resolves.toContain(`${Y}. 4. 1.`);
    await consent.getByTestId('dry-run-schools').locator('summary').click();
    const schools = (await consent.getByTestId('dry-run-schools').textContent()) ?? '';
    expect(schools).toContain(`${schoolA.name} 2건`);
    expect(schools).toContain(`${schoolB.name} 1건`);
    // Rules never approved are shown as such (a run skips them).
    await expect(page.getByTestId('dry-run-students').textContent()).resolves.toContain('미승인');

    // A legal hold on student PB1: the preview counts its record as held.
    const holdForm = page.getByTestId('hold-form');
    await holdForm.getByLabel('보존 대상').selectOption({ label: '학생' });
    await holdForm.getByLabel('학생 번호(ID)').fill(String(students.PB1));
    await holdForm.getByLabel('사유').fill('보호자와의 분쟁 (행정심판 진행 중)');
    await holdForm.getByTestId('set-hold').click();
    const hold = page.getByTestId('hold-row').filter({ hasText: 'PB1' });
    await hold.waitFor();
    await expect(hold.textContent()).resolves.toContain('보존 중');
    await expect(hold.textContent()).resolves.toContain(OFFICER_NAME);
    await consent.getByTestId('dry-run-held').filter({ hasText: /^1$/ }).waitFor();
    await expect(consent.getByTestId('dry-run-total').textContent()).resolves.toBe('2');

    // 파기 실행 (confirmed): the job runs in the worker, the register gets the consent records' row.
    await page.getByTestId('run-destruction').click();
    const status = page.getByTestId('destruction-status');
    await page.locator('[data-testid="destruction-status"][data-state="done"]').waitFor({ timeout: 60_000 });
    await expect(status.textContent()).resolves.toContain('2건을 파기했습니다. 법적 보존으로 1건을 남겼습니다.');
    const row = page.getByTestId('register-consent_records');
    await row.waitFor();
    await expect(row.getByTestId('register-count').textContent()).resolves.toBe('2');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('보호자 동의 기록');
    expect(text).toContain('삭제');
    expect(text).toContain(OFFICER_NAME);
    await expect(page.getByTestId('register-total').textContent()).resolves.toBe('1건');
    // Destroyed: the preview, asked again, finds only the held record.
    await consent.getByTestId('dry-run-total').filter({ hasText: /^0$/ }).waitFor();
    await expect(consent.getByTestId('dry-run-held').textContent()).resolves.toBe('1');
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM consent_records WHERE student_id = ANY($1)`, [[students.PA1, students.PA2]]);
    expect(n).toBe(0);

    // The register as XLSX: a named workbook (a zip).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^개인정보_파기_대장_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4).toString('binary')).toBe('PK\u0003\u0004');
    await shot('privacy-office-destruction');

    // Released, the hold shows who released it.
    await hold.getByTestId('release-hold').click();
    await hold.getByText('보존 중').waitFor({ state: 'detached' });
    await expect(hold.textContent()).resolves.toContain(OFFICER_NAME);
  }, 120_000);

  it("finds a principal's reading of a student's consent history in the access log, and the chain intact", async () => {
    const history = await principal.get(`/api/v1/consent/students/${students.PA1}/records`);
    expect(history.status).toBe(200);

    await openOffice();
    await tab('접속기록', '/privacy-office/access-log');
    await page.getByRole('heading', { level: 1, name: '접속기록' }).waitFor();
    await page.getByTestId('access-log-table').waitFor();
    const search = page.getByRole('search', { name: '접속기록 검색' });
    await search.getByLabel('정보주체 ID').fill(String(students.PA1));
    await search.getByRole('button', { name: '검색' }).click();
    await page.waitForURL((url) => url.searchParams.get('subject') === String(students.PA1));
    const read = page.getByTestId('access-log-row').filter({ hasText: PRINCIPAL_NAME });
    await read.first().waitFor();
    const text = (await read.first().textContent()) ?? '';
    for (const part of ['조회', PRINCIPAL, '학교장', '학생 1명', 'GET /api/v1/consent/students/:id/records', schoolA.name]) expect(text).toContain(part);
    expect(text).toMatch(/\d{4}\. \d{1,2}\. \d{1,2}\. \([일월화수목금토]\) 오[전후] \d{1,2}:\d{2}:\d{2}/);

    // The principal's name filters by their account.
    await read.first().getByTestId('access-log-actor').click();
    await page.waitForURL((url) => url.searchParams.get('account') === principal.userId);
    // The field follows the address on the next render.
    await page.waitForFunction((id) => (document.getElementById('access-account') as HTMLInputElement | null)?.value === id, principal.userId);
    await expect(search.getByLabel('계정 ID').inputValue()).resolves.toBe(principal.userId);
    await page.locator('section[aria-labelledby="access-log-heading"][aria-busy="false"]').waitFor();
    for (const row of await page.getByTestId('access-log-row').all()) await expect(row.textContent()).resolves.toContain(PRINCIPAL_NAME);

    await page.getByTestId('verify-access-log').click();
    await page.locator('[data-testid="verify-result"][data-intact="true"]').waitFor();
    await expect(page.getByTestId('verify-result').textContent()).resolves.toContain('무결성 확인');
    await shot('privacy-office-access-log');
  });

  it('opens the monthly review at the previous Seoul month and downloads it', async () => {
    const now = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const [y, m] = now.split('-').map(Number);
    const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;

    await openOffice();
    await tab('월간 점검', '/privacy-office/review');
    await page.getByRole('heading', { level: 1, name: '월간 점검' }).waitFor();
    await expect(page.getByLabel('점검 월', { exact: true }).inputValue()).resolves.toBe(previous);
    await page.getByRole('heading', { level: 2, name: `${Number(previous.slice(0, 4))}년 ${Number(previous.slice(5))}월 점검 결과` }).waitFor();
    await expect(page.getByTestId('review-totals').textContent()).resolves.toContain('접속기록');

    // This month: the records of this run are counted.
    await page.getByLabel('점검 월', { exact: true }).fill(now);
    await page.waitForURL((url) => url.searchParams.get('month') === now);
    await page.getByRole('heading', { level: 2, name: `${y}년 ${m}월 점검 결과` }).waitFor();
    const totals = (await page.getByTestId('review-totals').textContent()) ?? '';
    expect(Number(/접속기록 ([\d,]+)건/.exec(totals)?.[1].replace(/,/g, ''))).toBeGreaterThan(0);
    await page.getByTestId('review-flags').or(page.getByTestId('review-empty')).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-xlsx').click()]);
    expect(download.suggestedFilename()).toBe(`개인정보_접속기록_점검_${now}.xlsx`);
    expect(readFileSync((await download.path())!).subarray(0, 2).toString('binary')).toBe('PK');
    await shot('privacy-office-review');
  });
});
