import { schoolId } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const definition = (extra: Record<string, unknown> = {}) => ({
  title: '2026 AI 교육 만족도 조사',
  sections: [
    {
      id: 'main',
      title: '수업',
      questions: [
        { id: 'used_ai', text: 'AI 교실을 수업에 활용했습니까?', required: true, type: 'single', options: [{ value: 'yes', label: '예' }, { value: 'no', label: '아니요' }] },
        { id: 'satisfaction', text: '만족도', required: true, type: 'likert5', showIf: { questionId: 'used_ai', operator: 'equals', value: 'yes' } },
        { id: 'hours', text: '주당 활용 시간', required: false, type: 'numeric', min: 0, max: 40, integer: true },
        ...(extra.more ? [{ id: 'comment', text: '의견', required: false, type: 'long_text' }] : []),
      ],
    },
  ],
});

describe('survey templates with frozen versions (조례 제6조)', () => {
  let app: TestApp;
  let admin: Client;
  let principal: Client;
  let otherPrincipal: Client;
  let teacher: Client;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    const gaepo = await schoolId(app.db, '서울개포초등학교');
    principal = await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: gaepo });
    otherPrincipal = await app.as({ email: 'p@dogok.es.kr', role: 'principal', schoolId: await schoolId(app.db, '서울도곡초등학교') });
    teacher = await app.as({ email: 't@gaepo.es.kr', role: 'teacher', schoolId: gaepo });
  });
  afterAll(() => app.close());

  it('creates version 1, keeps it frozen, and makes a new version only when the definition changes', async () => {
    const created = await admin.post('/api/v1/surveys/templates', { kind: 'satisfaction', definition: definition() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'satisfaction', ownerSchoolId: null, title: '2026 AI 교육 만족도 조사', latestVersion: 1 });
    const id = created.body.id;

    const same = await admin.put(`/api/v1/surveys/templates/${id}`, { definition: JSON.parse(JSON.stringify(definition())) });
    expect(same.body.latestVersion).toBe(1);
    const changed = await admin.put(`/api/v1/surveys/templates/${id}`, { definition: definition({ more: true }) });
    expect(changed.body.latestVersion).toBe(2);
    expect(changed.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const v1 = await teacher.get(`/api/v1/surveys/templates/${id}/versions/1`);
    expect(v1.body.definition.sections[0].questions).toHaveLength(3);
    await expect(app.db.query(`UPDATE survey_template_versions SET definition = '{}'`)).rejects.toThrow(/frozen/);
  });

  it('rejects an invalid template with the path of every problem', async () => {
    const bad = definition();
    bad.sections[0].questions[1].showIf = { questionId: 'hours', operator: 'equals', value: 'x' } as never;
    (bad.sections[0].questions[2] as { min: number }).min = 50;
    const res = await admin.post('/api/v1/surveys/templates', { kind: 'status', definition: bad });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_TEMPLATE');
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields.some((f: string) => f === 'definition.sections.0.questions.1.showIf.questionId')).toBe(true);
    expect(fields.some((f: string) => f === 'definition.sections.0.questions.2.min')).toBe(true);
    expect((await admin.post('/api/v1/surveys/templates', { kind: 'poll', definition: definition() })).body.details[0].field).toBe('kind');
  });

  it("keeps a school's demand-survey template to that school", async () => {
    const own = await principal.post('/api/v1/surveys/templates', { kind: 'demand', definition: { ...definition(), title: '방과후 AI 수업 수요조사' } });
    expect(own.status).toBe(201);
    expect(own.body.ownerSchoolId).not.toBeNull();
    expect((await principal.post('/api/v1/surveys/templates', { kind: 'status', definition: definition() })).status).toBe(400);
    expect((await otherPrincipal.get(`/api/v1/surveys/templates/${own.body.id}`)).status).toBe(403);
    expect((await otherPrincipal.put(`/api/v1/surveys/templates/${own.body.id}`, { definition: definition() })).status).toBe(403);
    expect((await teacher.get(`/api/v1/surveys/templates/${own.body.id}`)).status).toBe(200);
    expect((await teacher.put(`/api/v1/surveys/templates/${own.body.id}`, { definition: definition() })).status).toBe(403);
    expect((await teacher.post('/api/v1/surveys/templates', { kind: 'demand', definition: definition() })).status).toBe(403);
    expect((await principal.put('/api/v1/surveys/templates/1', { definition: definition({ more: true }) })).status).toBe(403);
    const theirs = (await otherPrincipal.get('/api/v1/surveys/templates')).body.map((t: { id: number }) => t.id);
    expect(theirs).not.toContain(own.body.id);
    expect((await admin.get('/api/v1/surveys/templates')).body.map((t: { id: number }) => t.id)).toContain(own.body.id);
  });
});
