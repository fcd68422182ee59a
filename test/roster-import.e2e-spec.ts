import ExcelJS from 'exceljs';
import { activate, codedSchools, CodedSchool, rosterCsv } from './support/account-fixtures';
import { countRows, cp949 } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('accounts from the staff roster', () => {
  let app: TestApp;
  let city: Client;
  let district: Client;
  let principal: Client;
  let s: { a: CodedSchool; b: CodedSchool; c: CodedSchool; elsewhere: CodedSchool };

  /** What a rejected import must leave untouched. */
  const snapshot = async () => ({
    users: await countRows(app.db, 'users'),
    tokens: await countRows(app.db, 'account_tokens'),
    audit: await countRows(app.db, 'audit_log'),
    batches: await countRows(app.db, 'account_import_batches'),
    changed: (await app.db.query(`SELECT max(updated_at) AS at FROM users`))[0].at?.toISOString(),
  });

  beforeAll(async () => {
    app = await startTestApp();
    s = await codedSchools(app.db);
    city = await app.as({ email: 'city@sen.go.kr', role: 'city_admin', displayName: '교육청' });
    district = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    principal = await app.as({ email: 'principal.a@sen.go.kr', role: 'principal', schoolId: s.a.id, teacherNumber: 'P-A' });
  });
  afterAll(() => app.close());

  const first = () => rosterCsv([
    [s.a.code, 'T-100', '김가람', 'garam@sen.go.kr', '교사'],
    [s.a.code, 'T-101', '이나래', 'narae@sen.go.kr', 'teacher'],
    [s.b.code, 'T-200', '박다온', 'daon@sen.go.kr', '교사'],
    [s.b.code, 'P-200', '최라온', 'raon@sen.go.kr', '교장'],
  ]);

  it('previews with dryRun=true what would be created, and writes nothing', async () => {
    const before = await snapshot();
    const res = await district.upload('/api/v1/users/import?dryRun=true', first(), 'roster.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, received: 4, created: 4, updated: 0, unchanged: 0, disabled: 0, batchId: null });
    expect(res.body.changes.map((c: { teacherNumber: string; action: string }) => `${c.teacherNumber}:${c.action}`)).toEqual(['T-100:create', 'T-101:create', 'T-200:create', 'P-200:create']);
    expect(await snapshot()).toEqual(before);
  });

  it('creates the accounts with activation links, no password anywhere, and lists the links per school', async () => {
    const res = await district.upload('/api/v1/users/import', first(), 'roster.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, received: 4, created: 4, activationLinks: 4 });
    expect(res.body.activationLinksUrl).toBe(`/api/v1/users/activation-links.xlsx?batchId=${res.body.batchId}`);
    const rows = await app.db.query(`SELECT email, role, school_id, password_hash, created_by FROM users WHERE teacher_number IN ('T-100', 'T-101', 'T-200', 'P-200') ORDER BY teacher_number`);
    expect(rows.map((r: { role: string }) => r.role)).toEqual(['principal', 'teacher', 'teacher', 'teacher']);
    expect(rows.every((r: { password_hash: string | null; created_by: string }) => r.password_hash === null && r.created_by === district.userId)).toBe(true);

    const sheet = await district.send<Buffer>(res.body.activationLinksUrl, { method: 'GET' });
    expect(sheet.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const links = ws.getColumn(7).values.slice(2) as string[];
    expect(links).toHaveLength(4);
    expect(links.every((l) => /\/activate\?token=/.test(l))).toBe(true);

    // The principal of school A prints their own two; nobody else's.
    const mine = await principal.get(`/api/v1/users/activation-links?schoolId=${s.a.id}`);
    expect(mine.body.map((l: { email: string }) => l.email).sort()).toEqual(['garam@sen.go.kr', 'narae@sen.go.kr']);
    const teacher = await activate(app.baseUrl, mine.body[0].activationUrl, 'first-day-at-school-26');
    expect((await teacher.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('leaves a second run of the same file alone', async () => {
    const res = await district.upload('/api/v1/users/import', first(), 'roster.csv');
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, activationLinks: 0, changes: [] });
  });

  it('updates by teacher number: a teacher who moved school keeps the account, the training record follows, the old sessions end', async () => {
    const [garam] = await app.db.query(`SELECT id FROM users WHERE teacher_number = 'T-100'`);
    await app.db.query(`INSERT INTO training_participants (external_id, name, kind, school_id) VALUES ('T-100', '김가람', 'teacher', $1)`, [s.a.id]);
    const before = await activateOrLogin('garam@sen.go.kr');
    const moved = rosterCsv([
      [s.c.code, 'T-100', '김가람', 'garam@sen.go.kr', '교사'],
      [s.a.code, 'T-101', '이나래(개명)', 'narae@sen.go.kr', '교사'],
      [s.b.code, 'T-200', '박다온', 'daon@sen.go.kr', '교사'],
      [s.b.code, 'P-200', '최라온', 'raon@sen.go.kr', '교장'],
    ]);
    const preview = await district.upload('/api/v1/users/import?dryRun=true', moved, 'roster.csv');
    expect(preview.body.changes).toEqual([
      expect.objectContaining({ teacherNumber: 'T-100', action: 'update', fields: ['school'] }),
      expect.objectContaining({ teacherNumber: 'T-101', action: 'update', fields: ['name'] }),
    ]);
    const res = await district.upload('/api/v1/users/import', moved, 'roster.csv');
    expect(res.body).toMatchObject({ created: 0, updated: 2, unchanged: 2 });
    const [row] = await app.db.query(`SELECT id, school_id FROM users WHERE teacher_number = 'T-100'`);
    expect(row).toEqual({ id: garam.id, school_id: s.c.id });
    const [participant] = await app.db.query(`SELECT user_id, school_id FROM training_participants WHERE external_id = 'T-100'`);
    expect(participant).toEqual({ user_id: garam.id, school_id: s.c.id });
    expect((await before.get('/api/v1/auth/me')).status).toBe(401);
    const audit = await city.get(`/api/v1/audit?entityType=user&entityId=${garam.id}`);
    expect(audit.body[0]).toMatchObject({ action: 'account.scope_changed', before: { schoolId: s.a.id }, after: { schoolId: s.c.id } });
  });

  async function activateOrLogin(email: string) {
    const [u] = await app.db.query(`SELECT password_hash FROM users WHERE email = $1`, [email]);
    if (u.password_hash) {
      return new HttpClient(app.baseUrl).login(email, 'first-day-at-school-26');
    }
    const links = await city.get(`/api/v1/users/activation-links`);
    const link = links.body.find((l: { email: string }) => l.email === email);
    return activate(app.baseUrl, link.activationUrl, 'first-day-at-school-26');
  }

  it("disables, on request, the accounts of the importer's scope that the file no longer lists", async () => {
    await app.as({ email: 'leaver@sen.go.kr', role: 'teacher', schoolId: s.a.id, teacherNumber: 'T-LEAVE' });
    await app.as({ email: 'other.school@sen.go.kr', role: 'teacher', schoolId: s.b.id, teacherNumber: 'T-STAY' });
    const file = rosterCsv([[s.a.code, 'T-101', '이나래(개명)', 'narae@sen.go.kr', '교사']]);
    const preview = await principal.upload('/api/v1/users/import?dryRun=true&disableMissing=true', file, 'roster.csv');
    expect(preview.body.disabledAccounts.map((a: { email: string }) => a.email)).toEqual(['leaver@sen.go.kr']);
    const res = await principal.upload('/api/v1/users/import?disableMissing=true', file, 'roster.csv');
    expect(res.body.disabled).toBe(1);
    const status = Object.fromEntries((await app.db.query(`SELECT email, status FROM users WHERE email IN ('leaver@sen.go.kr', 'other.school@sen.go.kr', 'principal.a@sen.go.kr')`)).map((r: { email: string; status: string }) => [r.email, r.status]));
    expect(status).toEqual({ 'leaver@sen.go.kr': 'disabled', 'other.school@sen.go.kr': 'active', 'principal.a@sen.go.kr': 'active' });
  });

  it('reads CP949 files and XLSX, with Korean headers and role words', async () => {
    const csv = cp949(rosterCsv([[s.a.code, 'T-300', '한글이름', 'hangul@sen.go.kr', '교사']], '학교코드,교원번호,성명,이메일,역할'));
    const res = await city.upload('/api/v1/users/import', csv, 'roster.csv');
    expect(res.status).toBe(200);
    expect(res.body.encoding).toBe('cp949');
    expect((await app.db.query(`SELECT display_name FROM users WHERE teacher_number = 'T-300'`))[0].display_name).toBe('한글이름');

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('명단');
    ws.addRow(['neis_school_code', 'teacher_number', 'name', 'email', 'role']);
    ws.addRow([s.b.code, 'T-301', '엑셀교사', 'excel@sen.go.kr', 'teacher']);
    const xlsx = await city.upload('/api/v1/users/import', Buffer.from(await wb.xlsx.writeBuffer()), 'roster.xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.body.created).toBe(1);
  });

  describe('bad files are refused whole, naming row and column', () => {
    const cases: [string, () => Client, () => string | Buffer, { row: number; column?: string; reason?: RegExp }[]][] = [
      ['a teacher number twice in the file', () => city, () => rosterCsv([[s.a.code, 'T-900', '가', 'a900@sen.go.kr', '교사'], [s.a.code, 'T-900', '나', 'b900@sen.go.kr', '교사']]), [{ row: 3, column: 'teacher_number', reason: /row 2/ }]],
      ['an email twice in the file', () => city, () => rosterCsv([[s.a.code, 'T-901', '가', 'same@sen.go.kr', '교사'], [s.a.code, 'T-902', '나', 'SAME@sen.go.kr', '교사']]), [{ row: 3, column: 'email' }]],
      ["an email of another person's account", () => city, () => rosterCsv([[s.a.code, 'T-903', '가', 'garam@sen.go.kr', '교사']]), [{ row: 2, column: 'email', reason: /another account/ }]],
      ['an unknown NEIS code', () => city, () => rosterCsv([[s.a.code, 'T-904', '가', 'a904@sen.go.kr', '교사'], ['1234567', 'T-905', '나', 'a905@sen.go.kr', '교사']]), [{ row: 3, column: 'neis_school_code' }]],
      ['a role outside the importer’s reach', () => principal, () => rosterCsv([[s.a.code, 'T-906', '가', 'a906@sen.go.kr', '교장']]), [{ row: 2, column: 'role' }]],
      ["a district admin importing another office's school", () => district, () => rosterCsv([[s.elsewhere.code, 'T-907', '가', 'a907@sen.go.kr', '교사']]), [{ row: 2, column: 'neis_school_code' }]],
      ["a principal importing another school's teacher", () => principal, () => rosterCsv([[s.b.code, 'T-908', '가', 'a908@sen.go.kr', '교사']]), [{ row: 2, column: 'neis_school_code' }]],
      ['an existing account outside the importer’s reach (another school’s teacher by number)', () => principal, () => rosterCsv([[s.a.code, 'T-200', '박다온', 'daon@sen.go.kr', '교사']]), [{ row: 2, column: 'teacher_number' }]],
      ['a malformed email and an unknown role', () => city, () => rosterCsv([[s.a.code, 'T-909', '가', 'not-an-email', '교감']]), [{ row: 2, column: 'email' }, { row: 2, column: 'role' }]],
      ['a missing column', () => city, () => 'neis_school_code,teacher_number,name,role\n', [{ row: 1, column: 'email' }]],
      ['a header without rows', () => city, () => rosterCsv([]), [{ row: 2 }]],
    ];

    it.each(cases)('%s', async (_, who, file, expected) => {
      const before = await snapshot();
      const res = await who().upload('/api/v1/users/import', file(), 'roster.csv');
      expect(res.status).toBe(400);
      for (const e of expected) {
        expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ row: e.row, ...(e.column ? { column: e.column } : {}) })]));
        if (e.reason) expect(res.body.details.find((d: { row: number }) => d.row === e.row).reason).toMatch(e.reason);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('an empty file and a file of more than 80,000 rows', async () => {
      const before = await snapshot();
      const empty = await city.upload('/api/v1/users/import', Buffer.alloc(0), 'roster.csv');
      expect(empty.status).toBe(400);
      expect(empty.body.code).toBe('FILE_EMPTY');
      const rows = Array.from({ length: 100_000 }, (_, i) => [s.a.code, `B-${i}`, `교사${i}`, `bulk${i}@sen.go.kr`, '교사']);
      const big = await city.upload('/api/v1/users/import', rosterCsv(rows), 'roster.csv');
      expect(big.status).toBe(400);
      expect(big.body.details[0]).toMatchObject({ row: 80_002 });
      expect(await snapshot()).toEqual(before);
    });

    it('teachers may not import at all', async () => {
      const teacher = await app.as({ email: 'plain.teacher@sen.go.kr', role: 'teacher', schoolId: s.a.id });
      expect((await teacher.upload('/api/v1/users/import', first(), 'roster.csv')).status).toBe(403);
    });
  });
});
