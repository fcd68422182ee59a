/**
 * Accessibility (KWCAG 2.2 / WCAG 2.1 AA) of the Korean web UI in Chromium against the real api: axe-core
 * (the plain package, injected into each page) over every page of each role's main menu (and 내 정보), and the
 * public pages (the login, 지정 현황, a badge's verification, a survey respondent's code form and survey, a
 * guardian's consent letter and their child's data behind it, the privacy policy), at a desktop (1280×800) and a
 * phone (360×740) width — at the phone width the public pages (the ones guardians, respondents and verifiers
 * open on a phone) and the teacher's menu; the administrators' pages, used at a desk, are scanned at the desktop width. Violations of impact serious or critical must be none; the pages scanned and the
 * violations per rule are printed.
 *
 * Then keyboard-only checks: the skip link comes first and moves focus to the page's main; the login form is
 * filled and sent with keys alone and a wrong password is announced; a survey sent without a required answer is
 * announced; every form control has an accessible name; the focused element shows it (outline or box-shadow).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_WAIT, launchChromium } from '../support/browser';
import { makePublicLinks } from '../support/public-links';
import { schoolId } from '../support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { completionCsv, createCourses } from '../support/training-fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AXE_SOURCE: string = require('axe-core').source;
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;
type ViewportName = keyof typeof VIEWPORTS;

const NEIS = '7010057';
const USERS = [
  { email: 'admin@sen.go.kr', role: 'city_admin', displayName: '교육청 관리자' },
  { email: 'district@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho', displayName: '강남서초 담당' },
  { email: 'principal@gaepo.es.kr', role: 'principal', school: true, displayName: '개포초 교장' },
  { email: 'kim@gaepo.es.kr', role: 'teacher', school: true, displayName: '김교사' },
] as const;

/** Roles whose menus are also scanned at the phone width (see the header). */
const PHONE_ROLES: readonly string[] = ['teacher'];

/** Pages reached through a menu page's own tabs rather than the main menu, scanned after it. */
const SUB_PAGES: Record<string, string[]> = {
  '/privacy-office/retention': ['/privacy-office/destruction', '/privacy-office/access-log', '/privacy-office/review'],
};

interface Found {
  rule: string;
  impact: string;
  help: string;
  where: string;
  nodes: string[];
}

describe('accessibility: axe-core and the keyboard (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts = new Map<ViewportName, BrowserContext>();
  let codes: string[] = [];
  let guardianPath: string;
  let badgePath: string;
  const scanned: string[] = [];
  const found: Found[] = [];
  const unnamed: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    expect(existsSync(join(process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist'), 'index.html'))).toBe(true);
    app = await startTestApp({ worker: true });
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    await app.db.query(`UPDATE schools SET neis_code = $2 WHERE id = $1`, [gaepo, NEIS]);
    const clients = await Promise.all(
      USERS.map(({ email, role, displayName, ...rest }) =>
        app.as({ email, role, displayName, ...('school' in rest ? { schoolId: gaepo } : {}), ...('districtOffice' in rest ? { districtOffice: rest.districtOffice } : {}) }),
      ),
    );
    const [admin, , principal] = clients;

    ({ codes, guardianPath } = await makePublicLinks(app, { codes: 3, admin, principal }));

    // The teacher's completions, so 나의 연수 has rows and a badge (issued by the worker) to verify.
    await createCourses(admin);
    const imported = await admin.upload(
      '/api/v1/training/completions/import',
      completionCsv([['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', NEIS, 'AI-B-101', '1기', '2025-04-30', '']]),
      'completions.csv',
    );
    expect(imported.status).toBe(201);
    await app.waitForQueues();
    const me = await clients[3].get('/api/v1/training/me');
    expect(me.body.badges.length).toBeGreaterThan(0);
    badgePath = `/badges/${me.body.badges[0].id}/verify`;

    browser = await launchChromium();
    for (const [name, viewport] of Object.entries(VIEWPORTS) as [ViewportName, (typeof VIEWPORTS)[ViewportName]][]) {
      // bypassCSP: the axe script is injected inline, which the site's policy (rightly) refuses.
      const ctx = await browser.newContext({ locale: 'ko-KR', viewport, bypassCSP: true, ...(viewport.width < 600 ? { isMobile: true, hasTouch: true } : {}) });
      ctx.setDefaultTimeout(BROWSER_WAIT);
      ctx.on('page', (p) => p.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(`${p.url()}: ${msg.text().slice(0, 500)}`)));
      contexts.set(name, ctx);
    }
  }, 120_000);

  afterAll(async () => {
    for (const ctx of contexts.values()) await ctx.close();
    await browser?.close();
    await app?.close();
  });

  /** Until the page shows its heading and nothing is loading any more. */
  async function settled(page: Page): Promise<void> {
    await page.locator('main h1').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'), undefined, { timeout: BROWSER_WAIT });
    await page.waitForTimeout(100);
  }

  async function scan(page: Page, where: string): Promise<void> {
    const started = Date.now();
    try {
      await settled(page);
    } catch (e) {
      const shown = await page.evaluate(() => document.body.innerText.slice(0, 600)).catch(() => '');
      throw new Error(`${where} (${page.url()}): ${(e as Error).message}\n${shown}\n${consoleErrors.slice(-3).join('\n')}`);
    }
    if (process.env.A11Y_DETAIL) console.log(`${where} settled in ${Date.now() - started} ms`);
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(
      (tags) => (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe.run(document, { runOnly: tags, resultTypes: ['violations'] }),
      WCAG_AA,
    );
    scanned.push(where);
    for (const v of result.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      found.push({ rule: v.id, impact: v.impact, help: v.help, where, nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`) });
    }
    // Every form control has an accessible name (a label, aria-label(ledby) or a title).
    const missing = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('input:not([type="hidden"]), select, textarea'))
        .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby') || el.title))
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    unnamed.push(...missing.map((m) => `${where}: ${m}`));
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('이메일').fill(email);
    await page.getByLabel('비밀번호').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  it('finds no serious or critical axe violation on any page of any role, or any public page, at desktop and phone widths', async () => {
    for (const [vp, ctx] of contexts) {
      // Public pages, signed out.
      const visitor = await ctx.newPage();
      for (const path of ['/login', '/designated', badgePath, '/badges/00000000-0000-4000-8000-000000000000/verify', '/respond', `/respond/${codes[0]}`, guardianPath, '/privacy', guardianPath.replace('/consent/respond/', '/privacy/my-data/'), '/cases/public']) {
        await visitor.goto(`${app.baseUrl}${path}`);
        await scan(visitor, `${vp} (public) ${path}`);
      }
      await visitor.close();

      // Each role's menu, followed as a person would (the app's own navigation, no reload).
      for (const user of USERS.filter((u) => (!process.env.A11Y_ROLES || process.env.A11Y_ROLES.split(',').includes(u.role)) && (vp === 'desktop' || PHONE_ROLES.includes(u.role)))) {
        const page = await ctx.newPage();
        await signIn(page, user.email);
        await page.locator('nav[aria-label="주 메뉴"] a').first().waitFor({ state: 'attached' });
        const links = await page.$$eval('nav[aria-label="주 메뉴"] a, a[data-testid="my-account-link"]', (as) => as.map((a) => a.getAttribute('href')!));
        expect(links.length).toBeGreaterThan(1);
        for (const href of links) {
          await page.evaluate((h) => document.querySelector<HTMLAnchorElement>(`header a[href="${h}"]`)!.click(), href);
          await page.waitForURL((url) => url.pathname === href);
          await scan(page, `${vp} ${user.role} ${href}`);
          // The section's other pages, through its own tabs.
          for (const sub of SUB_PAGES[href] ?? []) {
            await page.evaluate((h) => document.querySelector<HTMLAnchorElement>(`main a[href="${h}"]`)!.click(), sub);
            await page.waitForURL((url) => url.pathname === sub);
            await scan(page, `${vp} ${user.role} ${sub}`);
          }
        }
        await page.close();
      }
    }

    const byRule = new Map<string, { impact: string; help: string; pages: number; nodes: number }>();
    for (const f of found) {
      const r = byRule.get(f.rule) ?? { impact: f.impact, help: f.help, pages: 0, nodes: 0 };
      r.pages += 1;
      r.nodes += f.nodes.length;
      byRule.set(f.rule, r);
    }
    const lines = [...byRule].map(([rule, r]) => `  ${rule} (${r.impact}): ${r.pages} page(s), ${r.nodes} element(s) — ${r.help}`);
    const detail = found.flatMap((f) => [`  [${f.rule}] ${f.where}`, ...f.nodes.slice(0, 4).map((n) => `      ${n.slice(0, 300)}`)]);
    console.log(
      `axe-core (${WCAG_AA.join(', ')}): ${scanned.length} pages scanned, ${found.reduce((n, f) => n + f.nodes.length, 0)} serious/critical element(s) in ${byRule.size} rule(s)\n` +
        `${lines.join('\n') || '  none'}\n${process.env.A11Y_DETAIL ? detail.join('\n') : ''}` +
        `\nform controls without an accessible name: ${unnamed.length}${unnamed.length ? `\n  ${unnamed.join('\n  ')}` : ''}`,
    );
    if (!process.env.A11Y_ROLES) expect(scanned.length).toBeGreaterThan(40);
    expect(lines).toEqual([]);
    expect(unnamed).toEqual([]);
  }, 600_000);

  /** The focused element (its tag and text) and whether it shows a focus indicator. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { tag: 'body', id: '', text: '', visible: false };
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
      return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent ?? '').trim().slice(0, 40), visible: outline || shadow };
    });

  /** Tabs through up to `max` stops, each of which must show focus; the stops without an indicator. */
  async function tabThrough(page: Page, max: number): Promise<string[]> {
    const bad: string[] = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.tag === 'body') break;
      if (!f.visible) bad.push(`${f.tag}#${f.id} "${f.text}"`);
    }
    return bad;
  }

  it('puts the skip link first on the login page and moves focus to the main content with it', async () => {
    const page = await contexts.get('desktop')!.newPage();
    try {
      await page.goto(`${app.baseUrl}/login`);
      await settled(page);
      await page.keyboard.press('Tab');
      const first = await focused(page);
      expect(first.text).toBe('본문 바로가기');
      expect(first.visible).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      // The next Tab goes on from the main content: the first field of the form.
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('login-email');
    } finally {
      await page.close();
    }
  });

  it('fills and sends the login form with the keyboard alone, and announces a wrong password', async () => {
    const page = await contexts.get('desktop')!.newPage();
    try {
      await page.goto(`${app.baseUrl}/login`);
      await settled(page);
      // Every stop of the login page shows focus.
      expect(await tabThrough(page, 15)).toEqual([]);
      await page.goto(`${app.baseUrl}/login`);
      await settled(page);
      let guard = 0;
      while ((await focused(page)).id !== 'login-email' && guard++ < 10) await page.keyboard.press('Tab');
      await page.keyboard.type('admin@sen.go.kr');
      await page.keyboard.press('Tab');
      expect((await focused(page)).id).toBe('login-password');
      await page.keyboard.type('틀린 비밀번호-1234');
      await page.keyboard.press('Enter');
      const alert = page.locator('[role="alert"], [aria-live="assertive"], [aria-live="polite"]').filter({ hasText: '로그인하지 못했습니다.' });
      await alert.waitFor();
      // The right password: back in the password field (the error keeps the values), select all, type, Enter.
      await page.locator('#login-password').focus();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(TEST_PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/dashboard');
      await settled(page);
      // A signed-in page: every stop in the header and the first ones of the page show focus.
      expect(await tabThrough(page, 25)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('announces a required question left unanswered on the survey respondent page', async () => {
    const page = await contexts.get('phone')!.newPage();
    try {
      await page.goto(`${app.baseUrl}/respond`);
      await settled(page);
      let guard = 0;
      while ((await focused(page)).tag !== 'input' && guard++ < 10) await page.keyboard.press('Tab');
      await page.keyboard.type(codes[1]);
      await page.keyboard.press('Enter');
      await page.getByTestId('respond-title').waitFor();
      await settled(page);
      expect(await tabThrough(page, 20)).toEqual([]);
      await page.getByTestId('submit-survey').focus();
      await page.keyboard.press('Enter');
      const problems = page.getByTestId('survey-problems');
      await problems.waitFor();
      await expect(problems.getAttribute('role')).resolves.toBe('alert');
      // Focus goes to the first question with a problem, which says what is wrong.
      const f = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        const holder = el.getAttribute('aria-describedby') ? el : el.closest('fieldset');
        const described = (holder?.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '');
        return { tag: el.tagName.toLowerCase(), described: described.join(' ') };
      });
      expect(f.tag).toBe('input');
      // Its question (the input or its fieldset) is described by the problem.
      expect(f.described).toContain('필수 문항입니다');
    } finally {
      await page.close();
    }
  });
});
