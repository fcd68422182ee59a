import { PNG } from 'pngjs';
import { renderBadgePng, unbakePng, unbakeSvg } from '../libs/training/src/badges';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';
import { completionCsv } from './support/training-fixtures';

const TITLE = 'AI 기초 연수';
const LEVEL_COLOR = [0x2b, 0x6c, 0xb0]; // basic

/** The name in `filename*=UTF-8''…` and the one in `filename="…"`. */
function downloadNames(header: string | null): { utf8?: string; ascii?: string } {
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(header ?? '')?.[1];
  return { utf8: utf8 && decodeURIComponent(utf8), ascii: /filename="([^"]*)"/.exec(header ?? '')?.[1] };
}

describe('badge images people can share (issue 14)', () => {
  let app: TestApp;
  let anon: HttpClient;
  let id: string;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    const admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    const course = await admin.post('/api/v1/training/courses', {
      code: 'AI-B-900', schoolYear: 2025, title: TITLE, level: 'basic', deliveryMode: 'remote', audience: ['staff'], creditHours: 10,
    });
    expect(course.status).toBe(201);
    // Completed on 1 January 2026 in Seoul: still 31 December 2025 in UTC, so the year must be Seoul's.
    const res = await admin.upload('/api/v1/training/completions/import', completionCsv([['S-0100', '정주무관', '', '직원', '', 'AI-B-900', '', '2026-01-01', '']]), 'c.csv');
    expect(res.status).toBe(201);
    await app.waitForQueues();
    [{ id }] = await app.db.query(`SELECT id FROM badge_credentials`);
    anon = new HttpClient(app.baseUrl);
  });
  afterAll(() => app.close());

  it('downloads a PNG of the badge design, with the credential baked in, named after the course and year', async () => {
    const res = await anon.get(`/api/v1/badges/${id}/badge.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const expectedName = `${TITLE.replace(/ /g, '-')}-2026.png`;
    expect(expectedName).toBe('AI-기초-연수-2026.png');
    expect(downloadNames(res.headers.get('content-disposition'))).toEqual({ utf8: expectedName, ascii: 'badge-2026.png' });

    const png = PNG.sync.read(res.body); // decodes, every chunk's CRC checked
    expect([png.width, png.height]).toEqual([800, 800]);

    const credential = (await anon.get(`/api/v1/badges/${id}`)).body;
    expect(JSON.parse(unbakePng(res.body)!)).toEqual(credential);

    // Not a flat disc: many colours, the level colour itself, and dark text on the name banner.
    const colours = new Set<number>();
    let levelColour = 0;
    let darkOnBanner = 0;
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const i = (y * png.width + x) * 4;
        const [r, g, b, a] = png.data.subarray(i, i + 4);
        colours.add(png.data.readUInt32BE(i));
        if (a === 255 && Math.max(Math.abs(r - LEVEL_COLOR[0]), Math.abs(g - LEVEL_COLOR[1]), Math.abs(b - LEVEL_COLOR[2])) <= 4) levelColour++;
        if (a === 255 && y >= 428 && y < 508 && x >= 88 && x < 712 && Math.max(r, g, b) < 70) darkOnBanner++;
      }
    }
    expect(colours.size).toBeGreaterThan(50);
    expect(levelColour).toBeGreaterThan(500);
    expect(darkOnBanner).toBeGreaterThan(500);
  });

  it('serves one design: the SVG shows title, earner, level, issuer and Seoul date, and the PNG is exactly its rasterisation', async () => {
    const res = await anon.get(`/api/v1/badges/${id}/badge.svg`);
    expect(res.status).toBe(200);
    expect(downloadNames(res.headers.get('content-disposition'))).toEqual({ utf8: 'AI-기초-연수-2026.svg', ascii: 'badge-2026.svg' });
    const svg = res.body.toString();
    for (const text of [TITLE, '정주무관', '서울특별시교육청', '기본 단계 · 2026. 1. 1.', 'stop-color="#2b6cb0"', "font-family=\"'Noto Sans KR',"]) expect(svg).toContain(text);
    expect(JSON.parse(unbakeSvg(svg)!).id).toContain(id);

    const served = PNG.sync.read((await anon.get(`/api/v1/badges/${id}/badge.png`)).body);
    const fromSvg = PNG.sync.read(await renderBadgePng(svg));
    expect(fromSvg.data.equals(served.data)).toBe(true);
  });

  it('names files safely whatever the title holds', async () => {
    const admin = await app.as({ email: 'admin2@sen.go.kr', role: 'city_admin' });
    const title = '  AI/디지털: "윤리"  <심화>?  ';
    expect((await admin.post('/api/v1/training/courses', { code: 'AI-D-901', schoolYear: 2026, title, level: 'advanced', deliveryMode: 'remote', audience: ['staff'], creditHours: 3 })).status).toBe(201);
    await admin.upload('/api/v1/training/completions/import', completionCsv([['S-0100', '정주무관', '', '직원', '', 'AI-D-901', '', '2026-11-30', '']]), 'd.csv');
    await app.waitForQueues();
    const [{ id: other }] = await app.db.query(`SELECT id FROM badge_credentials WHERE achievement_id LIKE 'course-AI-D-901-%'`);
    const res = await anon.get(`/api/v1/badges/${other}/badge.png`);
    expect(downloadNames(res.headers.get('content-disposition'))).toEqual({ utf8: 'AI디지털-윤리-심화-2026.png', ascii: 'badge-2026.png' });
  });
});
