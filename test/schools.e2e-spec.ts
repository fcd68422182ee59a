import { countRows, cp949, neisCsv, schoolId } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('school registry', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await startTestApp({ env: { UPLOAD_LIMIT_MB: '1' } });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
  });
  afterAll(() => app.close());

  describe('listing', () => {
    it('pages the 284 seeded schools with a total', async () => {
      const res = await admin.get('/api/v1/schools?pageSize=20&page=2');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(284);
      expect(res.body.items).toHaveLength(20);
      expect(res.body.items[0]).toEqual(expect.objectContaining({ id: expect.any(Number), name: expect.any(String), hasAiClassroom: true }));
    });

    it('filters by level, district, office, classroom and name', async () => {
      const special = await admin.get('/api/v1/schools?level=special&pageSize=100');
      expect(special.body.total).toBe(7);
      const gangnam = await admin.get(`/api/v1/schools?district=${encodeURIComponent('강남구')}`);
      expect(gangnam.body.total).toBe(13);
      const office = await admin.get('/api/v1/schools?districtOffice=gangnam-seocho');
      expect(office.body.total).toBe(13 + 12);
      const q = await admin.get(`/api/v1/schools?q=${encodeURIComponent('송례')}`);
      expect(q.body.items.map((s: { name: string }) => s.name)).toEqual(['송례중학교', '송례중학교']);
      const none = await admin.get('/api/v1/schools?hasAiClassroom=false');
      expect(none.body.total).toBe(0);
      const escaped = await admin.get(`/api/v1/schools?q=${encodeURIComponent('%')}`);
      expect(escaped.body.total).toBe(0);
    });

    it('rejects bad filters with the field named', async () => {
      for (const [query, field] of [['level=kindergarten', 'level'], ['pageSize=0', 'pageSize'], ['page=abc', 'page'], ['districtOffice=mars', 'districtOffice'], ['hasAiClassroom=maybe', 'hasAiClassroom'], ['sort=name', 'sort']]) {
        const res = await admin.get(`/api/v1/schools?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });
  });

  describe('NEIS CSV import', () => {
    it('imports UTF-8, gives a code to an existing uncoded school instead of duplicating it, and upserts by code', async () => {
      const before = await countRows(app.db, 'schools');
      const gaepo = await schoolId(app.db, '서울개포초등학교');
      const csv = neisCsv([
        ['7010057', '서울개포초등학교', '초등학교', '공립', '서울특별시 강남구 개포로 123'],
        ['7010999', '서울새빛초등학교', '초등학교', '공립', '서울특별시 마포구 월드컵로 1'],
        ['7130001', '서울한빛고등학교', '고등학교', '사립', '서울특별시 노원구 동일로 10'],
        ['7000001', '서울외국인학교', '각종학교', '사립', '서울특별시 서대문구 연희로 1'],
      ]);
      const res = await admin.upload('/api/v1/schools/import', csv, 'schoolInfo.csv');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ encoding: 'utf-8', received: 4, inserted: 2, updated: 1, matchedByName: 1 });
      expect(res.body.skipped).toEqual([{ row: 5, reason: expect.stringContaining('각종학교') }]);
      expect(await countRows(app.db, 'schools')).toBe(before + 2);
      const [row] = await app.db.query(`SELECT neis_code, founding_type, road_address FROM schools WHERE id = $1`, [gaepo]);
      expect(row).toEqual({ neis_code: '7010057', founding_type: '공립', road_address: '서울특별시 강남구 개포로 123' });
      const created = await admin.get(`/api/v1/schools?q=${encodeURIComponent('새빛')}`);
      expect(created.body.items[0]).toMatchObject({ district: '마포구', districtOffice: 'seobu', level: 'elementary', hasAiClassroom: false });

      // The same code again updates in place.
      const again = await admin.upload('/api/v1/schools/import', neisCsv([['7010999', '서울새빛초등학교', '초등학교', '공립', '서울특별시 마포구 새주소로 2']]), 'again.csv');
      expect(again.body).toMatchObject({ inserted: 0, updated: 1, matchedByName: 0 });
      expect(await countRows(app.db, 'schools')).toBe(before + 2);
    });

    it('reads CP949 and UTF-8 with BOM, as Excel writes them', async () => {
      const cp = await admin.upload('/api/v1/schools/import', cp949(neisCsv([['7020001', '서울가람중학교', '중학교', '공립', '서울특별시 은평구 은평로 5']])), 'excel.csv');
      expect(cp.status).toBe(201);
      expect(cp.body.encoding).toBe('cp949');
      const bom = await admin.upload('/api/v1/schools/import', '\uFEFF' + neisCsv([['7020002', '서울나래중학교', '중학교', '공립', '서울특별시 중랑구 망우로 5']]), 'bom.csv');
      expect(bom.body.encoding).toBe('utf-8-bom');
      const names = await app.db.query(`SELECT name, district FROM schools WHERE neis_code IN ('7020001', '7020002') ORDER BY neis_code`);
      expect(names).toEqual([{ name: '서울가람중학교', district: '은평구' }, { name: '서울나래중학교', district: '중랑구' }]);
    });

    it('rejects a file with bad rows, listing every row and column, and writes nothing', async () => {
      const before = await app.db.query(`SELECT id, name, neis_code FROM schools ORDER BY id`);
      const csv = neisCsv([
        ['7030001', '서울좋은초등학교', '초등학교', '공립', '서울특별시 강남구 좋은로 1'],
        ['70300', '서울짧은초등학교', '초등학교', '공립', '서울특별시 강남구 짧은로 1'],
        ['7030003', '', '대학교', '공립', '경기도 성남시 분당구 1'],
        ['7030001', '서울중복초등학교', '초등학교', '공립', '서울특별시 강남구 중복로 1'],
      ]);
      const res = await admin.upload('/api/v1/schools/import', csv, 'bad.csv');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('IMPORT_REJECTED');
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          { row: 3, column: 'SD_SCHUL_CODE', reason: expect.stringContaining('7 digits') },
          { row: 4, column: 'SCHUL_NM', reason: expect.any(String) },
          { row: 4, column: 'SCHUL_KND_SC_NM', reason: expect.stringContaining('대학교') },
          { row: 4, column: 'ORG_RDNMA', reason: expect.any(String) },
          { row: 5, column: 'SD_SCHUL_CODE', reason: 'duplicate of row 2' },
        ]),
      );
      expect(res.body.details).toHaveLength(5);
      expect(await app.db.query(`SELECT id, name, neis_code FROM schools ORDER BY id`)).toEqual(before);
    });

    it('names missing columns, mixed encodings, wrong file types and oversized files', async () => {
      const headers = await admin.upload('/api/v1/schools/import', 'SCHUL_NM,ORG_RDNMA\n서울초,서울특별시 강남구 1\n', 'x.csv');
      expect(headers.status).toBe(400);
      expect(headers.body.details.map((d: { column: string }) => d.column).sort()).toEqual(['SCHUL_KND_SC_NM', 'SD_SCHUL_CODE']);

      const mixed = Buffer.concat([
        Buffer.from(neisCsv([['7040001', '서울가초등학교', '초등학교', '공립', '서울특별시 강남구 1']])),
        cp949('B10,7040002,서울나초등학교,초등학교,공립,서울특별시 강남구 2\r\n'),
      ]);
      const mixedRes = await admin.upload('/api/v1/schools/import', mixed, 'mixed.csv');
      expect(mixedRes.status).toBe(400);
      expect(mixedRes.body.details).toEqual([expect.objectContaining({ row: 3 })]);

      const pdf = await admin.upload('/api/v1/schools/import', '%PDF-1.4', 'schools.pdf');
      expect(pdf.status).toBe(400);
      expect(pdf.body.message).toMatch(/\.pdf/);

      const big = await admin.upload('/api/v1/schools/import', Buffer.alloc(1024 * 1024 + 10, 'a'), 'big.csv');
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');

      const wrongField = await admin.upload('/api/v1/schools/import', neisCsv([]), 'x.csv', 'upload');
      expect(wrongField.status).toBe(400);
      expect(wrongField.body.details[0].field).toBe('file');

      const notMultipart = await admin.post('/api/v1/schools/import', { file: 'x' });
      expect(notMultipart.status).toBe(400);
      expect(await countRows(app.db, 'schools')).toBe(288);
    });

    it('is for city administrators only', async () => {
      const gaepo = await schoolId(app.db, '서울개포초등학교');
      const principal = await app.as({ email: 'principal@gaepo.es.kr', role: 'principal', schoolId: gaepo });
      const res = await principal.upload('/api/v1/schools/import', neisCsv([['7050001', '서울초', '초등학교', '공립', '서울특별시 강남구 1']]), 'x.csv');
      expect(res.status).toBe(403);
    });

    it('records each import in the audit log', async () => {
      const rows = await app.db.query(`SELECT action, after->>'inserted' AS inserted FROM audit_log WHERE entity_type = 'school_import' ORDER BY id`);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows[0]).toEqual({ action: 'schools.import', inserted: '2' });
    });
  });
});
