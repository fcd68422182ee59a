/**
 * Browser check of the city administrator's management pages in the Korean web UI (apps/web, as
 * built by `npm run build`): 연수 과정 관리 (a new course and the basic pathway), and a designation's
 * page (a mid-term evaluation, a budget support entry, and revocation with a reason).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_WAIT, launchChromium, logIn, navigate } from '../support/browser';
import { applyAndSubmit, createCall } from '../support/designation-fixtures';
import { schoolId } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const WAIT = BROWSER_WAIT;
const ADMIN = 'admin@sen.go.kr';
const COURSE = 'AI-UI-101';
const SCHOOL = '서울불암초등학교';

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('city admin actions UI (browser)', () => {
  let app: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Client;
  let designationId: number;

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    app = await startTestApp({ worker: true });
    baseUrl = app.baseUrl;
    admin = await app.as({ email: ADMIN, role: 'city_admin', displayName: '교육청 관리자' });
    const bulam = await schoolId(app.db, SCHOOL);
    const principal = await app.as({ email: 'p@bulam.es.kr', role: 'principal', schoolId: bulam });
    const call = await createCall(admin, { type: 'research', title: '관리 화면 시험 공모' });
    const applicationId = await applyAndSubmit(principal, call.id);
    const decided = await admin.post(`/api/v1/designations/applications/${applicationId}/decision`, { decision: 'designate', reason: '심사 결과' });
    expect(decided.status).toBe(200);
    [{ id: designationId }] = await app.db.query(`SELECT id FROM designations WHERE application_id = $1`, [applicationId]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(WAIT);
    page = await context.newPage();
    // Revoking asks window.confirm first.
    page.on('dialog', (dialog) => void dialog.accept());
    await logIn(page, baseUrl, ADMIN);
  });

  afterEach(async () => {
    await context?.close();
  });

  it('creates a course, shows a duplicate as an error, and sets the basic pathway to it', async () => {
    await navigate(page, '연수 과정 관리');
    await page.waitForURL((url) => url.pathname === '/training/courses');
    const form = page.getByRole('form', { name: '새 연수 과정' });
    await form.getByLabel('과정 코드').fill(COURSE);
    await form.getByLabel('학년도').fill('2026');
    await form.getByLabel('과정명', { exact: true }).fill('AI 수업 첫걸음');
    await form.getByLabel('단계', { exact: true }).selectOption('basic');
    await form.getByLabel('운영 방식').selectOption('remote');
    await form.getByLabel('인정 시간').fill('12');
    await form.getByLabel('직원').check();
    await form.getByRole('button', { name: '차수 추가' }).click();
    await form.getByLabel('시작일').fill('2026-04-01');
    await form.getByLabel('종료일').fill('2026-04-30');
    await form.getByTestId('course-submit').click();
    await page.getByTestId('course-notice').filter({ hasText: COURSE }).waitFor();
    await page.getByTestId('course-table').filter({ hasText: 'AI 수업 첫걸음' }).waitFor();

    const courses = await admin.get('/api/v1/training/courses?schoolYear=2026');
    expect(courses.body).toEqual(expect.arrayContaining([expect.objectContaining({ code: COURSE, level: 'basic', deliveryMode: 'remote', creditHours: 12, audience: ['teacher', 'staff'] })]));

    // The same code again: 409 DUPLICATE, shown with ErrorMessage.
    await form.getByLabel('과정 코드').fill(COURSE);
    await form.getByLabel('과정명', { exact: true }).fill('같은 코드');
    await form.getByTestId('course-submit').click();
    await form.getByRole('alert').filter({ hasText: '연수 과정을 등록하지 못했습니다.' }).waitFor();

    const basic = page.getByRole('form', { name: '기본 단계 이수 경로' });
    await basic.getByLabel(COURSE).check();
    await basic.getByRole('button', { name: '기본 경로 저장' }).click();
    await page.getByTestId('pathway-basic-notice').waitFor();
    const pathways = await admin.get('/api/v1/training/pathways');
    expect(pathways.body.find((p: { level: string }) => p.level === 'basic').courseCodes).toEqual([COURSE]);
  }, 60_000);

  it('records an evaluation and a budget support entry, then revokes the designation with a reason', async () => {
    await navigate(page, '지정 학교');
    await page.getByRole('link', { name: `${SCHOOL} 연구학교 지정 상세` }).or(page.locator(`a[href="/designations/${designationId}"]`)).first().click();
    await page.waitForURL((url) => url.pathname === `/designations/${designationId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(SCHOOL) }).waitFor();

    const evaluation = page.getByRole('form', { name: '평가 등록' });
    await evaluation.getByLabel('평가 구분').selectOption('mid_term');
    await evaluation.getByLabel('평가일').fill('2027-09-01');
    await evaluation.getByLabel('점수').fill('82');
    await evaluation.getByLabel('평가 결과').selectOption('continue');
    await evaluation.getByLabel('비고').fill('운영 우수');
    await evaluation.getByRole('button', { name: '평가 등록' }).click();
    const evaluations = page.getByTestId('evaluation-table');
    await evaluations.filter({ hasText: '운영 우수' }).waitFor();
    const evaluationText = (await evaluations.textContent()) ?? '';
    expect(evaluationText).toContain('중간 평가');
    expect(evaluationText).toContain('82');
    expect(evaluationText).toContain('지정 유지');

    const support = page.getByRole('form', { name: '지원 등록' });
    await support.getByLabel('지원 구분').selectOption('budget');
    await support.getByLabel('예산(원)').fill('20000000');
    await support.getByLabel('지원일').fill('2027-04-01');
    await support.getByLabel('내용').fill('운영비');
    await support.getByRole('button', { name: '지원 등록' }).click();
    const ledger = page.getByTestId('support-table');
    await ledger.filter({ hasText: '운영비' }).waitFor();
    expect((await ledger.textContent()) ?? '').toContain('20,000,000원');

    await page.getByLabel('취소 사유').fill('운영 중단');
    await page.getByTestId('revoke-submit').click();
    const status = page.getByTestId('designation-status');
    await status.filter({ hasText: '취소' }).waitFor();
    expect((await status.textContent()) ?? '').toContain('운영 중단');

    const after = await admin.get(`/api/v1/designations/${designationId}`);
    expect(after.body).toMatchObject({ status: 'revoked', revokeReason: '운영 중단' });
    expect((await admin.get(`/api/v1/designations/${designationId}/evaluations`)).body).toEqual([expect.objectContaining({ kind: 'mid_term', score: 82, outcome: 'continue' })]);
  }, 60_000);
});
