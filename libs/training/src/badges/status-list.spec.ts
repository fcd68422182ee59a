import { gunzipSync } from 'node:zlib';
import { createDocumentLoader, type DocumentLoader } from './document-loader';
import { IssuerKey } from './issuer-key';
import { buildOpenBadgeCredential } from './credential-build';
import { signCredential } from './credential-sign';
import { verifyCredential } from './credential-verify';
import {
  buildStatusEntry,
  buildStatusListCredential,
  createStatusChecker,
  decodeStatusList,
  encodeStatusList,
  isRevoked,
  MIN_STATUS_LIST_LENGTH,
} from './status-list';

const ISSUER = 'https://aiedu.sen.go.kr/issuers/sen';
const LIST_URL = 'https://aiedu.sen.go.kr/status/revocation/1';

describe('Bitstring Status List encoding', () => {
  it('encodes revoked indexes as multibase base64url GZIP, bit 0 = left-most bit of byte 0', () => {
    const encoded = encodeStatusList([0, 9, MIN_STATUS_LIST_LENGTH - 1]);
    expect(encoded.startsWith('u')).toBe(true);
    expect(encoded).not.toMatch(/[+/=]/); // base64url, no padding
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bits.length).toBe(MIN_STATUS_LIST_LENGTH / 8); // 16 KiB
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
    expect(bits[bits.length - 1]).toBe(0b0000_0001);
    expect(decodeStatusList(encoded)).toEqual(new Uint8Array(bits));
  });

  it('isRevoked reads the bits back and rejects out-of-range indexes', () => {
    const encoded = encodeStatusList([3, 42, 1000]);
    expect(isRevoked(encoded, 42)).toBe(true);
    expect(isRevoked(encoded, 3)).toBe(true);
    expect(isRevoked(encoded, 41)).toBe(false);
    expect(isRevoked(encoded, 0)).toBe(false);
    expect(() => isRevoked(encoded, MIN_STATUS_LIST_LENGTH)).toThrow(RangeError);
    expect(() => encodeStatusList([MIN_STATUS_LIST_LENGTH])).toThrow(RangeError);
    expect(() => encodeStatusList([], 1024)).toThrow(/at least 131072/);
    expect(() => decodeStatusList('zabc')).toThrow(/prefix 'u'/);
  });

  it('an empty list of the minimum size compresses to a few dozen bytes', () => {
    expect(encodeStatusList([]).length).toBeLessThan(200);
  });
});

describe('revocation with a signed BitstringStatusListCredential', () => {
  let key: IssuerKey;
  let loader: DocumentLoader;
  const published = new Map<string, object>();
  const loadStatusListCredential = async (url: string) => {
    const doc = published.get(url);
    if (!doc) throw new Error(`404 ${url}`);
    return structuredClone(doc);
  };

  async function publishList(revoked: number[], issuer: IssuerKey = key, id = LIST_URL) {
    const list = buildStatusListCredential({ id, issuer: issuer.controller, encodedList: encodeStatusList(revoked), validFrom: '2025-01-01T00:00:00Z' });
    const signed = await signCredential(list, issuer, loader);
    published.set(id, signed);
    return signed;
  }

  async function badgeAt(index: number) {
    const c = buildOpenBadgeCredential({
      id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      issuer: { id: ISSUER, name: '서울특별시교육청' },
      validFrom: '2025-03-01T00:00:00Z',
      name: 'AI 기초 역량',
      achievement: {
        id: 'https://aiedu.sen.go.kr/achievements/ai-basics',
        name: 'AI 기초 역량',
        description: '인공지능의 기본 개념을 이해한다.',
        criteria: { narrative: '기초 과정을 이수한다.' },
      },
      recipient: { id: 'did:example:student-1' },
      credentialStatus: buildStatusEntry(LIST_URL, index),
    });
    return signCredential(c, key, loader);
  }

  beforeAll(async () => {
    key = await IssuerKey.generate({ issuerId: ISSUER });
    loader = createDocumentLoader({ controllerDocuments: [key.publicDocument()] });
  });
  beforeEach(() => published.clear());

  it('builds a status list credential that signs and verifies like a badge', async () => {
    const signed = await publishList([42]);
    expect(signed).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { id: `${LIST_URL}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation' },
      proof: { cryptosuite: 'eddsa-rdfc-2022' },
    });
    expect((await verifyCredential(signed, loader)).verified).toBe(true);
    expect(isRevoked(signed.credentialSubject.encodedList, 42)).toBe(true);
  });

  it('a revoked index makes verification fail and report revoked', async () => {
    await publishList([42]);
    const checkStatus = createStatusChecker({ loadStatusListCredential, documentLoader: loader });
    const revoked = await verifyCredential(await badgeAt(42), loader, { checkStatus });
    expect(revoked.verified).toBe(false);
    expect(revoked.revoked).toBe(true);
    expect(revoked.errors.join(' ')).toMatch(/revoked \(status list .*index 42\)/);

    const fine = await verifyCredential(await badgeAt(43), loader, { checkStatus });
    expect(fine).toMatchObject({ verified: true, revoked: false, errors: [] });
  });

  it('does not trust a status list whose bits were altered after signing', async () => {
    const signed = await publishList([42]);
    published.set(LIST_URL, { ...signed, credentialSubject: { ...signed.credentialSubject, encodedList: encodeStatusList([]) } });
    const checkStatus = createStatusChecker({ loadStatusListCredential, documentLoader: loader });
    const result = await verifyCredential(await badgeAt(42), loader, { checkStatus });
    expect(result.verified).toBe(false);
    expect(result.revoked).toBe(false); // unknown status, not revoked; still fails closed
    expect(result.errors.join(' ')).toMatch(/Status list credential .* failed verification/);
  });

  it('does not accept a status list from another issuer, or a missing one', async () => {
    const other = await IssuerKey.generate({ issuerId: 'https://other.example/issuer' });
    const both = createDocumentLoader({ controllerDocuments: [key.publicDocument(), other.publicDocument()] });
    const list = buildStatusListCredential({ id: LIST_URL, issuer: other.controller, encodedList: encodeStatusList([]), validFrom: '2025-01-01T00:00:00Z' });
    published.set(LIST_URL, await signCredential(list, other, both));
    const checkStatus = createStatusChecker({ loadStatusListCredential, documentLoader: both });
    const foreign = await verifyCredential(await badgeAt(42), both, { checkStatus });
    expect(foreign.verified).toBe(false);
    expect(foreign.errors.join(' ')).toMatch(/differs from credential issuer/);

    published.clear();
    const missing = await verifyCredential(await badgeAt(42), loader, { checkStatus });
    expect(missing.verified).toBe(false);
    expect(missing.errors.join(' ')).toMatch(/404/);
  });
});
