/**
 * Browser check of the lead/research-school designation pages (조례 제5조) in the Korean web UI
 * (apps/web, as built by `npm run build`), driven by playwright-core and Debian's Chromium against
 * the real api (serving the UI) and a real worker.
 *
 * One cycle: a principal applies, uploads the operating plan and submits; a reviewer of another
 * office scores it while the reviewer of the school's own office is shown as excluded; the city
 * admin reads the ranking (with the reviewers' spread flagged) and designates; the principal sees 지정; the public page lists the school.
 *
 * Set SCREENSHOT_DIR to keep a full-page PNG of each main page.
 */
import { minimalPdf } from '@app/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_WAIT, launchChromium, logIn, navigate, newBrowserContext, screenshot } from '../support/browser';
import { schoolId } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const WAIT = BROWSER_WAIT;
const ADMIN = 'admin@sen.go.kr';
const REVIEWER = 'reviewer@dongbu.sen.go.kr';
const OWN_OFFICE_REVIEWER = 'reviewer@gangnam.sen.go.kr';
const PRINCIPAL = 'principal@gaepo.es.kr';
const SCHOOL = '서울개포초등학교';
const CALL_TITLE = '2027학년도 AI 교육 선도학교 공모';
const PLAN = 'AI 교실을 활용한 학년별 프로젝트 수업과 교원 연수를 운영합니다.';
const REASON = '심사 결과 평균 70점으로 정원 내 상위 득점';
/** The smallest file the API accepts as a PDF: it checks the extension and the first bytes. */
const PDF = minimalPdf();

const ymd = (d: Date) => d.toISOString().slice(0, 10);

describe('designations UI (browser)', () => {
  let app: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let callId: number;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  let principal: Awaited<ReturnType<TestApp['as']>>;
  let reviewerId: string;

  const login = (email: string) => logIn(page, baseUrl, email);

  const nav = (label: string) => navigate(page, label);

  const shot = (name: string) => screenshot(page, name);

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    app = await startTestApp({ worker: true });
    baseUrl = app.baseUrl;
    admin = await app.as({ email: ADMIN, role: 'city_admin', displayName: '교육청 관리자' });
    const reviewer = await app.as({ email: REVIEWER, role: 'district_admin', districtOffice: 'dongbu', displayName: '동부 심사위원' });
    const ownOffice = await app.as({ email: OWN_OFFICE_REVIEWER, role: 'district_admin', districtOffice: 'gangnam-seocho', displayName: '강남서초 심사위원' });
    reviewerId = reviewer.userId;
    principal = await app.as({ email: PRINCIPAL, role: 'principal', schoolId: await schoolId(app.db, SCHOOL), displayName: '개포초 교장' });

    // Open now for two days; the term starts on the first 1 March after the window closes.
    const now = Date.now();
    const closesAt = new Date(now + 2 * 86_400_000);
    let year = closesAt.getUTCFullYear();
    if (ymd(closesAt) >= `${year}-03-01`) year += 1;
    const call = await admin.post('/api/v1/designations/calls', {
      type: 'lead',
      title: CALL_TITLE,
      schoolYear: year,
      termStart: `${year}-03-01`,
      termEnd: `${year + 2}-02-28`,
      eligibleLevels: ['elementary'],
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: closesAt.toISOString(),
      quota: 3,
      criteria: [
        { name: '운영 계획의 타당성', maxScore: 40, weight: 1 },
        { name: '추진 의지와 여건', maxScore: 30, weight: 2 },
      ],
      requiredAttachments: ['operating_plan'],
    });
    expect(call.status).toBe(201);
    callId = call.body.id;
    const assigned = await admin.post(`/api/v1/designations/calls/${callId}/reviewers`, { reviewerIds: [reviewer.userId, ownOffice.userId, admin.userId] });
    expect(assigned.status).toBe(201);

    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await newBrowserContext(browser);
    context.setDefaultTimeout(WAIT);
    page = await context.newPage();
    // Submit, withdraw and recusal ask window.confirm first.
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterEach(async () => {
    await context?.close();
  });

  it('runs a call from application to designation', async () => {
    // 1. The principal applies, uploads the operating plan and submits.
    await login(PRINCIPAL);
    await nav('선도·연구학교 공모');
    const row = page.getByTestId(`call-row-${callId}`);
    await row.waitFor();
    await expect(row.getByTestId('call-phase').textContent()).resolves.toBe('접수 중');
    await shot('01-principal-calls');
    await row.getByRole('link', { name: `${CALL_TITLE} 신청하기` }).click();

    await page.getByTestId('call-title').filter({ hasText: CALL_TITLE }).waitFor();
    await page.getByLabel('운영 계획 요약', { exact: true }).fill(PLAN);
    await page.getByRole('button', { name: '신청서 작성 시작' }).click();
    await page.waitForURL(/\/designations\/applications\/\d+$/);
    const applicationId = Number(new URL(page.url()).pathname.split('/').pop());

    await expect(page.getByTestId('application-status').first().textContent()).resolves.toBe('작성 중');
    await expect(page.getByTestId('missing-attachments').textContent()).resolves.toContain('운영 계획서');
    expect(await page.getByTestId('submit-application').isDisabled()).toBe(true);
    await shot('02-application-draft');

    await page.getByLabel('파일', { exact: true }).setInputFiles({ name: '운영계획서.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: '올리기' }).click();
    await page.getByTestId('attachment-table').filter({ hasText: '운영계획서.pdf' }).waitFor();
    await page.getByTestId('missing-attachments').waitFor({ state: 'detached' });

    await page.getByTestId('submit-application').click();
    await page.getByTestId('application-status').filter({ hasText: '제출 완료' }).first().waitFor();
    const history = page.getByTestId('application-history');
    await history.filter({ hasText: '제출' }).waitFor();
    await expect(history.textContent()).resolves.toContain('서류 첨부');
    await shot('03-application-submitted');

    // 2. The reviewer of the school's own office may not score it.
    await page.evaluate(() => sessionStorage.clear());
    await login(OWN_OFFICE_REVIEWER);
    await nav('심사');
    const excludedRow = page.getByTestId(`review-row-${applicationId}`);
    await excludedRow.waitFor();
    await expect(excludedRow.getByTestId('review-excluded').textContent()).resolves.toContain('심사 제외: 본인 교육지원청 학교');
    expect(await excludedRow.getByRole('button', { name: '채점 불가' }).isDisabled()).toBe(true);
    await shot('04-reviews-excluded');

    // 3. The reviewer of another office scores it: 35 × 1 + 25 × 2 = 85.
    await page.evaluate(() => sessionStorage.clear());
    await login(REVIEWER);
    await nav('심사');
    const reviewRow = page.getByTestId(`review-row-${applicationId}`);
    await reviewRow.waitFor();
    await expect(reviewRow.textContent()).resolves.toContain('미채점');
    await reviewRow.getByRole('link', { name: `${SCHOOL} 채점하기` }).click();
    await page.getByTestId('review-school').filter({ hasText: SCHOOL }).waitFor();
    await page.getByLabel('1. 운영 계획의 타당성 (만점 40점)').fill('35');
    await page.getByLabel('2. 추진 의지와 여건 (만점 30점)').fill('25');
    await page.getByTestId('score-row-' + (await criterionId(2))).getByLabel('의견 (선택)').fill('지역 연계 계획이 구체적임');
    await page.getByTestId('score-total').filter({ hasText: '85' }).waitFor();
    await page.getByTestId('save-scores').click();
    await page.getByTestId('score-notice').filter({ hasText: '점수를 저장했습니다.' }).waitFor();
    await shot('05-review-scored');
    await nav('심사');
    await page.getByTestId(`review-row-${applicationId}`).filter({ hasText: '채점 완료' }).waitFor();

    // The city admin, also a reviewer, disagrees through the API: 35 × 1 + 10 × 2 = 55.
    const scored = await admin.put(`/api/v1/designations/applications/${applicationId}/scores`, {
      scores: [
        { criterionId: await criterionId(1), score: 35 },
        { criterionId: await criterionId(2), score: 10 },
      ],
    });
    expect(scored.status).toBe(200);

    // 4. The city admin reads the ranking (mean 70, a spread of 30 flagged) and designates the school with a reason.
    await page.evaluate(() => sessionStorage.clear());
    await login(ADMIN);
    await nav('공모 관리');
    await page.getByRole('link', { name: CALL_TITLE }).click();
    const rankingRow = page.getByTestId(`ranking-row-${applicationId}`);
    await rankingRow.waitFor();
    await expect(rankingRow.locator('th').textContent()).resolves.toBe(SCHOOL);
    await expect(rankingRow.getByTestId('ranking-mean').textContent()).resolves.toBe('70');
    await expect(rankingRow.getByTestId('ranking-spread').textContent()).resolves.toContain('편차 큼');
    await expect(page.getByTestId('reviewer-list').textContent()).resolves.toContain(REVIEWER);
    await shot('06-call-ranking');

    await rankingRow.getByRole('button', { name: `${SCHOOL} 지정` }).click();
    const decision = page.getByRole('form', { name: `${SCHOOL} 지정 결정` });
    await decision.getByLabel('결정 사유 (필수)').fill(REASON);
    await decision.getByRole('button', { name: '지정 확정' }).click();
    await page.getByTestId('decision-notice').filter({ hasText: '지정으로 결정했습니다' }).waitFor();
    await page.getByTestId(`ranking-row-${applicationId}`).getByTestId('ranking-status').filter({ hasText: /^지정$/ }).waitFor();
    await page.getByTestId('quota-line').filter({ hasText: '1교' }).waitFor();

    // The ranking downloads as XLSX.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ranking-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await shot('07-call-decided');
    await page.getByRole('button', { name: '교육지원청별 순위' }).click();
    await expect(page.getByTestId('ranking-office-gangnam-seocho').textContent()).resolves.toContain(SCHOOL);
    await shot('07b-call-ranking-by-office');

    // 5. The principal sees 지정 on the call list and on the application, with the reason.
    await page.evaluate(() => sessionStorage.clear());
    await login(PRINCIPAL);
    await nav('선도·연구학교 공모');
    const mine = page.getByTestId(`call-row-${callId}`).getByTestId('my-application-status');
    await mine.filter({ hasText: '지정' }).waitFor();
    await expect(mine.textContent()).resolves.toBe('지정');
    await page.getByRole('link', { name: `${CALL_TITLE} 신청서 보기` }).click();
    const result = page.getByTestId('decision-result');
    await result.waitFor();
    await expect(result.getByTestId('decision-label').textContent()).resolves.toBe('지정');
    await expect(result.getByTestId('decision-reason').textContent()).resolves.toBe(REASON);
    await shot('08-application-designated');

    // The school page lists the designation.
    await nav('우리 학교 AI 교실');
    await page.getByTestId('school-designations').filter({ hasText: '선도학교' }).waitFor();
    await expect(page.getByTestId('school-designations').textContent()).resolves.toContain('지정 중');
    await shot('09-school-page');
  }, 180_000);

  it('shows the designated schools on the public page without a login', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('public-designations-link').click();
    await page.waitForURL((url) => url.pathname === '/designated');
    const list = page.getByTestId('public-designations');
    await list.waitFor();
    await expect(page.getByTestId('public-group-lead').textContent()).resolves.toContain(SCHOOL);
    await shot('10-public-by-type');

    await page.getByRole('button', { name: '교육지원청별' }).click();
    await expect(page.getByTestId('public-group-gangnam-seocho').textContent()).resolves.toContain(SCHOOL);
    await page.getByLabel('학교급', { exact: true }).selectOption('middle');
    await list.getByText('조건에 맞는 지정 학교가 없습니다.').waitFor();
    await shot('11-public-filtered');
  }, 60_000);

  it('lets the city admin open a call through the form and export the designated schools', async () => {
    const opens = new Date(Date.now() + 86_400_000);
    const closes = new Date(Date.now() + 10 * 86_400_000);
    let year = closes.getFullYear();
    if (ymd(closes) >= `${year}-03-01`) year += 1;
    const local = (d: Date) => `${ymd(d)}T09:00`;
    const title = `${year}학년도 AI 교육 연구학교 공모`;

    await login(ADMIN);
    await nav('공모 관리');
    await page.getByTestId('new-call').click();
    await page.getByLabel('지정 유형', { exact: true }).selectOption('research');
    await page.getByLabel('공모명', { exact: true }).fill(title);
    await page.getByLabel('학년도', { exact: true }).fill(String(year));
    await page.getByLabel('지정 기간 시작일', { exact: true }).fill(`${year}-03-01`);
    await page.getByLabel('지정 기간 종료일', { exact: true }).fill(`${year + 1}-02-28`);
    await page.getByLabel('중학교', { exact: true }).check();
    await page.getByLabel('고등학교', { exact: true }).check();
    await page.getByLabel('접수 시작', { exact: true }).fill(local(opens));
    await page.getByLabel('접수 마감', { exact: true }).fill(local(closes));
    await page.getByLabel('전체 정원(교)', { exact: true }).fill('5');

    await page.getByRole('button', { name: '교육지원청 정원 추가' }).click();
    const officeRow = page.getByTestId('office-quota-rows').locator('li').first();
    await officeRow.getByLabel('교육지원청 1', { exact: true }).selectOption('gangnam-seocho');
    await officeRow.getByLabel('정원(교)', { exact: true }).fill('2');

    // Three rubric rows, one removed again: 50 × 1 + 25 × 2 = 100.
    const rubric = page.getByTestId('rubric-rows').locator('li');
    const fillCriterion = async (i: number, name: string, max: string, weight: string) => {
      await rubric.nth(i).getByLabel(`기준 ${i + 1} 이름`, { exact: true }).fill(name);
      await rubric.nth(i).getByLabel('만점', { exact: true }).fill(max);
      await rubric.nth(i).getByLabel('가중치', { exact: true }).fill(weight);
    };
    await fillCriterion(0, '교육과정 연계', '50', '1');
    await page.getByRole('button', { name: '기준 추가' }).click();
    await fillCriterion(1, '교원 역량', '25', '2');
    await page.getByRole('button', { name: '기준 추가' }).click();
    await fillCriterion(2, '지울 기준', '10', '1');
    await page.getByTestId('rubric-total').filter({ hasText: '110' }).waitFor();
    await page.getByRole('button', { name: '기준 3 삭제' }).click();
    await page.getByTestId('rubric-total').filter({ hasText: '100' }).waitFor();
    await shot('12-call-create');

    await page.getByRole('button', { name: '공모 열기' }).click();
    await page.waitForURL(/\/designations\/calls\/\d+$/);
    await page.getByTestId('call-title').filter({ hasText: title }).waitFor();
    const facts = (await page.getByTestId('call-facts').textContent()) ?? '';
    expect(facts).toContain('연구학교');
    expect(facts).toContain('중학교, 고등학교');
    await expect(page.getByTestId('call-phase').first().textContent()).resolves.toBe('접수 예정');
    await expect(page.getByTestId('office-quotas').textContent()).resolves.toContain('강남서초교육지원청 2교');
    const criteria = (await page.getByTestId('criteria-table').textContent()) ?? '';
    expect(criteria).toContain('교원 역량');
    expect(criteria).not.toContain('지울 기준');
    await shot('13-call-created');

    // The designated schools, with the XLSX export.
    await nav('지정 학교');
    await page.getByTestId('designation-table').filter({ hasText: SCHOOL }).waitFor();
    await shot('14-designation-list');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('designations-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  }, 60_000);

  it('lets a reviewer declare a conflict of interest and a principal withdraw', async () => {
    // A second call (another type, no required documents) with a submitted application, set up through the API.
    const now = Date.now();
    const first = (await admin.get(`/api/v1/designations/calls/${callId}`)).body;
    const call = await admin.post('/api/v1/designations/calls', {
      type: 'research',
      title: '연구학교 추가 공모',
      schoolYear: first.schoolYear,
      termStart: first.termStart,
      termEnd: first.termEnd,
      eligibleLevels: ['elementary'],
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
      quota: 1,
      criteria: [{ name: '연구 주제의 적절성', maxScore: 100, weight: 1 }],
    });
    expect(call.status).toBe(201);
    expect((await admin.post(`/api/v1/designations/calls/${call.body.id}/reviewers`, { reviewerIds: [reviewerId] })).status).toBe(201);
    const created = await principal.post(`/api/v1/designations/calls/${call.body.id}/applications`, { planSummary: '연구 계획' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await principal.post(`/api/v1/designations/applications/${id}/submit`)).status).toBe(200);

    await login(REVIEWER);
    await nav('심사');
    await page.getByTestId(`review-row-${id}`).getByRole('link', { name: `${SCHOOL} 채점하기` }).click();
    await page.getByTestId('recusal-open').click();
    await page.getByLabel('신고 사유 (필수)', { exact: true }).fill('본인이 해당 학교 학교운영위원');
    await page.getByRole('button', { name: '신고하기' }).click();
    await page.getByTestId('review-excluded').filter({ hasText: '심사 제외: 회피 신고' }).waitFor();
    expect(await page.getByTestId('save-scores').isDisabled()).toBe(true);
    await shot('15-review-recused');
    await nav('심사');
    await expect(page.getByTestId(`review-row-${id}`).getByTestId('review-excluded').textContent()).resolves.toContain('회피 신고');

    await page.evaluate(() => sessionStorage.clear());
    await login(PRINCIPAL);
    await page.goto(`${baseUrl}/designations/applications/${id}`);
    await page.getByTestId('withdraw-application').click();
    await page.getByTestId('application-status').filter({ hasText: '철회' }).first().waitFor();
    await page.getByTestId('application-history').filter({ hasText: '철회' }).waitFor();
    // Recusals are the reviewers' business: the school's history does not show them.
    await expect(page.getByTestId('application-history').textContent()).resolves.not.toContain('회피 신고');
  }, 60_000);

  /** The id of the call's n-th criterion (1-based), read through the API. */
  async function criterionId(position: number): Promise<number> {
    const res = await admin.get(`/api/v1/designations/calls/${callId}`);
    return res.body.criteria.find((c: { position: number }) => c.position === position).id;
  }
});
