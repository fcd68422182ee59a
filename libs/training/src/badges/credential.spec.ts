import { createDocumentLoader, type DocumentLoader } from './document-loader';
import { IssuerKey } from './issuer-key';
import { buildOpenBadgeCredential, hashEmailIdentity, recipientMatchesEmail, type OpenBadgeInput } from './credential-build';
import { signJwt, verifyJwt } from './credential-jwt';
import { signCredential } from './credential-sign';
import { verifyCredential } from './credential-verify';

const ISSUER = 'https://aiedu.sen.go.kr/issuers/sen';

function input(overrides: Partial<OpenBadgeInput> = {}): OpenBadgeInput {
  return {
    id: 'urn:uuid:2b1c4a7e-8d0f-4e8a-b6a3-5c9d1e2f3a4b',
    issuer: { id: ISSUER, name: { ko: '서울특별시교육청', en: 'Seoul Metropolitan Office of Education' }, url: 'https://www.sen.go.kr' },
    validFrom: '2025-03-01T09:00:00Z',
    name: { ko: 'AI 기초 역량 배지', en: 'AI Fundamentals Badge' },
    achievement: {
      id: 'https://aiedu.sen.go.kr/achievements/ai-fundamentals',
      name: { ko: 'AI 기초 역량', en: 'AI Fundamentals' },
      description: { ko: '인공지능의 기본 개념과 윤리를 이해한다.', en: 'Understands basic AI concepts and ethics.' },
      criteria: { narrative: { ko: '교원 연수 과정 8차시를 이수하고 평가를 통과한다.', en: 'Complete the 8-session course and pass the assessment.' } },
      image: { id: 'https://aiedu.sen.go.kr/badges/ai-fundamentals.png', type: 'Image' },
      achievementType: 'Badge',
      inLanguage: 'ko',
    },
    recipient: { email: 'Teacher.Kim@sen.go.kr', salt: 'c0ffee' },
    ...overrides,
  };
}

describe('OpenBadgeCredential (Data Integrity, eddsa-rdfc-2022)', () => {
  let key: IssuerKey;
  let loader: DocumentLoader;

  beforeAll(async () => {
    key = await IssuerKey.generate({ issuerId: ISSUER });
    loader = createDocumentLoader({ controllerDocuments: [key.publicDocument({ name: '서울특별시교육청' })] });
  });

  it('builds an OB 3.0 credential on the VC 2.0 data model', () => {
    const c = buildOpenBadgeCredential(input());
    expect(c['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.issuer).toEqual({ id: ISSUER, type: ['Profile'], name: '서울특별시교육청', url: 'https://www.sen.go.kr' });
    expect(c.validFrom).toBe('2025-03-01T09:00:00Z');
    expect(c.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(c.credentialSubject.achievement).toMatchObject({
      type: ['Achievement'],
      name: 'AI 기초 역량',
      criteria: { narrative: '교원 연수 과정 8차시를 이수하고 평가를 통과한다.' },
      achievementType: 'Badge',
      inLanguage: 'ko',
    });
    // Email never appears in clear: salted SHA-256 IdentityObject.
    expect(JSON.stringify(c)).not.toMatch(/teacher\.kim/i);
    expect(c.credentialSubject.identifier).toEqual([
      { type: 'IdentityObject', identityHash: hashEmailIdentity('teacher.kim@sen.go.kr', 'c0ffee'), identityType: 'emailAddress', hashed: true, salt: 'c0ffee' },
    ]);
    expect(c.credentialSubject.identifier![0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(recipientMatchesEmail(c, ' teacher.kim@SEN.go.kr')).toBe(true);
    expect(recipientMatchesEmail(c, 'someone.else@sen.go.kr')).toBe(false);
    // English as the primary language.
    const en = buildOpenBadgeCredential(input({ achievement: { ...input().achievement, inLanguage: 'en' } }));
    expect(en.credentialSubject.achievement.name).toBe('AI Fundamentals');
  });

  it('rejects invalid input early', () => {
    expect(() => buildOpenBadgeCredential(input({ id: 'not-a-uri' }))).toThrow(/id must be a URI/);
    expect(() => buildOpenBadgeCredential(input({ recipient: {} }))).toThrow(/recipient/);
    expect(() => buildOpenBadgeCredential(input({ validFrom: 'yesterday' }))).toThrow(/validFrom/);
    expect(() => buildOpenBadgeCredential(input({ validUntil: '2020-01-01T00:00:00Z' }))).toThrow(/after validFrom/);
    expect(() => buildOpenBadgeCredential(input({ achievement: { ...input().achievement, achievementType: 'Sticker' as never } }))).toThrow(/enumeration/);
  });

  it('signs with a fresh key and verifies with @digitalbazaar/vc', async () => {
    const signed = await signCredential(buildOpenBadgeCredential(input()), key, loader);
    expect(signed.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: `${ISSUER}#key-1`,
    });
    expect(signed.proof.proofValue).toMatch(/^z/);
    const result = await verifyCredential(signed, loader);
    expect(result).toEqual({ verified: true, errors: [], expired: false, revoked: false, proofVerified: true, warnings: [] });
    // Survives a JSON roundtrip (what storage / baking does).
    expect((await verifyCredential(JSON.parse(JSON.stringify(signed)), loader)).verified).toBe(true);
  });

  it('fails when one character of the achievement name changes', async () => {
    const signed = await signCredential(buildOpenBadgeCredential(input()), key, loader);
    const tampered = structuredClone(signed);
    tampered.credentialSubject.achievement.name = 'AI 기초 역랑'; // 량 -> 랑
    const result = await verifyCredential(tampered, loader);
    expect(result.verified).toBe(false);
    expect(result.proofVerified).toBe(false);
    expect(result.errors.join(' ')).toMatch(/Invalid signature/i);
  });

  it('fails when verified against a different key published under the same id', async () => {
    const signed = await signCredential(buildOpenBadgeCredential(input()), key, loader);
    const impostor = await IssuerKey.generate({ issuerId: ISSUER });
    const otherLoader = createDocumentLoader({ controllerDocuments: [impostor.publicDocument()] });
    expect((await verifyCredential(signed, otherLoader)).verified).toBe(false);
  });

  it('reports an expired credential (validUntil in the past) while telling the proof is intact', async () => {
    const expiredBadge = await signCredential(
      buildOpenBadgeCredential(input({ validFrom: '2023-01-01T00:00:00Z', validUntil: '2024-01-01T00:00:00Z' })),
      key,
      loader,
    );
    const result = await verifyCredential(expiredBadge, loader);
    expect(result.verified).toBe(false);
    expect(result.expired).toBe(true);
    expect(result.proofVerified).toBe(true);
    expect(result.errors.join(' ')).toMatch(/after "validUntil" \(2024-01-01T00:00:00Z\)/);
    // Still valid when evaluated inside its validity period.
    expect((await verifyCredential(expiredBadge, loader, { now: '2023-06-01T00:00:00Z' })).verified).toBe(true);
  });

  it('reports a credential that is not yet valid', async () => {
    const future = await signCredential(buildOpenBadgeCredential(input({ validFrom: '2999-01-01T00:00:00Z' })), key, loader);
    const result = await verifyCredential(future, loader);
    expect(result.verified).toBe(false);
    expect(result.errors.join(' ')).toMatch(/before "validFrom"/);
  });

  it('keeps Korean and English as language value objects in multilingual mode', async () => {
    const c = buildOpenBadgeCredential(input({ multilingual: true }));
    expect(c.credentialSubject.achievement.name).toEqual([
      { '@value': 'AI 기초 역량', '@language': 'ko' },
      { '@value': 'AI Fundamentals', '@language': 'en' },
    ]);
    const signed = await signCredential(c, key, loader);
    expect((await verifyCredential(signed, loader)).verified).toBe(true);
    const tampered = structuredClone(signed);
    (tampered.credentialSubject.achievement.name as Array<{ '@value': string }>)[1]['@value'] = 'AI Fundamentals!';
    expect((await verifyCredential(tampered, loader)).verified).toBe(false);
  });

  it('requires a status checker when credentialStatus is present, unless explicitly skipped', async () => {
    const c = buildOpenBadgeCredential(
      input({
        credentialStatus: {
          id: 'https://aiedu.sen.go.kr/status/1#7',
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: 7,
          statusListCredential: 'https://aiedu.sen.go.kr/status/1',
        },
      }),
    );
    expect(c.credentialStatus?.statusListIndex).toBe('7');
    const signed = await signCredential(c, key, loader);
    const missing = await verifyCredential(signed, loader);
    expect(missing.verified).toBe(false);
    expect(missing.errors[0]).toMatch(/no checkStatus/);
    const skipped = await verifyCredential(signed, loader, { checkStatus: false });
    expect(skipped.verified).toBe(true);
    expect(skipped.warnings).toEqual(['Credential status (revocation) was not checked']);
  });

  it('does not sign a credential that already has a proof', async () => {
    const signed = await signCredential(buildOpenBadgeCredential(input()), key, loader);
    await expect(signCredential(signed, key, loader)).rejects.toThrow(/already has a proof/);
  });
});

describe('VC-JWT (VC-JOSE-COSE, EdDSA)', () => {
  let key: IssuerKey;
  beforeAll(async () => {
    key = await IssuerKey.generate({ issuerId: ISSUER });
  });

  it('signs with header alg EdDSA, typ vc+jwt, kid and the credential as payload; verifies', async () => {
    const credential = buildOpenBadgeCredential(input());
    const jwt = await signJwt(credential, key);
    const [h, p] = jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(h).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', kid: `${ISSUER}#key-1` });
    expect(p).toEqual(credential);

    for (const publicKey of [key, key.verificationMethod(), key.publicJwk(), key.publicKeyObject()]) {
      const result = await verifyJwt(jwt, publicKey);
      expect(result.errors).toEqual([]);
      expect(result.verified).toBe(true);
      expect(result.credential).toEqual(credential);
    }
  });

  it('fails when the payload or signature is tampered with, or the key is wrong', async () => {
    const jwt = await signJwt(buildOpenBadgeCredential(input()), key);
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    payload.credentialSubject.achievement.name = 'AI 심화 역량';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect((await verifyJwt(forged, key)).verified).toBe(false);
    const badSig = `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
    expect((await verifyJwt(badSig, key)).verified).toBe(false);
    const other = await IssuerKey.generate({ issuerId: ISSUER, keySuffix: 'key-2' });
    const wrongKey = await verifyJwt(jwt, other);
    expect(wrongKey.verified).toBe(false);
    expect(wrongKey.errors[0]).toMatch(/signature verification failed/);
  });

  it('rejects alg/typ downgrades and expired credentials', async () => {
    const credential = buildOpenBadgeCredential(input());
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'vc+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify(credential)).toString('base64url')}.`;
    expect((await verifyJwt(none, key)).verified).toBe(false);
    const expired = await signJwt(buildOpenBadgeCredential(input({ validFrom: '2023-01-01T00:00:00Z', validUntil: '2024-01-01T00:00:00Z' })), key);
    const r = await verifyJwt(expired, key);
    expect(r.verified).toBe(false);
    expect(r.expired).toBe(true);
    await expect(signJwt({ ...credential, proof: {} }, key)).rejects.toThrow(/unsecured/);
  });
});
