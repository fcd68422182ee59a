import { scopedIdempotencyKey } from '@app/surveys';
import { SurveyCodeHash } from '@app/surveys/campaigns/code-batches.service';
import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const DEFINITION = {
  title: '학부모 AI 교육 만족도',
  sections: [{ id: 'main', title: '만족도', questions: [
    { id: 'aware', text: '자녀의 AI 수업을 알고 있습니까?', required: true, type: 'single', options: [{ value: 'yes', label: '예' }, { value: 'no', label: '아니요' }] },
    { id: 'satisfaction', text: '만족도', required: true, type: 'likert5', showIf: { questionId: 'aware', operator: 'equals', value: 'yes' } },
    { id: 'comment', text: '의견', required: false, type: 'long_text' },
  ] }],
};

describe('survey campaigns, one-time codes and anonymous responses', () => {
  let app: TestApp;
  let admin: Client;
  let gangnam: Client;
  let principal: Client;
  let otherPrincipal: Client;
  let gaepo: number;
  let campaignId: number;
  let codes: string[];
  const anon = () => new HttpClient(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp({ env: { SURVEY_CODE_MAX_FAILURES: '5' } });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    gaepo = await schoolId(app.db, '서울개포초등학교');
    principal = await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: gaepo });
    otherPrincipal = await app.as({ email: 'p@dogok.es.kr', role: 'principal', schoolId: await schoolId(app.db, '서울도곡초등학교') });
  });
  afterAll(() => app.close());

  it('freezes a template version and resolves target schools within the creator\'s scope', async () => {
    const template = await admin.post('/api/v1/surveys/templates', { kind: 'satisfaction', definition: DEFINITION });
    const body = (target: object) => ({ templateId: template.body.id, title: '2026 학부모 만족도', audience: 'parents', grades: [5, 6], opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString(), target });
    const city = await admin.post('/api/v1/surveys/campaigns', body({ offices: ['gangnam-seocho'], levels: ['elementary'] }));
    expect(city.status).toBe(201);
    expect(city.body).toMatchObject({ version: 1, schools: expect.any(Number), responses: 0 });
    campaignId = city.body.id;
    // A district admin cannot reach beyond their office.
    expect((await gangnam.post('/api/v1/surveys/campaigns', body({ offices: ['seobu'] }))).body.code).toBe('NO_TARGET_SCHOOLS');
    // Editing the template later does not change the campaign's version.
    await admin.put(`/api/v1/surveys/templates/${template.body.id}`, { definition: { ...DEFINITION, title: '바뀐 제목' } });
    expect((await admin.get(`/api/v1/surveys/campaigns/${campaignId}`)).body.version).toBe(1);
    expect((await otherPrincipal.get(`/api/v1/surveys/campaigns/${campaignId}`)).status).toBe(200);
    expect((await principal.post('/api/v1/surveys/campaigns', body({}))).body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('issues one-time codes to the school\'s principal only, stored as hashes', async () => {
    expect((await otherPrincipal.post(`/api/v1/surveys/campaigns/${campaignId}/schools/${gaepo}/codes`, { count: 3 })).status).toBe(403);
    const res = await principal.post(`/api/v1/surveys/campaigns/${campaignId}/schools/${gaepo}/codes`, { count: 3 });
    expect(res.status).toBe(201);
    codes = res.body.codes;
    expect(codes).toHaveLength(3);
    expect(codes[0]).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const stored = await app.db.query(`SELECT code_hash FROM survey_codes`);
    expect(stored.map((r: { code_hash: string }) => r.code_hash)).not.toContain(codes[0]);
    expect((await principal.post(`/api/v1/surveys/campaigns/${campaignId}/schools/${gaepo}/codes`, { count: 0 })).status).toBe(400);
  });

  it('lets a respondent save a draft, resume it, and submit exactly once', async () => {
    const form = await anon().get(`/api/v1/surveys/respond/${codes[0]}`);
    expect(form.body).toMatchObject({ title: '2026 학부모 만족도', definition: { title: '학부모 AI 교육 만족도' }, draft: {} });
    expect((await anon().put(`/api/v1/surveys/respond/${codes[0]}/draft`, { answers: { aware: 'yes' } })).status).toBe(200);
    expect((await anon().get(`/api/v1/surveys/respond/${codes[0].toLowerCase().replace('-', '')}`)).body.draft).toEqual({ aware: 'yes' });

    const missing = await anon().post(`/api/v1/surveys/respond/${codes[0]}/submit`, { answers: { aware: 'yes' }, idempotencyKey: 'key-00000001' });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([expect.objectContaining({ field: 'answers.satisfaction' })]);
    const wrong = await anon().post(`/api/v1/surveys/respond/${codes[0]}/submit`, { answers: { aware: 'yes', satisfaction: 7 }, idempotencyKey: 'key-00000001' });
    expect(wrong.body.details[0].field).toBe('answers.satisfaction');

    const first = await anon().post(`/api/v1/surveys/respond/${codes[0]}/submit`, { answers: { aware: 'yes', satisfaction: 4, comment: '좋아요' }, idempotencyKey: 'key-00000001' });
    expect(first.status).toBe(200);
    expect(first.body.repeated).toBe(false);
    const retry = await anon().post(`/api/v1/surveys/respond/${codes[0]}/submit`, { answers: { aware: 'no' }, idempotencyKey: 'key-00000001' });
    expect(retry.body).toEqual({ ...first.body, repeated: true });
    const again = await anon().post(`/api/v1/surveys/respond/${codes[0]}/submit`, { answers: { aware: 'no' }, idempotencyKey: 'key-00000002' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CODE_USED');
    expect((await app.db.query(`SELECT count(*)::int AS n FROM survey_responses`))[0].n).toBe(1);
  });

  it('keeps a response unlinkable to its code, and hidden questions out of the answers', async () => {
    const [columns] = await app.db.query(`SELECT array_agg(column_name::text ORDER BY column_name) AS c FROM information_schema.columns WHERE table_name = 'survey_responses'`);
    expect(columns.c).toEqual(['answers', 'campaign_id', 'id', 'idempotency_key', 'school_id', 'submitted_on']);
    const [code] = await app.db.query(`SELECT array_agg(column_name::text ORDER BY column_name) AS c FROM information_schema.columns WHERE table_name = 'survey_codes'`);
    expect(code.c).toEqual(['batch_id', 'campaign_id', 'code_hash', 'created_at', 'school_id', 'used']);
    // Another respondent's client reusing key-00000001 is not taken for a retry of the first answer.
    const second = await anon().post(`/api/v1/surveys/respond/${codes[1]}/submit`, { answers: { aware: 'no', satisfaction: 5 }, idempotencyKey: 'key-00000001' });
    expect(second.body).toMatchObject({ repeated: false });
    const [{ first }] = await app.db.query(`SELECT id::text AS first FROM survey_responses WHERE idempotency_key = $1`, [scopedIdempotencyKey(`code:${new SurveyCodeHash(app.config.badgeKeySecret).hash(codes[0])}`, 'key-00000001')]);
    expect(second.body.responseId).not.toBe(first);
    const [{ answers, idempotency_key }] = await app.db.query(`SELECT answers, idempotency_key FROM survey_responses WHERE id = $1`, [second.body.responseId]);
    expect(answers).toEqual({ aware: 'no' });
    // The stored key is neither the client's key nor derivable without it.
    expect(idempotency_key).toBe(scopedIdempotencyKey(`code:${new SurveyCodeHash(app.config.badgeKeySecret).hash(codes[1])}`, 'key-00000001'));
    expect(idempotency_key).not.toContain('key-');
  });

  it('answers an unknown code with 404, then 429 after too many wrong codes; a concurrent double submit gives one response', async () => {
    const results = await Promise.all(['key-10000001', 'key-10000002'].map((k) => anon().post(`/api/v1/surveys/respond/${codes[2]}/submit`, { answers: { aware: 'no' }, idempotencyKey: k })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    for (let i = 0; i < 5; i++) expect((await anon().get(`/api/v1/surveys/respond/AAAAA-AAAA${i}`)).status).toBe(404);
    const blocked = await anon().get('/api/v1/surveys/respond/AAAAA-AAAAA');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
