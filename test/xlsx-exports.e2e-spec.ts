import ExcelJS from 'exceljs';
import { ParsedTable, readXlsx, XLSX_CONTENT_TYPE } from '@app/core';
import { bornYearsAgo, CHATGPT, NOTICE, schoolYear, today } from './support/consent-fixtures';
import { countRows, neisCsv, schoolId } from './support/fixtures';
import { HttpClient, HttpResult } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';
import { completionCsv, createCourses } from './support/training-fixtures';

type Client = Awaited<ReturnType<TestApp['as']>>;

/**
 * "Every table is a spreadsheet": each list people take to Excel downloads as XLSX with the list's
 * own filters and access rules, and the rows the list shows. Workbooks are read back with the
 * api's own reader (the one the imports use).
 */
describe('XLSX exports of the lists', () => {
  let app: TestApp;
  let admin: Client;
  let gangnam: Client;
  let seobu: Client;
  let gaepoPrincipal: Client;
  let dogokPrincipal: Client;
  let gaepoTeacher: Client;
  const schools: Record<string, number> = {};

  /** A download: 200, the XLSX media type, and the sheet (the first) as the import reader reads it. */
  async function download(client: HttpClient, url: string): Promise<{ res: HttpResult<Buffer>; table: ParsedTable; rows: Record<string, string>[] }> {
    const res = await client.get<Buffer>(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    const table = await readXlsx(res.body);
    return { res, table, rows: table.rows.map((r) => r.values) };
  }

  /** Every item of a paged list, fetched a few at a time so that paging is part of the comparison. */
  async function everyPage<T = any>(client: HttpClient, url: string, pageSize = 4): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const res = await client.get(`${url}${url.endsWith('?') ? '' : url.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      if (!res.body.items.length || items.length >= res.body.total) return items;
    }
  }

  /** The Korean name (RFC 5987) and its ASCII fallback, both dated. */
  function expectNames(res: HttpResult, korean: string, ascii: string, date = today()): void {
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toContain(`filename="${ascii}_${date}.xlsx"`);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(`${korean}_${date}.xlsx`);
  }

  function expectBadFilter(res: HttpResult, field: string): void {
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  }

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    seobu = await app.as({ email: 'seobu@sen.go.kr', role: 'district_admin', districtOffice: 'seobu' });
    for (const [k, name] of [['gaepo', '서울개포초등학교'], ['dogok', '서울도곡초등학교'], ['dosung', '서울도성초등학교'], ['mangwon', '서울망원초등학교']]) schools[k] = await schoolId(app.db, name);
    // NEIS codes for two seeded schools, and a school without an AI classroom.
    const imported = await admin.upload(
      '/api/v1/schools/import',
      neisCsv([
        ['7010057', '서울개포초등학교', '초등학교', '공립', '서울특별시 강남구 개포로 123'],
        ['7010058', '서울도곡초등학교', '초등학교', '공립', '서울특별시 강남구 도곡로 1'],
        ['7010999', '서울새빛초등학교', '초등학교', '공립', '서울특별시 강남구 새빛로 1'],
      ]),
      'schoolInfo.csv',
    );
    expect(imported.body).toMatchObject({ inserted: 1, updated: 2 });
    gaepoPrincipal = await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: schools.gaepo });
    dogokPrincipal = await app.as({ email: 'p@dogok.es.kr', role: 'principal', schoolId: schools.dogok });
    gaepoTeacher = await app.as({ email: 'kim@gaepo.es.kr', role: 'teacher', schoolId: schools.gaepo, displayName: '김교사' });
  });
  afterAll(() => app.close());

  describe('the school list: GET /schools/export.xlsx', () => {
    const HEADERS = ['학교명', '학교급', '자치구', '교육지원청', 'NEIS 학교코드', '설립 구분', '도로명 주소', 'AI 교실', 'AI 교실 구축 연도'];
    const row = (s: { name: string; district: string; neisCode: string | null; hasAiClassroom: boolean }) => [s.name, s.district, s.neisCode ?? '', s.hasAiClassroom ? '있음' : '없음'];
    const sheetRow = (r: Record<string, string>) => [r['학교명'], r['자치구'], r['NEIS 학교코드'], r['AI 교실']];

    it('holds every school the filtered list pages through, in its order, under Korean headers', async () => {
      for (const query of [
        `level=middle&district=${encodeURIComponent('강남구')}`,
        'districtOffice=gangnam-seocho&hasAiClassroom=false',
        `q=${encodeURIComponent('송례')}`,
        `level=elementary&districtOffice=gangnam-seocho&hasAiClassroom=true&q=${encodeURIComponent('초등')}`,
        '',
      ]) {
        const list = await everyPage(admin, `/api/v1/schools?${query}`, query ? 3 : 100);
        expect(list.length).toBeGreaterThan(0);
        const { table, rows } = await download(admin, `/api/v1/schools/export.xlsx?${query}`);
        expect(table.headers).toEqual(HEADERS);
        expect(rows.map(sheetRow)).toEqual(list.map(row));
      }
      const { rows } = await download(admin, `/api/v1/schools/export.xlsx?q=${encodeURIComponent('개포초')}`);
      expect(rows).toEqual([
        {
          학교명: '서울개포초등학교', 학교급: '초등학교', 자치구: '강남구', 교육지원청: '강남서초교육지원청', 'NEIS 학교코드': '7010057', '설립 구분': '공립',
          '도로명 주소': '서울특별시 강남구 개포로 123', 'AI 교실': '있음', 'AI 교실 구축 연도': expect.stringMatching(/^20\d\d$/),
        },
      ]);
      expect((await download(admin, '/api/v1/schools/export.xlsx?hasAiClassroom=false')).rows.map((r) => r['학교명'])).toEqual(['서울새빛초등학교']);
    });

    it('is named in Korean with the Seoul date, and has a frozen header row and set widths', async () => {
      const { res } = await download(admin, '/api/v1/schools/export.xlsx?level=special');
      expectNames(res, '학교_목록', 'schools');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.name).toBe('학교 목록');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getColumn(1).width).toBe(26);
      expect(ws.rowCount - 1).toBe(7);
    });

    it('holds only the schools the caller may see, as the list does', async () => {
      for (const [client, query] of [
        [gangnam, ''],
        [gangnam, 'level=middle'],
        [seobu, 'districtOffice=gangnam-seocho'],
        [gaepoPrincipal, ''],
        [gaepoTeacher, 'q=%EB%8F%84%EA%B3%A1'],
      ] as const) {
        const list = await everyPage(client, `/api/v1/schools?${query}`, 10);
        const { rows } = await download(client, `/api/v1/schools/export.xlsx?${query}`);
        expect(rows.map(sheetRow)).toEqual(list.map(row));
      }
      expect((await download(gangnam, '/api/v1/schools/export.xlsx')).rows).toHaveLength(26);
      expect((await download(seobu, '/api/v1/schools/export.xlsx?districtOffice=gangnam-seocho')).rows).toEqual([]);
      expect((await download(gaepoPrincipal, '/api/v1/schools/export.xlsx')).rows.map((r) => r['학교명'])).toEqual(['서울개포초등학교']);
      expect((await new HttpClient(app.baseUrl).get('/api/v1/schools/export.xlsx')).status).toBe(401);
    });

    it('refuses a bad filter with the field named, and paging (the export is every row)', async () => {
      for (const [query, field] of [['level=kindergarten', 'level'], ['districtOffice=mars', 'districtOffice'], ['hasAiClassroom=maybe', 'hasAiClassroom'], ['page=2', 'page'], ['sort=name', 'sort']]) {
        expectBadFilter(await admin.get(`/api/v1/schools/export.xlsx?${query}`), field);
      }
    });
  });

  describe('training participants: GET /training/participants/export.xlsx', () => {
    const HEADERS = ['이름', '식별번호', '구분', '학교', '교육지원청', '이수 과정 수', '이수 시간', '계정 연결'];
    const row = (p: { externalId: string; name: string; schoolName: string | null; completions: number; hours: number }) => [p.externalId, p.name, p.schoolName ?? '', String(p.completions), String(p.hours)];
    const sheetRow = (r: Record<string, string>) => [r['식별번호'], r['이름'], r['학교'], r['이수 과정 수'], r['이수 시간']];

    beforeAll(async () => {
      await createCourses(admin);
      const res = await admin.upload(
        '/api/v1/training/completions/import',
        completionCsv([
          ['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', '7010057', 'AI-B-101', '1기', '2025-04-30', ''],
          ['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', '7010057', 'AI-B-102', '', '2025-05-20', '12'],
          ['T-0002', '이교사', '', '교원', '7010057', 'AI-B-101', '1기', '2025-04-30', ''],
          ['T-0003', '최교사', '', '교원', '7010057', 'AI-B-102', '', '2025-06-01', '30'],
          ['S-0001', '박주무관', '', '직원', '7010058', 'AI-B-101', '1기', '2025-04-30', ''],
          ['T-0100', '정교사', '', '교원', '', 'AI-B-101', '1기', '2025-04-30', ''],
        ]),
        'completions.csv',
      );
      expect(res.status).toBe(201);
    });

    it('holds the rows of the participants list under the same filters', async () => {
      for (const [client, query] of [
        [admin, ''],
        [admin, `q=${encodeURIComponent('교사')}`],
        [admin, `schoolId=${schools.gaepo}`],
        [admin, 'q=S-0001'],
        [gangnam, ''],
        [gaepoPrincipal, `q=${encodeURIComponent('최')}`],
      ] as const) {
        const list = await everyPage(client, `/api/v1/training/participants?${query}`, 2);
        expect(list.length).toBeGreaterThan(0);
        const { table, rows } = await download(client, `/api/v1/training/participants/export.xlsx?${query}`);
        expect(table.headers).toEqual(HEADERS);
        expect(rows.map(sheetRow)).toEqual(list.map(row));
      }
      const { res, rows } = await download(admin, `/api/v1/training/participants/export.xlsx?schoolId=${schools.gaepo}`);
      expectNames(res, '연수_참여자', 'training-participants');
      expect(rows[0]).toEqual({ 이름: '김교사', 식별번호: 'T-0001', 구분: '교원', 학교: '서울개포초등학교', 교육지원청: '강남서초교육지원청', '이수 과정 수': '2', '이수 시간': '27', '계정 연결': '연결됨' });
      expect((await download(admin, '/api/v1/training/participants/export.xlsx')).rows).toHaveLength(5);
    });

    it("keeps to the list's scope: a principal their school, a district admin their office; teachers not at all", async () => {
      expect((await download(gaepoPrincipal, '/api/v1/training/participants/export.xlsx')).rows.map((r) => r['식별번호'])).toEqual(['T-0001', 'T-0002', 'T-0003']);
      // Another school's people are not there to export, as they are not there to list.
      expect((await dogokPrincipal.get(`/api/v1/training/participants?schoolId=${schools.gaepo}`)).body.total).toBe(0);
      expect((await download(dogokPrincipal, `/api/v1/training/participants/export.xlsx?schoolId=${schools.gaepo}`)).rows).toEqual([]);
      expect((await seobu.get('/api/v1/training/participants')).body.total).toBe(0);
      expect((await download(seobu, '/api/v1/training/participants/export.xlsx')).rows).toEqual([]);
      for (const url of ['/api/v1/training/participants', '/api/v1/training/participants/export.xlsx']) {
        const refused = await gaepoTeacher.get(url);
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
      }
    });

    it('refuses a bad filter with the field named', async () => {
      expectBadFilter(await admin.get('/api/v1/training/participants/export.xlsx?schoolId=abc'), 'schoolId');
      expectBadFilter(await admin.get('/api/v1/training/participants/export.xlsx?schoolId=-1'), 'schoolId');
    });
  });

  describe("a survey's response rates: GET /surveys/campaigns/{id}/response-rates.xlsx", () => {
    let id: number;
    const HEADERS = ['학교명', '학교급', '자치구', '교육지원청', '목표 코드 수', '발급 코드 수', '응답 수', '응답률', '제출', '독려 필요', '최근 독려'];
    const row = (s: { name: string; officeName: string; codesIssued: number; responses: number; rate: number | null; behind: boolean }) =>
      [s.name, s.officeName, String(s.codesIssued), String(s.responses), s.rate === null ? '' : String(s.rate), s.behind ? '예' : ''];
    const sheetRow = (r: Record<string, string>) => [r['학교명'], r['교육지원청'], r['발급 코드 수'], r['응답 수'], r['응답률'], r['독려 필요']];

    beforeAll(async () => {
      const definition = {
        title: '학부모 만족도',
        sections: [{ id: 's', title: '만족도', questions: [{ id: 'q', text: '만족하십니까', required: true, type: 'single', options: [{ value: 'yes', label: '예' }, { value: 'no', label: '아니오' }] }] }],
      };
      const templateId = (await admin.post('/api/v1/surveys/templates', { kind: 'status', definition })).body.id;
      const created = await admin.post('/api/v1/surveys/campaigns', {
        templateId, title: '학부모 만족도/2학기', audience: 'parents', reminderThreshold: 0.5,
        opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
        target: { schoolIds: [schools.gaepo, schools.dogok, schools.dosung, schools.mangwon] },
      });
      expect(created.status).toBe(201);
      id = created.body.id;
      const anon = new HttpClient(app.baseUrl);
      // 개포: 4 codes, 3 answered (75%). 도곡: 10 codes, 2 answered (20%). 도성, 망원: no codes.
      for (const [school, count, answered] of [[schools.gaepo, 4, 3], [schools.dogok, 10, 2]]) {
        const { body } = await admin.post(`/api/v1/surveys/campaigns/${id}/schools/${school}/codes`, { count });
        for (const [i, code] of (body.codes as string[]).slice(0, answered).entries()) {
          expect((await anon.post(`/api/v1/surveys/respond/${code}/submit`, { answers: { q: 'yes' }, idempotencyKey: `x-${school}-${i}-key` })).status).toBe(200);
        }
      }
    });

    it("holds the progress dashboard's schools and the offices' totals", async () => {
      const progress = (await admin.get(`/api/v1/surveys/campaigns/${id}/progress`)).body;
      const { res, table, rows } = await download(admin, `/api/v1/surveys/campaigns/${id}/response-rates.xlsx`);
      expect(table.headers).toEqual(HEADERS);
      expect(rows.map(sheetRow)).toEqual(progress.schools.map(row));
      expect(rows.find((r) => r['학교명'] === '서울개포초등학교')).toMatchObject({ 학교급: '초등학교', 자치구: '강남구', '발급 코드 수': '4', '응답 수': '3', 응답률: '0.75', '독려 필요': '', '최근 독려': '' });
      expectNames(res, '설문_응답률_학부모 만족도_2학기', `survey-${id}-response-rates`);

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['학교별 응답률', '교육지원청별 응답률']);
      expect(wb.worksheets[0].getCell('H2').numFmt).toBe('0.0%');
      const offices = wb.worksheets[1];
      expect(offices.getRow(1).values).toEqual([undefined, '교육지원청', '대상 학교 수', '응답 학교 수', '독려 필요 학교 수', '발급 코드 수', '응답 수', '응답률']);
      expect(offices.getRow(offices.rowCount).values).toEqual([undefined, '합계', 4, 2, 3, 14, 5, progress.totals.rate]);
    });

    it('keeps to the dashboard\'s scope, and refuses those the campaign does not concern', async () => {
      for (const client of [gangnam, seobu, gaepoPrincipal]) {
        const progress = (await client.get(`/api/v1/surveys/campaigns/${id}/progress`)).body;
        const { rows } = await download(client, `/api/v1/surveys/campaigns/${id}/response-rates.xlsx`);
        expect(rows.map(sheetRow)).toEqual(progress.schools.map(row));
      }
      expect((await download(seobu, `/api/v1/surveys/campaigns/${id}/response-rates.xlsx`)).rows.map((r) => r['학교명'])).toEqual(['서울망원초등학교']);
      const dongbu = await app.as({ email: 'dongbu@sen.go.kr', role: 'district_admin', districtOffice: 'dongbu' });
      const [{ id: seocho }] = await app.db.query(`SELECT id FROM schools WHERE district = '서초구' ORDER BY id LIMIT 1`);
      const untargeted = await app.as({ email: 'p@seocho.es.kr', role: 'principal', schoolId: seocho });
      for (const client of [dongbu, untargeted]) {
        expect((await client.get(`/api/v1/surveys/campaigns/${id}/progress`)).status).toBe(403);
        const refused = await client.get(`/api/v1/surveys/campaigns/${id}/response-rates.xlsx`);
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('SCHOOL_OUT_OF_SCOPE');
      }
      expect((await gaepoTeacher.get(`/api/v1/surveys/campaigns/${id}/response-rates.xlsx`)).body.code).toBe('ROLE_NOT_ALLOWED');
      expect((await admin.get('/api/v1/surveys/campaigns/999999/response-rates.xlsx')).status).toBe(404);
      expectBadFilter(await admin.get('/api/v1/surveys/campaigns/abc/response-rates.xlsx'), 'id');
    });
  });

  describe('the consent class list: GET /consent/eligibility/class.xlsx', () => {
    let middle: number;
    let serviceId: number;
    let middleTeacher: Client;
    const HEADERS = ['학생 ID', '이용 가능', '만 나이', '보호자 동의', '이용할 수 없는 이유', '기준일'];
    const query = () => `schoolId=${middle}&grade=8&classNo=1&serviceId=${serviceId}`;

    beforeAll(async () => {
      [{ id: middle }] = await app.db.query(`SELECT s.id FROM schools s WHERE s.level = 'middle' AND s.district = '강남구' ORDER BY s.id LIMIT 1`);
      middleTeacher = await app.as({ email: 't@middle.ms.kr', role: 'teacher', schoolId: middle });
      serviceId = (await admin.post('/api/v1/consent/services', CHATGPT)).body.id;
      expect((await admin.post(`/api/v1/consent/services/${serviceId}/notices`, { schoolYear: schoolYear(), ...NOTICE })).status).toBe(201);
      const students: Record<string, number> = {};
      for (const [code, age] of [['M15', 15], ['M14', 14], ['M12', 12], ['MX', null]] as const) {
        const res = await middleTeacher.post('/api/v1/consent/students', { schoolId: middle, studentCode: code, grade: 8, classNo: 1, ...(age && { birthMonth: bornYearsAgo(age) }) });
        expect(res.status).toBe(201);
        students[code] = res.body.id;
      }
      for (const code of ['M14', 'M12']) {
        expect((await middleTeacher.post('/api/v1/consent/records', { studentId: students[code], serviceId, decision: 'granted', guardianRelation: 'mother', method: 'paper_slip' })).status).toBe(201);
      }
    });

    it("holds the class list's students with their eligibility and every failing reason, and is logged like the list", async () => {
      const list = (await middleTeacher.get(`/api/v1/consent/eligibility/class?${query()}`)).body;
      const before = await countRows(app.db, 'eligibility_log');
      const { res, table, rows } = await download(middleTeacher, `/api/v1/consent/eligibility/class.xlsx?${query()}`);
      expect(await countRows(app.db, 'eligibility_log')).toBe(before + 4);
      expect(table.headers).toEqual(HEADERS);
      expect(rows).toEqual(
        list.items.map((i: { studentCode: string; allowed: boolean; age: number | null; reasons: { passed: boolean; message: string }[] }) => ({
          '학생 ID': i.studentCode,
          '이용 가능': i.allowed ? '가능' : '불가',
          '만 나이': i.age === null ? '' : String(i.age),
          '보호자 동의': expect.any(String),
          '이용할 수 없는 이유': i.reasons.filter((r) => !r.passed).map((r) => r.message).join('\n'),
          기준일: today(),
        })),
      );
      expect(rows.map((r) => [r['학생 ID'], r['이용 가능'], r['보호자 동의']])).toEqual([
        ['M12', '불가', '필요'], ['M14', '가능', '필요'], ['M15', '불가', '필요'], ['MX', '불가', '확인 불가(생년월 없음)'],
      ]);
      expect(rows.find((r) => r['학생 ID'] === 'M15')!['이용할 수 없는 이유']).not.toBe('');
      // Pseudonymous ids only: nothing else of the students is in the file.
      expect(Object.keys(rows[0])).toEqual(HEADERS);
      const [{ name }] = await app.db.query(`SELECT name FROM schools WHERE id = $1`, [middle]);
      expectNames(res, `AI_이용_가능_명단_${name}_2학년_1반_ChatGPT`, 'ai-eligibility-grade8-class1');
    });

    it('is the list for the day asked, named with that day', async () => {
      const day = `${schoolYear()}-09-01`;
      const list = (await middleTeacher.get(`/api/v1/consent/eligibility/class?${query()}&date=${day}`)).body;
      const { res, rows } = await download(middleTeacher, `/api/v1/consent/eligibility/class.xlsx?${query()}&date=${day}`);
      expect(rows.map((r) => [r['학생 ID'], r['이용 가능'] === '가능', r['기준일']])).toEqual(list.items.map((i: { studentCode: string; allowed: boolean }) => [i.studentCode, i.allowed, day]));
      expect(res.headers.get('content-disposition')).toContain(`_${day}.xlsx`);
    });

    it('refuses another school\'s staff and another office, and a bad query with the field named', async () => {
      const [{ id: other }] = await app.db.query(`SELECT s.id FROM schools s WHERE s.level = 'middle' AND s.district = '마포구' ORDER BY s.id LIMIT 1`);
      const otherTeacher = await app.as({ email: 't@other.ms.kr', role: 'teacher', schoolId: other });
      const otherPrincipal = await app.as({ email: 'p@other.ms.kr', role: 'principal', schoolId: other });
      for (const client of [otherTeacher, otherPrincipal, seobu]) {
        expect((await client.get(`/api/v1/consent/eligibility/class?${query()}`)).status).toBe(403);
        const refused = await client.get(`/api/v1/consent/eligibility/class.xlsx?${query()}`);
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('SCHOOL_OUT_OF_SCOPE');
      }
      expect((await download(gangnam, `/api/v1/consent/eligibility/class.xlsx?${query()}`)).rows).toHaveLength(4);
      expect((await middleTeacher.get(`/api/v1/consent/eligibility/class.xlsx?schoolId=999999&grade=8&classNo=1&serviceId=${serviceId}`)).status).toBe(404);
      expect((await middleTeacher.get(`/api/v1/consent/eligibility/class.xlsx?schoolId=${middle}&grade=8&classNo=1&serviceId=999999`)).status).toBe(404);
      expectBadFilter(await middleTeacher.get(`/api/v1/consent/eligibility/class.xlsx?schoolId=${middle}&grade=13&classNo=1&serviceId=${serviceId}`), 'grade');
      expectBadFilter(await middleTeacher.get(`/api/v1/consent/eligibility/class.xlsx?${query()}&date=2026-13-01`), 'date');
      expectBadFilter(await middleTeacher.get(`/api/v1/consent/eligibility/class.xlsx?schoolId=${middle}&grade=8&classNo=1`), 'serviceId');
    });
  });

  describe('user lists: GET /users/export.xlsx', () => {
    it('holds the rows of the filtered user list, named with the date', async () => {
      await app.as({ email: 'lee@gaepo.es.kr', role: 'teacher', schoolId: schools.gaepo, displayName: '이교사' });
      for (const [client, query] of [
        [admin, 'role=teacher'],
        [admin, 'role=principal&districtOffice=gangnam-seocho'],
        [admin, `schoolId=${schools.gaepo}&q=${encodeURIComponent('교사')}`],
        [gangnam, ''],
        [gaepoPrincipal, 'status=active'],
      ] as const) {
        const list = await everyPage<{ email: string }>(client, `/api/v1/users?${query}`, 2);
        expect(list.length).toBeGreaterThan(0);
        const { rows } = await download(client, `/api/v1/users/export.xlsx?${query}`);
        expect(rows.map((r) => r['이메일(아이디)'])).toEqual(list.map((u) => u.email));
      }
      const { res } = await download(admin, '/api/v1/users/export.xlsx?role=teacher');
      expectNames(res, '사용자_목록', 'users');
      expectBadFilter(await admin.get('/api/v1/users/export.xlsx?role=student'), 'role');
    });
  });
});
