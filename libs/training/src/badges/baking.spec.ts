import { PNG } from 'pngjs';
import { createDocumentLoader } from './document-loader';
import { IssuerKey } from './issuer-key';
import { buildOpenBadgeCredential } from './credential-build';
import { signJwt } from './credential-jwt';
import { signCredential } from './credential-sign';
import { verifyCredential } from './credential-verify';
import { BADGE_FONT_FAMILY, bakePng, bakeSvg, formatBadgeDate, renderBadgePng, renderBadgeSvg, unbakePng, unbakeSvg } from './baking';

const ISSUER = 'https://aiedu.sen.go.kr/issuers/sen';

function pngChunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let o = 8; o < png.length; ) {
    const len = png.readUInt32BE(o);
    types.push(png.toString('latin1', o + 4, o + 8));
    o += 12 + len;
  }
  return types;
}

const unsigned = () =>
  buildOpenBadgeCredential({
    id: 'urn:uuid:1c9d7f4e-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
    issuer: { id: ISSUER, name: '서울특별시교육청' },
    validFrom: '2025-03-01T00:00:00Z',
    name: 'AI 윤리 실천',
    achievement: {
      id: 'https://aiedu.sen.go.kr/achievements/ai-ethics',
      name: 'AI 윤리 실천',
      description: 'AI 윤리 원칙을 수업에 적용한다. ]]> <svg> & "quotes"',
      criteria: { narrative: '윤리 사례 수업을 설계한다.' },
      achievementType: 'Badge',
    },
    recipient: { id: 'did:example:student-2' },
  });

describe('PNG baking', () => {
  let key: IssuerKey;
  let credentialJson: string;
  let png: Buffer;
  const loader = () => createDocumentLoader({ controllerDocuments: [key.publicDocument()] });

  beforeAll(async () => {
    key = await IssuerKey.generate({ issuerId: ISSUER });
    credentialJson = JSON.stringify(await signCredential(unsigned(), key, loader()));
    png = await renderBadgePng(renderBadgeSvg({ title: 'AI 윤리 실천', subtitle: '김교사', issuer: '서울특별시교육청', date: '2025-12-31T15:00:00Z', level: '심화 단계', color: '#2E7D32' }), { scale: 1 });
  });

  it('rasterises the badge SVG to a PNG of its size, text included', async () => {
    const decoded = PNG.sync.read(png);
    expect([decoded.width, decoded.height]).toEqual([400, 400]);
    const px = (x: number, y: number) => [...decoded.data.subarray((y * 400 + x) * 4, (y * 400 + x) * 4 + 4)];
    expect(px(0, 0)[3]).toBe(0); // transparent corner
    expect(px(200, 150)[3]).toBe(255); // opaque medal
    // The same design without its text differs only where the text is: text was drawn.
    const blank = PNG.sync.read(await renderBadgePng(renderBadgeSvg({ title: ' ', color: '#2E7D32' }), { scale: 1 }));
    let differ = 0;
    for (let i = 0; i < blank.data.length; i += 4) if (Math.abs(blank.data[i] - decoded.data[i]) > 60) differ++;
    expect(differ).toBeGreaterThan(2000);
    await expect(renderBadgePng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', { scale: 9 })).rejects.toThrow(/scale/);
  });

  it('bakes an uncompressed openbadgecredential iTXt chunk before IEND; unbake roundtrips', async () => {
    const baked = bakePng(png, credentialJson);
    const types = pngChunkTypes(baked);
    expect(types.slice(-2)).toEqual(['iTXt', 'IEND']);
    const at = baked.indexOf(Buffer.from('openbadgecredential\0', 'latin1'));
    expect(at).toBeGreaterThan(0);
    expect([...baked.subarray(at + 20, at + 24)]).toEqual([0, 0, 0, 0]); // not compressed, no lang/translated keyword

    const decodedBefore = PNG.sync.read(png);
    const decodedAfter = PNG.sync.read(baked); // pngjs checks every chunk CRC
    expect(decodedAfter.data.equals(decodedBefore.data)).toBe(true);

    const out = unbakePng(baked);
    expect(out).toBe(credentialJson);
    expect((await verifyCredential(JSON.parse(out!), loader())).verified).toBe(true);
  });

  it('replaces an existing baked credential instead of adding a second one', () => {
    const once = bakePng(png, credentialJson);
    const twice = bakePng(once, JSON.stringify({ replaced: '교체됨' }));
    expect(pngChunkTypes(twice).filter((t) => t === 'iTXt')).toHaveLength(1);
    expect(unbakePng(twice)).toBe('{"replaced":"교체됨"}');
    PNG.sync.read(twice);
  });

  it('bakes a VC-JWT too, and reports no credential on a plain PNG', async () => {
    const jwt = await signJwt(unsigned(), key);
    expect(unbakePng(bakePng(png, jwt))).toBe(jwt);
    expect(unbakePng(png)).toBeUndefined();
    expect(() => bakePng(png, 'not json')).toThrow(/JSON or a compact JWS/);
    expect(() => bakePng(Buffer.from('GIF89a'), credentialJson)).toThrow(/Not a PNG/);
  });
});

describe('SVG baking and rendering', () => {
  let credentialJson: string;
  beforeAll(async () => {
    const key = await IssuerKey.generate({ issuerId: ISSUER });
    credentialJson = JSON.stringify(await signCredential(unsigned(), key, createDocumentLoader({ controllerDocuments: [key.publicDocument()] })), null, 2);
  });

  it('renders a self-contained Korean badge SVG with escaped text', () => {
    const svg = renderBadgeSvg({ title: 'AI 기초 역량 <인증>', subtitle: '서울특별시교육청', level: 2, color: '#1E64C8' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('AI 기초');
    expect(svg).toContain('&lt;인증&gt;');
    expect(svg).toContain('LEVEL 2');
    expect(svg).not.toMatch(/<image|href=|@import|url\(http/); // no external resources
    expect(() => renderBadgeSvg({ title: 'x', color: 'red" onload="alert(1)' })).toThrow(/colour/);
    expect(renderBadgeSvg({ title: '디지털 시민성', level: '심화' })).toContain('심화');
  });

  it('shows the title, earner, issuer, level and the Seoul date, in the bundled font', () => {
    // 15:00 UTC on 31 December is already 1 January in Seoul.
    const svg = renderBadgeSvg({ title: 'AI 기초 연수', subtitle: '김교사', issuer: '서울특별시교육청', date: '2025-12-31T15:00:00Z', level: '기본 단계', color: '#2b6cb0' });
    for (const text of ['AI 기초 연수', '김교사', '서울특별시교육청', '기본 단계 · 2026. 1. 1.', 'stop-color="#2b6cb0"']) expect(svg).toContain(text);
    expect(svg).toContain(`font-family="'${BADGE_FONT_FAMILY}',`);
    expect(svg).toMatch(/font-family="[^"]*,sans-serif"/);
    expect(formatBadgeDate(new Date('2026-12-20T03:00:00+09:00'))).toBe('2026. 12. 20.');
    expect(() => renderBadgeSvg({ title: 'x', date: 'someday' })).toThrow(/not a date/);
  });

  it('fits long titles in up to three lines, and cuts what still does not fit', () => {
    const lines = (svg: string) => [...svg.matchAll(/font-size="(\d+)" font-weight="700" fill="#ffffff" text-anchor="middle" dominant-baseline="central">([^<]*)</g)].map((m) => [Number(m[1]), m[2]] as const);
    const two = lines(renderBadgeSvg({ title: 'AI 활용 수업 설계와 평가 실습 과정', subtitle: '김교사', issuer: '서울특별시교육청', level: '활용 단계', date: new Date() })).filter(([size]) => size > 15);
    expect(two.map(([, t]) => t)).toEqual(['AI 활용 수업 설계와', '평가 실습 과정']);
    expect(two[0][0]).toBeGreaterThanOrEqual(24);
    const long = lines(renderBadgeSvg({ title: '가'.repeat(200) }));
    expect(long).toHaveLength(3);
    expect(long.every(([size]) => size >= 14 && size <= 15)).toBe(true);
    expect(long[2][1]).toMatch(/가…$/);
  });

  it('bakes the credential as the first child of <svg> with the OB namespace; unbake roundtrips', () => {
    const svg = renderBadgeSvg({ title: 'AI 윤리 실천', subtitle: '서울특별시교육청', level: 1 });
    const baked = bakeSvg(svg, credentialJson);
    expect(baked).toMatch(/^<svg [^>]*xmlns:openbadges="https:\/\/purl.imsglobal.org\/ob\/v3p0"[^>]*><openbadges:credential><!\[CDATA\[/);
    expect(unbakeSvg(baked)).toBe(credentialJson); // including the "]]>" inside the description
    expect(unbakeSvg(svg)).toBeUndefined();
    // Re-baking replaces, and does not declare the namespace twice.
    const again = bakeSvg(baked, '{"v":2}');
    expect(again.match(/<openbadges:credential>/g)).toHaveLength(1);
    expect(again.match(/xmlns:openbadges=/g)).toHaveLength(1);
    expect(unbakeSvg(again)).toBe('{"v":2}');
  });

  it('puts a JWS in the verify attribute, and handles other prefixes, prologs and self-closing roots', () => {
    const jws = 'eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.c2ln';
    const baked = bakeSvg('<?xml version="1.0"?>\n<!-- <svg> in a comment --><svg xmlns="http://www.w3.org/2000/svg"/>', jws);
    expect(baked).toContain('<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="');
    expect(baked.endsWith('</svg>')).toBe(true);
    expect(unbakeSvg(baked)).toBe(jws);

    const foreign = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><ob:credential><![CDATA[{"old":true}]]></ob:credential><circle r="1"/></svg>';
    expect(unbakeSvg(foreign)).toBe('{"old":true}');
    const rebaked = bakeSvg(foreign, '{"new":true}');
    expect(rebaked).toBe('<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><ob:credential><![CDATA[{"new":true}]]></ob:credential><circle r="1"/></svg>');
  });
});
