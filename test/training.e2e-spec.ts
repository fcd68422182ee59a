import { countRows, cp949, schoolId } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { completionCsv, createCourses } from './support/training-fixtures';

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('teacher training records (조례 제7조)', () => {
  let app: TestApp;
  let admin: Client;
  let teacher: Client;
  let colleague: Client;
  let principal: Client;
  let otherPrincipal: Client;
  let gangnamAdmin: Client;
  let seobuAdmin: Client;
  let gaepo: number;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gaepo = await schoolId(app.db, '서울개포초등학교');
    const dogok = await schoolId(app.db, '서울도곡초등학교');
    await app.db.query(`UPDATE schools SET neis_code = '7010057' WHERE id = $1`, [gaepo]);
    await app.db.query(`UPDATE schools SET neis_code = '7010058' WHERE id = $1`, [dogok]);
    teacher = await app.as({ email: 'kim@gaepo.es.kr', role: 'teacher', schoolId: gaepo, displayName: '김교사' });
    colleague = await app.as({ email: 'lee@gaepo.es.kr', role: 'teacher', schoolId: gaepo });
    principal = await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: gaepo });
    otherPrincipal = await app.as({ email: 'p@dogok.es.kr', role: 'principal', schoolId: dogok });
    gangnamAdmin = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    seobuAdmin = await app.as({ email: 'seobu@sen.go.kr', role: 'district_admin', districtOffice: 'seobu' });
    await createCourses(admin);
  });
  afterAll(() => app.close());

  it('imports completions in one go, links teachers to their accounts, and reports counts', async () => {
    const csv = completionCsv([
      ['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', '7010057', 'AI-B-101', '1기', '2025-04-30', ''],
      ['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', '7010057', 'AI-B-102', '', '2025-05-20', '12'],
      ['T-0002', '이교사', 'lee@gaepo.es.kr', 'teacher', '7010057', 'AI-B-101', '1기', '2025-04-30', ''],
      ['S-0001', '박주무관', '', '직원', '7010058', 'AI-B-101', '1기', '2025.04.30', ''],
    ]);
    const res = await admin.upload('/api/v1/training/completions/import', csv, 'completions.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ received: 4, inserted: 4, replaced: 0, skipped: 0, participantsCreated: 3, badgeJobId: expect.any(String) });
    const linked = await app.db.query(`SELECT external_id, user_id IS NOT NULL AS linked FROM training_participants ORDER BY external_id`);
    expect(linked).toEqual([{ external_id: 'S-0001', linked: false }, { external_id: 'T-0001', linked: true }, { external_id: 'T-0002', linked: true }]);
  });

  it('applies the duplicate policy: skip, replace, or reject the file', async () => {
    const again = completionCsv([
      ['T-0001', '김교사', 'kim@gaepo.es.kr', '교원', '7010057', 'AI-B-102', '', '2025-06-01', '10'],
      ['T-0003', '최교사', '', '교원', '7010057', 'AI-B-102', '', '2025-06-01', ''],
    ]);
    const skip = await admin.upload('/api/v1/training/completions/import?duplicates=skip', again, 'again.csv');
    expect(skip.body).toMatchObject({ inserted: 1, replaced: 0, skipped: 1 });
    const replace = await admin.upload('/api/v1/training/completions/import?duplicates=replace', again, 'again.csv');
    expect(replace.body).toMatchObject({ inserted: 0, replaced: 2, skipped: 0 });
    const [{ completed_on, hours }] = await app.db.query(
      `SELECT to_char(c.completed_on, 'YYYY-MM-DD') AS completed_on, c.hours::float AS hours FROM training_completions c
       JOIN training_participants p ON p.id = c.participant_id JOIN training_courses k ON k.id = c.course_id
       WHERE p.external_id = 'T-0001' AND k.code = 'AI-B-102'`,
    );
    expect({ completed_on, hours }).toEqual({ completed_on: '2025-06-01', hours: 10 });
    const before = await countRows(app.db, 'training_completions');
    const reject = await admin.upload('/api/v1/training/completions/import?duplicates=reject', again, 'again.csv');
    expect(reject.status).toBe(400);
    expect(reject.body.details).toEqual([
      { row: 2, column: 'participant_id', reason: expect.stringContaining('duplicate policy: reject') },
      { row: 3, column: 'participant_id', reason: expect.stringContaining('duplicate policy: reject') },
    ]);
    expect(await countRows(app.db, 'training_completions')).toBe(before);
    const bad = await admin.upload('/api/v1/training/completions/import?duplicates=merge', again, 'again.csv');
    expect(bad.body.details[0].field).toBe('duplicates');
  });

  it('rejects a file with bad rows, naming every row and column, and writes nothing (CP949 too)', async () => {
    const before = await countRows(app.db, 'training_completions');
    const people = await countRows(app.db, 'training_participants');
    const csv = completionCsv([
      ['T-0100', '정교사', '', '교원', '7010057', 'AI-B-101', '1기', '2025-04-30', ''],
      ['T-0101', '', 'not-an-email', '학생', '9999999', 'NOPE', '', '2025-13-01', '-1'],
      ['T-0102', '한교사', '', '교원', '', 'AI-B-101', '9기', '2099-01-01', ''],
      ['P-0001', '학부모', '', '학부모', '', 'AI-A-201', '', '2025-05-01', ''],
    ]);
    const res = await admin.upload('/api/v1/training/completions/import', cp949(csv), 'excel.csv');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    const at = (row: number) => res.body.details.filter((d: { row: number }) => d.row === row).map((d: { column: string }) => d.column).sort();
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['completed_on', 'course_code', 'email', 'hours', 'kind', 'name', 'neis_school_code']);
    expect(at(4)).toEqual(['completed_on', 'session_code']);
    expect(at(5)).toEqual(['kind']);
    expect(await countRows(app.db, 'training_completions')).toBe(before);
    expect(await countRows(app.db, 'training_participants')).toBe(people);

    const noColumns = await admin.upload('/api/v1/training/completions/import', 'name,foo\nx,y\n', 'x.csv');
    expect(noColumns.body.details.map((d: { column: string }) => d.column)).toEqual(['participant_id', 'kind', 'course_code', 'completed_on']);
    expect((await principal.upload('/api/v1/training/completions/import', 'x', 'x.csv')).status).toBe(403);
  });

  it('accepts the Korean column names Excel users type', async () => {
    const csv = ['식별번호,성명,구분,과정코드,이수일,이메일', 'T-0200,윤교사,교원,AI-B-101,2025-04-30,', 'T-0201,정교사,교원,AI-B-101,2025-04-30,jung@gaepo.es.kr'].join('\n');
    await app.as({ email: 'jung@gaepo.es.kr', role: 'teacher', schoolId: gaepo });
    const res = await admin.upload('/api/v1/training/completions/import', cp949(csv), '연수이수.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ encoding: 'cp949', inserted: 2 });
    // Without a school code, a teacher with an account takes the account's school.
    const schools = await app.db.query(`SELECT external_id, school_id FROM training_participants WHERE external_id IN ('T-0200', 'T-0201') ORDER BY 1`);
    expect(schools).toEqual([{ external_id: 'T-0200', school_id: null }, { external_id: 'T-0201', school_id: gaepo }]);
  });

  it("shows a teacher their own record: courses, hours per level and year, and what the next level needs", async () => {
    const me = await teacher.get('/api/v1/training/me');
    expect(me.status).toBe(200);
    expect(me.body.participant).toMatchObject({ externalId: 'T-0001', name: '김교사' });
    expect(me.body.completions.map((c: { code: string }) => c.code).sort()).toEqual(['AI-B-101', 'AI-B-102']);
    expect(me.body.hoursByLevel.basic).toEqual({ level: 'basic', courses: 2, hours: 25 });
    expect(me.body.hoursByYear).toEqual([{ schoolYear: 2025, courses: 2, hours: 25 }]);
    expect(me.body.levelsEarned).toEqual(['basic']);
    const colleagueRecord = await colleague.get('/api/v1/training/me');
    expect(colleagueRecord.body.nextLevel).toEqual({ level: 'basic', name: expect.any(String), missingCourses: ['AI-B-102'] });
  });

  it('keeps records to their owners: teachers themselves, principals their school, district admins their office', async () => {
    const [{ id: lee }] = await app.db.query(`SELECT id FROM training_participants WHERE external_id = 'T-0002'`);
    const [{ id: park }] = await app.db.query(`SELECT id FROM training_participants WHERE external_id = 'S-0001'`);
    expect((await teacher.get(`/api/v1/training/participants/${lee}`)).status).toBe(403);
    expect((await colleague.get(`/api/v1/training/participants/${lee}`)).status).toBe(200);
    expect((await teacher.get('/api/v1/training/participants')).status).toBe(403);
    expect((await principal.get(`/api/v1/training/participants/${lee}`)).status).toBe(200);
    expect((await principal.get(`/api/v1/training/participants/${park}`)).status).toBe(403);
    expect((await otherPrincipal.get(`/api/v1/training/participants/${park}`)).status).toBe(200);
    const list = await principal.get('/api/v1/training/participants');
    expect(list.body.items.map((p: { externalId: string }) => p.externalId).sort()).toEqual(['T-0001', 'T-0002', 'T-0003', 'T-0201']);
    expect((await gangnamAdmin.get(`/api/v1/training/participants/${park}`)).status).toBe(200);
    expect((await seobuAdmin.get(`/api/v1/training/participants/${lee}`)).status).toBe(403);
    expect((await seobuAdmin.get('/api/v1/training/participants')).body.total).toBe(0);
  });

  it('computes participation statistics in SQL, scoped to the caller', async () => {
    const stats = await admin.get('/api/v1/training/stats?schoolYear=2025');
    expect(stats.body.byLevel).toEqual([expect.objectContaining({ key: 'basic', participants: 6, completions: 7 })]);
    expect(stats.body.byMode.map((m: { key: string }) => m.key).sort()).toEqual(['in_person', 'remote']);
    const gaepoShare = stats.body.teacherShareBySchool.find((r: { schoolName: string; level: string }) => r.schoolName === '서울개포초등학교' && r.level === 'basic');
    expect(gaepoShare).toMatchObject({ teachers: 4, completed: 4, share: 1 });
    const seobu = await seobuAdmin.get('/api/v1/training/stats');
    expect(seobu.body.byLevel).toEqual([]);
  });
});
