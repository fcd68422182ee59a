/**
 * Browser check of the 조례 이행 pages in the built Korean UI against the real api: 제4조 the adopted basic plan and
 * its 2026 yearly plan with the indicators' live values; 제8조 the public 우수사례 gallery (respond.html, no login)
 * showing a published case and not an unpublished one; 제10조 a nomination made by a principal and decided by the
 * city through the UI. Every page under the strict Content-Security-Policy, with nothing refused.
 *
 * Set SCREENSHOT_DIR to keep a full-page PNG of each page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { minimalPdf } from '@app/core';
import { seedDemoPlans } from '../../apps/cli/src/demo-plans';
import { cspViolations, launchChromium, logIn, navigate, newBrowserContext, screenshot } from '../support/browser';
import { schoolId } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('조례 이행: plans, the public gallery and commendations (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let city: Client;
  let office: Client;
  let principal: Client;
  let gaepo: number;

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'respond.html'))).toBe(true);
    app = await startTestApp({ worker: true });
    gaepo = await schoolId(app.db, '서울개포초등학교');
    const [{ office: officeCode }] = await app.db.query(`SELECT d.office_code AS office FROM schools s JOIN districts d ON d.name = s.district WHERE s.id = $1`, [gaepo]);
    city = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin', displayName: '교육청 관리자' });
    office = await app.as({ email: 'office@sen.go.kr', role: 'district_admin', districtOffice: officeCode, displayName: '교육지원청 담당' });
    principal = await app.as({ email: 'principal@gaepo.es.kr', role: 'principal', schoolId: gaepo, displayName: '개포초 교장' });
    await app.as({ email: 'teacher@gaepo.es.kr', role: 'teacher', schoolId: gaepo, displayName: '김교사' });
    await seedDemoPlans(app.api);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await (await newBrowserContext(browser)).newPage();
    await logIn(page, app.baseUrl, email);
    return page;
  }

  it('shows the adopted basic plan and the yearly plan with the indicators’ live values', async () => {
    const page = await signedIn('admin@sen.go.kr');
    await navigate(page, '기본계획');
    const row = page.locator('[data-testid="plan-row"][data-status="adopted"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('2026~2030학년도');
    expect(await page.title()).toContain('기본계획');
    await row.getByRole('link').first().click();

    await page.getByTestId('plan-status').waitFor();
    expect(await page.getByTestId('plan-status').getAttribute('data-status')).toBe('adopted');
    expect(await page.getByTestId('plan-status').textContent()).toBe('확정');
    expect(await page.getByTestId('plan-item').count()).toBe(8);
    expect(await page.getByTestId('plan-fourth-ref').textContent()).toContain('4차 산업혁명');
    // Adopted: read only, with 개정안 만들기 instead of the draft's form.
    expect(await page.getByTestId('plan-form').count()).toBe(0);
    await page.getByTestId('plan-revise-open').waitFor();
    await screenshot(page, 'ordinance-plan');

    await page.locator('[data-testid="yearly-link"][data-year="2026"]').click();
    await page.getByTestId('indicator-card').first().waitFor();
    const catalogue = await city.get('/api/v1/indicators?year=2026');
    expect(catalogue.status).toBe(200);
    expect(await page.getByTestId('indicator-card').count()).toBe(catalogue.body.items.length);
    // A live indicator shows the value the api computes now.
    const coverage = catalogue.body.items.find((i: { id: string }) => i.id === 'classroom.coverage');
    expect(coverage.value).not.toBeNull();
    const shown = await page.locator('[data-testid="indicator-card"][data-id="classroom.coverage"] [data-testid="indicator-value"]').textContent();
    expect(shown).toBe(`${(coverage.value * 100).toLocaleString('ko-KR', { maximumFractionDigits: 1 })}%`);
    const count = catalogue.body.items.find((i: { unit: string; manual: boolean; value: number | null }) => i.unit === 'count' && !i.manual && i.value !== null);
    if (count) {
      expect(await page.locator(`[data-testid="indicator-card"][data-id="${count.id}"] [data-testid="indicator-value"]`).textContent()).toBe(count.value.toLocaleString('ko-KR', { maximumFractionDigits: 2 }));
    }
    // A manual indicator: the figure typed in on its task, with who entered it.
    const manual = page.locator('[data-testid="indicator-card"][data-id="curriculum.programs"]');
    expect(await manual.getAttribute('data-manual')).toBe('true');
    expect(await manual.getByTestId('indicator-value').textContent()).toBe('4');
    expect(await manual.getByTestId('indicator-entered').textContent()).toContain('입력');

    // The tasks, grouped by the eight items, with budgets in won and status badges.
    expect(await page.getByTestId('task-item').count()).toBe(8);
    const task = page.getByTestId('task-row').filter({ hasText: '신나는 AI 교실 확대 구축' });
    expect(await task.textContent()).toContain('10,000,000,000원');
    expect(await task.textContent()).toMatch(/정상|주의|지연/);
    expect(await page.getByTestId('year-budget').textContent()).toMatch(/원$/);
    await screenshot(page, 'ordinance-yearly-plan');
    await page.context().close();
  });

  it('shows a published case in the public gallery without login, and not an unpublished one', async () => {
    const published = await principal.post('/api/v1/cases', { title: '생성형 AI로 함께 쓰는 과학 탐구 보고서', area: 'lesson', description: '학생들이 AI 도구로 실험 자료를 분석했습니다.' });
    expect(published.status).toBe(201);
    expect((await office.post(`/api/v1/cases/${published.body.id}/review`, { decision: 'approve', comment: '구체적입니다.' })).status).toBe(200);
    expect((await city.post(`/api/v1/cases/${published.body.id}/publish`)).status).toBe(200);
    const waiting = await principal.post('/api/v1/cases', { title: '검토 중인 동아리 사례', area: 'club', description: '아직 공개되지 않은 사례입니다.' });
    expect(waiting.status).toBe(201);

    const page = await (await newBrowserContext(browser)).newPage();
    await page.goto(`${app.baseUrl}/cases/public`);
    await page.getByTestId('gallery-title').waitFor();
    expect(await page.title()).toContain('AI 교육 우수사례');
    const card = page.locator(`[data-testid="gallery-case"][data-id="${published.body.id}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('생성형 AI로 함께 쓰는 과학 탐구 보고서');
    expect(await card.textContent()).toContain('초등학교');
    expect(await page.getByTestId('gallery-case').count()).toBe(1);
    expect(await page.getByText('검토 중인 동아리 사례').count()).toBe(0);
    // No login: the api answered without a token, and this is the small public document.
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await screenshot(page, 'ordinance-gallery');

    // Search by level and area.
    await page.getByLabel('학교급').selectOption('middle');
    await page.getByTestId('gallery-submit').click();
    await page.getByText('조건에 맞는 공개 사례가 없습니다.').waitFor();
    await page.getByLabel('학교급').selectOption('elementary');
    await page.getByLabel('영역').selectOption('lesson');
    await page.getByTestId('gallery-submit').click();
    await card.waitFor();
    expect(await page.getByTestId('gallery-case').count()).toBe(1);
    await page.context().close();
  });

  it('takes a nomination from a principal and the city’s decision through the UI', async () => {
    const page = await signedIn('principal@gaepo.es.kr');
    await navigate(page, '표창');
    await page.getByTestId('nominate-open').click();
    const form = page.getByTestId('nomination-form');
    await form.getByLabel('추천 대상').selectOption('school');
    expect(await form.getByLabel('학교').inputValue()).toBe('서울개포초등학교');
    await form.getByLabel('추천 사유').fill('AI 교실 운영과 교원 연수로 AI 교육 확산에 기여');
    await page.getByTestId('nominate-submit').click();
    const row = page.locator('[data-testid="nomination-row"][data-status="nominated"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('서울개포초등학교');
    expect(await row.getByTestId('nomination-status').textContent()).toBe('추천');
    await screenshot(page, 'ordinance-nomination');
    await page.context().close();

    const [{ id }] = await app.db.query(`SELECT id FROM commendations WHERE nominee_school_id = $1`, [gaepo]);
    const cityPage = await signedIn('admin@sen.go.kr');
    await navigate(cityPage, '표창');
    const cityRow = cityPage.locator(`[data-testid="nomination-row"][data-id="${id}"]`);
    await cityRow.waitFor();
    await cityRow.getByLabel('결정', { exact: true }).selectOption('awarded');
    await cityRow.getByLabel('결정 사유').fill('심사위원회 심의 결과 표창 대상으로 선정');
    await cityRow.getByTestId('decision-submit').click();
    await cityPage.locator(`[data-testid="nomination-row"][data-id="${id}"][data-status="awarded"]`).waitFor();
    expect(await cityRow.textContent()).toContain('서울특별시교육감 표창');
    const exported = cityPage.waitForEvent('download');
    await cityPage.getByTestId('commendations-export').click();
    expect((await exported).suggestedFilename()).toMatch(/^표창_\d{4}\.xlsx$/);
    await screenshot(cityPage, 'ordinance-decision');
    await cityPage.context().close();

    const [decided] = await app.db.query(`SELECT status, award_title AS "awardTitle" FROM commendations WHERE id = $1`, [id]);
    expect(decided).toEqual({ status: 'awarded', awardTitle: '서울특별시교육감 표창' });
  });

  it('lets the city draft a plan, marks the empty items when adoption is refused, then adopts it', async () => {
    const page = await signedIn('admin@sen.go.kr');
    page.on('dialog', (dialog) => void dialog.accept());
    await navigate(page, '기본계획');
    await page.getByTestId('new-plan').click();
    await page.getByLabel('시작 학년도').fill('2031');
    await page.getByRole('button', { name: '초안 만들기' }).click();
    const form = page.getByTestId('plan-form');
    await form.waitFor();
    expect(await page.getByTestId('plan-status').getAttribute('data-status')).toBe('draft');
    await form.getByLabel('비전').fill('모두를 위한 AI 교육');
    for (const n of [1, 2, 3, 4, 5, 6]) await page.locator(`#plan-item-${n}`).fill(`${n}항의 내용`);
    await page.getByTestId('plan-adopt').click();
    await page.getByTestId('plan-item-7-error').waitFor();
    expect(await page.getByTestId('plan-error').textContent()).toContain('1~7 항목');
    expect(await page.getByTestId('plan-item-8-error').count()).toBe(0);
    await page.locator('#plan-item-7').fill('7항의 내용');
    await page.getByTestId('plan-adopt').click();
    await page.locator('[data-testid="plan-status"][data-status="adopted"]').waitFor();
    const [adopted] = await app.db.query(`SELECT status, items->>'7' AS seventh FROM basic_plans WHERE period_start = 2031`);
    expect(adopted.status).toBe('adopted');
    await page.context().close();
  });

  it("lets a district office add its own task, and builds the annual report", async () => {
    const [{ id: planId }] = await app.db.query(`SELECT id FROM basic_plans WHERE period_start = 2026 AND status = 'adopted'`);
    const page = await signedIn('office@sen.go.kr');
    await page.goto(`${app.baseUrl}/plans/${planId}/years/2026`);
    await page.getByTestId('task-new').click();
    const form = page.getByTestId('task-form');
    await form.getByLabel('항목(제4조 ②)').selectOption('5');
    await form.getByLabel('과제명').fill('교육지원청 AI 연수 지원');
    await form.getByLabel('예산(원)').fill('120000000');
    await form.getByLabel('집행액(원)').fill('30000000');
    await form.getByRole('button', { name: '지표 추가' }).click();
    await form.getByLabel('지표', { exact: true }).selectOption('training.participants');
    await form.getByLabel('목표값').fill('500');
    await page.getByTestId('task-save').click();
    const row = page.getByTestId('task-row').filter({ hasText: '교육지원청 AI 연수 지원' });
    await row.waitFor();
    expect(await row.textContent()).toContain('120,000,000원');
    expect(await row.textContent()).toContain('30,000,000원');
    // Its own task is editable; the city's are not.
    expect(await row.getByRole('button', { name: '교육지원청 AI 연수 지원 수정' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '신나는 AI 교실 확대 구축 수정' }).count()).toBe(0);

    await page.getByTestId('report-start').click();
    await page.locator('[data-testid="report-status"][data-state="done"]').waitFor({ timeout: 60_000 });
    const xlsx = page.getByTestId('report-xlsx');
    await xlsx.waitFor();
    const download = page.waitForEvent('download');
    await xlsx.click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    const a4 = page.waitForEvent('download');
    await page.getByTestId('report-page').click();
    const saved = await a4;
    expect(saved.suggestedFilename()).toBe('2026학년도_연차보고서_A4.html');
    expect(readFileSync((await saved.path())!, 'utf8')).toContain('교육지원청 AI 연수 지원');
    await screenshot(page, 'ordinance-report');
    await page.context().close();
  });

  it('takes a case from a principal through the office’s review and the city’s publication to the gallery', async () => {
    const principalPage = await signedIn('principal@gaepo.es.kr');
    await navigate(principalPage, '우수사례');
    await principalPage.getByTestId('case-new').click();
    const form = principalPage.getByTestId('case-form');
    await form.getByLabel('제목').fill('AI 동아리와 함께한 지역 문제 해결');
    await form.getByLabel('영역').selectOption('club');
    await form.getByLabel('내용').fill('동아리 학생들이 지역 문제를 데이터로 분석했습니다.');
    await principalPage.locator('#case-file').setInputFiles({ name: '운영보고서.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await principalPage.getByTestId('case-submit').click();
    const mine = principalPage.locator('[data-testid="case-row"][data-status="submitted"]').filter({ hasText: 'AI 동아리와 함께한 지역 문제 해결' });
    await mine.waitFor();
    await principalPage.context().close();
    const [submitted] = await app.db.query(`SELECT c.id, count(a.*)::int AS files FROM practice_cases c LEFT JOIN practice_case_attachments a ON a.case_id = c.id WHERE c.title = 'AI 동아리와 함께한 지역 문제 해결' GROUP BY c.id`);
    expect(submitted.files).toBe(1);

    const officePage = await signedIn('office@sen.go.kr');
    await navigate(officePage, '우수사례');
    const queued = officePage.getByTestId('queue-submitted').locator(`[data-testid="case-row"][data-id="${submitted.id}"]`);
    await queued.getByTestId('case-approve').click();
    await officePage.getByTestId('queue-submitted').locator(`[data-testid="case-row"][data-id="${submitted.id}"]`).waitFor({ state: 'detached' });
    await officePage.context().close();

    const cityPage = await signedIn('admin@sen.go.kr');
    await navigate(cityPage, '우수사례');
    await cityPage.getByTestId('queue-reviewed').locator(`[data-testid="case-row"][data-id="${submitted.id}"]`).getByTestId('case-publish').click();
    await cityPage.getByTestId('queue-reviewed').locator(`[data-testid="case-row"][data-id="${submitted.id}"]`).waitFor({ state: 'detached' });
    await cityPage.context().close();

    const visitor = await (await newBrowserContext(browser)).newPage();
    await visitor.goto(`${app.baseUrl}/cases/public`);
    const card = visitor.locator(`[data-testid="gallery-case"][data-id="${submitted.id}"]`);
    await card.waitFor();
    expect(await card.getByRole('link', { name: '운영보고서.pdf' }).getAttribute('href')).toMatch(/^\/api\/v1\/cases\/public\/\d+\/attachments\/\d+$/);
    await visitor.context().close();
  });

  it('lets a teacher start a learning community and record a meeting with its hours', async () => {
    const page = await signedIn('teacher@gaepo.es.kr');
    // A teacher nominates no one: no 표창 in the menu.
    expect(await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '표창', exact: true }).count()).toBe(0);
    await navigate(page, '학습공동체');
    await page.getByTestId('community-new').click();
    await page.getByLabel('이름').fill('AI 수업 나눔 모임');
    await page.getByRole('button', { name: '만들기', exact: true }).click();
    await page.getByTestId('community-facts').waitFor();
    expect(await page.getByTestId('members-table').textContent()).toContain('대표');
    await page.getByLabel('날짜').fill('2026-11-04');
    await page.getByLabel('주제').fill('생성형 AI 활용 수업 설계 나눔');
    await page.getByLabel('시간', { exact: true }).fill('2');
    await page.getByTestId('meeting-submit').click();
    await page.getByTestId('meeting-row').waitFor();
    expect(await page.getByTestId('community-hours').textContent()).toContain('2시간');
    expect(await page.getByTestId('members-table').textContent()).toContain('2시간');
    await screenshot(page, 'ordinance-community');
    await page.context().close();
  });

  it('had nothing refused by the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
