import ExcelJS from 'exceljs';
import { assessmentBody, ITEMS, KEYS, resultsCsv } from './support/literacy-fixtures';
import { countRows, cp949, schoolId } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { waitForJob } from './support/wait-for-job';

type Client = Awaited<ReturnType<TestApp['as']>>;

describe('literacy results: import, analysis and reports', () => {
  let app: TestApp;
  let admin: Client;
  let gangnam: Client;
  let seobu: Client;
  let gaepoPrincipal: Client;
  let gaepoTeacher: Client;
  let dogokTeacher: Client;
  let gaepo: number;
  let dogok: number;
  let mangwon: number;
  let id: number;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gangnam = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    seobu = await app.as({ email: 'seobu@sen.go.kr', role: 'district_admin', districtOffice: 'seobu' });
    gaepo = await schoolId(app.db, '서울개포초등학교');
    dogok = await schoolId(app.db, '서울도곡초등학교');
    mangwon = await schoolId(app.db, '서울망원초등학교');
    gaepoPrincipal = await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: gaepo });
    gaepoTeacher = await app.as({ email: 't@gaepo.es.kr', role: 'teacher', schoolId: gaepo });
    dogokTeacher = await app.as({ email: 't@dogok.es.kr', role: 'teacher', schoolId: dogok });
  });
  afterAll(() => app.close());

  const upload = (client: Client, csv: string | Buffer, name = 'results.csv') => client.upload(`/api/v1/literacy/assessments/${id}/results/import`, csv, name);
  const roster = () => [
    { schoolId: gaepo, classNo: 1, count: 20, prefix: 'GP1-' },
    { schoolId: gaepo, classNo: 2, count: 20, prefix: 'GP2-' },
    { schoolId: gaepo, classNo: 3, count: 3, prefix: 'GP3-' },
    { schoolId: dogok, classNo: 1, count: 12, prefix: 'DG1-' },
    { schoolId: mangwon, classNo: 1, count: 6, prefix: 'MW1-' },
  ];

  describe('assessments', () => {
    it('checks items, keys and cut scores, naming the field at fault', async () => {
      const bad = await admin.post('/api/v1/literacy/assessments', assessmentBody({
        items: [{ ...ITEMS[0], area: 'cooking' }, { ...ITEMS[1], key: ['9'] }, ...ITEMS.slice(2)],
        cutScores: [{ level: '기초', min: 50 }, { level: '보통', min: 40 }],
      }));
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['items.0.area', 'items.1.key', 'cutScores']));
      expect((await gangnam.post('/api/v1/literacy/assessments', assessmentBody())).status).toBe(403);

      const created = await admin.post('/api/v1/literacy/assessments', assessmentBody());
      expect(created.status).toBe(201);
      id = created.body.id;
      expect(created.body.items).toHaveLength(10);
      expect((await admin.post('/api/v1/literacy/assessments', assessmentBody())).body.code).toBe('DUPLICATE');
    });

    it('lists areas and assessments, shows answer keys only to administrators, and has no analysis before results', async () => {
      const areas = await gaepoTeacher.get('/api/v1/literacy/areas');
      expect(areas.status).toBe(200);
      expect(areas.body.map((a: { code: string }) => a.code)).toEqual(expect.arrayContaining([...new Set(ITEMS.map((i) => i.area))]));
      const list = await gaepoTeacher.get('/api/v1/literacy/assessments');
      expect(list.body.items).toEqual([expect.objectContaining({ id, items: 10, results: 0, analysedAt: null })]);
      expect((await admin.get(`/api/v1/literacy/assessments/${id}`)).body.items[0].key).toEqual([KEYS[0]]);
      expect((await gaepoTeacher.get(`/api/v1/literacy/assessments/${id}`)).body.items[0]).not.toHaveProperty('key');
      expect((await admin.get(`/api/v1/literacy/assessments/${id}/analysis`)).body).toEqual({ computedAt: null });
      expect((await admin.get(`/api/v1/literacy/assessments/${id}/report`)).body.code).toBe('NOT_ANALYSED');
    });
  });

  describe('importing results', () => {
    it('rejects a file with any bad row, listing row and column, and writes nothing', async () => {
      const lines = resultsCsv(roster()).trim().split('\n');
      const cells = lines[3].split(',');
      cells[4] = '7'; // Q1: not an option
      lines[3] = cells.join(',');
      const partial = lines[4].split(',');
      partial[13] = '3'; // P2 scored 3 of 2
      lines[4] = partial.join(',');
      const grade = lines[5].split(',');
      grade[2] = '6';
      lines[5] = grade.join(',');
      lines.push(lines[6]); // the same student twice
      const res = await upload(admin, lines.join('\n'));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('IMPORT_REJECTED');
      expect(res.body.details).toEqual(expect.arrayContaining([
        expect.objectContaining({ row: 4, column: 'Q1' }),
        expect.objectContaining({ row: 5, column: 'P2', reason: 'score 3 is outside 0..2' }),
        expect.objectContaining({ row: 6, column: 'grade' }),
        expect.objectContaining({ row: lines.length, column: 'student_id', reason: 'the same student appears on row 7' }),
      ]));
      expect(await countRows(app.db, 'literacy_results')).toBe(0);
      expect(await countRows(app.db, 'students')).toBe(0);

      const unknownColumn = await upload(admin, resultsCsv(roster(), { header: ['student_id', 'school_id', 'grade', 'class', ...ITEMS.map((i) => i.id).slice(0, 9), 'Q99'] }));
      expect(unknownColumn.body.details).toEqual(expect.arrayContaining([
        expect.objectContaining({ row: 1, column: 'Q99' }),
        expect.objectContaining({ row: 1, column: 'P2', reason: 'the item has no column' }),
      ]));
    });

    it("lets a principal import their own school's rows only, and a teacher none", async () => {
      const mixed = await upload(gaepoPrincipal, resultsCsv([{ schoolId: gaepo, classNo: 1, count: 2, prefix: 'X' }, { schoolId: dogok, classNo: 1, count: 1, prefix: 'Y' }]));
      expect(mixed.status).toBe(400);
      expect(mixed.body.details).toEqual([expect.objectContaining({ row: 4, column: 'school_id', reason: 'you may not import results of this school' })]);
      expect((await upload(gaepoTeacher, resultsCsv([{ schoolId: gaepo, classNo: 1, count: 1, prefix: 'T' }]))).status).toBe(403);
      expect((await upload(seobu, resultsCsv([{ schoolId: gaepo, classNo: 1, count: 1, prefix: 'S' }]))).body.details[0]).toMatchObject({ column: 'school_id' });
      expect(await countRows(app.db, 'literacy_results')).toBe(0);
    });

    it('imports a CP949 file, then analyses it in a job', async () => {
      const csv = resultsCsv(roster()).replace('student_id,school_id,grade,class', '학생ID,school_id,학년,반');
      const res = await upload(admin, cp949(csv));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ format: 'csv', received: 61, inserted: 61, replaced: 0, studentsCreated: 61 });
      const job = await waitForJob(admin, res.body.analysisJobId);
      expect(job).toMatchObject({ state: 'completed', result: { summary: { students: 61, items: 10 } } });
    });

    it('replaces a student\'s earlier result on re-import instead of adding one', async () => {
      const res = await upload(gaepoPrincipal, resultsCsv([{ schoolId: gaepo, classNo: 1, count: 20, prefix: 'GP1-' }]).replace(/,\d+,5,1,/g, ',,5,1,'));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ inserted: 0, replaced: 20, studentsCreated: 0 });
      await waitForJob(admin, res.body.analysisJobId);
      expect(await countRows(app.db, 'literacy_results')).toBe(61);
    });
  });

  describe('analysis', () => {
    it('gives facility, item–rest discrimination, alpha, flags, distractors and a Rasch fit', async () => {
      const { body } = await admin.get(`/api/v1/literacy/assessments/${id}/analysis`);
      expect(body).toMatchObject({ students: 61, test: { n: 61, nItems: 10, maxScore: 12 }, rasch: { converged: true } });
      expect(body.test.alpha).toEqual(expect.any(Number));
      const responses: string[][] = (await app.db.query(`SELECT responses FROM literacy_results WHERE assessment_id = $1`, [id])).map((r: { responses: string[] }) => r.responses);
      const q1 = body.items.find((i: { id: string }) => i.id === 'Q1');
      expect(q1.facility).toBeCloseTo(responses.filter((r) => r[0] === KEYS[0]).length / 61, 4);
      expect(q1.distractors.options.find((o: { option: string }) => o.option === KEYS[0])).toMatchObject({ count: responses.filter((r) => r[0] === KEYS[0]).length });
      expect(q1.rasch.difficulty).toEqual(expect.any(Number));
      const p1 = body.items.find((i: { id: string }) => i.id === 'P1');
      expect(p1.facility).toBeCloseTo(responses.reduce((a, r) => a + Number(r[8]), 0) / 61 / 2, 4);
      for (const item of body.items) expect(Array.isArray(item.flags)).toBe(true);
      expect((await gaepoPrincipal.get(`/api/v1/literacy/assessments/${id}/analysis`)).status).toBe(403);
    });

    it('is the same when run twice', async () => {
      const before = await app.db.query(`SELECT student_id, total, percent, level, ability, areas FROM literacy_scores WHERE assessment_id = $1 ORDER BY student_id`, [id]);
      const { body } = await admin.post(`/api/v1/literacy/assessments/${id}/analyse`);
      await waitForJob(admin, body.jobId);
      const after = await app.db.query(`SELECT student_id, total, percent, level, ability, areas FROM literacy_scores WHERE assessment_id = $1 ORDER BY student_id`, [id]);
      expect(after).toEqual(before);
    });

    it('leaves a dropped item out of every score and recomputes', async () => {
      const [{ total: before }] = await app.db.query(`SELECT sum(total)::float AS total FROM literacy_scores WHERE assessment_id = $1`, [id]);
      const res = await admin.patch(`/api/v1/literacy/assessments/${id}/items/Q1`, { dropped: true, reason: '정답 시비' });
      expect(res.status).toBe(200);
      await waitForJob(admin, res.body.analysis.jobId);
      const { body } = await admin.get(`/api/v1/literacy/assessments/${id}/analysis`);
      expect(body.test).toMatchObject({ nItems: 9, maxScore: 11 });
      const q1 = body.items.find((i: { id: string }) => i.id === 'Q1');
      expect(q1).toMatchObject({ dropped: true, rasch: { excluded: 'dropped' } });
      const correctQ1 = (await app.db.query(`SELECT count(*)::int AS n FROM literacy_results WHERE assessment_id = $1 AND responses[1] = $2`, [id, KEYS[0]]))[0].n;
      const [{ total: after }] = await app.db.query(`SELECT sum(total)::float AS total FROM literacy_scores WHERE assessment_id = $1`, [id]);
      expect(after).toBe(before - correctQ1);
      expect((await admin.patch(`/api/v1/literacy/assessments/${id}/items/NOPE`, { dropped: true })).status).toBe(404);
      const restored = await admin.patch(`/api/v1/literacy/assessments/${id}/items/Q1`, { dropped: false });
      await waitForJob(admin, restored.body.analysis.jobId);
    });

    it('recomputes the levels when the cut scores change', async () => {
      const levels = async () => (await admin.get(`/api/v1/literacy/assessments/${id}/analysis`)).body.levels.map((l: { level: string }) => l.level);
      const bad = await admin.put(`/api/v1/literacy/assessments/${id}/cut-scores`, { cutScores: [{ level: '기초', min: 50 }, { level: '보통', min: 40 }] });
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'cutScores' })] });
      const two = await admin.put(`/api/v1/literacy/assessments/${id}/cut-scores`, { cutScores: [{ level: '기초', min: 0 }, { level: '도달', min: 50 }] });
      expect(two.status).toBe(200);
      expect(two.body.assessment.cutScores).toEqual([{ level: '기초', min: 0 }, { level: '도달', min: 50 }]);
      await waitForJob(admin, two.body.analysis.jobId);
      expect(await levels()).toEqual(['기초', '도달']);
      const back = await admin.put(`/api/v1/literacy/assessments/${id}/cut-scores`, { cutScores: assessmentBody().cutScores });
      await waitForJob(admin, back.body.analysis.jobId);
      expect(await levels()).toEqual(['기초', '보통', '우수']);
    });
  });

  describe('reports', () => {
    let studentId: number;

    beforeAll(async () => {
      [{ id: studentId }] = await app.db.query(`SELECT id FROM students WHERE school_id = $1 AND student_code = 'GP1-001'`, [gaepo]);
    });

    it("gives a student's report to their school's teachers, with strengths and weaknesses against the city", async () => {
      const res = await gaepoTeacher.get(`/api/v1/literacy/assessments/${id}/students/${studentId}/report`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ student: { code: 'GP1-001', classNo: 1 }, level: expect.any(String), school: { suppressed: false, n: 43 }, city: { n: 61 } });
      expect(res.body.areas.map((a: { name: string }) => a.name)).toEqual(['AI 이해', 'AI 활용', 'AI 윤리', '디지털 리터러시']);
      for (const a of res.body.areas) expect(['strength', 'weakness', 'typical']).toContain(a.judgement);
      expect((await dogokTeacher.get(`/api/v1/literacy/assessments/${id}/students/${studentId}/report`)).status).toBe(403);
      expect((await seobu.get(`/api/v1/literacy/assessments/${id}/students/${studentId}/report`)).status).toBe(403);
      expect((await gangnam.get(`/api/v1/literacy/assessments/${id}/students/${studentId}/report`)).status).toBe(200);
    });

    it('shows a class its students, and its distribution and item results only from 5 students', async () => {
      const big = await gaepoTeacher.get(`/api/v1/literacy/assessments/${id}/schools/${gaepo}/classes/2/report`);
      expect(big.body.group).toMatchObject({ suppressed: false, n: 20 });
      expect(big.body.items).toHaveLength(10);
      expect(big.body.students).toHaveLength(20);
      const small = await gaepoTeacher.get(`/api/v1/literacy/assessments/${id}/schools/${gaepo}/classes/3/report`);
      expect(small.body.group).toEqual({ key: '3', name: '3반', suppressed: true, reason: 'small_cell' });
      expect(small.body.items).toBeNull();
      expect(small.body.students).toHaveLength(3);
      // With class 3 hidden and the school's total shown, class 1 is hidden too, or class 3 would follow by subtraction.
      const partner = await gaepoTeacher.get(`/api/v1/literacy/assessments/${id}/schools/${gaepo}/classes/1/report`);
      expect(partner.body.group).toMatchObject({ suppressed: true, reason: 'complementary' });
      expect(partner.body.students).toHaveLength(20);
      expect((await dogokTeacher.get(`/api/v1/literacy/assessments/${id}/schools/${gaepo}/classes/1/report`)).status).toBe(403);
    });

    it('compares a school with its office and the city', async () => {
      const res = await gaepoPrincipal.get(`/api/v1/literacy/assessments/${id}/schools/${gaepo}/report`);
      expect(res.body.school).toMatchObject({ n: 43, suppressed: false });
      expect(res.body.office).toMatchObject({ key: 'gangnam-seocho', n: 55 });
      expect(res.body.city).toMatchObject({ n: 61 });
      expect(res.body.classes.map((c: { key: string; suppressed: boolean }) => [c.key, c.suppressed])).toEqual([['1', true], ['2', false], ['3', true]]);
      // The school's raw-score distribution, in the bins of the analysis, and its students per level.
      const cityTest = (await admin.get(`/api/v1/literacy/assessments/${id}/report?by=office`)).body.analysis.test;
      const { distribution } = res.body;
      expect(distribution.maxScore).toBe(cityTest.maxScore);
      expect(distribution.bins.map((b: { from: number; to: number }) => [b.from, b.to])).toEqual(cityTest.histogram.map((b: { from: number; to: number }) => [b.from, b.to]));
      expect(distribution.bins.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(43);
      const [{ totals }] = await app.db.query(
        `SELECT array_agg(x.total::float) AS totals FROM literacy_scores x JOIN students st ON st.id = x.student_id WHERE x.assessment_id = $1 AND st.school_id = $2`,
        [id, gaepo],
      );
      const top = distribution.bins.at(-1);
      expect(top.count).toBe((totals as number[]).filter((t) => t >= top.from).length);
      expect(Object.values(res.body.school.levels as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      // Which schools have results: a principal sees their own, a district admin their office's.
      expect((await gaepoPrincipal.get(`/api/v1/literacy/assessments/${id}/schools`)).body.items.map((s: { id: number }) => s.id)).toEqual([gaepo]);
      expect((await gangnam.get(`/api/v1/literacy/assessments/${id}/schools`)).body.items.map((s: { students: number }) => s.students).sort()).toEqual([12, 43]);
      // Teachers read the items but not the answer keys.
      const asTeacher = await gaepoTeacher.get(`/api/v1/literacy/assessments/${id}`);
      expect(asTeacher.body.items[0]).not.toHaveProperty('key');
      expect((await admin.get(`/api/v1/literacy/assessments/${id}`)).body.items[0].key).toEqual([KEYS[0]]);
    });

    it('gives administrators the city report by office, a district admin only their office', async () => {
      const city = await admin.get(`/api/v1/literacy/assessments/${id}/report?by=office`);
      expect(city.body.groups.map((g: { key: string }) => g.key).sort()).toEqual(['gangnam-seocho', 'seobu']);
      expect(city.body.analysis.items).toHaveLength(10);
      const own = await gangnam.get(`/api/v1/literacy/assessments/${id}/report?by=district`);
      expect(own.body.groups.map((g: { key: string }) => g.key)).toEqual(['강남구']);
      expect((await gaepoPrincipal.get(`/api/v1/literacy/assessments/${id}/report`)).status).toBe(403);
      expect((await admin.get(`/api/v1/literacy/assessments/${id}/report?by=moon`)).status).toBe(400);
    });

    it('builds every school\'s workbook in one job with progress; each school downloads only its own', async () => {
      const { body } = await admin.post(`/api/v1/literacy/assessments/${id}/reports/build`);
      const job = await waitForJob(admin, body.jobId);
      expect(job).toMatchObject({ state: 'completed', progress: 100, result: { summary: { schools: 3 } } });
      const mine = await gaepoPrincipal.get(`/api/v1/literacy/assessments/${id}/reports/files`);
      expect(mine.body.items.map((f: { schoolId: number }) => f.schoolId)).toEqual([gaepo]);
      expect((await admin.get(`/api/v1/literacy/assessments/${id}/reports/files`)).body.items).toHaveLength(4);
      const file = await gaepoPrincipal.get(`/api/v1/literacy/assessments/${id}/reports/files/${gaepo}`);
      expect(file.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.body);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['학교 요약', '학급별', '학생별 결과', '문항 분석']);
      expect(wb.getWorksheet('학생별 결과')!.rowCount).toBe(44);
      expect(wb.getWorksheet('학급별')!.getSheetValues().slice(2).map((r) => (r as unknown[])[2])).toEqual(['비공개 (5명 미만)', 20, '비공개 (5명 미만)']);
      expect((await gaepoPrincipal.get(`/api/v1/literacy/assessments/${id}/reports/files/${dogok}`)).status).toBe(403);
      expect((await gaepoPrincipal.get(`/api/v1/literacy/assessments/${id}/reports/files/0`)).status).toBe(403);
      expect((await admin.get(`/api/v1/literacy/assessments/${id}/reports/files/0`)).status).toBe(200);
      // The city's workbook holds every office's figures: not for a district admin, who gets their office's schools.
      expect((await gangnam.get(`/api/v1/literacy/assessments/${id}/reports/files/0`)).status).toBe(403);
      expect((await gangnam.get(`/api/v1/literacy/assessments/${id}/reports/files`)).body.items.map((f: { schoolId: number }) => f.schoolId).sort()).toEqual([gaepo, dogok].sort());
    });
  });
});
