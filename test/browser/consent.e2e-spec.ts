/**
 * Browser check of the guardian-consent pages (생성형 AI 보호자 동의) in the Korean web UI (apps/web,
 * as built by `npm run build`), driven by playwright-core and Debian's Chromium against the real api
 * (serving the UI).
 *
 * A middle-school teacher sees the class list before a lesson with a 15-year-old 불가 for want of
 * consent, adds a student with the grade as teachers say it (중2 → year 8), makes the class's home
 * letter and opens its printable page; on a 360×740 phone, logged out, a guardian opens the slip's
 * one-time link and answers 동의합니다; the link then says it was used, an unknown and an expired
 * link get their own Korean messages; the teacher's list now shows the student 사용 가능, the letter
 * counts the answer, a paper decision and a withdrawal are recorded from the student's records; an
 * elementary student is 불가 with the elementary-school reason whatever the consent; the teacher
 * uploads returned slips (a file with errors listed by row and column, then a good one); the city
 * admin registers a service (an API field error shown under its field) and publishes a notice version.
 *
 * Set SCREENSHOT_DIR to keep a full-page PNG of each main page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, logIn, navigate, newBrowserContext, screenshot } from '../support/browser';
import { bornYearsAgo, CHATGPT, NOTICE, schoolYear, today } from '../support/consent-fixtures';
import { schoolId } from '../support/fixtures';
import { decodeQr } from '../support/qr';
import { startTestApp, TestApp } from '../support/test-app';

const PUBLIC = 'https://aiedu.sen.go.kr';

const ADMIN = 'admin@sen.go.kr';
const TEACHER = 'teacher@middle.ms.kr';
const ELEMENTARY_TEACHER = 'teacher@gaepo.es.kr';
const PHONE = { width: 360, height: 740 };

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('guardian consent UI (browser)', () => {
  let app: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: Client;
  let teacher: Client;
  let middle: { id: number; name: string };
  let serviceId: number;
  let letterId: number;
  /** The one-time links printed on the letter, by student code. */
  const links: Record<string, string> = {};

  const login = (email: string) => logIn(page, baseUrl, email);

  const nav = (label: string) => navigate(page, label);

  const shot = (name: string, target: Page = page) => screenshot(target, name);

  const newContext = (viewport?: { width: number; height: number }) => newBrowserContext(browser, viewport);

  /** The consent menu, then a class (grade within the school's level) and the service, as a teacher picks them. */
  async function openClass(grade: string, classNo: string): Promise<void> {
    await nav('생성형 AI 동의');
    await page.waitForURL((url) => url.pathname === '/consent');
    const form = page.getByTestId('class-form');
    await form.getByLabel('학년').selectOption({ label: grade });
    await form.getByLabel('반').fill(classNo);
    await form.getByLabel('AI 서비스').selectOption({ label: 'ChatGPT (OpenAI)' });
    await page.getByTestId('class-form-submit').click();
    await page.getByTestId('eligibility-summary').waitFor();
  }

  const row = (code: string) => page.getByTestId(`eligibility-${code}`);
  /** Waits for the student's verdict (the list reloads after a record), then gives it. */
  const verdict = async (code: string, expected?: string) => {
    const cell = row(code).getByTestId('eligibility-verdict');
    if (expected) await cell.filter({ hasText: new RegExp(`^${expected}$`) }).waitFor();
    return cell.textContent();
  };
  const reasons = async (code: string) => (await row(code).getByTestId('eligibility-reasons').textContent()) ?? '';

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    // The address printed on paper is the public one, not the address the page was opened at.
    app = await startTestApp({ env: { PUBLIC_BASE_URL: PUBLIC } });
    baseUrl = app.baseUrl;
    admin = await app.as({ email: ADMIN, role: 'city_admin', displayName: '교육청 관리자' });
    [middle] = await app.db.query(`SELECT id, name FROM schools WHERE level = 'middle' AND district = '강남구' ORDER BY id LIMIT 1`);
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    teacher = await app.as({ email: TEACHER, role: 'teacher', schoolId: middle.id, displayName: '중학교 담임' });
    const elementaryTeacher = await app.as({ email: ELEMENTARY_TEACHER, role: 'teacher', schoolId: gaepo, displayName: '개포초 담임' });

    const service = await admin.post('/api/v1/consent/services', CHATGPT);
    expect(service.status).toBe(201);
    serviceId = service.body.id;
    expect((await admin.post(`/api/v1/consent/services/${serviceId}/notices`, { schoolYear: schoolYear(), ...NOTICE })).status).toBe(201);

    for (const [client, school, code, grade, age] of [
      [teacher, middle.id, 'M15', 8, 15],
      [elementaryTeacher, gaepo, 'E11', 5, 11],
    ] as const) {
      const res = await client.post('/api/v1/consent/students', { schoolId: school, studentCode: code, grade, classNo: 1, birthMonth: bornYearsAgo(age) });
      expect(res.status).toBe(201);
    }
    // The elementary student even has a consent on record: it does not matter.
    const [{ id: e11 }] = await app.db.query(`SELECT id FROM students WHERE student_code = 'E11'`);
    expect((await elementaryTeacher.post('/api/v1/consent/records', { studentId: e11, serviceId, decision: 'granted', guardianRelation: 'mother', method: 'paper_slip' })).status).toBe(201);
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

  it('shows a middle-school teacher the class list: a 15-year-old without consent is 불가; a student added as 중2', async () => {
    await login(TEACHER);
    await openClass('2학년', '1');
    await expect(page.getByTestId('consent-school').textContent()).resolves.toContain(middle.name);
    await expect(page.getByRole('heading', { name: `${middle.name} 2학년 1반 · ChatGPT` }).count()).resolves.toBe(1);
    await expect(verdict('M15', '불가')).resolves.toBe('불가');
    const why = await reasons('M15');
    expect(why).toContain('만 15세로, 최소 사용 연령(만 13세) 이상입니다.');
    expect(why).toContain('만 15세는 보호자 동의가 필요합니다. 동의 기록이 없습니다.');
    expect(why).toContain('중학교 학생은 교사의 지도하에 직접 사용할 수 있습니다.');

    // Added as the teacher says it, 2학년: the API stores the year of schooling, 8.
    const add = page.getByTestId('add-student-form');
    await add.getByLabel('학생 ID').fill('M16');
    await add.getByLabel('학년').selectOption({ label: '2학년' });
    await add.getByLabel('반').fill('1');
    await add.getByLabel('생년월').fill(bornYearsAgo(14));
    await page.getByTestId('add-student').click();
    await expect(page.getByTestId('student-saved').textContent()).resolves.toContain('M16을(를) 2학년 1반 명단에 저장했습니다.');
    await row('M16').waitFor();
    await expect(verdict('M16', '불가')).resolves.toBe('불가');
    const roster = await teacher.get(`/api/v1/consent/classes?schoolId=${middle.id}&grade=8&classNo=1`);
    expect(roster.body.items.map((s: { studentCode: string; grade: number }) => [s.studentCode, s.grade])).toEqual([
      ['M15', 8],
      ['M16', 8],
    ]);

    await row('M15').getByRole('button', { name: 'M15 동의 기록' }).click();
    await page.getByTestId('student-records').getByText('아직 동의 기록이 없습니다.').waitFor();
    await shot('consent-class-list');
  });

  it('makes the class\'s home letter and opens its printable page with a slip and link per student', async () => {
    await login(TEACHER);
    await openClass('2학년', '1');
    await page.getByTestId('to-letters').click();
    await page.waitForURL((url) => url.pathname === '/consent/letters');
    // The class and service come along from the list.
    const form = page.getByTestId('letter-form');
    await expect(form.getByLabel('학년').inputValue()).resolves.toBe('2');
    await expect(form.getByLabel('AI 서비스').inputValue()).resolves.toBe(`service-${serviceId}`);
    await page.getByTestId('letter-form-submit').click();
    await page.waitForURL((url) => /^\/consent\/letters\/\d+$/.test(url.pathname));
    letterId = Number(new URL(page.url()).pathname.split('/').pop());

    const body = (await page.getByTestId('letter-body').textContent()) ?? '';
    // The AI-ethics guidance is the office's standard one, as the notice gave none.
    const ethics = '이름, 연락처, 주소, 사진 등 개인정보와 다른 사람의 정보를 입력하지 않습니다.';
    for (const text of [NOTICE.purpose, ...NOTICE.dataItems, NOTICE.retention, NOTICE.refusalRight, ethics, 'ChatGPT', 'OpenAI', '만 13세 이상', middle.name, '2학년 1반']) {
      expect(body).toContain(text);
    }
    const slips = page.getByTestId('return-slip');
    await expect(slips.count()).resolves.toBe(2);
    const first = (await slips.first().textContent()) ?? '';
    for (const text of ['M15', '동의함', '동의하지 않음', '보호자 관계', '부', '모', '법정대리인(후견인 등)', '기타 보호자', '보호자 서명']) expect(first).toContain(text);
    // Each slip's QR code, read as a phone's camera would, names the public guardian page with the slip's code in it,
    // which is also printed to type (without https://) and as the code itself.
    const printable = await teacher.get(`/api/v1/consent/letters/${letterId}`);
    for (const code of ['M15', 'M16']) {
      const slip = slips.filter({ has: page.getByTestId('slip-student').filter({ hasText: code }) });
      const { token } = printable.body.slips.find((s: { studentCode: string }) => s.studentCode === code);
      const scanned = decodeQr(await slip.locator('svg.qr-code').evaluate((svg) => svg.outerHTML));
      expect(scanned).toBe(`${PUBLIC}/consent/respond/${token}`);
      await expect(slip.getByTestId('printed-link-url').textContent()).resolves.toBe(`aiedu.sen.go.kr/consent/respond/${token}`);
      await expect(slip.textContent()).resolves.toContain(`회신 코드 ${token}`);
      // This test's server stands in for the public host.
      links[code] = `${baseUrl}${new URL(scanned!).pathname}`;
    }
    await shot('consent-letter');

    // Printed, only the letter and the slips remain: no menu, no buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('print-letter').isVisible()).resolves.toBe(false);
    await expect(slips.first().isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('letter-body').isVisible()).resolves.toBe(true);
  });

  it('lets a guardian answer 동의합니다 on a phone without logging in; a used, unknown or expired link says so', async () => {
    await context.close();
    context = await newContext(PHONE);
    page = await context.newPage();
    const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

    await page.goto(links.M15);
    await expect(page.getByTestId('guardian-student-code').textContent()).resolves.toBe('M15');
    const student = (await page.getByTestId('guardian-student').textContent()) ?? '';
    expect(student).toContain(middle.name);
    expect(student).toContain('2학년 1반');
    await expect(page.getByTestId('notice-purpose').textContent()).resolves.toBe(NOTICE.purpose);
    await expect(page.getByTestId('notice-service').textContent()).resolves.toContain('OpenAI');
    await expect(page.getByTestId('notice-ethics').locator('li').count()).resolves.toBe(5);
    await expect(page.getByRole('navigation', { name: '주 메뉴' }).count()).resolves.toBe(0);
    await expect(noSideScroll()).resolves.toBe(true);

    // The relation is asked for first.
    await page.getByTestId('answer-granted').click();
    await page.getByTestId('relation-missing').waitFor();
    await page.getByLabel('학생과의 관계').fill('모');
    const box = await page.getByTestId('answer-granted').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await shot('consent-guardian-phone', page);
    await page.getByTestId('answer-granted').click();
    await expect(page.getByTestId('guardian-done').textContent()).resolves.toContain('동의하셨습니다');
    await expect(noSideScroll()).resolves.toBe(true);

    // Reopened, the used link shows the answer and when it was given, not an error.
    await page.goto(links.M15);
    const answered = page.getByTestId('guardian-answered');
    await expect(answered.textContent()).resolves.toContain('이미 답한 동의서입니다');
    await expect(page.getByTestId('answered-decision').textContent()).resolves.toBe('동의');
    await expect(answered.textContent()).resolves.toContain('모');
    await expect(page.getByTestId('answered-at').textContent()).resolves.toMatch(/^\d{4}\. \d{1,2}\. \d{1,2}\. \([일월화수목금토]\) 오[전후] \d{1,2}:\d{2}$/);
    await expect(page.getByTestId('guardian-error').count()).resolves.toBe(0);
    await expect(page.getByTestId('answer-granted').count()).resolves.toBe(0);
    await shot('consent-guardian-answered', page);
    await page.goto(`${baseUrl}/consent/respond/not-a-real-link`);
    await expect(page.getByTestId('guardian-error').textContent()).resolves.toContain('찾을 수 없는 링크입니다');
    await app.db.query(`UPDATE consent_slips SET expires_at = now() - interval '1 minute' WHERE letter_id = $1 AND guardian_no = 1 AND student_id = (SELECT id FROM students WHERE student_code = 'M16')`, [letterId]);
    await page.goto(links.M16);
    await expect(page.getByTestId('guardian-error').textContent()).resolves.toContain('유효 기간이 지난 링크입니다');
  });

  it('shows the student 사용 가능 after the answer; the letter counts it; a paper decision and a withdrawal are recorded', async () => {
    await login(TEACHER);
    await openClass('2학년', '1');
    await expect(verdict('M15', '사용 가능')).resolves.toBe('사용 가능');
    expect(await reasons('M15')).toContain('보호자 동의가 있습니다');

    await row('M15').getByRole('button', { name: 'M15 동의 기록' }).click();
    const history = page.getByTestId('consent-history');
    await history.waitFor();
    const answered = (await history.textContent()) ?? '';
    expect(answered).toContain('웹 링크(보호자 직접)');
    expect(answered).toContain('보호자 직접');
    expect(answered).toContain('1판');

    // The guardian withdraws by telephone: a new record, and the student is 불가 again.
    const withdraw = page.getByTestId('withdrawal-form');
    await withdraw.getByLabel('보호자 관계').fill('부');
    await withdraw.getByLabel('확인 방법').selectOption({ label: '기타' });
    await page.getByTestId('withdrawal-submit').click();
    await page.getByTestId('withdrawal-saved').waitFor();
    await expect(verdict('M15', '불가')).resolves.toBe('불가');
    expect(await reasons('M15')).toContain('보호자가 동의를 철회했습니다');
    await history.locator('tbody tr').nth(1).waitFor();
    await expect(history.locator('tbody tr').first().textContent()).resolves.toContain('철회');

    // M16's slip came back on paper (its link had expired).
    await row('M16').getByRole('button', { name: 'M16 동의 기록' }).click();
    const decision = page.getByTestId('decision-form');
    await decision.getByLabel('동의 여부').selectOption({ label: '동의' });
    await decision.getByLabel('보호자 관계').fill('모');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-saved').waitFor();
    await expect(verdict('M16', '사용 가능')).resolves.toBe('사용 가능');
    await page.getByTestId('consent-history').getByText('서면(회신서)').waitFor();
    await shot('consent-records');

    // The letter: 2 sent, 1 opened (M16's link had expired before it was opened), 2 answered (web and paper).
    await page.getByRole('navigation', { name: '생성형 AI 동의 메뉴' }).getByRole('link', { name: '가정통신문' }).click();
    const letter = page.getByTestId(`letter-${letterId}`);
    await letter.waitFor();
    await expect(letter.getByTestId('letter-sent').textContent()).resolves.toBe('2');
    await expect(letter.getByTestId('letter-opened').textContent()).resolves.toBe('1');
    await expect(letter.getByTestId('letter-answered').textContent()).resolves.toBe('2');
  });

  it('shows an elementary student 불가 with the elementary-school reason, whatever the consent', async () => {
    await login(ELEMENTARY_TEACHER);
    await nav('생성형 AI 동의');
    // An elementary school has six grades to choose from.
    const grades = page.getByTestId('class-form').getByLabel('학년').locator('option');
    await grades.nth(5).waitFor({ state: 'attached' });
    await expect(grades.allTextContents()).resolves.toEqual(['1학년', '2학년', '3학년', '4학년', '5학년', '6학년']);
    await openClass('5학년', '1');
    await expect(verdict('E11', '불가')).resolves.toBe('불가');
    const why = await reasons('E11');
    expect(why).toContain('초등학생은 생성형 AI를 직접 사용하지 않습니다 (교사 주도 활용만 가능).');
    expect(why).toContain('만 11세로, 이 서비스의 최소 사용 연령(만 13세)에 이르지 않았습니다.');
  });

  it('takes returned slips from a file: every bad row and column listed, then all rows at once', async () => {
    await login(TEACHER);
    await openClass('2학년', '1');
    await page.getByRole('navigation', { name: '생성형 AI 동의 메뉴' }).getByRole('link', { name: '동의 회신 일괄 등록' }).click();
    await page.waitForURL((url) => url.pathname === '/consent/import');
    const header = '학생ID,학년,반,생년월,동의 여부,보호자 관계,확인 방법,확인일';
    const bad = [header, `N1,2,3,${bornYearsAgo(14)},동의,모,서면,${today()}`, `N2,2,3,2011/13,동의,,서면,${today()}`, `N3,5,3,,아마도,부,서면,${today()}`].join('\n');
    await page.getByLabel('파일', { exact: true }).setInputFiles({ name: '회신서.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByTestId('import-submit').click();
    const errors = page.getByTestId('import-error-table');
    await errors.waitFor();
    const errorText = (await errors.textContent()) ?? '';
    for (const text of ['생년월', '보호자 관계', '학년은 1~3의 정수여야 합니다', '동의 또는 미동의로 씁니다']) expect(errorText).toContain(text);
    await expect(errors.locator('tbody tr').count()).resolves.toBe(4);
    await expect(page.getByTestId('import-error').textContent()).resolves.toContain('아무것도 가져오지 않았습니다');

    const good = [header, `N1,2,3,${bornYearsAgo(14)},동의,모,서면,${today()}`, `N2,2,3,${bornYearsAgo(14)},미동의,부,서면,${today()}`, `N3,2,3,${bornYearsAgo(14)},,,,`].join('\n');
    await page.getByLabel('파일', { exact: true }).setInputFiles({ name: '회신서.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByTestId('import-submit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    await expect(result.getByTestId('import-received').textContent()).resolves.toBe('3');
    await expect(result.getByTestId('import-recorded').textContent()).resolves.toBe('2');
    await expect(result.getByTestId('import-roster-only').textContent()).resolves.toBe('1');
    await shot('consent-import');

    await openClass('2학년', '3');
    await expect(verdict('N1', '사용 가능')).resolves.toBe('사용 가능');
    await expect(verdict('N2', '불가')).resolves.toBe('불가');
    expect(await reasons('N2')).toContain('보호자가 동의하지 않았습니다');
  });

  it('lets the city admin register a service (a field error shown under its field) and publish a notice version', async () => {
    await login(ADMIN);
    await nav('생성형 AI 동의');
    await page.getByRole('navigation', { name: '생성형 AI 동의 메뉴' }).getByRole('link', { name: 'AI 서비스 관리' }).click();
    await page.waitForURL((url) => url.pathname === '/consent/services');
    await page.getByTestId('service-ChatGPT').waitFor();

    await page.getByTestId('new-service').click();
    const form = page.getByTestId('service-form');
    await form.getByLabel('서비스 이름').fill('Gemini');
    await form.getByLabel('제공자').fill('Google');
    await form.getByLabel('최소 연령 (만)').fill('13');
    await form.getByLabel('보호자 동의 필요 연령 (만, 미만)').fill('30');
    await form.getByLabel('제공되는 개인정보').fill('계정 정보\n입력한 대화 내용');
    await page.getByTestId('save-service').click();
    await page.getByTestId('field-error-consentUnderAge').waitFor();
    await expect(page.getByRole('alert').filter({ hasText: '서비스를 저장하지 못했습니다' }).textContent()).resolves.toContain('보호자 동의 필요 연령');
    await form.getByLabel('보호자 동의 필요 연령 (만, 미만)').fill('18');
    await page.getByTestId('save-service').click();

    // Saved: its row, and its (still empty) notices open.
    const gemini = page.getByTestId('service-Gemini');
    await gemini.waitFor();
    const cells = (await gemini.textContent()) ?? '';
    for (const text of ['Google', '만 13세', '만 18세 미만', '계정 정보, 입력한 대화 내용', '중학교, 고등학교', '사용 중']) expect(cells).toContain(text);
    await page.getByText('게시된 안내문이 없습니다.', { exact: false }).waitFor();
    await page.getByTestId('new-notice').click();
    const notice = page.getByTestId('notice-form');
    await notice.getByLabel('수집·이용 목적').fill('수업 중 교사의 지도하에 Gemini를 활용한 탐구 활동');
    await notice.getByLabel('보유 기간').fill('해당 학년도 종료 시까지');
    await notice.getByLabel('동의 거부 권리 및 불이익').fill('동의하지 않을 수 있으며, 대체 활동에 참여합니다.');
    await notice.getByLabel('AI 윤리 안내 (조례 제9조)').fill('선생님의 지도에 따라 수업 시간에만 사용합니다.\n개인정보를 입력하지 않습니다.');
    await page.getByTestId('publish-notice').click();
    const v1 = page.getByTestId(`notice-${schoolYear()}-1`);
    await v1.waitFor();
    const text = (await v1.textContent()) ?? '';
    expect(text).toContain('Gemini를 활용한 탐구 활동');
    // The items start from the service's personal data.
    expect(text).toContain('입력한 대화 내용');
    await expect(v1.getByTestId('notice-ethics').locator('li').allTextContents()).resolves.toEqual(['선생님의 지도에 따라 수업 시간에만 사용합니다.', '개인정보를 입력하지 않습니다.']);
    await shot('consent-services');

    const { body } = await admin.get('/api/v1/consent/services');
    const geminiId = body.items.find((s: { name: string }) => s.name === 'Gemini').id;
    const notices = await admin.get(`/api/v1/consent/services/${geminiId}/notices`);
    expect(notices.body.items).toEqual([expect.objectContaining({ version: 1, schoolYear: schoolYear(), dataItems: ['계정 정보', '입력한 대화 내용'] })]);
  });

  it('gives an administrator 동의 현황: figures per office, drill-down to a class, 불가만 보기; the class list counts and filters', async () => {
    // A class where one may use it and one has no answer, a class where all may, and a school of another office where all may.
    const [mapo] = await app.db.query(`SELECT id FROM schools WHERE level = 'middle' AND district = '마포구' ORDER BY id LIMIT 1`);
    for (const [school, code, grade, classNo, age, granted] of [
      [middle.id, 'Z15', 9, 2, 15, true], [middle.id, 'Z13', 9, 2, 13, false], [middle.id, 'Y15', 9, 3, 15, true], [mapo.id, 'S15', 8, 1, 15, true],
    ] as const) {
      const res = await admin.post('/api/v1/consent/students', { schoolId: school, studentCode: code, grade, classNo, birthMonth: bornYearsAgo(age) });
      expect(res.status).toBe(201);
      if (granted) expect((await admin.post('/api/v1/consent/records', { studentId: res.body.id, serviceId, decision: 'granted', guardianRelation: 'mother', method: 'paper_slip' })).status).toBe(201);
    }
    const expected = (await admin.get(`/api/v1/consent/overview?serviceId=${serviceId}&level=office`)).body;

    await login(ADMIN);
    await nav('동의 현황');
    await page.waitForURL((url) => url.pathname === '/consent/overview');
    await page.getByLabel('AI 서비스').selectOption({ label: 'ChatGPT (OpenAI)' });
    const table = page.getByTestId('overview-table');
    const rows = table.getByTestId('overview-row');
    const rowOf = (name: string) => rows.filter({ hasText: name });
    const figures = async (name: string) =>
      Promise.all(['overview-students', 'overview-eligible', 'overview-not-eligible', 'overview-no-answer'].map(async (id) => Number(await rowOf(name).getByTestId(id).textContent())));
    await rowOf('서부교육지원청').waitFor();
    await expect(rows.count()).resolves.toBe(2);
    const gangnam = expected.groups.find((g: { office: string }) => g.office === 'gangnam-seocho');
    await expect(figures('강남서초교육지원청')).resolves.toEqual([gangnam.students, gangnam.eligible, gangnam.notEligible, gangnam.noAnswer]);
    await expect(figures('서부교육지원청')).resolves.toEqual([1, 1, 0, 0]);
    await expect(table.getByTestId('overview-total').getByTestId('overview-students').textContent()).resolves.toBe(String(expected.total.students));
    // The bar says in words what it shows.
    await expect(rowOf('서부교육지원청').getByRole('img').getAttribute('aria-label')).resolves.toBe('서부교육지원청: 1명 중 1명 사용 가능 (100.0%)');
    await expect(page.getByTestId('overview-summary').textContent()).resolves.toContain(`전체 ${expected.total.students}명 중 사용 가능 ${expected.total.eligible}명`);

    // 불가만 보기: the office where every student may use it goes.
    await page.getByLabel('불가만 보기').check();
    await rowOf('서부교육지원청').waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(1);

    // Down to the classes of the middle school (the filter stays on).
    await table.getByRole('button', { name: '강남서초교육지원청' }).click();
    await table.getByRole('button', { name: '강남구' }).click();
    await table.getByRole('button', { name: `${middle.name} (중)` }).click();
    await rowOf('3학년 2반').waitFor();
    await expect(page.getByTestId('overview-steps').textContent()).resolves.toBe(`서울 전체 › 강남서초교육지원청 › 강남구 › ${middle.name}`);
    await expect(figures('3학년 2반')).resolves.toEqual([2, 1, 1, 1]);
    await expect(rowOf('3학년 3반').count()).resolves.toBe(0);
    await page.getByLabel('불가만 보기').uncheck();
    await rowOf('3학년 3반').waitFor();
    await expect(figures('3학년 3반')).resolves.toEqual([1, 1, 0, 0]);
    await shot('consent-overview');

    // A class opens its list: the counts above the table, and 불가만 보기 keeps the students who may not use it.
    await rowOf('3학년 2반').getByRole('link', { name: '3학년 2반' }).click();
    await page.waitForURL((url) => url.pathname === '/consent');
    const counts = page.getByTestId('class-counts');
    await counts.filter({ hasText: '미회신 1명' }).waitFor();
    await expect(counts.textContent()).resolves.toBe('전체 2명 · 사용 가능 1명 · 불가 1명 · 미회신 1명');
    await row('Z15').waitFor();
    await page.getByLabel('불가만 보기').check();
    await row('Z15').waitFor({ state: 'detached' });
    await expect(verdict('Z13')).resolves.toBe('불가');
    await expect(page.getByTestId('eligibility-table').locator('tbody tr').count()).resolves.toBe(1);
    await shot('consent-class-counts');

    // Printed: the list without the site's menu, the choosers and the buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('print-class').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('class-form').isVisible()).resolves.toBe(false);
    await expect(counts.isVisible()).resolves.toBe(true);
    await expect(row('Z13').isVisible()).resolves.toBe(true);
  });
});
