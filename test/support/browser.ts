import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './test-app';

export const BROWSER_WAIT = 30_000;

/**
 * Debian's Chromium, headless. Without the background-networking flags it keeps trying to reach
 * Google's hosts, which this machine's closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Logs in through the UI's form, as a person would. */
export async function logIn(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: BROWSER_WAIT });
}

/** Follows a link of the main menu. */
export async function navigate(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: label, exact: true }).click();
}

/** What the Content-Security-Policy refused in this spec file's pages (it must stay empty: the policy may not break the UI). */
export const cspViolations: string[] = [];

/** Korean locale, a desktop window by default; a viewport under 600 px wide is a phone (touch, mobile). */
export async function newBrowserContext(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ locale: 'ko-KR', acceptDownloads: true, viewport, ...(viewport.width < 600 ? { isMobile: true, hasTouch: true } : {}) });
  ctx.setDefaultTimeout(BROWSER_WAIT);
  ctx.on('page', (page) =>
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(`${page.url()}: ${msg.text()}`);
    }),
  );
  return ctx;
}

/** A full-page PNG in SCREENSHOT_DIR when it is set (to look at the pages a run went through). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
