/**
 * Browser check of the survey pages (조례 제6조) in the Korean web UI (apps/web, as built by
 * `npm run build`), driven by playwright-core and Debian's Chromium against the real api (serving
 * the UI) and a real worker (distribution, aggregation, the XLSX export).
 *
 * One cycle: the city admin builds a template with a conditional question and starts a students'
 * campaign for one school (an API field error shown first); the school's principal follows the
 * notice, issues codes and opens the printable sheet; on a 360×740 phone a student enters a code,
 * sees the condition open a question, saves a draft, resumes it and submits; a used and a wrong
 * code get Korean messages; the admin sees the response counted on the dashboard, aggregates, and
 * the report shows the city withheld under five respondents, then the figures once there are five.
 * Then the principal answers the office's school-level survey (a range error, a draft, the
 * submission) and builds a demand survey of their own, which a parent answers (multiple choice,
 * ranking).
 *
 * Set SCREENSHOT_DIR to keep a full-page PNG of each main page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, logIn, navigate, newBrowserContext, screenshot } from '../support/browser';
import { schoolId } from '../support/fixtures';
import { HttpClient } from '../support/http-client';
import { decodeQr } from '../support/qr';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN = 'admin@sen.go.kr';
const PRINCIPAL = 'principal@gaepo.es.kr';
const SCHOOL = '서울개포초등학교';
const SURVEY = '2026 AI 수업 만족도 (학생)';
const PHONE = { width: 360, height: 740 };

describe('surveys UI (browser)', () => {
  let app: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  let principal: Awaited<ReturnType<TestApp['as']>>;
  let gaepo: number;
  let campaignId: number;
  let codes: string[] = [];

  const login = (email: string) => logIn(page, baseUrl, email);

  const nav = (label: string) => navigate(page, label);

  const shot = (name: string, target: Page = page) => screenshot(target, name);

  const newContext = (viewport?: { width: number; height: number }) => newBrowserContext(browser, viewport);

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    // The address printed on paper is the public one, not the address the page was opened at.
    app = await startTestApp({ worker: true, env: { PUBLIC_BASE_URL: 'https://aiedu.sen.go.kr' } });
    baseUrl = app.baseUrl;
    admin = await app.as({ email: ADMIN, role: 'city_admin', displayName: '교육청 관리자' });
    gaepo = await schoolId(app.db, SCHOOL);
    principal = await app.as({ email: PRINCIPAL, role: 'principal', schoolId: gaepo, displayName: '개포초 교장' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await newContext();
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('lets the admin build a template with a condition and start a students\' campaign for one school', async () => {
    await login(ADMIN);
    await nav('설문');
    await page.waitForURL((url) => url.pathname === '/surveys');
    await page.getByTestId('templates-link').click();
    await page.getByTestId('new-template').click();
    await page.waitForURL((url) => url.pathname === '/surveys/templates/new');

    await page.getByLabel('설문 제목').fill(SURVEY);
    await page.getByLabel('영역 1 이름').fill('AI 수업');
    // 1. single choice; 2. Likert shown only after 예; 3. optional long text.
    await page.getByLabel('문항 1 내용').fill('이번 학기에 AI 수업을 들었나요?');
    await page.getByLabel('문항 1 유형').selectOption({ label: '단일 선택' });
    await page.getByLabel('문항 1 보기 1', { exact: true }).fill('예');
    await page.getByLabel('문항 1 보기 2', { exact: true }).fill('아니요');
    await page.getByRole('button', { name: '영역 1에 문항 추가' }).click();
    await page.getByLabel('문항 2 내용').fill('AI 수업에 만족하나요?');
    await page.getByLabel('문항 2: 앞 문항의 답에 따라 보이기').check();
    await page.getByLabel('문항 2 조건 값').selectOption({ label: '예' });
    await page.getByRole('button', { name: '영역 1에 문항 추가' }).click();
    await page.getByLabel('문항 3 내용').fill('하고 싶은 말');
    await page.getByLabel('문항 3 유형').selectOption({ label: '서술형' });
    await page.getByLabel('문항 3 필수').uncheck();
    await shot('survey-template');
    await page.getByTestId('save-template').click();

    // Saved as version 1, straight on to the campaign with the template chosen and its title.
    await page.waitForURL((url) => url.pathname === '/surveys/campaigns/new');
    await expect(page.getByLabel('설문 제목').inputValue()).resolves.toBe(SURVEY);
    await page.getByLabel('응답 대상').selectOption({ label: '학생' });
    await page.getByLabel('5학년').check();
    await page.getByLabel('6학년').check();
    await page.getByLabel('학교 이름 검색').fill('개포초');
    await page.getByRole('button', { name: '학교 찾기' }).click();
    await page.getByRole('button', { name: `${SCHOOL} 추가` }).click();
    await expect(page.getByTestId('chosen-schools').textContent()).resolves.toContain(SCHOOL);

    // A window that has already ended: the API's complaint is shown under the field it names.
    const opens = await page.getByLabel('시작 일시').inputValue();
    const closes = await page.getByLabel('마감 일시').inputValue();
    await page.getByLabel('시작 일시').fill('2020-03-02T09:00');
    await page.getByLabel('마감 일시').fill('2020-03-16T18:00');
    await page.getByTestId('create-campaign').click();
    await page.getByTestId('field-error-closesAt').waitFor();
    await expect(page.getByRole('alert').filter({ hasText: '설문을 시작하지 못했습니다' }).textContent()).resolves.toContain('마감 일시');

    await page.getByLabel('시작 일시').fill(opens);
    await page.getByLabel('마감 일시').fill(closes);
    await shot('survey-campaign-new');
    await page.getByTestId('create-campaign').click();
    await page.waitForURL((url) => /^\/surveys\/campaigns\/\d+$/.test(url.pathname));
    campaignId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect(page.getByTestId('campaign-title').textContent()).resolves.toBe(SURVEY);
    const facts = (await page.getByTestId('campaign-facts').textContent()) ?? '';
    expect(facts).toContain('학생 (5·6학년)');
    expect(facts).toContain('1교');
    await expect(page.getByTestId('progress-schools').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('progress-rate').textContent()).resolves.toBe('-');
    await page.getByTestId(`progress-school-${gaepo}`).waitFor();

    // The list shows it as 진행 중, and the status filter keeps it out of 마감.
    await nav('설문');
    await page.getByTestId(`campaign-row-${campaignId}`).getByTestId('campaign-status').filter({ hasText: '진행 중' }).waitFor();
    await page.getByLabel('상태').selectOption({ label: '마감' });
    await page.waitForURL((url) => url.searchParams.get('status') === 'closed');
    await page.getByText('마감인 설문이 없습니다.').waitFor();
  });

  it('notifies the principal, who issues codes and opens the printable sheet', async () => {
    // The distribution job (run by the worker when the campaign opened) left a notice.
    await app.waitForQueues();
    await login(PRINCIPAL);
    await expect(page.getByTestId('notice-unread').textContent()).resolves.toBe('1');
    await page.getByTestId('notice-bell').click();
    await page.getByTestId('notice-item').filter({ hasText: SURVEY }).click();
    await page.waitForURL((url) => url.pathname === `/surveys/campaigns/${campaignId}`);
    await expect(page.getByTestId('notice-unread').count()).resolves.toBe(0);

    await page.getByLabel('발급할 코드 수').fill('3');
    await page.getByTestId('issue-codes').click();
    await page.getByTestId('codes-issued').waitFor();
    await expect(page.getByTestId('code-batches').textContent()).resolves.toContain('직접 발급');
    await page.getByTestId('issued-sheet-link').click();
    await page.waitForURL((url) => /\/codes\/\d+$/.test(url.pathname));
    const slips = page.getByTestId('code-slip');
    await slips.first().waitFor();
    await expect(slips.count()).resolves.toBe(3);
    const slip = (await slips.first().textContent()) ?? '';
    expect(slip).toContain(SURVEY);
    expect(slip).toContain(SCHOOL);
    expect(slip).toContain('aiedu.sen.go.kr/respond');
    expect(slip).not.toContain(baseUrl);
    codes = await page.getByTestId('code').allTextContents();
    expect(codes[0]).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    // The QR code, read as a phone's camera would, opens the public respondent page with the slip's code in it.
    const scanned = decodeQr(await slips.first().locator('svg.qr-code').evaluate((svg) => svg.outerHTML));
    expect(scanned).toBe(`https://aiedu.sen.go.kr/respond/${codes[0]}`);
    await expect(slips.first().getByTestId('printed-link-url').textContent()).resolves.toBe(`aiedu.sen.go.kr/respond/${codes[0]}`);
    await shot('survey-code-sheet');

    // Printed, only the slips remain: no menu, no buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('print-sheet').isVisible()).resolves.toBe(false);
    await expect(slips.first().isVisible()).resolves.toBe(true);
  });

  it('lets a student answer on a phone: condition, draft, resume, submit once', async () => {
    await context.close();
    context = await newContext(PHONE);
    page = await context.newPage();

    await page.goto(`${baseUrl}/respond`);
    // Typed as people do from paper: lower case, no dash.
    await page.getByLabel('응답 코드').fill(codes[0].replace('-', '').toLowerCase());
    await page.getByRole('button', { name: '설문 시작' }).click();
    await page.getByTestId('respond-title').filter({ hasText: SURVEY }).waitFor();
    const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await expect(noSideScroll()).resolves.toBe(true);

    // The Likert question appears only once 예 is chosen, and goes again with 아니요.
    const likert = page.getByTestId('question-q2');
    await expect(likert.count()).resolves.toBe(0);
    await page.getByTestId('submit-survey').click();
    await page.getByTestId('survey-problems').waitFor();
    await expect(page.getByTestId('question-q1').textContent()).resolves.toContain('필수 문항입니다');
    await page.getByText('아니요', { exact: true }).click();
    await expect(likert.count()).resolves.toBe(0);
    await page.getByText('예', { exact: true }).click();
    await likert.waitFor();
    // Each choice is a whole row to tap, at least 44 px high.
    const choice = likert.locator('label', { hasText: '4 그렇다' });
    const box = await choice.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await choice.click();

    await page.getByTestId('save-draft').click();
    await page.getByTestId('draft-saved').waitFor();
    await shot('survey-respond-phone', page);

    // Resumed later with the same code: the draft is back.
    await page.goto(`${baseUrl}/respond/${encodeURIComponent(codes[0])}`);
    await likert.waitFor();
    await expect(likert.getByLabel('4 그렇다').isChecked()).resolves.toBe(true);
    await page.getByLabel('답', { exact: true }).fill('로봇 만들기가 재미있었어요.');
    await page.getByTestId('submit-survey').click();
    await page.getByTestId('respond-done').waitFor();
    await expect(noSideScroll()).resolves.toBe(true);

    // The same code again, and a code that does not exist.
    await page.goto(`${baseUrl}/respond/${encodeURIComponent(codes[0])}`);
    await expect(page.getByTestId('respond-error').textContent()).resolves.toContain('이미 응답을 제출한 코드입니다');
    await page.goto(`${baseUrl}/respond/ZZZZZ-ZZZZZ`);
    await expect(page.getByTestId('respond-error').textContent()).resolves.toContain('코드를 찾을 수 없습니다');
    await page.getByLabel('응답 코드').waitFor();
  });

  it('shows the admin the response counted, then the report after aggregation', async () => {
    await login(ADMIN);
    await nav('설문');
    await page.getByTestId(`campaign-row-${campaignId}`).getByRole('link', { name: SURVEY }).click();
    await page.waitForURL((url) => url.pathname === `/surveys/campaigns/${campaignId}`);
    await expect(page.getByTestId('progress-responses').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('progress-rate').textContent()).resolves.toBe('33.3%');
    const row = page.getByTestId(`progress-school-${gaepo}`);
    await expect(row.getByTestId('school-responses').textContent()).resolves.toBe('1');
    // 1 of 3 codes is under the 50% reminder threshold: the school is listed as behind.
    await page.getByTestId('behind-only').check();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('독려 필요');
    await shot('survey-dashboard');

    await page.getByTestId('aggregate-button').click();
    await page.locator('[data-testid="aggregate-status"][data-state="done"]').waitFor();
    await page.getByTestId('report-link').click();
    await page.waitForURL((url) => url.pathname === `/surveys/campaigns/${campaignId}/report`);
    // One respondent: the city figure is withheld.
    await expect(page.getByTestId('report-suppressed').textContent()).resolves.toBe('비공개 (응답 5명 미만)');

    // Four more students answer (through the API); aggregated again, the figures show.
    const more = (await principal.post(`/api/v1/surveys/campaigns/${campaignId}/schools/${gaepo}/codes`, { count: 4 })).body.codes as string[];
    const answers = [{ q1: 'o1', q2: 3 }, { q1: 'o1', q2: 4 }, { q1: 'o1', q2: 5 }, { q1: 'o2' }];
    for (const [i, code] of more.entries()) {
      const res = await new HttpClient(baseUrl).post(`/api/v1/surveys/respond/${code}/submit`, { answers: answers[i], idempotencyKey: `browser-test-${i}` });
      expect(res.status).toBe(200);
    }
    await page.goto(`${baseUrl}/surveys/campaigns/${campaignId}`);
    await expect(page.getByTestId('progress-responses').textContent()).resolves.toBe('5');
    await page.getByTestId('aggregate-button').click();
    await page.locator('[data-testid="aggregate-status"][data-state="done"]').waitFor();
    await page.getByTestId('report-link').click();
    await expect(page.getByTestId('report-n').textContent()).resolves.toContain('5');
    // Likert answers 4, 3, 4, 5: mean 4.
    await expect(page.getByTestId('report-mean-q2').textContent()).resolves.toContain('평균 4');
    await expect(page.getByTestId('report-chart-q1').textContent()).resolves.toContain('4명 (80%)');
    await page.getByRole('button', { name: '학교', exact: true }).click();
    await page.getByTestId('report-groups').filter({ hasText: SCHOOL }).waitFor();
    await shot('survey-report');

    await page.getByTestId('export-button').click();
    await page.getByTestId('export-download').waitFor();
    await expect(page.getByTestId('export-download').getAttribute('download')).resolves.toMatch(/\.xlsx$/);
  });

  it('lets the principal answer a school-level survey: range check, draft, submit once', async () => {
    const definition = {
      title: 'AI 교육 실태조사',
      sections: [
        {
          id: 'room',
          title: 'AI 교실 활용',
          questions: [
            { id: 'hours', text: '주당 AI 교실 활용 시간', required: true, type: 'numeric', min: 0, max: 60, integer: true },
            { id: 'club', text: 'AI 동아리 운영 여부', required: true, type: 'single', options: [{ value: 'yes', label: '운영' }, { value: 'no', label: '미운영' }] },
          ],
        },
      ],
    };
    const template = await admin.post('/api/v1/surveys/templates', { kind: 'status', definition });
    const created = await admin.post('/api/v1/surveys/campaigns', {
      templateId: template.body.id,
      title: '2026 AI 교육 실태조사',
      audience: 'school',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      target: { schoolIds: [gaepo] },
    });
    expect(created.status).toBe(201);

    await login(PRINCIPAL);
    await nav('설문');
    await page.getByRole('link', { name: '2026 AI 교육 실태조사' }).click();
    const form = page.getByTestId('school-response');
    await expect(form.getByTestId('school-response-state').textContent()).resolves.toBe('미제출');
    await form.getByLabel('답 (숫자)').fill('70');
    await form.getByTestId('submit-survey').click();
    await expect(form.getByTestId('question-hours').textContent()).resolves.toContain('60 이하로 입력하세요.');
    await form.getByLabel('답 (숫자)').fill('12');
    await form.getByTestId('save-draft').click();
    await form.getByTestId('draft-saved').waitFor();

    await page.reload();
    await expect(page.getByTestId('school-response').getByLabel('답 (숫자)').inputValue()).resolves.toBe('12');
    await page.getByText('운영', { exact: true }).click();
    await page.getByTestId('submit-survey').click();
    await page.locator('[data-testid="school-response-state"][data-state="submitted"]').waitFor();
    await expect(page.getByTestId('school-response-submitted').textContent()).resolves.toContain('개포초 교장');
    await expect(page.getByTestId('submit-survey').count()).resolves.toBe(0);
    await expect(page.getByLabel('답 (숫자)').isDisabled()).resolves.toBe(true);
  });

  it('lets the principal build a demand survey for their school, which a parent answers', async () => {
    await login(PRINCIPAL);
    await nav('설문');
    await page.getByTestId('new-demand-survey').click();
    await page.getByLabel('설문 제목').first().fill('방과후 AI 교실 수요조사');
    await page.getByLabel('영역 1 이름').fill('희망 프로그램');
    await page.getByLabel('문항 1 내용').fill('참여를 원하는 프로그램을 모두 고르세요.');
    await page.getByLabel('문항 1 유형').selectOption({ label: '복수 선택' });
    await page.getByLabel('문항 1 보기 1', { exact: true }).fill('코딩');
    await page.getByLabel('문항 1 보기 2', { exact: true }).fill('로봇');
    await page.getByRole('button', { name: '문항 1 보기 추가' }).click();
    await page.getByLabel('문항 1 보기 3', { exact: true }).fill('생성형 AI 이해');
    await page.getByRole('button', { name: '영역 1에 문항 추가' }).click();
    await page.getByLabel('문항 2 내용').fill('희망 요일의 순위를 정하세요.');
    await page.getByLabel('문항 2 유형').selectOption({ label: '순위' });
    await page.getByLabel('문항 2 보기 1', { exact: true }).fill('화요일');
    await page.getByLabel('문항 2 보기 2', { exact: true }).fill('목요일');
    await page.getByTestId('start-demand-survey').click();
    await page.waitForURL((url) => /^\/surveys\/campaigns\/\d+$/.test(url.pathname));
    await expect(page.getByTestId('campaign-title').textContent()).resolves.toBe('방과후 AI 교실 수요조사');
    await expect(page.getByTestId('campaign-facts').textContent()).resolves.toContain('수요조사');
    // The principal runs it: reminders and aggregation are theirs.
    await page.getByTestId('aggregate-button').waitFor();

    await page.getByLabel('발급할 코드 수').fill('1');
    await page.getByTestId('issue-codes').click();
    await page.getByTestId('issued-sheet-link').click();
    const code = (await page.getByTestId('code').first().textContent())!;

    await page.goto(`${baseUrl}/respond/${code}`);
    await page.getByText('로봇', { exact: true }).click();
    await page.getByText('생성형 AI 이해', { exact: true }).click();
    await page.getByRole('button', { name: '목요일 위로' }).click();
    await page.getByTestId('submit-survey').click();
    await page.getByTestId('respond-done').waitFor();
    const [stored] = await app.db.query(`SELECT r.answers FROM survey_responses r JOIN survey_campaigns c ON c.id = r.campaign_id WHERE c.title = $1`, ['방과후 AI 교실 수요조사']);
    expect(stored.answers).toEqual({ q1: ['o2', 'o3'], q2: ['o2', 'o1'] });
  });
});
