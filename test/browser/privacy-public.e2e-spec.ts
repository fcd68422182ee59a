/**
 * Browser check of the privacy pages (개인정보 보호법 제30조, 제35–37조) in the built Korean UI against the real api:
 * the public privacy policy lists the services and retention rules in force and is linked from the footer of the
 * public pages (the guardian's link, the login); on a phone, a guardian opens their consent link, goes on to their
 * child's data, asks for deletion and sees the request listed; the school's principal finds it among the consent
 * pages, answers it done, and the student's data goes through the destruction path into the register.
 *
 * Set SCREENSHOT_DIR to keep a full-page PNG of each page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, logIn, newBrowserContext, screenshot } from '../support/browser';
import { makePublicLinks, type PublicLinks } from '../support/public-links';
import { startTestApp, TestApp } from '../support/test-app';

const PHONE = { width: 360, height: 740 };

describe('privacy policy and a guardian\'s requests (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let links: PublicLinks;
  let middle: number;

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'respond.html'))).toBe(true);
    app = await startTestApp();
    links = await makePublicLinks(app);
    [{ id: middle }] = await app.db.query(`SELECT id FROM schools WHERE level = 'middle' AND district = '강남구' ORDER BY id LIMIT 1`);
    await app.as({ email: 'principal@middle.ms.kr', role: 'principal', schoolId: middle, displayName: '중학교 교장' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(path: string, viewport?: { width: number; height: number }): Promise<Page> {
    const context = await newBrowserContext(browser, viewport);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}${path}`);
    return page;
  }

  it('shows the policy generated from the services and retention rules in force', async () => {
    const page = await open('/privacy');
    await page.getByTestId('policy-title').waitFor();
    expect(await page.title()).toContain('개인정보 처리방침');
    const services = await page.getByTestId('policy-service').allTextContents();
    const active = await app.db.query(`SELECT name FROM ai_services WHERE active ORDER BY name`);
    expect(services).toHaveLength(active.length);
    expect(services.join(' ')).toContain('ChatGPT');
    expect(services.join(' ')).toContain('OpenAI');
    const rules = await app.db.query(`SELECT category, description FROM retention_rules WHERE active`);
    const rows = page.getByTestId('policy-retention-rule');
    expect(await rows.count()).toBe(rules.length);
    for (const rule of rules) expect(await page.locator(`[data-category="${rule.category}"]`).textContent()).toContain(rule.description);
    await screenshot(page, 'privacy-policy');
    await page.context().close();
  });

  it('is linked from the footer of the login page and of the guardian\'s page', async () => {
    const login = await open('/login');
    const link = login.getByTestId('privacy-policy-link');
    expect(await link.getAttribute('href')).toBe('/privacy');
    await link.click();
    await login.getByTestId('policy-title').waitFor();
    expect(new URL(login.url()).pathname).toBe('/privacy');
    await login.context().close();

    const guardian = await open(links.guardianPath, PHONE);
    await guardian.getByTestId('guardian-title').waitFor();
    expect(await guardian.getByTestId('privacy-policy-link').getAttribute('href')).toBe('/privacy');
    await guardian.context().close();
  });

  it("lets a guardian see their child's data and ask for deletion, which the principal answers", async () => {
    const page = await open(links.guardianPath, PHONE);
    await page.getByTestId('my-data-link').click();
    await page.getByTestId('my-data-title').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/privacy\/my-data\//);
    expect(await page.getByTestId('my-data-student-code').textContent()).toBe('M15');
    expect(await page.getByTestId('my-requests').count()).toBe(0);

    const form = page.getByTestId('privacy-request-form');
    await form.getByLabel('요청 종류').selectOption('deletion');
    await form.getByLabel('요청 내용 (선택)').fill('아이의 동의 기록을 지워 주세요.');
    await form.getByLabel('학생과의 관계').selectOption({ label: '모' });
    await page.getByTestId('request-submit').click();
    await page.getByTestId('request-sent').waitFor();
    const listed = page.locator('[data-testid="my-request"][data-kind="deletion"][data-status="received"]');
    await listed.waitFor();
    expect(await listed.textContent()).toContain('삭제 요청');
    await screenshot(page, 'privacy-my-data');
    await page.context().close();

    const [request] = await app.db.query(`SELECT id, student_id AS "studentId" FROM privacy_requests WHERE kind = 'deletion'`);
    const staff = await (await newBrowserContext(browser)).newPage();
    await logIn(staff, app.baseUrl, 'principal@middle.ms.kr');
    await staff.goto(`${app.baseUrl}/consent`);
    await staff.getByRole('navigation', { name: '생성형 AI 동의 메뉴' }).getByRole('link', { name: '개인정보 요청' }).click();
    const row = staff.locator(`[data-testid="privacy-request-row"][data-id="${request.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('M15');
    await row.getByTestId('privacy-answer-open').click();
    const answer = staff.getByTestId('privacy-answer-form');
    await answer.getByLabel('처리 결과').selectOption('done');
    await answer.getByTestId('answer-destroys').waitFor();
    await answer.getByLabel(/^답변/).fill('요청하신 정보를 파기했습니다.');
    await staff.getByTestId('privacy-answer-submit').click();
    await staff.getByTestId('privacy-requests-empty').waitFor();
    await screenshot(staff, 'privacy-requests');
    await staff.context().close();

    const [answered] = await app.db.query(`SELECT status, outcome FROM privacy_requests WHERE id = $1`, [request.id]);
    expect(answered).toEqual({ status: 'answered', outcome: 'done' });
    const register = await app.db.query(`SELECT category FROM destruction_register WHERE request_id = $1`, [request.id]);
    expect(register.length).toBeGreaterThan(0);
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM consent_records WHERE student_id = $1`, [request.studentId]);
    expect(n).toBe(0);
  });
});
