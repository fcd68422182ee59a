import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { compactVerify, importJWK } from 'jose';
import { BadgeIssuer, BadgeKeys } from '@app/training';
import { IssuerKey, isRevoked, unbakePng } from '../libs/training/src/badges';
import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';
import { completionCsv, createCourses } from './support/training-fixtures';

type Client = Awaited<ReturnType<TestApp['as']>>;

/** Verifies with @digitalbazaar/vc directly: an independent check of what the product signed. */
async function independentVerify(app: TestApp, credential: object) {
  const documentLoader = await app.api.get(BadgeKeys).documentLoader();
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader,
    // Revocation is checked through the product's own /verify below; here the proof and dates.
    checkStatus: async () => ({ verified: true }),
  });
}

describe('Open Badges 3.0 digital badges', () => {
  let app: TestApp;
  let admin: Client;
  let teacher: Client;
  let batchId: number;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    await app.db.query(`UPDATE schools SET neis_code = '7010057' WHERE id = $1`, [gaepo]);
    teacher = await app.as({ email: 'kim@gaepo.es.kr', role: 'teacher', schoolId: gaepo });
    await createCourses(admin);
    const res = await admin.upload('/api/v1/training/completions/import', completionCsv([
      ['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', '7010057', 'AI-B-101', '1기', '2025-04-30', ''],
      ['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', '7010057', 'AI-B-102', '', '2025-05-20', ''],
      ['S-0001', '박주무관', '', '직원', '', 'AI-B-101', '1기', '2025-04-30', ''],
    ]), 'c.csv');
    expect(res.status).toBe(201);
    batchId = res.body.batchId;
    await app.waitForQueues();
  });
  afterAll(() => app.close());

  it('issues one course badge per completion and the level badge when the pathway is complete', async () => {
    const rows = await app.db.query(`SELECT p.external_id, b.completion_id IS NOT NULL AS course, b.pathway_level FROM badge_credentials b JOIN training_participants p ON p.id = b.participant_id ORDER BY 1, 2 DESC, 3`);
    expect(rows).toEqual([
      { external_id: 'S-0001', course: true, pathway_level: null },
      { external_id: 'T-0001', course: true, pathway_level: null },
      { external_id: 'T-0001', course: true, pathway_level: null },
      { external_id: 'T-0001', course: false, pathway_level: 'basic' },
    ]);
    const me = await teacher.get('/api/v1/training/me');
    expect(me.body.badges).toHaveLength(3);
    expect(me.body.badges.every((b: { status: string }) => b.status === 'valid')).toBe(true);
  });

  it('never issues a second credential for the same completion when the job runs again', async () => {
    const again = await app.api.get(BadgeIssuer).issueForBatch(batchId);
    expect(again).toEqual({ courseBadges: 0, levelBadges: 0 });
    expect((await app.db.query(`SELECT count(*)::int AS n FROM badge_credentials`))[0].n).toBe(4);
  });

  it('signs an OpenBadgeCredential that an independent verifier accepts, and rejects after one changed character', async () => {
    const me = await teacher.get('/api/v1/training/me');
    const id = me.body.badges.find((b: { pathwayLevel: string | null }) => !b.pathwayLevel).id;
    const anon = new HttpClient(app.baseUrl);
    const { body: credential, status } = await anon.get(`/api/v1/badges/${id}`);
    expect(status).toBe(200);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential['@context']).toEqual(expect.arrayContaining(['https://www.w3.org/ns/credentials/v2', expect.stringContaining('ob/v3p0/context-3.0')]));
    expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
    expect(credential.credentialSubject.achievement).toMatchObject({ type: ['Achievement'], name: expect.any(String) });
    expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });

    expect((await independentVerify(app, credential)).verified).toBe(true);
    const tampered = structuredClone(credential);
    tampered.credentialSubject.achievement.name = tampered.credentialSubject.achievement.name.replace(/.$/, 'X');
    expect((await independentVerify(app, tampered)).verified).toBe(false);

    // The VC-JWT form, verified with jose against the key the issuer profile publishes.
    const jwt = (await anon.get(`/api/v1/badges/${id}/jwt`)).body.toString();
    const issuer = (await anon.get('/api/v1/badges/issuer')).body;
    const header = JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString());
    const method = issuer.verificationMethod.find((m: { id: string }) => m.id === header.kid);
    expect(method).toBeDefined();
    const jwk = (await IssuerKey.import(method)).publicJwk();
    const { payload } = await compactVerify(jwt, await importJWK(jwk, 'EdDSA'));
    expect(JSON.parse(Buffer.from(payload).toString()).id).toBe(credential.id);
    const [h, p, s] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.credentialSubject.achievement.name += '!';
    const forged = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
    await expect(compactVerify(forged, await importJWK(jwk, 'EdDSA'))).rejects.toThrow();
  });

  it('bakes the credential into the PNG and SVG, and verifies publicly', async () => {
    const [{ id }] = await app.db.query(`SELECT id FROM badge_credentials WHERE pathway_level = 'basic'`);
    const anon = new HttpClient(app.baseUrl);
    const png = await anon.get(`/api/v1/badges/${id}/badge.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const baked = JSON.parse(unbakePng(png.body)!);
    expect(baked.id).toContain(id);
    expect((await independentVerify(app, baked)).verified).toBe(true);
    const svg = (await anon.get(`/api/v1/badges/${id}/badge.svg`)).body.toString();
    expect(svg).toContain('<openbadges:credential>');
    const verdict = await anon.get(`/api/v1/badges/${id}/verify`);
    expect(verdict.body).toMatchObject({ verified: true, status: 'valid', earner: '김교사', revoked: false, expired: false });
  });

  it('revokes with a reason through the status list, and the badge shows as revoked everywhere', async () => {
    const [{ id }] = await app.db.query(`SELECT b.id FROM badge_credentials b JOIN training_participants p ON p.id = b.participant_id WHERE p.external_id = 'S-0001'`);
    expect((await teacher.post(`/api/v1/badges/${id}/revoke`, { reason: 'x' })).status).toBe(403);
    const revoked = await admin.post(`/api/v1/badges/${id}/revoke`, { reason: '이수 기록 오류' });
    expect(revoked.body).toMatchObject({ verified: false, revoked: true, proofVerified: true, status: 'revoked', revokeReason: '이수 기록 오류' });
    const anon = new HttpClient(app.baseUrl);
    const list = (await anon.get('/api/v1/badges/status/1')).body;
    expect(list.type).toContain('BitstringStatusListCredential');
    const entry = (await anon.get(`/api/v1/badges/${id}`)).body.credentialStatus;
    expect(isRevoked(list.credentialSubject.encodedList, Number(entry.statusListIndex))).toBe(true);
    expect((await admin.post(`/api/v1/badges/${id}/revoke`, { reason: 'again' })).status).toBe(409);
    expect((await anon.get('/api/v1/badges/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it('shows an expired badge as expired, on the record and when verified', async () => {
    const course = await admin.post('/api/v1/training/courses', {
      code: 'AI-X-001', schoolYear: 2025, title: '단기 특강', level: 'basic', deliveryMode: 'remote', audience: ['teacher'], creditHours: 2, badgeValidMonths: 1,
    });
    expect(course.status).toBe(201);
    await admin.upload('/api/v1/training/completions/import', completionCsv([['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', '7010057', 'AI-X-001', '', '2025-04-01', '']]), 'x.csv');
    await app.waitForQueues();
    const badge = (await teacher.get('/api/v1/training/me')).body.badges.find((b: { achievementId: string }) => b.achievementId === 'course-AI-X-001-2025');
    expect(badge).toMatchObject({ status: 'expired', validUntil: expect.stringContaining('2025-04-30') });
    const verdict = await new HttpClient(app.baseUrl).get(`/api/v1/badges/${badge.id}/verify`);
    expect(verdict.body).toMatchObject({ verified: false, expired: true, proofVerified: true, status: 'expired' });
  });

  it('keeps the signing key encrypted and stable across restarts', async () => {
    const [row] = await app.db.query(`SELECT encrypted_private_key FROM badge_issuer_keys WHERE active`);
    expect(row.encrypted_private_key).not.toMatch(/"secretKeyMultibase"/);
    const again = await app.api.get(BadgeKeys).issuerDocument();
    expect(again.verificationMethod).toHaveLength(1);
  });
});
