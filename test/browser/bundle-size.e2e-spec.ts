/**
 * What a phone downloads to open the two links people without an account get on paper: a survey
 * respondent's one-time code (/respond/:code, 조례 제6조) and a guardian's consent link
 * (/consent/respond/:token, 조례 제9조). Chromium, on a 360×740 phone, against the real api serving the
 * built UI (precompressed brotli/gzip assets, apps/api/src/web-ui.ts): the bytes as they came over the
 * wire (encoded, without headers) of every document, script and stylesheet, until the page is shown and
 * the network is idle. Each total must stay at most BUDGET: the admin pages, the signed-in frame and
 * their routes are chunks that these pages never load (apps/web/src/routes.tsx).
 *
 * A size bound, not a timing one: the figures are printed for the record.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, type Request } from 'playwright-core';
import { launchChromium, newBrowserContext } from '../support/browser';
import { makePublicLinks, PARENT_SURVEY_TITLE } from '../support/public-links';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * At most this many bytes (encoded) for each link: "about 100 kB gzip or less" on a phone. The links are a document
 * of their own (apps/web/src/publicEntry.tsx): React, TanStack Query and the page, without the router (before it:
 * 126 kB brotli, 145 kB gzip). Brotli, which every phone browser asks for, as sent; gzip, for the record and a
 * looser bound, from the build's .gz files of the same downloads.
 */
const BUDGET = { br: 100_000, gzip: 110_000 };
const WEB_DIST = process.env.TEST_WEB_DIST_DIR ?? join(__dirname, '../../apps/web/dist');
const PHONE = { width: 360, height: 740 };
const COUNTED = new Set(['document', 'script', 'stylesheet']);


interface Download {
  url: string;
  type: string;
  encoding: string;
  bytes: number;
}

describe('what a phone downloads for a respondent or guardian link (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let respondUrl: string;
  let guardianUrl: string;

  beforeAll(async () => {
    expect(existsSync(join(WEB_DIST, 'respond.html'))).toBe(true);
    app = await startTestApp();

    const links = await makePublicLinks(app);
    respondUrl = `${app.baseUrl}/respond/${links.codes[0]}`;
    guardianUrl = `${app.baseUrl}${links.guardianPath}`;

    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Opens `url` on a phone with an empty cache; the documents, scripts and stylesheets it downloaded. */
  async function downloads(url: string, shown: (page: Page) => Promise<void>): Promise<Download[]> {
    const context = await newBrowserContext(browser, PHONE);
    try {
      const page = await context.newPage();
      const finished: Promise<Download>[] = [];
      const count = async (request: Request): Promise<Download> => {
        const response = await request.response();
        return {
          url: new URL(request.url()).pathname,
          type: request.resourceType(),
          encoding: (await response?.headerValue('content-encoding')) ?? 'identity',
          bytes: (await request.sizes()).responseBodySize,
        };
      };
      page.on('requestfinished', (request) => {
        if (COUNTED.has(request.resourceType())) finished.push(count(request));
      });
      await page.goto(url);
      await shown(page);
      await page.waitForLoadState('networkidle');
      return await Promise.all(finished);
    } finally {
      await context.close();
    }
  }

  /** The gzip size of a download: the build's .gz of the file (respond.html for a link's document), or the file when too small to compress. */
  function gzipBytes(file: Download): number {
    const path = join(WEB_DIST, file.type === 'document' ? 'respond.html' : file.url);
    return existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : statSync(path).size;
  }

  function report(name: string, files: Download[]): { br: number; gzip: number } {
    expect(files.every((f) => f.encoding === 'br' || f.bytes < 1024)).toBe(true);
    const total = { br: files.reduce((sum, f) => sum + f.bytes, 0), gzip: files.reduce((sum, f) => sum + gzipBytes(f), 0) };
    const lines = files.map((f) => `  ${String(f.bytes).padStart(7)}  ${String(gzipBytes(f)).padStart(7)}  ${f.type.padEnd(10)} ${f.url}`);
    console.log(`${name}: ${files.length} files, ${total.br} bytes brotli, ${total.gzip} gzip (budget ${BUDGET.br}, ${BUDGET.gzip})\n     br     gzip\n${lines.join('\n')}`);
    return total;
  }

  it('keeps a respondent link (/respond/:code) within the budget', async () => {
    const files = await downloads(respondUrl, async (page) => {
      await page.getByTestId('respond-title').filter({ hasText: PARENT_SURVEY_TITLE }).waitFor();
      // Each route has its title (apps/web/src/title.ts).
      await expect(page.title()).resolves.toBe('설문 응답 · 서울특별시교육청 AI 교육 플랫폼');
    });
    expect(files.filter((f) => f.type === 'script').length).toBeGreaterThan(0);
    const total = report('respondent link', files);
    expect(total.br).toBeLessThanOrEqual(BUDGET.br);
    expect(total.gzip).toBeLessThanOrEqual(BUDGET.gzip);
    // Not a byte of the signed-in app: no router, no admin page.
    expect(files.map((f) => f.url).filter((url) => /\/assets\/(index|appRoutes|routes)-/.test(url))).toEqual([]);
  });

  it('keeps a guardian consent link (/consent/respond/:token) within the budget', async () => {
    const files = await downloads(guardianUrl, async (page) => {
      await page.getByTestId('guardian-title').waitFor();
      await expect(page.title()).resolves.toBe('생성형 AI 서비스 이용 동의 · 서울특별시교육청 AI 교육 플랫폼');
    });
    expect(files.filter((f) => f.type === 'script').length).toBeGreaterThan(0);
    const total = report('guardian link', files);
    expect(total.br).toBeLessThanOrEqual(BUDGET.br);
    expect(total.gzip).toBeLessThanOrEqual(BUDGET.gzip);
    expect(files.map((f) => f.url).filter((url) => /\/assets\/(index|appRoutes|routes)-/.test(url))).toEqual([]);
    // The survey form is the respondent's chunk, not the guardian's.
    expect(files.map((f) => f.url).filter((url) => /\/assets\/(RespondPage|SurveyForm)-/.test(url))).toEqual([]);
  });
});
