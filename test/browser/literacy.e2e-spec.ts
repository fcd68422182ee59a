/**
 * Browser check of the AI·디지털 리터러시 진단검사 pages (issue 6) in the Korean web UI (apps/web, as
 * built by `npm run build`), driven by playwright-core and Debian's Chromium against the real api
 * (serving the UI) and a real worker (the analysis and report jobs).
 *
 * The city admin creates an assessment through the form (an API field error shown next to the
 * item's key first), uploads a results CSV with a bad row (every bad row and column listed, nothing
 * imported), then the good file (counts, then the analysis job to its end), opens the analysis,
 * reads an item's distractors and drops an item from scoring (the analysis runs again), reads the
 * city report and builds every school's workbook with progress. A teacher of the school lands on
 * the school report (a small class withheld), opens a class and a student's printable report with
 * score and level; a teacher of another school gets 접근 권한이 없습니다 at that student's address.
 *
 * Set SCREENSHOT_DIR to keep a full-page PNG of each main page.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_WAIT, launchChromium, logIn, navigate, newBrowserContext, screenshot } from '../support/browser';
import { schoolId } from '../support/fixtures';
import { answers, KEYS } from '../support/literacy-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const WAIT = BROWSER_WAIT;
const ADMIN = 'admin@sen.go.kr';
const TEACHER = 'teacher@gaepo.es.kr';
const OTHER_TEACHER = 'teacher@dogok.es.kr';
const NAME = '2026 AI·디지털 리터러시 예비검사 (초5)';

/** The assessment made through the form: three of the fixture's choice items and one partial-credit item. */
const ITEM_COLUMNS = [0, 1, 2, 8];
const ITEM_IDS = ['Q1', 'Q2', 'Q3', 'P1'];

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('literacy UI (browser)', () => {
  let app: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Client;
  let teacher: Client;
  let gaepo: number;
  let dogok: number;
  let assessmentId: number;

  const login = (email: string) => logIn(page, baseUrl, email);

  const nav = (label: string) => navigate(page, label);

  const shot = (name: string) => screenshot(page, name);

  /** A results CSV: 개포초 classes 1 (12), 2 (8) and 3 (3 students), 도곡초 class 1 (6). */
  function resultsCsv(): string {
    const rosters = [
      { school: gaepo, classNo: 1, count: 12, prefix: 'GP1-' },
      { school: gaepo, classNo: 2, count: 8, prefix: 'GP2-' },
      { school: gaepo, classNo: 3, count: 3, prefix: 'GP3-' },
      { school: dogok, classNo: 1, count: 6, prefix: 'DG1-' },
    ];
    const lines = [['student_id', 'school_id', 'grade', 'class', ...ITEM_IDS].join(',')];
    let n = 0;
    for (const r of rosters) {
      for (let i = 0; i < r.count; i++, n++) {
        const all = answers(n, (n % 10) / 10);
        lines.push([`${r.prefix}${String(i + 1).padStart(3, '0')}`, r.school, 5, r.classNo, ...ITEM_COLUMNS.map((c) => all[c])].join(','));
      }
    }
    return lines.join('\n') + '\n';
  }

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    app = await startTestApp({ worker: true });
    baseUrl = app.baseUrl;
    gaepo = await schoolId(app.db, '서울개포초등학교');
    dogok = await schoolId(app.db, '서울도곡초등학교');
    admin = await app.as({ email: ADMIN, role: 'city_admin', displayName: '교육청 관리자' });
    teacher = await app.as({ email: TEACHER, role: 'teacher', schoolId: gaepo, displayName: '개포초 교사' });
    await app.as({ email: OTHER_TEACHER, role: 'teacher', schoolId: dogok, displayName: '도곡초 교사' });
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
  });

  afterEach(async () => {
    await context?.close();
  });

  it('lets the city admin create an assessment, import results through the upload and drop an item after the analysis', async () => {
    await login(ADMIN);
    await nav('진단검사');
    await page.waitForURL((url) => url.pathname === '/literacy');
    await page.getByText('아직 등록된 진단검사가 없습니다.').waitFor();
    await page.getByTestId('new-assessment').click();
    await page.waitForURL((url) => url.pathname === '/literacy/new');

    await page.getByLabel('검사명').fill(NAME);
    await page.getByLabel('학년도').fill('2026');
    await expect(page.getByLabel('대상 학년').inputValue()).resolves.toBe('g5');
    // Q1 starts the list; 문항 추가 numbers the next ones and keeps the options 1–4.
    for (let i = 0; i < 3; i++) await page.getByTestId('add-item').click();
    await expect(page.getByLabel('3번 문항 ID').inputValue()).resolves.toBe('Q3');
    await page.getByLabel('1번 문항 정답').fill('5'); // not an option
    await page.getByLabel('2번 문항 정답').fill(KEYS[1]);
    await page.getByLabel('2번 문항 영역').selectOption({ label: 'AI 활용' });
    await page.getByLabel('3번 문항 정답').fill(KEYS[2]);
    await page.getByLabel('3번 문항 영역').selectOption({ label: 'AI 윤리' });
    await page.getByLabel('4번 문항 ID').fill('P1');
    await page.getByLabel('4번 문항 영역').selectOption({ label: '디지털 리터러시' });
    await page.getByLabel('4번 문항 유형').selectOption({ label: '부분점수' });
    await page.getByLabel('4번 문항 만점').fill('2');
    await page.getByTestId('create-assessment').click();

    // The API names items.0.key: the complaint stands under that item's key, in Korean.
    const keyError = page.getByTestId('field-error-items.0.key');
    await keyError.waitFor();
    await expect(keyError.textContent()).resolves.toContain('선택지에 없습니다');
    await expect(page.getByTestId('create-error').textContent()).resolves.toContain('1번째 정답');
    await shot('l01-create-field-error');
    await page.getByLabel('1번 문항 정답').fill(KEYS[0]);
    await page.getByTestId('create-assessment').click();
    await page.waitForURL((url) => /^\/literacy\/\d+$/.test(url.pathname));
    assessmentId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect(page.getByTestId('page-title').textContent()).resolves.toBe(NAME);
    await expect(page.getByTestId('item-list').locator('tbody tr').count()).resolves.toBe(4);
    await expect(page.getByTestId('fact-results').textContent()).resolves.toBe('0명');

    // A file with a bad answer and a bad grade: both listed by row and column, nothing imported.
    const good = resultsCsv();
    const lines = good.trim().split('\n');
    const bad = lines.map((line) => line.split(','));
    bad[2][4] = '7'; // row 3: Q1 is not an option
    bad[4][2] = '6'; // row 5: grade 6 in a 초5 assessment
    await page.getByLabel('파일', { exact: true }).setInputFiles({ name: '결과_오류.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.map((cells) => cells.join(',')).join('\n')) });
    await page.getByTestId('import-submit').click();
    const errors = page.getByTestId('import-error-table');
    await errors.waitFor();
    await expect(errors.locator('tbody tr').count()).resolves.toBe(2);
    const errorText = (await errors.textContent()) ?? '';
    expect(errorText).toContain('Q1');
    expect(errorText).toContain('선택지');
    expect(errorText).toContain('grade (학년)');
    await expect(page.getByTestId('import-error').textContent()).resolves.toContain('아무것도 가져오지 않았습니다');
    await shot('l02-import-rejected');

    await page.getByLabel('파일', { exact: true }).setInputFiles({ name: '결과.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByTestId('import-submit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    await expect(page.getByTestId('import-error').count()).resolves.toBe(0);
    await expect(result.getByTestId('import-received').textContent()).resolves.toBe('29');
    await expect(result.getByTestId('import-inserted').textContent()).resolves.toBe('29');
    await expect(result.getByTestId('import-students-created').textContent()).resolves.toBe('29');
    await result.getByTestId('analysis-job').and(page.locator('[data-state="done"]')).waitFor();
    await page.getByTestId('fact-results').filter({ hasText: '29명' }).waitFor();
    await shot('l03-imported');

    // The analysis: test statistics, the score histogram, every item, one item's distractors.
    await page.getByTestId('open-analysis').click();
    await page.waitForURL((url) => url.pathname === `/literacy/${assessmentId}/analysis`);
    await expect(page.getByTestId('stat-n').textContent()).resolves.toBe('29');
    const analysis = await admin.get(`/api/v1/literacy/assessments/${assessmentId}/analysis`);
    await expect(page.getByTestId('stat-alpha').textContent()).resolves.toBe(analysis.body.test.alpha.toFixed(3));
    await expect(page.getByTestId('chart-histogram').textContent()).resolves.toContain('명');
    // The Rasch method in Korean, built from the API's structured fields.
    expect(analysis.body.rasch).toMatchObject({ estimation: 'MML', sigmaEstimated: true, quadraturePoints: expect.any(Number) });
    await expect(page.getByTestId('rasch-fit').textContent()).resolves.toContain(
      `주변 최대우도 추정(MML, 뉴턴-랩슨, Louis 정보행렬) · 능력 분포 θ ~ N(0, σ²), σ 추정 · 가우스-에르미트 ${analysis.body.rasch.quadraturePoints}점 구적 · 능력 추정 EAP와 WLE`,
    );
    await expect(page.getByTestId('item-stats').locator('tbody tr').count()).resolves.toBe(4);
    await expect(page.getByTestId('item-stat-Q1').textContent()).resolves.toMatch(/\d+\.\d%/);
    await page.getByTestId('item-stat-Q2').getByRole('link', { name: 'Q2' }).click();
    await page.waitForURL((url) => url.searchParams.get('item') === 'Q2');
    const detail = page.getByTestId('item-detail');
    await expect(detail.getByTestId('distractor-table').locator('tbody tr').count()).resolves.toBe(4);
    await expect(detail.getByTestId('distractor-table').textContent()).resolves.toContain('정답');
    await shot('l04-analysis');

    // Q3 out of scoring, with a reason: the analysis runs again and scores three items.
    page.once('dialog', (dialog) => void dialog.accept('정답 시비'));
    await page.getByTestId('item-stat-Q3').getByTestId('drop-Q3').click();
    await page.getByTestId('analysis-job').and(page.locator('[data-state="done"]')).waitFor();
    await page.getByTestId('item-status-Q3').filter({ hasText: '채점 제외' }).waitFor();
    await page.getByTestId('test-stats').filter({ hasText: '채점 문항 3개' }).waitFor();
    await page.getByTestId('restore-Q3').waitFor();
    const assessment = await teacher.get(`/api/v1/literacy/assessments/${assessmentId}`);
    expect(assessment.body.items.find((i: { id: string }) => i.id === 'Q3')).toMatchObject({ dropped: true, droppedReason: '정답 시비' });
    await shot('l05-item-dropped');

    // The city report by office, and every school's workbook built with progress.
    await page.goto(`${baseUrl}/literacy/${assessmentId}/report`);
    await expect(page.getByTestId('city-n').textContent()).resolves.toBe('29');
    await expect(page.getByTestId('chart-groups').textContent()).resolves.toContain('강남서초교육지원청');
    // The city's score distribution and its share per achievement level, as the analysis shows them.
    await page.getByTestId('city-distribution').getByRole('img', { name: /원점수 분포 \(서울시 전체\)/ }).waitFor();
    await expect(page.getByTestId('city-chart-levels').textContent()).resolves.toMatch(/\d+명 \(\d+(\.\d+)?%\)/);
    await page.getByRole('button', { name: '학교급별' }).click();
    await page.getByTestId('chart-groups').filter({ hasText: '초등학교' }).waitFor();
    await shot('l06-city-report');
    await page.goto(`${baseUrl}/literacy/${assessmentId}`);
    await page.getByTestId('build-reports').click();
    await page.getByTestId('build-job').and(page.locator('[data-state="done"]')).waitFor();
    await page.getByTestId(`report-file-${gaepo}`).waitFor();
    await expect(page.getByTestId('report-file-table').locator('tbody tr').count()).resolves.toBe(3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-report-${gaepo}`).click()]);
    expect(download.suggestedFilename()).toMatch(/서울개포초등학교\.xlsx$/);
  }, 180_000);

  it("takes a teacher from the school's report through a class to a student's printable report", async () => {
    const [{ id: studentId }] = await app.db.query(`SELECT id FROM students WHERE school_id = $1 AND student_code = 'GP1-001'`, [gaepo]);
    const expected = await teacher.get(`/api/v1/literacy/assessments/${assessmentId}/students/${studentId}/report`);
    expect(expected.status).toBe(200);

    await login(TEACHER);
    await nav('진단검사');
    await page.getByTestId(`assessment-row-${assessmentId}`).getByRole('link', { name: NAME }).click();
    await page.waitForURL((url) => url.pathname === `/literacy/${assessmentId}/schools/${gaepo}`);
    await expect(page.getByTestId('school-summary').textContent()).resolves.toContain('서울개포초등학교 · 23명');
    // Class 3 has three students: withheld, and class 2 with it, or class 3 would follow by subtraction.
    await expect(page.getByTestId('class-table-3').textContent()).resolves.toContain('비공개 (5명 미만)');
    await expect(page.getByTestId('class-table-1').textContent()).resolves.toContain('12명');
    // The school's score distribution (a chart named for it) and the share of its students per level, with figures.
    const distribution = page.getByTestId('school-distribution');
    const histogram = distribution.getByRole('img', { name: /원점수 분포 \(우리 학교\)/ });
    await histogram.waitFor();
    expect(await distribution.getByTestId('school-chart-histogram').locator('svg .chart-row').count()).toBeGreaterThan(1);
    const schoolReport = await teacher.get(`/api/v1/literacy/assessments/${assessmentId}/schools/${gaepo}/report`);
    const levels = schoolReport.body.school.levels as Record<string, number>;
    const levelText = (await distribution.getByTestId('school-chart-levels').textContent()) ?? '';
    const leveled = Object.values(levels).reduce((a, b) => a + b, 0);
    expect(leveled).toBeGreaterThan(0);
    for (const [level, count] of Object.entries(levels)) {
      expect(levelText).toContain(`${level}${count}명 (${((count / leveled) * 100).toFixed(1)}%)`);
    }
    expect(levelText).toMatch(/성취수준별 학생 \(우리 학교\)/);
    await shot('l07-school-report');

    await page.getByTestId('class-table-1').getByRole('link', { name: '1반' }).click();
    await page.waitForURL((url) => url.pathname === `/literacy/${assessmentId}/schools/${gaepo}/classes/1`);
    await expect(page.getByTestId('class-n').textContent()).resolves.toBe('12');
    await expect(page.getByTestId('class-items').textContent()).resolves.toContain('채점 제외');
    await expect(page.getByTestId('student-table').locator('tbody tr').count()).resolves.toBe(12);
    await page.getByTestId('student-row-GP1-001').getByRole('link', { name: 'GP1-001' }).click();
    await page.waitForURL((url) => url.pathname === `/literacy/${assessmentId}/students/${studentId}`);

    const report = page.getByTestId('student-report');
    await expect(report.getByTestId('student-code').textContent()).resolves.toBe('GP1-001');
    await expect(report.getByTestId('student-score').textContent()).resolves.toBe(`${expected.body.percent.toFixed(1)}점`);
    await expect(report.getByTestId('student-level').textContent()).resolves.toBe(expected.body.level ?? '수준 미달');
    await expect(report.getByTestId('school-mean').textContent()).resolves.toContain('23명');
    // AI 윤리 had only Q3, now out of scoring; the others in their configured order.
    await expect(report.getByTestId('student-areas').locator('figcaption').allTextContents()).resolves.toEqual(['AI 이해', 'AI 활용', '디지털 리터러시']);
    await report.getByTestId('strengths').getByRole('heading', { name: '강점' }).waitFor();
    await report.getByTestId('weaknesses').getByRole('heading', { name: '보완 필요' }).waitFor();
    await shot('l08-student-report');

    // Printed, only the report remains: no menu, no print button.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('print-report').isVisible()).resolves.toBe(false);
    await expect(report.isVisible()).resolves.toBe(true);
    await shot('l09-student-report-print');
    // One A4 sheet.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    if (SCREENSHOT_DIR) writeFileSync(join(SCREENSHOT_DIR, 'l09-student-report.pdf'), pdf);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
  }, 90_000);

  it("tells a teacher of another school they may not open that student's report", async () => {
    const [{ id: studentId }] = await app.db.query(`SELECT id FROM students WHERE school_id = $1 AND student_code = 'GP1-001'`, [gaepo]);
    await login(OTHER_TEACHER);
    await page.goto(`${baseUrl}/literacy/${assessmentId}/students/${studentId}`);
    const denied = page.getByTestId('no-access');
    await denied.waitFor();
    await expect(denied.getByRole('heading').textContent()).resolves.toBe('접근 권한이 없습니다.');
    await expect(page.getByTestId('student-report').count()).resolves.toBe(0);
  }, 60_000);
});
