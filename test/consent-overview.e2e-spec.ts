import { bornYearsAgo, CHATGPT, NOTICE, schoolYear } from './support/consent-fixtures';
import { schoolId } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

/**
 * 동의 현황 (GET /consent/overview): the figures of a small roster, by office, district, school and
 * class, checked by hand against the eligibility rules, and who sees which schools.
 */
describe('consent overview for administrators', () => {
  let app: TestApp;
  let admin: Client;
  let gangnamAdmin: Client;
  let seobuAdmin: Client;
  let teacherA: Client;
  let schoolA: number;
  let schoolM: number;
  let gaepo: number;
  let gaepoDistrict: string;
  let serviceId: number;
  const ids: Record<string, number> = {};

  const overview = (client: Client, query: string) => client.get(`/api/v1/consent/overview?serviceId=${serviceId}&${query}`);
  const counts = (c: Record<string, unknown>) => [c.students, c.eligible, c.notEligible, c.granted, c.refused, c.noAnswer];

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gangnamAdmin = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    seobuAdmin = await app.as({ email: 'seobu@sen.go.kr', role: 'district_admin', districtOffice: 'seobu' });
    [{ id: schoolA }] = await app.db.query(`SELECT s.id FROM schools s WHERE s.level = 'middle' AND s.district = '강남구' ORDER BY s.id LIMIT 1`);
    [{ id: schoolM }] = await app.db.query(`SELECT s.id FROM schools s WHERE s.level = 'middle' AND s.district = '마포구' ORDER BY s.id LIMIT 1`);
    gaepo = await schoolId(app.db, '서울개포초등학교');
    [{ district: gaepoDistrict }] = await app.db.query(`SELECT district FROM schools WHERE id = $1`, [gaepo]);
    expect(gaepoDistrict).toBe('강남구');
    teacherA = await app.as({ email: 't@a.ms.kr', role: 'teacher', schoolId: schoolA });

    serviceId = (await admin.post('/api/v1/consent/services', CHATGPT)).body.id;
    expect((await admin.post(`/api/v1/consent/services/${serviceId}/notices`, { schoolYear: schoolYear(), ...NOTICE })).status).toBe(201);

    // [code, school, year of schooling, class, age, what the guardian said (by whom)]
    const roster = [
      ['A15', schoolA, 8, 1, 15, 'granted'], // may use it
      ['A14', schoolA, 8, 1, 14, 'refused'],
      ['A13', schoolA, 8, 1, 13, null], // no answer
      ['A12', schoolA, 8, 1, 12, 'granted'], // granted, but under the service's 13
      ['B16', schoolA, 8, 2, 16, 'withdrawn'], // granted, then withdrawn: a refusal
      ['C15', schoolA, 9, 1, 15, 'granted-other'], // another carer's grant counts from 14
      ['C13', schoolA, 9, 1, 13, 'granted-other'], // ... not under 14 (PIPA art. 22-2)
      ['M15', schoolM, 8, 1, 15, 'granted'],
      ['E11', gaepo, 5, 1, 11, 'granted'], // elementary: never
    ] as const;
    for (const [code, school, grade, classNo, age, answer] of roster) {
      const res = await admin.post('/api/v1/consent/students', { schoolId: school, studentCode: code, grade, classNo, birthMonth: bornYearsAgo(age) });
      expect(res.status).toBe(201);
      ids[code] = res.body.id;
      if (!answer) continue;
      const decision = answer === 'refused' ? 'refused' : 'granted';
      const guardianRelation = answer === 'granted-other' ? 'other_guardian' : 'mother';
      expect((await admin.post('/api/v1/consent/records', { studentId: res.body.id, serviceId, decision, guardianRelation, method: 'paper_slip' })).status).toBe(201);
      if (answer === 'withdrawn') {
        expect((await admin.post('/api/v1/consent/records/withdraw', { studentId: res.body.id, serviceId, guardianRelation: 'mother', method: 'other' })).status).toBe(201);
      }
    }
  });
  afterAll(() => app.close());

  it('gives a city administrator every office, with totals', async () => {
    const res = await overview(admin, 'level=office');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ serviceId, serviceName: 'ChatGPT', level: 'office', noticeVersion: 1 });
    expect(res.body.groups.map((g: { office: string }) => g.office)).toEqual(['seobu', 'gangnam-seocho']);
    const [seobu, gangnam] = res.body.groups;
    // students, eligible, not eligible, granted, refused, no answer
    expect(counts(gangnam)).toEqual([8, 2, 6, 5, 2, 1]);
    expect(gangnam).toMatchObject({ officeName: expect.any(String), district: null, schoolId: null, eligibleRate: 25, responseRate: 87.5 });
    expect(counts(seobu)).toEqual([1, 1, 0, 1, 0, 0]);
    expect(counts(res.body.total)).toEqual([9, 3, 6, 6, 2, 1]);
    expect(res.body.total).toMatchObject({ eligibleRate: 33.3, responseRate: 88.9 });
  });

  it('drills down office → district → school → class, and the class figures agree with the class list', async () => {
    const districts = await overview(admin, 'level=district&office=gangnam-seocho');
    expect(districts.body.groups).toHaveLength(1);
    expect(districts.body.groups[0]).toMatchObject({ office: 'gangnam-seocho', district: '강남구', schoolId: null });
    expect(counts(districts.body.groups[0])).toEqual([8, 2, 6, 5, 2, 1]);

    const schools = await overview(admin, 'level=school&district=강남구');
    const bySchool = Object.fromEntries(schools.body.groups.map((g: { schoolId: number }) => [g.schoolId, g]));
    expect(Object.keys(bySchool).map(Number).sort()).toEqual([schoolA, gaepo].sort());
    expect(bySchool[schoolA]).toMatchObject({ schoolLevel: 'middle', schoolName: expect.any(String), grade: null });
    expect(counts(bySchool[schoolA])).toEqual([7, 2, 5, 4, 2, 1]);
    expect(counts(bySchool[gaepo])).toEqual([1, 0, 1, 1, 0, 0]);

    const classes = await overview(admin, `level=class&schoolId=${schoolA}`);
    expect(classes.body.groups.map((g: { grade: number; classNo: number }) => [g.grade, g.classNo, ...counts(g)])).toEqual([
      [8, 1, 4, 1, 3, 2, 1, 1],
      [8, 2, 1, 0, 1, 0, 1, 0],
      [9, 1, 2, 1, 1, 2, 0, 0],
    ]);
    for (const g of classes.body.groups) {
      const list = await admin.get(`/api/v1/consent/eligibility/class?schoolId=${schoolA}&grade=${g.grade}&classNo=${g.classNo}&serviceId=${serviceId}`);
      expect(list.body.allowed).toBe(g.eligible);
      expect(list.body.items).toHaveLength(g.students);
    }
  });

  it('counts a grant to an earlier notice version as no answer, and reads the records as of the day', async () => {
    const before = await overview(admin, 'level=office&date=2020-06-01');
    expect(before.body).toMatchObject({ date: '2020-06-01', noticeVersion: null });
    expect(counts(before.body.total)).toEqual([9, 0, 9, 0, 0, 9]);

    const other = (await admin.post('/api/v1/consent/services', { ...CHATGPT, name: 'Gemini' })).body.id;
    await admin.post(`/api/v1/consent/services/${other}/notices`, { schoolYear: schoolYear(), ...NOTICE });
    await admin.post('/api/v1/consent/records', { studentId: ids.M15, serviceId: other, decision: 'granted', guardianRelation: 'mother', method: 'paper_slip' });
    const granted = await admin.get(`/api/v1/consent/overview?serviceId=${other}&office=seobu`);
    expect(counts(granted.body.total)).toEqual([1, 1, 0, 1, 0, 0]);
    await admin.post(`/api/v1/consent/services/${other}/notices`, { schoolYear: schoolYear(), ...NOTICE, retention: '1년' });
    const stale = await admin.get(`/api/v1/consent/overview?serviceId=${other}&office=seobu`);
    expect(stale.body.noticeVersion).toBe(2);
    expect(counts(stale.body.total)).toEqual([1, 0, 1, 0, 0, 1]);
  });

  it("gives a district administrator their office's schools only", async () => {
    const own = await overview(gangnamAdmin, 'level=school');
    expect(own.status).toBe(200);
    expect(own.body.groups.map((g: { schoolId: number }) => g.schoolId).sort()).toEqual([schoolA, gaepo].sort());
    expect(counts(own.body.total)).toEqual([8, 2, 6, 5, 2, 1]);

    const seobu = await overview(seobuAdmin, 'level=school');
    expect(seobu.body.groups.map((g: { schoolId: number }) => g.schoolId)).toEqual([schoolM]);
    // Asking for another office's schools finds none of them, and naming one of them is refused.
    const elsewhere = await overview(seobuAdmin, 'level=school&office=gangnam-seocho');
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.groups).toEqual([]);
    expect(counts(elsewhere.body.total)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(elsewhere.body.total).toMatchObject({ eligibleRate: null, responseRate: null });
    expect((await overview(seobuAdmin, 'level=district&district=강남구')).body.groups).toEqual([]);
    const named = await overview(seobuAdmin, `level=class&schoolId=${schoolA}`);
    expect(named.status).toBe(403);
    expect(named.body.code).toBe('SCHOOL_OUT_OF_SCOPE');
  });

  it('limits a teacher to their own school, as the class lists do', async () => {
    const res = await overview(teacherA, 'level=office');
    expect(res.status).toBe(200);
    expect(res.body.groups).toHaveLength(1);
    expect(counts(res.body.total)).toEqual([7, 2, 5, 4, 2, 1]);
    expect((await overview(teacherA, 'level=school')).body.groups.map((g: { schoolId: number }) => g.schoolId)).toEqual([schoolA]);
    expect((await overview(teacherA, `level=class&schoolId=${schoolM}`)).status).toBe(403);
  });

  it('refuses a bad level, office or date, and an unknown service or school', async () => {
    expect((await overview(admin, 'level=province')).status).toBe(400);
    expect((await overview(admin, 'office=nowhere')).status).toBe(400);
    expect((await overview(admin, 'date=2026-13-01')).status).toBe(400);
    expect((await admin.get('/api/v1/consent/overview?level=office')).status).toBe(400);
    expect((await admin.get('/api/v1/consent/overview?serviceId=999999')).status).toBe(404);
    expect((await overview(admin, 'schoolId=999999')).status).toBe(404);
  });
});
