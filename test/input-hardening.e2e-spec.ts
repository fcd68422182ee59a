import { callBody } from './support/designation-fixtures';
import { countRows, schoolId } from './support/fixtures';
import { HttpClient, HttpResult } from './support/http-client';
import { assessmentBody } from './support/literacy-fixtures';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 12: input the DTOs used to let through and PostgreSQL (or the code after validation) then
 * refused with a 500. Each case is a 400 in the API's error shape, naming the field, and changes
 * nothing. test/fuzz.e2e-spec.ts covers the same ground broadly; these pin the named cases.
 */

type Client = Awaited<ReturnType<TestApp['as']>>;

const SURVEY = {
  title: '입력 검증 설문',
  sections: [{ id: 'main', title: '문항', questions: [{ id: 'aware', text: '알고 있습니까?', required: true, type: 'single', options: [{ value: 'yes', label: '예' }, { value: 'no', label: '아니요' }] }] }],
};

/** A 400 in the one error body, with `field` among the details. */
function expectRefused(res: HttpResult, field: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  expect(res.body).toMatchObject({ statusCode: 400, message: expect.any(String), requestId: expect.any(String) });
  expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
}

describe('input hardening (issue 12)', () => {
  let app: TestApp;
  let admin: Client;
  let gaepo: number;
  let itemId: number;
  let clubId: number;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as({ email: 'hardening@sen.go.kr', role: 'city_admin' });
    gaepo = await schoolId(app.db, '서울개포초등학교');
    const item = await admin.post(`/api/v1/schools/${gaepo}/classroom/equipment`, { category: 'robot_kit', name: '햄스터 로봇', quantity: 2, assetTag: 'IH-1', serialNumber: 'SN-1' });
    expect(item.status).toBe(201);
    itemId = item.body.id;
    const club = await admin.post(`/api/v1/schools/${gaepo}/classroom/clubs`, { schoolYear: 2026, name: 'AI 탐험대', members: 10 });
    expect(club.status).toBe(201);
    clubId = club.body.id;
  });
  afterAll(() => app.close());

  describe('strings: no control characters, well-formed, trimmed and not empty where required', () => {
    it('refuses NUL in a text column (PostgreSQL refuses it in text)', async () => {
      const before = await countRows(app.db, 'equipment_items');
      expectRefused(await admin.post(`/api/v1/schools/${gaepo}/classroom/equipment`, { category: 'robot_kit', name: '로봇\u0000', quantity: 1, assetTag: 'IH-2' }), 'name');
      expectRefused(await admin.post('/api/v1/designations/calls', callBody({ criteria: [{ name: 'a\u0000b', maxScore: 10, weight: 1 }] })), 'criteria.0.name');
      expect(await countRows(app.db, 'equipment_items')).toBe(before);
    });

    it('refuses NUL and other control characters in free-form objects, keys included (jsonb refuses \\u0000)', async () => {
      const value = await admin.post('/api/v1/surveys/templates', { kind: 'satisfaction', definition: { ...SURVEY, title: 'a\u0000' } });
      expectRefused(value, 'definition.title');
      const key = await admin.post('/api/v1/surveys/templates', { kind: 'satisfaction', definition: { ...SURVEY, ['x\u0000']: 1 } });
      expect(key.status).toBe(400);
      expect(key.body.details[0].reason).toMatch(/property name must not contain control characters/);
      expectRefused(await admin.post('/api/v1/designations/types', { code: 'ih_bell', name: '종\u0007' }), 'name');
    });

    it('refuses a NUL in a path parameter', async () => {
      const assessment = await admin.post('/api/v1/literacy/assessments', assessmentBody({ name: '입력 검증' }));
      expect(assessment.status).toBe(201);
      expectRefused(await admin.patch(`/api/v1/literacy/assessments/${assessment.body.id}/items/Q1%00`, { dropped: true }), 'itemId');
    });

    it('refuses lone surrogates (the audit log is jsonb, which refuses them; isEmail threw a URIError)', async () => {
      expectRefused(await admin.post('/api/v1/consent/services', { name: 'GPT\udfff', provider: 'x', minAge: 13, consentUnderAge: 18, personalData: [], allowedLevels: ['high'] }), 'name');
      expectRefused(await new HttpClient(app.baseUrl).post('/api/v1/auth/login', { email: '\udfff', password: 'whatever-123' }), 'email');
    });

    it('refuses whitespace-only required text instead of failing a CHECK constraint', async () => {
      expectRefused(await admin.post(`/api/v1/schools/${gaepo}/classroom/clubs`, { schoolYear: 2026, name: '   ', members: 1 }), 'name');
      expectRefused(await admin.post('/api/v1/training/courses', { code: 'IH-1', schoolYear: 2026, title: ' \t ', level: 'basic', deliveryMode: 'remote', audience: ['teacher'], creditHours: 10 }), 'title');
      expectRefused(await admin.post('/api/v1/designations/calls', callBody({ title: '\u3000 ' })), 'title');
    });

    it('keeps tabs and line breaks in long text, and stores text trimmed', async () => {
      const res = await admin.post(`/api/v1/schools/${gaepo}/classroom/clubs`, { schoolYear: 2026, name: '  코딩\t동아리  ', members: 1 });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('코딩\t동아리');
    });
  });

  describe('null on optional fields of NOT NULL columns (school-owned-crud.ts)', () => {
    it('refuses null for equipment, club and classroom fields, and leaves the rows as they were', async () => {
      const [before] = await app.db.query(`SELECT name, quantity, condition FROM equipment_items WHERE id = $1`, [itemId]);
      for (const field of ['name', 'quantity', 'category', 'assetTag', 'condition']) {
        expectRefused(await admin.patch(`/api/v1/schools/${gaepo}/classroom/equipment/${itemId}`, { [field]: null }), field);
      }
      expectRefused(await admin.post(`/api/v1/schools/${gaepo}/classroom/equipment`, { category: 'robot_kit', name: '로봇', quantity: 1, assetTag: 'IH-3', condition: null }), 'condition');
      for (const field of ['name', 'members', 'schoolYear']) {
        expectRefused(await admin.patch(`/api/v1/schools/${gaepo}/classroom/clubs/${clubId}`, { [field]: null }), field);
      }
      for (const field of ['status', 'spaceType', 'buildYear', 'budgetKrw']) {
        expectRefused(await admin.patch(`/api/v1/schools/${gaepo}/classroom`, { [field]: null }), field);
      }
      expect(await app.db.query(`SELECT name, quantity, condition FROM equipment_items WHERE id = $1`, [itemId])).toEqual([before]);
    });

    it('lets null clear a nullable column', async () => {
      const res = await admin.patch(`/api/v1/schools/${gaepo}/classroom/equipment/${itemId}`, { serialNumber: null });
      expect(res.status).toBe(200);
      expect(res.body.serialNumber).toBeNull();
    });

    it('refuses null for account fields', async () => {
      const target = await app.as({ email: 'ih-target@sen.go.kr', role: 'teacher', schoolId: gaepo });
      for (const field of ['email', 'name', 'status', 'role']) {
        expectRefused(await admin.patch(`/api/v1/users/${target.userId}`, { [field]: null }), field);
      }
    });
  });

  describe('ids bounded to the int4 column', () => {
    it.each([2 ** 31, 1e308, 2 ** 53])('refuses %p as a body id (support.service.ts)', async (id) => {
      const before = await countRows(app.db, 'designation_support');
      expectRefused(await admin.post('/api/v1/designations/support', { schoolId: id, kind: 'budget', amountKrw: 1000, grantedOn: '2026-03-02' }), 'schoolId');
      expectRefused(await admin.post('/api/v1/designations/support', { schoolId: gaepo, designationId: id, kind: 'budget', amountKrw: 1000, grantedOn: '2026-03-02' }), 'designationId');
      expect(await countRows(app.db, 'designation_support')).toBe(before);
    });

    it.each([2 ** 31, 1e308])('refuses %p as a template id or version of a campaign (survey-templates.service.ts)', async (id) => {
      const window = { opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() };
      const body = { templateId: 1, title: '입력 검증', audience: 'parents', ...window, target: { schoolIds: [gaepo] } };
      expectRefused(await admin.post('/api/v1/surveys/campaigns', { ...body, templateId: id }), 'templateId');
      expectRefused(await admin.post('/api/v1/surveys/campaigns', { ...body, version: id }), 'version');
      expectRefused(await admin.post('/api/v1/surveys/campaigns', { ...body, target: { schoolIds: [id] } }), 'target.schoolIds');
    });

    it('refuses ids past int4 in consent bodies and query strings', async () => {
      expectRefused(await admin.post('/api/v1/consent/records', { studentId: 2 ** 31, serviceId: 1, decision: 'granted', guardianRelation: 'mother', method: 'paper_slip' }), 'studentId');
      expectRefused(await admin.post('/api/v1/consent/letters', { serviceId: 1e308, schoolId: gaepo, grade: 8, classNo: 1 }), 'serviceId');
      expectRefused(await admin.get(`/api/v1/consent/letters?schoolId=2147483648`), 'schoolId');
      expect((await admin.get('/api/v1/designations/support?schoolId=1e308')).status).toBe(400);
    });

    it('refuses a route id past int4 before the school-scope guard queries it', async () => {
      expectRefused(await admin.patch('/api/v1/schools/2147483648/classroom', { status: 'operating' }), 'id');
      expectRefused(await admin.get('/api/v1/designations/2147483648'), 'id');
    });

    it('reads route ids as written: 0x10 and 1e1 are not ids', async () => {
      expectRefused(await admin.patch(`/api/v1/schools/${gaepo}/classroom/clubs/0x10`, { members: 3 }), 'clubId');
      expectRefused(await admin.patch(`/api/v1/schools/${gaepo}/classroom/clubs/1e1`, { members: 3 }), 'clubId');
    });

    it('answers 404 for a badge id that is not a UUID', async () => {
      const res = await admin.post('/api/v1/badges/not-a-uuid/revoke', { reason: '오류' });
      expect(res.status).toBe(404);
      expect((await admin.get('/api/v1/badges/------------------------------------/verify')).status).toBe(404);
    });
  });

  describe('numbers', () => {
    it('refuses 5e-324 where decimals are limited (class-validator threw a TypeError)', async () => {
      expectRefused(await admin.patch(`/api/v1/schools/${gaepo}/classroom`, { floorAreaUnits: 5e-324 }), 'floorAreaUnits');
      expectRefused(await admin.post('/api/v1/designations/calls', callBody({ criteria: [{ name: '계획', maxScore: 1e-7, weight: 1 }] })), 'criteria.0.maxScore');
    });
  });

  describe('nested objects', () => {
    it('refuses a call whose criterion is not an object (calls.service.ts read criterion.name)', async () => {
      const before = await countRows(app.db, 'designation_calls');
      const good = { name: '계획', maxScore: 10, weight: 1 };
      expectRefused(await admin.post('/api/v1/designations/calls', callBody({ criteria: [[good]] })), 'criteria');
      expectRefused(await admin.post('/api/v1/designations/calls', callBody({ criteria: [{ maxScore: 10, weight: 1 }] })), 'criteria.0.name');
      expectRefused(await admin.post('/api/v1/designations/calls', callBody({ criteria: [null] })), 'criteria');
      expect(await countRows(app.db, 'designation_calls')).toBe(before);
    });

    it('refuses a campaign without a target, or with a target that is not an object (campaigns.service.ts)', async () => {
      const template = await admin.post('/api/v1/surveys/templates', { kind: 'satisfaction', definition: SURVEY });
      expect(template.status).toBe(201);
      const window = { opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() };
      const body = { templateId: template.body.id, title: '입력 검증', audience: 'parents', ...window };
      expectRefused(await admin.post('/api/v1/surveys/campaigns', body), 'target');
      expectRefused(await admin.post('/api/v1/surveys/campaigns', { ...body, target: [{ schoolIds: [gaepo] }] }), 'target');
      expectRefused(await admin.post('/api/v1/surveys/campaigns', { ...body, target: null }), 'target');
      expect(await countRows(app.db, 'survey_campaigns')).toBe(0);
    });

    it('refuses null for an item key (assessments.service.ts iterated it)', async () => {
      const items = assessmentBody().items.map((item, i) => (i === 0 ? { ...item, key: null } : item));
      expectRefused(await admin.post('/api/v1/literacy/assessments', assessmentBody({ name: '키 없음', items })), 'items.0.key');
    });
  });
});
