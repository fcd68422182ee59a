/**
 * The web UI's routes (React Router's data router, apps/web/src/routes.tsx) in Chromium against the real
 * api: the login with ?next= for a page opened without a session, the title of every page, a public page
 * opened signed in (the signed-in frame with its menu), 접근 권한이 없습니다 for a role the page is not
 * for, 페이지를 찾을 수 없습니다 for an unknown address or an `:id` that is no number.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, logIn, navigate, newBrowserContext } from '../support/browser';
import { schoolId } from '../support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

const SITE = '서울특별시교육청 AI 교육 플랫폼';
const PRINCIPAL = 'principal@gaepo.es.kr';
const TEACHER = 'teacher@gaepo.es.kr';

describe('routes, titles and access (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let gaepo: number;

  const title = async (expected: string) => {
    await page.waitForFunction((t) => document.title === t, `${expected} · ${SITE}`);
  };
  const heading = (name: string) => page.getByRole('heading', { level: 1, name }).waitFor();

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    app = await startTestApp();
    gaepo = await schoolId(app.db, '서울개포초등학교');
    await app.as({ email: PRINCIPAL, role: 'principal', schoolId: gaepo, displayName: '개포초 교장' });
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

  it('sends a page opened without a session to the login, and back to it after', async () => {
    await page.goto(`${app.baseUrl}/schools?q=%EA%B0%9C%ED%8F%AC`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/schools?q=%EA%B0%9C%ED%8F%AC');
    await title('로그인');
    await page.getByLabel('이메일').fill(PRINCIPAL);
    await page.getByLabel('비밀번호').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    // A principal has one school: the school list (the address they were going to) opens it instead.
    await page.waitForURL((url) => url.pathname === `/schools/${gaepo}`);
    await title('우리 학교 AI 교실');
  });

  it("takes a principal or a teacher to their own school, not a list of one school", async () => {
    await app.as({ email: TEACHER, role: 'teacher', schoolId: gaepo, displayName: '개포초 교사' });
    for (const email of [PRINCIPAL, TEACHER]) {
      const context2 = await newBrowserContext(browser);
      const page2 = await context2.newPage();
      try {
        await logIn(page2, app.baseUrl, email);
        const menu = page2.getByRole('navigation', { name: '주 메뉴' });
        await menu.getByRole('link', { name: '우리 학교 AI 교실' }).waitFor();
        expect(await menu.getByRole('link', { name: '학교 목록', exact: true }).count()).toBe(0);
        await expect(menu.getByRole('link', { name: '우리 학교 AI 교실' }).getAttribute('href')).resolves.toBe(`/schools/${gaepo}`);
        // /schools replaces itself with the school: going back does not return to the list.
        await page2.goto(`${app.baseUrl}/designated`);
        await page2.getByRole('heading', { level: 1, name: '선도학교·연구학교 지정 현황' }).waitFor();
        await page2.goto(`${app.baseUrl}/schools?q=%EA%B0%9C%ED%8F%AC`);
        await page2.waitForURL((url) => url.pathname === `/schools/${gaepo}`);
        await page2.getByTestId('school-name').waitFor();
        await page2.goBack();
        await page2.waitForURL((url) => url.pathname === '/designated');
      } finally {
        await context2.close();
      }
    }
  }, 90_000);

  it('shows a public page opened signed in inside the signed-in frame, then the menu\'s pages with their titles', async () => {
    await logIn(page, app.baseUrl, PRINCIPAL);
    expect(new URL(page.url()).pathname).toBe(`/schools/${gaepo}`);
    await title('우리 학교 AI 교실');
    // A reload on a public page: the signed-in frame comes first, the signed-in routes with it.
    await page.goto(`${app.baseUrl}/designated`);
    await heading('선도학교·연구학교 지정 현황');
    await title('지정 현황');
    await navigate(page, '설문');
    await page.waitForURL((url) => url.pathname === '/surveys');
    await title('설문');
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/designated');
    await title('지정 현황');
  });

  it('refuses a page to a role it is not for, and has no page for an unknown address or a wrong id', async () => {
    await logIn(page, app.baseUrl, PRINCIPAL);
    await page.goto(`${app.baseUrl}/admin/jobs`);
    await heading('접근 권한이 없습니다.');
    await page.getByText('작업 현황은 교육청 관리자만 볼 수 있습니다.').waitFor();
    await title('접근 권한이 없습니다');
    await page.goto(`${app.baseUrl}/designations/calls/abc`);
    await heading('페이지를 찾을 수 없습니다.');
    await page.goto(`${app.baseUrl}/no/such/page`);
    await heading('페이지를 찾을 수 없습니다.');
    await title('페이지를 찾을 수 없습니다');
    // The home address takes a signed-in person to their own start page.
    await page.goto(`${app.baseUrl}/`);
    await page.waitForURL((url) => url.pathname === `/schools/${gaepo}`);
  });
});
