/**
 * Browser check of the teacher-training and digital-badge pages (조례 제7조, Open Badges 3.0) in the
 * Korean web UI (apps/web, as built by `npm run build`), driven by playwright-core and Debian's
 * Chromium against the real api (serving the UI) and a real worker (which issues the badges).
 *
 * A teacher opens 나의 연수, sees the courses and badges and downloads the baked PNG; anyone without
 * a login verifies the badge, and sees a revoked one as revoked with the reason; the city admin
 * imports a file through the form, sees the counts and the bad rows, and revokes a badge.
 *
 * Set SCREENSHOT_DIR to keep a full-page PNG of each main page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, logIn, navigate, newBrowserContext, screenshot } from '../support/browser';
import { schoolId } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { completionCsv, createCourses } from '../support/training-fixtures';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const ADMIN = 'admin@sen.go.kr';
const TEACHER = 'kim@gaepo.es.kr';
const NEIS = '7010057';
const REVOKE_REASON = '이수 기록 오류(중복 등록)';

type Client = Awaited<ReturnType<TestApp['as']>>;
interface BadgeRow {
  id: string;
  name: string;
  pathwayLevel: string | null;
  status: string;
}

describe('training and badges UI (browser)', () => {
  let app: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Client;
  let teacher: Client;

  const login = (email: string) => logIn(page, baseUrl, email);

  const nav = (label: string) => navigate(page, label);

  const shot = (name: string, target: Page = page) => screenshot(target, name);

  const newContext = () => newBrowserContext(browser);

  async function myBadges(): Promise<BadgeRow[]> {
    const me = await teacher.get('/api/v1/training/me');
    expect(me.status).toBe(200);
    return me.body.badges;
  }

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    app = await startTestApp({ worker: true });
    baseUrl = app.baseUrl;
    admin = await app.as({ email: ADMIN, role: 'city_admin', displayName: '교육청 관리자' });
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    await app.db.query(`UPDATE schools SET neis_code = $2 WHERE id = $1`, [gaepo, NEIS]);
    teacher = await app.as({ email: TEACHER, role: 'teacher', schoolId: gaepo, displayName: '김교사' });
    await createCourses(admin);
    // The applied level needs one more course, so 나의 연수 has a next step to show.
    expect((await admin.put('/api/v1/training/pathways/applied', { courseCodes: ['AI-A-201'] })).status).toBe(200);
    const imported = await admin.upload(
      '/api/v1/training/completions/import',
      completionCsv([
        ['T-0001', '김교사', TEACHER, '교원', NEIS, 'AI-B-101', '1기', '2025-04-30', ''],
        ['T-0001', '김교사', TEACHER, '교원', NEIS, 'AI-B-102', '', '2025-05-20', '12'],
        ['S-0001', '박주무관', '', '직원', NEIS, 'AI-B-101', '1기', '2025-04-30', ''],
      ]),
      'completions.csv',
    );
    expect(imported.status).toBe(201);
    await app.waitForQueues();

    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await newContext();
    page = await context.newPage();
    // Revoking asks window.confirm first.
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterEach(async () => {
    await context?.close();
  });

  it('shows a teacher their courses, hours and badges, and downloads the baked PNG', async () => {
    const badges = await myBadges();
    expect(badges).toHaveLength(3);
    const basic = badges.find((b) => b.pathwayLevel === 'basic')!;
    expect(basic).toBeDefined();

    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await login(TEACHER);
    await nav('나의 연수');
    await page.waitForURL((url) => url.pathname === '/training/me');
    const table = page.getByTestId('completion-table');
    await table.waitFor();
    const rows = (await table.textContent()) ?? '';
    expect(rows).toContain('AI 교육 기본 이해');
    expect(rows).toContain('디지털 수업 도구 기초');
    expect(rows).toContain('원격');
    expect(rows).toContain('대면');
    await expect(page.getByTestId('participant-name').textContent()).resolves.toBe('김교사');
    await expect(page.getByTestId('stat-completions').textContent()).resolves.toBe('2');
    // 15 hours (the course's credit hours) + 12 hours (given in the file).
    await expect(page.getByTestId('stat-hours').textContent()).resolves.toBe('27');
    await expect(page.getByTestId('stat-levels').textContent()).resolves.toBe('기본');
    await expect(page.getByTestId('chart-hours-level').textContent()).resolves.toContain('27시간 · 2과정');
    await expect(page.getByTestId('chart-hours-year').textContent()).resolves.toContain('2025학년도');

    // 다음 단계: the applied level still needs AI-A-201, shown by its title.
    const next = page.getByTestId('next-level');
    await next.getByTestId('next-level-missing').filter({ hasText: 'AI 활용 수업 설계' }).waitFor();
    expect(await next.textContent()).toContain('활용 단계');
    // Not done: the levels after it are listed, and no "모든 단계를 이수" shows.
    await expect(next.getByTestId('next-level-remaining').textContent()).resolves.toContain('심화, 전문가');
    await expect(next.getByTestId('next-level-done').count()).resolves.toBe(0);

    // Three badges, all valid; the level badge among them, its image rendered.
    const list = page.getByTestId('badge-list');
    await expect(list.locator('li.badge-card').count()).resolves.toBe(3);
    for (const b of badges) {
      await expect(page.getByTestId(`badge-card-${b.id}`).getByTestId('badge-status').textContent()).resolves.toBe('유효');
    }
    const card = page.getByTestId(`badge-card-${basic.id}`);
    await expect(card.textContent()).resolves.toContain('기본 단계 배지');
    await expect(card.getByTestId('badge-name').textContent()).resolves.toBe(basic.name);
    await page.waitForFunction((id) => {
      const img = document.querySelector<HTMLImageElement>(`[data-badge-id="${id}"] img.badge-image`);
      return !!img && img.complete && img.naturalWidth > 0;
    }, basic.id);
    await shot('t01-my-training');

    // The baked PNG downloads, with the credential inside.
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('badge-png').click()]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.toString('latin1')).toContain('openbadgecredential');
    expect(png.toString('utf8')).toContain(basic.id);

    // The SVG downloads too.
    const [svg] = await Promise.all([page.waitForEvent('download'), card.getByTestId('badge-svg').click()]);
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);
    expect(readFileSync((await svg.path())!, 'utf8')).toContain('<openbadges:credential>');

    // 공유 링크 copies the verification page's address.
    await card.getByTestId('badge-share').click();
    await card.getByTestId('badge-share-notice').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(`${baseUrl}/badges/${basic.id}/verify`);

    // 검증 페이지 opens inside the app for a signed-in teacher.
    await card.getByTestId('badge-verify-link').click();
    await page.waitForURL((url) => url.pathname === `/badges/${basic.id}/verify`);
    await page.getByTestId('verify-verdict').and(page.locator('[data-status="valid"]')).waitFor();
  }, 120_000);

  it('verifies a badge without a login, and shows a revoked one as revoked with the reason', async () => {
    const badges = await myBadges();
    const basic = badges.find((b) => b.pathwayLevel === 'basic')!;
    const other = badges.find((b) => b.pathwayLevel === null && b.status === 'valid')!;

    // A fresh browser context: no session at all.
    const anon = await newContext();
    try {
      const visitor = await anon.newPage();
      await visitor.goto(`${baseUrl}/badges/${basic.id}/verify`);
      const verdict = visitor.getByTestId('verify-verdict');
      await verdict.waitFor();
      expect(visitor.url()).toBe(`${baseUrl}/badges/${basic.id}/verify`);
      await expect(verdict.getAttribute('data-status')).resolves.toBe('valid');
      await expect(visitor.getByTestId('verify-title').textContent()).resolves.toContain('유효한 배지');
      await expect(visitor.getByTestId('verify-status').textContent()).resolves.toBe('유효');
      await expect(visitor.getByTestId('verify-earner').textContent()).resolves.toBe('김교사');
      await expect(visitor.getByTestId('verify-achievement').textContent()).resolves.toBe(basic.name);
      await expect(visitor.getByTestId('verify-issuer').textContent()).resolves.toContain('서울특별시교육청');
      await expect(visitor.getByTestId('verify-criteria').count()).resolves.toBe(1);
      // Awarded on the day the level's last course was completed, midnight in Seoul.
      await expect(visitor.getByTestId('verify-valid-from').textContent()).resolves.toBe('2025. 5. 20. (화)');
      await expect(visitor.getByTestId('check-proof').getAttribute('data-ok')).resolves.toBe('true');
      await expect(visitor.getByTestId('verify-credential-json').getAttribute('href')).resolves.toBe(`/api/v1/badges/${basic.id}`);
      // No menu for a visitor, only the login link.
      await expect(visitor.getByRole('navigation', { name: '주 메뉴' }).count()).resolves.toBe(0);
      await expect(visitor.getByRole('link', { name: '로그인' }).count()).resolves.toBe(1);
      await shot('t02-verify-valid', visitor);
      if (SCREENSHOT_DIR) {
        // People open shared links on their phones.
        await visitor.setViewportSize({ width: 390, height: 844 });
        await shot('t02b-verify-valid-phone', visitor);
        await visitor.setViewportSize({ width: 1280, height: 900 });
      }

      // The city admin revokes another badge through the API; the visitor sees it revoked, with the reason.
      const revoked = await admin.post(`/api/v1/badges/${other.id}/revoke`, { reason: REVOKE_REASON });
      expect(revoked.status).toBe(200);
      await visitor.goto(`${baseUrl}/badges/${other.id}/verify`);
      await visitor.getByTestId('verify-verdict').and(visitor.locator('[data-status="revoked"]')).waitFor();
      await expect(visitor.getByTestId('verify-title').textContent()).resolves.toContain('취소된 배지');
      await expect(visitor.getByTestId('verify-status').textContent()).resolves.toBe('취소');
      await expect(visitor.getByTestId('verify-revoke-reason').textContent()).resolves.toContain(REVOKE_REASON);
      await expect(visitor.getByTestId('verify-earner').textContent()).resolves.toBe('김교사');
      // Revoked, but still signed by the issuer.
      await expect(visitor.getByTestId('check-proof').getAttribute('data-ok')).resolves.toBe('true');
      await expect(visitor.getByTestId('check-revocation').getAttribute('data-ok')).resolves.toBe('false');
      await shot('t03-verify-revoked', visitor);

      // An unknown badge fails verification.
      await visitor.goto(`${baseUrl}/badges/00000000-0000-0000-0000-000000000000/verify`);
      await visitor.getByTestId('verify-verdict').filter({ hasText: '검증 실패' }).waitFor();
    } finally {
      await anon.close();
    }

    // The teacher's own page shows the revoked badge as 취소, with the reason.
    await login(TEACHER);
    await page.goto(`${baseUrl}/training/me`);
    const card = page.getByTestId(`badge-card-${other.id}`);
    await expect(card.getByTestId('badge-status').textContent()).resolves.toBe('취소');
    await expect(card.getByTestId('badge-revoke-reason').textContent()).resolves.toContain(REVOKE_REASON);
    await expect(page.getByTestId('stat-badges').textContent()).resolves.toBe('2');
  }, 90_000);

  it('lets the city admin read the statistics, import a file through the form and revoke a badge', async () => {
    await login(ADMIN);
    await nav('연수 현황');
    await page.waitForURL((url) => url.pathname === '/training');
    await expect(page.getByTestId('stat-participants').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('stat-completions').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('chart-level').textContent()).resolves.toContain('기본');
    await expect(page.getByTestId('chart-mode').textContent()).resolves.toContain('원격');
    await expect(page.getByTestId('chart-office').textContent()).resolves.toContain('강남서초교육지원청');
    await expect(page.getByTestId('teacher-share-table').textContent()).resolves.toContain('서울개포초등학교');
    await page.getByTestId('participant-row-T-0001').waitFor();
    await expect(page.getByTestId('participant-total').textContent()).resolves.toBe('총 2명');
    await shot('t04-training-admin');

    // The participants list downloads as XLSX (a ZIP: PK…).
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('participants-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');

    // A small CSV: one new person, and one completion already on file (skipped by default).
    const csv = completionCsv([
      ['T-0300', '정교사', '', '교원', NEIS, 'AI-B-101', '1기', '2025-04-30', ''],
      ['T-0001', '김교사', TEACHER, '교원', NEIS, 'AI-B-101', '1기', '2025-04-30', ''],
    ]);
    await page.getByLabel('파일', { exact: true }).setInputFiles({ name: '이수자명단.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('import-file-name').textContent()).resolves.toContain('이수자명단.csv');
    await page.getByLabel('중복 처리', { exact: true }).selectOption('skip');
    await page.getByTestId('import-submit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    await expect(result.getByTestId('import-received').textContent()).resolves.toBe('2');
    await expect(result.getByTestId('import-inserted').textContent()).resolves.toBe('1');
    await expect(result.getByTestId('import-replaced').textContent()).resolves.toBe('0');
    await expect(result.getByTestId('import-skipped').textContent()).resolves.toBe('1');
    await expect(result.getByTestId('import-participants-created').textContent()).resolves.toBe('1');
    await result.getByTestId('badge-job').and(page.locator('[data-state="completed"]')).waitFor();
    await expect(result.getByTestId('badge-job-course').textContent()).resolves.toBe('1');
    await page.getByTestId('participant-total').filter({ hasText: '총 3명' }).waitFor();
    await shot('t05-import-done');

    // A bad file: every bad row and column is listed, nothing is imported.
    const bad = completionCsv([
      ['T-0400', '', 'not-an-email', '교원', NEIS, 'NOPE', '', '2025-04-30', ''],
      ['T-0401', '한교사', '', '교원', NEIS, 'AI-B-101', '9기', '2025-04-30', ''],
    ]);
    await page.getByLabel('파일', { exact: true }).setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByLabel('중복 처리', { exact: true }).selectOption('reject');
    await page.getByTestId('import-submit').click();
    const errors = page.getByTestId('import-error-table');
    await errors.waitFor();
    await expect(page.getByTestId('import-result').count()).resolves.toBe(0);
    const errorText = (await errors.textContent()) ?? '';
    expect(errorText).toContain('name (성명)');
    expect(errorText).toContain('email (이메일)');
    expect(errorText).toContain('course_code (과정코드)');
    expect(errorText).toContain('session_code');
    await expect(errors.locator('tbody tr').count()).resolves.toBe(4);
    await expect(page.getByTestId('import-error').textContent()).resolves.toContain('아무것도 가져오지 않았습니다');
    await shot('t06-import-rejected');

    // Search, open the new person's record, and revoke their badge with a reason.
    await page.getByLabel('이름 또는 식별번호').fill('정교사');
    await page.getByRole('button', { name: '검색', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === '정교사');
    await page.getByTestId('participant-total').filter({ hasText: '총 1명' }).waitFor();
    await page.getByTestId('participant-row-T-0300').getByRole('link', { name: '정교사' }).click();
    await page.waitForURL(/\/training\/participants\/\d+$/);
    await page.getByTestId('participant-title').filter({ hasText: '정교사님의 연수 기록' }).waitFor();
    const card = page.locator('li.badge-card').first();
    await expect(card.getByTestId('badge-status').textContent()).resolves.toBe('유효');
    await card.getByTestId('badge-revoke-open').click();
    await card.getByLabel('취소 사유 (필수)').fill(REVOKE_REASON);
    await card.getByTestId('badge-revoke-submit').click();
    await card.getByTestId('badge-status').filter({ hasText: '취소' }).waitFor();
    await expect(card.getByTestId('badge-revoke-reason').textContent()).resolves.toContain(REVOKE_REASON);
    await expect(card.getByTestId('badge-revoke-open').count()).resolves.toBe(0);
    await shot('t07-participant-revoked');

    // The breadcrumb leads back to the list, the search kept out of it.
    await page.locator('.breadcrumb').getByRole('link', { name: '연수 현황' }).click();
    await page.waitForURL((url) => url.pathname === '/training');
    await page.getByTestId('participant-row-T-0001').waitFor();
  }, 120_000);

  it("gives a principal their own record page and their school's people", async () => {
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    await app.as({ email: 'principal@gaepo.es.kr', role: 'principal', schoolId: gaepo, displayName: '개포초 교장' });
    await login('principal@gaepo.es.kr');
    await nav('나의 연수');
    await page.getByTestId('no-training-record').waitFor();
    await nav('우리 학교 연수');
    await page.getByTestId('participant-row-T-0001').waitFor();
    // Statistics and the import are for administrators.
    await expect(page.getByTestId('training-stats').count()).resolves.toBe(0);
    await expect(page.getByTestId('import-form').count()).resolves.toBe(0);
    await page.getByTestId('participant-row-T-0001').getByRole('link', { name: '김교사' }).click();
    await page.getByTestId('participant-title').filter({ hasText: '김교사님의 연수 기록' }).waitFor();
    await expect(page.getByTestId('badge-revoke-open').count()).resolves.toBe(0);
    await shot('t08-principal-participant');
  }, 60_000);

  it('says what remains when every pathway is done but not every level has one', async () => {
    // The applied level now needs only a course the teacher has: basic and applied are earned,
    // advanced and expert have no pathway yet, so the teacher is not done.
    expect((await admin.put('/api/v1/training/pathways/applied', { courseCodes: ['AI-B-101'] })).status).toBe(200);
    await login(TEACHER);
    await nav('나의 연수');
    const next = page.getByTestId('next-level');
    const remaining = next.getByTestId('next-level-remaining');
    await remaining.waitFor();
    expect(await remaining.textContent()).toContain('남은 단계: 심화, 전문가');
    await expect(next.getByTestId('next-level-done').count()).resolves.toBe(0);
    expect(await next.textContent()).not.toContain('모든 단계를 이수했습니다');
  }, 60_000);
});
