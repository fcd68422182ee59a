/**
 * Browser check of the account pages of the Korean web UI (apps/web, as built by `npm run build`):
 * 사용자 관리 for a principal (a new teacher with the one-time link, a field error, a roster
 * imported with a preview, the printable links) and a district admin (disabling a teacher); the
 * activation link on a fresh browser (a weak password refused with its rule, then signed in), 내 정보
 * (name and password; the old token stops working), a temporary password forcing 새 비밀번호 설정,
 * the city's 계정 감사 기록, the activation page at phone width, and the SSO landing and button.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { codedSchools, CodedSchool, linkToken, rosterCsv } from '../support/account-fixtures';
import { cspViolations, launchChromium, logIn, navigate, newBrowserContext, screenshot } from '../support/browser';
import { HttpClient } from '../support/http-client';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';

const CITY = 'city@sen.go.kr';
const DISTRICT = 'gangnam@sen.go.kr';
const PRINCIPAL = 'principal.a@sen.go.kr';
const TEACHER = 'kim.saerom@sen.go.kr';
const FIRST_PASSWORD = 'harbor-lights-2026';
const SECOND_PASSWORD = 'river-stones-2027';

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('accounts UI (browser)', () => {
  let app: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let principal: Client;
  let s: { a: CodedSchool; b: CodedSchool; c: CodedSchool; elsewhere: CodedSchool };
  const contexts: BrowserContext[] = [];
  /** Set by the first test: the new teacher's one-time activation link. */
  let activationUrl = '';

  /** A new browser (no session), with window.confirm accepted. */
  async function freshPage(viewport?: { width: number; height: number }): Promise<Page> {
    const context = await newBrowserContext(browser, viewport);
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    return page;
  }

  const header = (page: Page) => page.getByTestId('current-user');
  const tab = (page: Page, name: string) => page.getByRole('navigation', { name: '사용자 관리 메뉴' }).getByRole('link', { name, exact: true }).click();
  const storedToken = (page: Page) => page.evaluate(() => sessionStorage.getItem('aiedu.token'));

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    app = await startTestApp();
    baseUrl = app.baseUrl;
    s = await codedSchools(app.db);
    await app.as({ email: CITY, role: 'city_admin', displayName: '교육청 담당' });
    await app.as({ email: DISTRICT, role: 'district_admin', districtOffice: 'gangnam-seocho', displayName: '강남 담당' });
    principal = await app.as({ email: PRINCIPAL, role: 'principal', schoolId: s.a.id, displayName: '가학교 교장' });
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets a principal create a teacher (field error, then the one-time link), import a roster with a preview and print its links', async () => {
    const page = await freshPage();
    await logIn(page, baseUrl, PRINCIPAL);
    await navigate(page, '사용자 관리');
    await page.waitForURL((url) => url.pathname === '/users');
    // A principal's list is their teachers: no role or school filter.
    expect(await page.locator('#users-role').count()).toBe(0);
    expect(await page.locator('#users-school').count()).toBe(0);

    await page.getByTestId('new-user').click();
    await page.waitForURL((url) => url.pathname === '/users/new');
    const form = page.getByRole('form', { name: '새 사용자' });
    await page.getByTestId('user-school-fixed').filter({ hasText: s.a.name }).waitFor();
    await expect(page.getByTestId('user-role-fixed').textContent()).resolves.toBe('교원');
    const email = form.getByLabel('이메일 (아이디)');
    // The browser takes it; the server does not (no top-level domain), and says so under the field.
    await email.fill('kim@school');
    await form.getByLabel('이름', { exact: true }).fill('김새롬');
    await form.getByLabel('교원번호 (선택)').fill('T-1001');
    await form.getByTestId('create-user').click();
    const emailError = page.getByTestId('user-email-error');
    await emailError.waitFor();
    await expect(emailError.textContent()).resolves.toContain('이메일 주소 형식이 아닙니다');
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByTestId('create-user-error').waitFor();
    await screenshot(page, 'accounts-01-field-error');

    await email.fill(TEACHER);
    await form.getByTestId('create-user').click();
    const link = page.getByTestId('activation-url');
    await link.waitFor();
    activationUrl = await link.inputValue();
    expect(activationUrl).toMatch(/\/activate\?token=[A-Za-z0-9_-]{43}$/);
    const created = (await page.getByTestId('created-account').textContent()) ?? '';
    expect(created).toContain('지금 한 번만');
    expect(created).toContain('활성화 링크 인쇄');
    await screenshot(page, 'accounts-02-created');

    await tab(page, '명단 가져오기');
    await page.waitForURL((url) => url.pathname === '/users/import');
    const csv = rosterCsv([
      [s.a.code, 'T-2001', '박교사', 'park@sen.go.kr', '교사'],
      [s.a.code, 'T-2002', '이교사', 'lee@sen.go.kr', 'teacher'],
    ]);
    await page.locator('#roster-file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('roster-preview').click();
    const preview = page.getByTestId('roster-preview-result');
    await preview.waitFor();
    await expect(preview.getByTestId('roster-created').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('roster-changes').textContent()).resolves.toContain('박교사');
    // A preview changes nothing.
    expect(await app.db.query(`SELECT 1 FROM users WHERE teacher_number IN ('T-2001', 'T-2002')`)).toHaveLength(0);
    await screenshot(page, 'accounts-03-roster-preview');

    await page.getByTestId('roster-apply').click();
    const done = page.getByTestId('roster-done');
    await done.waitFor();
    await expect(done.getByTestId('roster-created').textContent()).resolves.toBe('2');
    await expect(done.getByTestId('roster-links-count').textContent()).resolves.toBe('2');
    expect(await app.db.query(`SELECT 1 FROM users WHERE teacher_number IN ('T-2001', 'T-2002')`)).toHaveLength(2);

    await page.getByTestId('roster-print-links').click();
    await page.waitForURL((url) => url.pathname === '/users/links' && url.searchParams.has('batchId'));
    const slips = page.getByTestId('link-slip');
    await slips.first().waitFor();
    expect(await slips.count()).toBe(2);
    const sheet = (await page.getByTestId('link-sheet').textContent()) ?? '';
    for (const text of ['박교사', '이교사', 'park@sen.go.kr', s.a.name, '/activate?token=']) expect(sheet).toContain(text);
    await expect(slips.first().getByTestId('slip-expiry').textContent()).resolves.toMatch(/^\d{4}\. \d{1,2}\. \d{1,2}\. \(.\) 오[전후] \d{1,2}:\d{2}$/);
    await screenshot(page, 'accounts-04-links-sheet');
  }, 60_000);

  it('lets a district admin find a teacher and disable the account', async () => {
    const page = await freshPage();
    await logIn(page, baseUrl, DISTRICT);
    await navigate(page, '사용자 관리');
    await page.waitForURL((url) => url.pathname === '/users');
    // An office gives principals and teachers only.
    await page.locator('#users-role').waitFor();
    expect(await page.locator('#users-role option').allTextContents()).toEqual(['전체', '학교장', '교원']);
    await page.getByLabel('검색어').fill('박교사');
    await page.getByRole('search', { name: '사용자 검색' }).getByRole('button', { name: '검색' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === '박교사');
    await page.getByTestId('user-total').filter({ hasText: '총 1명' }).waitFor();
    await screenshot(page, 'accounts-05-user-list');
    await page.getByTestId('user-table').getByRole('link', { name: '박교사' }).click();
    await page.waitForURL((url) => /^\/users\/[0-9a-f-]{36}$/.test(url.pathname));
    const id = new URL(page.url()).pathname.split('/').pop()!;

    await page.getByTestId('toggle-status').click();
    await page.getByTestId('account-status').filter({ hasText: '사용 중지' }).waitFor();
    await expect(page.getByTestId('toggle-status').textContent()).resolves.toBe('다시 사용');
    await screenshot(page, 'accounts-05-user-disabled');
    const after = await principal.get(`/api/v1/users/${id}`);
    expect(after.body).toMatchObject({ status: 'disabled', name: '박교사' });
  }, 60_000);

  it('activates the new teacher from the link (a weak password refused with its rule), then 내 정보 changes the name and the password', async () => {
    expect(activationUrl).not.toBe('');
    const page = await freshPage();
    await page.goto(`${baseUrl}/activate?token=${linkToken(activationUrl)}`);
    await page.getByTestId('activate-greeting').filter({ hasText: '김새롬' }).waitFor();
    await expect(page.getByTestId('activate-email').textContent()).resolves.toBe(TEACHER);
    // The token has left the address bar.
    expect(new URL(page.url()).search).toBe('');

    const form = page.getByRole('form', { name: '계정 활성화' });
    await form.getByLabel('새 비밀번호', { exact: true }).fill('password1234!');
    await form.getByLabel('새 비밀번호 확인').fill('password1234!');
    // Long enough and of three kinds: the browser lets it go, the server's list of common passwords does not.
    await expect(page.getByTestId('password-rule-too_short').getAttribute('data-state')).resolves.toBe('ok');
    await page.getByTestId('activate-submit').click();
    await page.locator('[data-testid="password-rule-common"][data-state="failed"]').waitFor();
    await expect(page.getByTestId('activate-error').textContent()).resolves.toContain('널리 쓰여');
    await screenshot(page, 'accounts-06-weak-password');

    await form.getByLabel('새 비밀번호', { exact: true }).fill(FIRST_PASSWORD);
    await form.getByLabel('새 비밀번호 확인').fill(FIRST_PASSWORD);
    await page.getByTestId('activate-submit').click();
    await page.waitForURL((url) => url.pathname === `/schools/${s.a.id}`);
    await header(page).filter({ hasText: '김새롬' }).waitFor();

    await page.getByTestId('my-account-link').click();
    await page.waitForURL((url) => url.pathname === '/me');
    await expect(page.getByTestId('me-facts').textContent()).resolves.toContain(s.a.name);
    await page.getByRole('form', { name: '이름 바꾸기' }).getByLabel('이름', { exact: true }).fill('김새롬 선생');
    await page.getByTestId('save-name').click();
    await page.getByTestId('name-notice').filter({ hasText: '바꿨습니다' }).waitFor();
    await header(page).filter({ hasText: '김새롬 선생' }).waitFor();

    const oldToken = await storedToken(page);
    expect(oldToken).toBeTruthy();
    const passwordForm = page.getByRole('form', { name: '비밀번호 바꾸기' });
    await passwordForm.getByLabel('현재 비밀번호').fill(FIRST_PASSWORD);
    await passwordForm.getByLabel('새 비밀번호', { exact: true }).fill(SECOND_PASSWORD);
    await passwordForm.getByLabel('새 비밀번호 확인').fill(SECOND_PASSWORD);
    await page.getByTestId('change-password').click();
    await page.getByTestId('password-notice').waitFor();
    await screenshot(page, 'accounts-07-me');
    const newToken = await storedToken(page);
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(oldToken);

    const old = new HttpClient(baseUrl);
    old.token = oldToken!;
    expect((await old.get('/api/v1/auth/me')).status).toBe(401);
    const current = new HttpClient(baseUrl);
    current.token = newToken!;
    const me = await current.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: TEACHER, name: '김새롬 선생', activated: true });
    // The tab goes on with the new token.
    await page.reload();
    await header(page).filter({ hasText: '김새롬 선생' }).waitFor();
    await page.getByRole('heading', { level: 1, name: '내 정보' }).waitFor();

    // 로그아웃 ends the token on the server, not only in this tab.
    await header(page).getByRole('button', { name: '로그아웃' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect((await current.get('/api/v1/auth/me')).status).toBe(401);
  }, 60_000);

  it('makes a person signed in with a temporary password choose a new one before anything else', async () => {
    const admin = await freshPage();
    await logIn(admin, baseUrl, PRINCIPAL);
    await navigate(admin, '사용자 관리');
    await admin.getByTestId('user-table').getByRole('link', { name: '이교사' }).click();
    await admin.waitForURL((url) => /^\/users\/[0-9a-f-]{36}$/.test(url.pathname));
    await admin.getByLabel('임시 비밀번호').check();
    await admin.getByTestId('reset-password').click();
    const shown = admin.getByTestId('temporary-password');
    await shown.waitFor();
    const temporary = await shown.inputValue();
    expect(temporary.length).toBeGreaterThanOrEqual(10);
    await screenshot(admin, 'accounts-08-temporary-password');

    const page = await freshPage();
    await logIn(page, baseUrl, 'lee@sen.go.kr', temporary);
    await page.getByRole('heading', { level: 1, name: '새 비밀번호 설정' }).waitFor();
    expect(await page.getByRole('navigation', { name: '주 메뉴' }).count()).toBe(0);
    await screenshot(page, 'accounts-09-forced-password');
    const form = page.getByRole('form', { name: '새 비밀번호 설정' });
    await form.getByLabel('임시 비밀번호').fill(temporary);
    await form.getByLabel('새 비밀번호', { exact: true }).fill('maple-garden-77');
    await form.getByLabel('새 비밀번호 확인').fill('maple-garden-77');
    await page.getByTestId('change-password').click();
    await page.getByRole('navigation', { name: '주 메뉴' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/schools/${s.a.id}`);
    const lee = await new HttpClient(baseUrl).login('lee@sen.go.kr', 'maple-garden-77');
    expect((await lee.get('/api/v1/auth/me')).body.mustChangePassword).toBe(false);
  }, 60_000);

  it('shows the city admin the account audit, filtered to sign-ins', async () => {
    const page = await freshPage();
    await logIn(page, baseUrl, CITY);
    await navigate(page, '사용자 관리');
    await tab(page, '계정 감사 기록');
    await page.waitForURL((url) => url.pathname === '/users/audit');
    const list = page.getByTestId('audit-list');
    await list.waitFor();
    const text = (await list.textContent()) ?? '';
    for (const expected of ['계정 생성', '사용 중지', '비밀번호 초기화', '계정 활성화', '비밀번호 변경', '활성화 링크 인쇄', '로그인', '가학교 교장', '강남 담당']) expect(text).toContain(expected);
    await screenshot(page, 'accounts-10-audit');

    // 20 at a time, newest first; 더 보기 asks for the ones before the last shown.
    const [{ total }] = await app.db.query(`SELECT count(*)::int AS total FROM audit_log WHERE entity_type = 'user'`);
    expect(total).toBeGreaterThan(20);
    expect(await page.getByTestId('audit-entry').count()).toBe(20);
    await page.getByTestId('audit-more').click();
    await page.getByTestId('audit-entry').nth(Math.min(total, 40) - 1).waitFor();
    expect(await page.getByTestId('audit-entry').count()).toBe(Math.min(total, 40));

    await page.getByLabel('기록 종류').selectOption('login');
    await page.waitForURL((url) => url.searchParams.get('action') === 'login');
    // Only sign-ins are left once the filtered answer is in.
    await page.waitForFunction(() => {
      const entries = Array.from(document.querySelectorAll('[data-testid="audit-entry"]'));
      return entries.length > 0 && entries.every((e) => e.getAttribute('data-action')?.startsWith('login.'));
    });
    await expect(page.getByTestId('audit-list').textContent()).resolves.toContain('로그인');
  }, 60_000);

  it('fits the activation page on a phone, and signs in from the SSO landing; the login page offers 교육청 통합 로그인', async () => {
    const created = await principal.post('/api/v1/users', { email: 'phone@sen.go.kr', name: '최폰', role: 'teacher', schoolId: s.a.id });
    expect(created.status).toBe(201);
    const phone = await freshPage({ width: 390, height: 844 });
    await phone.goto(`${baseUrl}/activate?token=${linkToken(created.body.activationUrl)}`);
    await phone.getByTestId('activate-greeting').filter({ hasText: '최폰' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const button = await phone.getByTestId('activate-submit').boundingBox();
    expect(button!.width).toBeGreaterThan(300);
    expect(button!.x + button!.width).toBeLessThanOrEqual(390);
    await screenshot(phone, 'accounts-11-activate-phone');

    // The identity provider's redirect lands on /login/sso#token=…
    const signedIn = await new HttpClient(baseUrl).login(CITY, TEST_PASSWORD);
    const page = await freshPage();
    await page.goto(`${baseUrl}/login/sso#token=${signedIn.token}&expiresIn=28800`);
    await page.waitForURL((url) => url.pathname === '/dashboard');
    expect(new URL(page.url()).hash).toBe('');
    await expect(storedToken(page)).resolves.toBe(signedIn.token);
    await header(page).filter({ hasText: '교육청 담당' }).waitFor();

    const anonymous = await freshPage();
    await anonymous.goto(`${baseUrl}/login/sso`);
    await anonymous.getByTestId('sso-error').waitFor();
    await anonymous.route('**/api/v1/auth/methods', (route) => route.fulfill({ json: { password: false, oidc: true } }));
    await anonymous.goto(`${baseUrl}/login`);
    await expect(anonymous.getByTestId('sso-login').getAttribute('href')).resolves.toBe('/api/v1/auth/oidc/login');
    await anonymous.getByTestId('password-login-off').waitFor();
    expect(await anonymous.getByLabel('비밀번호').count()).toBe(0);
    await screenshot(anonymous, 'accounts-12-login-sso');
  }, 60_000);

  it('lets the Content-Security-Policy refuse nothing the account pages need', () => {
    expect(cspViolations).toEqual([]);
  });
});
