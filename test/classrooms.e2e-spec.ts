import { schoolId } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const ITEM = { category: 'robot_kit', name: '햄스터 로봇', quantity: 20, assetTag: 'AI-001', purchaseDate: '2023-03-02', costKrw: 3000000 };

describe('AI-classroom inventory', () => {
  let app: TestApp;
  let admin: Client;
  let gaepo: number; // 서울개포초등학교, 강남구 (강남서초)
  let dogok: number; // 서울도곡초등학교, 강남구 (강남서초)
  let mapo: number; // a 마포구 school (서부)
  let principal: Client;
  let teacher: Client;
  let otherPrincipal: Client;
  let gangnamAdmin: Client;
  let seobuAdmin: Client;

  beforeAll(async () => {
    app = await startTestApp();
    gaepo = await schoolId(app.db, '서울개포초등학교');
    dogok = await schoolId(app.db, '서울도곡초등학교');
    [{ id: mapo }] = await app.db.query(`SELECT id FROM schools WHERE district = '마포구' ORDER BY id LIMIT 1`);
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    principal = await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: gaepo });
    teacher = await app.as({ email: 't@gaepo.es.kr', role: 'teacher', schoolId: gaepo });
    otherPrincipal = await app.as({ email: 'p@dogok.es.kr', role: 'principal', schoolId: dogok });
    gangnamAdmin = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    seobuAdmin = await app.as({ email: 'seobu@sen.go.kr', role: 'district_admin', districtOffice: 'seobu' });
  });
  afterAll(() => app.close());

  it("reproduces the report's totals", async () => {
    const res = await admin.get('/api/v1/classrooms/stats');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(284);
    expect(res.body.byYear).toEqual({ 2021: 150, 2022: 73, 2023: 54, 2024: 7 });
    expect(res.body.byLevel).toEqual({ elementary: 115, middle: 88, high: 74, special: 7 });
    expect(res.body.byDistrict).toHaveLength(25);
    expect(res.body.districtsWithClassrooms).toBe(25);
    expect(res.body.byDistrict.find((d: { key: string }) => d.key === '노원구').classrooms).toBe(23);
    expect(res.body.byDistrictOffice).toHaveLength(11);
    expect(res.body.byDistrictOffice.reduce((n: number, o: { classrooms: number }) => n + o.classrooms, 0)).toBe(284);
    expect(res.body.byDistrictOffice.find((o: { key: string }) => o.key === 'gangnam-seocho')).toMatchObject({ label: '강남서초교육지원청', classrooms: 25 });
    // The registry holds only the 284 schools with a classroom until the NEIS list is imported: no ratio to it.
    expect(res.body.coverage).toMatchObject({ classrooms: 284, schoolsInRegistry: 284, registryComplete: false, ofRegistry: null, officialSchoolCount: 1366, ofOfficial: 0.2079, officialAsOf: '2024-10-01' });
    expect(res.body.coverage.officialSource).toContain('1,366');
    expect(res.body.scope).toEqual({ districtOffice: null, name: '서울특별시' });
    expect(res.body.byDistrict.find((d: { key: string }) => d.key === '노원구')).toMatchObject({ neisSchools: 0, registryComplete: false, coverage: null });
  });

  it("gives a district admin their own office's figures, not the city's", async () => {
    const res = await gangnamAdmin.get('/api/v1/classrooms/stats');
    expect(res.status).toBe(200);
    expect(res.body.scope).toEqual({ districtOffice: 'gangnam-seocho', name: '강남서초교육지원청' });
    expect(res.body.total).toBe(25);
    expect(res.body.byDistrictOffice).toEqual([expect.objectContaining({ key: 'gangnam-seocho', classrooms: 25 })]);
    expect(res.body.byDistrict.map((d: { key: string }) => d.key).sort()).toEqual(['강남구', '서초구']);
    expect(Object.values(res.body.byYear as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(25);
    // The report's 1,366 counts Seoul's schools, not an office's.
    expect(res.body.coverage).toMatchObject({ classrooms: 25, schoolsInRegistry: 25, officialSchoolCount: null, ofOfficial: null });
  });

  it('gives a ratio to the registry once the NEIS list holds the district\'s schools', async () => {
    const [{ id }] = await app.db.query(
      `INSERT INTO schools (name, level, district, neis_code) VALUES ('서울등록시험초등학교', 'elementary', '노원구', '7999001') RETURNING id`,
    );
    try {
      const res = await admin.get('/api/v1/classrooms/stats');
      const nowon = res.body.byDistrict.find((d: { key: string }) => d.key === '노원구');
      expect(nowon).toMatchObject({ classrooms: 23, schools: 24, neisSchools: 1, registryComplete: true, coverage: 0.9583 });
      expect(res.body.coverage).toMatchObject({ registryComplete: false, ofRegistry: null });
    } finally {
      await app.db.query(`DELETE FROM schools WHERE id = $1`, [id]);
    }
  });

  describe('access is checked on every object', () => {
    it("lets a principal read and change their own school's classroom", async () => {
      expect((await principal.get(`/api/v1/schools/${gaepo}/classroom`)).status).toBe(200);
      const res = await principal.patch(`/api/v1/schools/${gaepo}/classroom`, { floorAreaUnits: 1.2 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ floorAreaUnits: 1.2, flags: { areaBelowMinimum: true, noClubThisYear: true } });
    });

    it("forbids a principal to read or change another school's classroom, equipment, clubs or history", async () => {
      const attempts = [
        otherPrincipal.get(`/api/v1/schools/${gaepo}`),
        otherPrincipal.get(`/api/v1/schools/${gaepo}/classroom`),
        otherPrincipal.patch(`/api/v1/schools/${gaepo}/classroom`, { floorAreaUnits: 3 }),
        otherPrincipal.get(`/api/v1/schools/${gaepo}/classroom/equipment`),
        otherPrincipal.post(`/api/v1/schools/${gaepo}/classroom/equipment`, ITEM),
        otherPrincipal.post(`/api/v1/schools/${gaepo}/classroom/clubs`, { schoolYear: 2026, name: 'x', members: 1 }),
        otherPrincipal.get(`/api/v1/schools/${gaepo}/classroom/history`),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('SCHOOL_OUT_OF_SCOPE');
      }
      const [{ floor_area_units }] = await app.db.query(`SELECT floor_area_units FROM classrooms WHERE school_id = $1`, [gaepo]);
      expect(Number(floor_area_units)).toBe(1.2);
    });

    it("lists only the caller's own school for principals and teachers, and the office's schools for district admins", async () => {
      const own = await otherPrincipal.get('/api/v1/schools?pageSize=500');
      expect(own.body.items.map((s: { id: number }) => s.id)).toEqual([dogok]);
      const teach = await teacher.get('/api/v1/schools');
      expect(teach.body.total).toBe(1);
      const office = await gangnamAdmin.get('/api/v1/schools?pageSize=500');
      expect(office.body.total).toBe(25);
      expect(new Set(office.body.items.map((s: { districtOffice: string }) => s.districtOffice))).toEqual(new Set(['gangnam-seocho']));
      // Asking for another office's schools yields nothing rather than widening the scope.
      expect((await gangnamAdmin.get('/api/v1/schools?districtOffice=seobu')).body.total).toBe(0);
    });

    it('lets a teacher read but not change their school', async () => {
      expect((await teacher.get(`/api/v1/schools/${gaepo}/classroom`)).status).toBe(200);
      expect((await teacher.get(`/api/v1/schools/${gaepo}/classroom/history`)).status).toBe(200);
      expect((await teacher.patch(`/api/v1/schools/${gaepo}/classroom`, { floorAreaUnits: 2 })).status).toBe(403);
      expect((await teacher.post(`/api/v1/schools/${gaepo}/classroom/equipment`, ITEM)).status).toBe(403);
      expect((await teacher.post('/api/v1/exports/classrooms')).status).toBe(403);
    });

    it("keeps district admins inside their office", async () => {
      expect((await gangnamAdmin.patch(`/api/v1/schools/${gaepo}/classroom`, { status: 'operating' })).status).toBe(200);
      expect((await gangnamAdmin.get(`/api/v1/schools/${mapo}/classroom`)).status).toBe(403);
      expect((await seobuAdmin.get(`/api/v1/schools/${mapo}/classroom`)).status).toBe(200);
      expect((await seobuAdmin.patch(`/api/v1/schools/${gaepo}/classroom`, { status: 'suspended' })).status).toBe(403);
    });

    it('keeps the programme facts (build year, budget) for administrators', async () => {
      const res = await principal.patch(`/api/v1/schools/${gaepo}/classroom`, { budgetKrw: 1 });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FIELD_NOT_ALLOWED');
      expect((await admin.patch(`/api/v1/schools/${gaepo}/classroom`, { budgetKrw: 120000000 })).body.budgetKrw).toBe(120000000);
    });

    it('answers 404 for a school that does not exist and 400 for an id that is not one', async () => {
      expect((await admin.get('/api/v1/schools/999999/classroom')).status).toBe(404);
      const bad = await admin.get('/api/v1/schools/abc/classroom');
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('id');
    });
  });

  describe('equipment and clubs', () => {
    let itemId: number;

    it('adds, changes and removes equipment, every change kept in the history with who and what', async () => {
      const created = await principal.post(`/api/v1/schools/${gaepo}/classroom/equipment`, ITEM);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...ITEM, condition: 'good', schoolId: gaepo });
      itemId = created.body.id;
      const changed = await principal.patch(`/api/v1/schools/${gaepo}/classroom/equipment/${itemId}`, { quantity: 18, condition: 'needs_repair' });
      expect(changed.body).toMatchObject({ quantity: 18, condition: 'needs_repair' });

      const history = await teacher.get(`/api/v1/schools/${gaepo}/classroom/history`);
      const update = history.body.find((h: { entityType: string; action: string }) => h.entityType === 'equipment_item' && h.action === 'update');
      expect(update).toMatchObject({ actorEmail: 'p@gaepo.es.kr', actorRole: 'principal', entityId: String(itemId) });
      expect(update.changes).toEqual(
        expect.arrayContaining([
          { field: 'quantity', from: 20, to: 18 },
          { field: 'condition', from: 'good', to: 'needs_repair' },
        ]),
      );
      expect(history.body.find((h: { action: string; entityType: string }) => h.entityType === 'equipment_item' && h.action === 'create').after.assetTag).toBe('AI-001');
      expect(history.body.some((h: { entityType: string; changes: { field: string }[] }) => h.entityType === 'classroom' && h.changes.some((c) => c.field === 'floorAreaUnits'))).toBe(true);
    });

    it('refuses a second item with the same asset tag in the school, but allows it in another school', async () => {
      const dup = await principal.post(`/api/v1/schools/${gaepo}/classroom/equipment`, { ...ITEM, name: '다른 로봇' });
      expect(dup.status).toBe(409);
      expect(dup.body.details[0].field).toBe('assetTag');
      expect((await otherPrincipal.post(`/api/v1/schools/${dogok}/classroom/equipment`, ITEM)).status).toBe(201);
    });

    it('rejects bad equipment input with the field at fault and changes nothing', async () => {
      const before = await principal.get(`/api/v1/schools/${gaepo}/classroom/equipment`);
      const cases: [Record<string, unknown>, string][] = [
        [{ ...ITEM, assetTag: 'X1', quantity: 0 }, 'quantity'],
        [{ ...ITEM, assetTag: 'X2', quantity: '5' }, 'quantity'],
        [{ ...ITEM, assetTag: 'X3', category: 'spaceship' }, 'category'],
        [{ ...ITEM, assetTag: 'X4', purchaseDate: '2023-02-30' }, 'purchaseDate'],
        [{ ...ITEM, assetTag: 'X5', owner: 'me' }, 'owner'],
        [{ ...ITEM, assetTag: 'X6', lastAuditDate: '2025-05-01', nextAuditDate: '2025-01-01' }, 'nextAuditDate'],
        [{ ...ITEM, assetTag: '' }, 'assetTag'],
      ];
      for (const [body, field] of cases) {
        const res = await principal.post(`/api/v1/schools/${gaepo}/classroom/equipment`, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const patchBad = await principal.patch(`/api/v1/schools/${gaepo}/classroom/equipment/${itemId}`, { nextAuditDate: '2000-01-01', lastAuditDate: '2001-01-01' });
      expect(patchBad.status).toBe(400);
      expect((await principal.get(`/api/v1/schools/${gaepo}/classroom/equipment`)).body).toEqual(before.body);
    });

    it("cannot reach another school's item through its own school's URL", async () => {
      const [{ id: dogokItem }] = await app.db.query(`SELECT id FROM equipment_items WHERE school_id = $1`, [dogok]);
      const res = await principal.patch(`/api/v1/schools/${gaepo}/classroom/equipment/${dogokItem}`, { quantity: 1 });
      expect(res.status).toBe(404);
      expect((await principal.delete(`/api/v1/schools/${gaepo}/classroom/equipment/${dogokItem}`)).status).toBe(404);
    });

    it('flags a school without a club this school year until one is added', async () => {
      const year = (await admin.get('/api/v1/classrooms/stats')).body.flags.schoolYear;
      expect((await principal.get(`/api/v1/schools/${gaepo}/classroom`)).body.flags.noClubThisYear).toBe(true);
      const club = await principal.post(`/api/v1/schools/${gaepo}/classroom/clubs`, { schoolYear: year, name: 'AI 탐험대', members: 15 });
      expect(club.status).toBe(201);
      expect((await principal.get(`/api/v1/schools/${gaepo}/classroom`)).body.flags.noClubThisYear).toBe(false);
      const dup = await principal.post(`/api/v1/schools/${gaepo}/classroom/clubs`, { schoolYear: year, name: 'AI 탐험대', members: 3 });
      expect(dup.status).toBe(409);
      const stats = (await admin.get('/api/v1/classrooms/stats')).body.flags;
      expect(stats.withoutClubThisYear).toBe(283);
      expect(stats.areaBelowMinimum).toBe(1);
    });

    it('deletes an item and keeps the deletion in the history', async () => {
      expect((await principal.delete(`/api/v1/schools/${gaepo}/classroom/equipment/${itemId}`)).status).toBe(204);
      const history = await principal.get(`/api/v1/schools/${gaepo}/classroom/history`);
      expect(history.body[0]).toMatchObject({ action: 'delete', entityType: 'equipment_item', before: expect.objectContaining({ assetTag: 'AI-001' }) });
    });

    it('never lets the audit log be rewritten', async () => {
      // The app role may not, and the trigger refuses even the owner.
      await expect(app.db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(app.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
      await expect(app.ownerQuery(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(app.ownerQuery(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    });
  });
});
