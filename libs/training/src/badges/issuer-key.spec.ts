import { createDocumentLoader, MULTIKEY_V1_CONTEXT_URL } from './document-loader';
import { buildControllerDocument, IssuerKey } from './issuer-key';
import { buildOpenBadgeCredential } from './credential-build';
import { signCredential } from './credential-sign';
import { verifyCredential } from './credential-verify';

const ISSUER = 'https://aiedu.sen.go.kr/issuers/sen';
const SECRET = 'correct horse battery staple 서울';

function badge(issuerId = ISSUER) {
  return buildOpenBadgeCredential({
    id: 'urn:uuid:7f0f6a2e-3f51-4b7c-9a0e-3f8f5d2b1c11',
    issuer: { id: issuerId, name: '서울특별시교육청' },
    validFrom: '2025-03-01T00:00:00Z',
    name: 'AI 기초 역량',
    achievement: {
      id: 'https://aiedu.sen.go.kr/achievements/ai-basics',
      name: 'AI 기초 역량',
      description: '인공지능의 기본 개념을 이해한다.',
      criteria: { narrative: '기초 과정 8차시를 이수한다.' },
    },
    recipient: { id: 'did:example:student-1' },
  });
}

describe('IssuerKey', () => {
  it('generates an Ed25519 Multikey controlled by the issuer, with a configurable suffix', async () => {
    const key = await IssuerKey.generate({ issuerId: ISSUER });
    expect(key.id).toBe(`${ISSUER}#key-1`);
    expect(key.controller).toBe(ISSUER);
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/); // multicodec ed25519-pub, base58btc
    const rotated = await IssuerKey.generate({ issuerId: ISSUER, keySuffix: 'key-2025-09' });
    expect(rotated.id).toBe(`${ISSUER}#key-2025-09`);
    await expect(IssuerKey.generate({ issuerId: 'not a uri' })).rejects.toThrow(/absolute URI/);
    await expect(IssuerKey.generate({ issuerId: `${ISSUER}#x` })).rejects.toThrow(/fragment/);
    await expect(IssuerKey.generate({ issuerId: ISSUER, keySuffix: 'a b' })).rejects.toThrow(/suffix/);
  });

  it('exports the public key alone unless the private key is asked for; JSON roundtrip signs', async () => {
    const key = await IssuerKey.generate({ issuerId: ISSUER });
    const pub = await key.export();
    expect(pub).toEqual({ '@context': MULTIKEY_V1_CONTEXT_URL, id: key.id, type: 'Multikey', controller: ISSUER, publicKeyMultibase: key.publicKeyMultibase });
    const full = await key.export({ includePrivateKey: true });
    expect(full.secretKeyMultibase).toMatch(/^z/);

    const imported = await IssuerKey.import(JSON.parse(JSON.stringify(full)));
    expect(imported.hasPrivateKey).toBe(true);
    const loader = createDocumentLoader({ controllerDocuments: [key.publicDocument()] });
    const signed = await signCredential(badge(), imported, loader);
    expect((await verifyCredential(signed, loader)).verified).toBe(true);

    const publicOnly = await IssuerKey.import(pub);
    expect(publicOnly.hasPrivateKey).toBe(false);
    await expect(signCredential(badge(), publicOnly, loader)).rejects.toThrow(/no private key/);
  });

  it('refuses key JSON whose private key does not match its public key', async () => {
    const a = await IssuerKey.generate({ issuerId: ISSUER });
    const b = await IssuerKey.generate({ issuerId: ISSUER });
    const mixed = { ...(await a.export({ includePrivateKey: true })), publicKeyMultibase: b.publicKeyMultibase };
    await expect(IssuerKey.import(mixed)).rejects.toThrow(/does not match/);
  });

  it('encrypts the private key for storage and decrypts it with the same secret', async () => {
    const key = await IssuerKey.generate({ issuerId: ISSUER });
    const stored = await key.exportEncrypted(SECRET);
    const { secretKeyMultibase } = await key.export({ includePrivateKey: true });
    expect(stored).not.toContain(secretKeyMultibase!);
    const envelope = JSON.parse(stored);
    expect(envelope).toMatchObject({ v: 1, alg: 'A256GCM', id: key.id, controller: ISSUER, publicKeyMultibase: key.publicKeyMultibase, kdf: { name: 'scrypt' } });
    // Fresh salt and IV each time.
    expect(JSON.parse(await key.exportEncrypted(SECRET)).iv).not.toBe(envelope.iv);

    const restored = await IssuerKey.importEncrypted(stored, SECRET);
    expect(restored.id).toBe(key.id);
    expect((await restored.export({ includePrivateKey: true })).secretKeyMultibase).toBe(secretKeyMultibase);
  });

  it('fails to decrypt with a wrong secret or altered public fields', async () => {
    const key = await IssuerKey.generate({ issuerId: ISSUER });
    const stored = await key.exportEncrypted(SECRET);
    await expect(IssuerKey.importEncrypted(stored, 'wrong secret')).rejects.toThrow(/wrong secret or corrupted/);
    const moved = { ...JSON.parse(stored), id: `${ISSUER}#key-9` }; // bound as AES-GCM additional data
    await expect(IssuerKey.importEncrypted(moved, SECRET)).rejects.toThrow(/wrong secret or corrupted/);
    await expect(IssuerKey.importEncrypted(stored, '')).rejects.toThrow(/non-empty secret/);
  });

  it('publishes a controller document (issuer profile) with verificationMethod and assertionMethod', async () => {
    const key = await IssuerKey.generate({ issuerId: ISSUER });
    expect(key.publicDocument({ name: '서울특별시교육청', url: 'https://www.sen.go.kr' })).toEqual({
      '@context': [
        'https://www.w3.org/ns/did/v1',
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://w3id.org/security/multikey/v1',
      ],
      id: ISSUER,
      type: 'Profile',
      name: '서울특별시교육청',
      url: 'https://www.sen.go.kr',
      verificationMethod: [{ id: key.id, type: 'Multikey', controller: ISSUER, publicKeyMultibase: key.publicKeyMultibase }],
      assertionMethod: [key.id],
    });
  });

  it('supports rotation: badges signed with the old key verify while it stays listed', async () => {
    const oldKey = await IssuerKey.generate({ issuerId: ISSUER, keySuffix: 'key-1' });
    const newKey = await IssuerKey.generate({ issuerId: ISSUER, keySuffix: 'key-2' });
    const both = createDocumentLoader({ controllerDocuments: [buildControllerDocument({ issuer: { id: ISSUER }, keys: [oldKey, newKey] })] });
    const oldBadge = await signCredential(badge(), oldKey, both);
    const newBadge = await signCredential(badge(), newKey, both);
    expect((await verifyCredential(oldBadge, both)).verified).toBe(true);
    expect((await verifyCredential(newBadge, both)).verified).toBe(true);

    // Old key listed but no longer authorised for assertionMethod: its badges fail.
    const retired = createDocumentLoader({
      controllerDocuments: [buildControllerDocument({ issuer: { id: ISSUER }, keys: [oldKey, newKey], assertionKeys: [newKey.id] })],
    });
    const r = await verifyCredential(oldBadge, retired);
    expect(r.verified).toBe(false);
    expect(r.errors.join(' ')).toMatch(/not authorized/);
  });

  it('will not sign for an issuer that does not control the key', async () => {
    const key = await IssuerKey.generate({ issuerId: 'https://other.example/issuer' });
    await expect(signCredential(badge(), key, createDocumentLoader())).rejects.toThrow(/not by the credential issuer/);
  });
});
