import ExcelJS from 'exceljs';
import { minimalPdf } from '@app/core';
import { applyAndSubmit, createCall } from './support/designation-fixtures';
import { countRows, schoolId } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const PDF = minimalPdf();

/** 조례 제8조 (우수사례, 교원 학습공동체) and 제10조 (표창). */
describe('best practices, learning communities and commendations', () => {
  let app: TestApp;
  let city: Client;
  let officeA: Client; // the district office of school A
  let otherOffice: Client; // a district office of neither school A
  let principalA: Client;
  let principalB: Client;
  let teacherA: Client;
  let teacherA2: Client;
  let teacherB: Client;
  let schoolA: number;
  let schoolB: number;
  let officeCodeA: string;
  let clubId: number;
  let designationId: number;
  let evaluationId: number;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    schoolA = await schoolId(app.db, '서울개포초등학교');
    [{ office: officeCodeA }] = await app.db.query(`SELECT d.office_code AS office FROM schools s JOIN districts d ON d.name = s.district WHERE s.id = $1`, [schoolA]);
    [{ id: schoolB }] = await app.db.query(
      `SELECT s.id FROM schools s JOIN districts d ON d.name = s.district WHERE d.office_code <> $1 AND s.level = 'middle' ORDER BY s.id LIMIT 1`,
      [officeCodeA],
    );
    const [{ code: otherCode }] = await app.db.query(`SELECT code FROM district_offices WHERE code <> $1 ORDER BY sort_order LIMIT 1`, [officeCodeA]);
    city = await app.as({ email: 'city@sen.go.kr', role: 'city_admin', displayName: '시교육청 담당' });
    officeA = await app.as({ email: 'office-a@sen.go.kr', role: 'district_admin', districtOffice: officeCodeA });
    otherOffice = await app.as({ email: 'office-other@sen.go.kr', role: 'district_admin', districtOffice: otherCode });
    principalA = await app.as({ email: 'p@a.es.kr', role: 'principal', schoolId: schoolA, displayName: '개포 교장' });
    principalB = await app.as({ email: 'p@b.ms.kr', role: 'principal', schoolId: schoolB });
    teacherA = await app.as({ email: 't1@a.es.kr', role: 'teacher', schoolId: schoolA, displayName: '김하나', teacherNumber: 'T-A-0001' });
    teacherA2 = await app.as({ email: 't2@a.es.kr', role: 'teacher', schoolId: schoolA, displayName: '이두리' });
    teacherB = await app.as({ email: 't1@b.ms.kr', role: 'teacher', schoolId: schoolB, displayName: '박세나', teacherNumber: 'T-B-0001' });
  });
  afterAll(() => app.close());

  /** School A has an AI club and is a lead school (선도학교) with a mid-term evaluation. */
  async function clubAndDesignation(): Promise<void> {
    const club = await city.post(`/api/v1/schools/${schoolA}/classroom/clubs`, { schoolYear: 2025, name: '개포 AI 탐험대', members: 12 });
    expect(club.status).toBe(201);
    clubId = club.body.id;
    const call = await createCall(city);
    const applicationId = await applyAndSubmit(principalA, call.id);
    expect((await city.post(`/api/v1/designations/applications/${applicationId}/decision`, { decision: 'designate', reason: '우수' })).status).toBe(200);
    [{ id: designationId }] = await app.db.query(`SELECT id FROM designations WHERE application_id = $1`, [applicationId]);
    const evaluation = await city.post(`/api/v1/designations/${designationId}/evaluations`, { kind: 'mid_term', evaluatedOn: '2027-09-01', score: 88, outcome: 'continue' });
    expect(evaluation.status).toBe(201);
    [{ id: evaluationId }] = await app.db.query(`SELECT id FROM designation_evaluations WHERE designation_id = $1`, [designationId]);
  }

  describe('우수사례: from submission to the public gallery', () => {
    let caseId: number;

    it('refuses a case for another school, and one with missing fields, writing nothing', async () => {
      const other = await principalA.post('/api/v1/cases', { title: '다른 학교 사례', area: 'lesson', description: '설명', schoolId: schoolB });
      expect(other.status).toBe(403);
      expect(other.body).toMatchObject({ code: 'SCHOOL_OUT_OF_SCOPE', details: [{ field: 'schoolId' }] });

      const missing = await principalA.post('/api/v1/cases', { area: 'somewhere' });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      const fields = missing.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['title', 'area', 'description']));

      const noLevel = await city.post('/api/v1/cases', { title: '시 사례', area: 'environment', description: '설명' });
      expect(noLevel.status).toBe(400);
      expect(noLevel.body.details).toEqual([expect.objectContaining({ field: 'schoolLevel' })]);

      expect(await countRows(app.db, 'practice_cases')).toBe(0);
      expect(await countRows(app.db, 'audit_log', `entity_type = 'practice_case'`)).toBe(0);
    });

    it('a principal submits for their own school, linked to its AI club and designation, with an attachment that passes the checks', async () => {
      await clubAndDesignation();
      const created = await principalA.post('/api/v1/cases', { title: '생성형 AI로 함께 쓰는 탐구 보고서', area: 'lesson', description: '5학년 과학 시간에 AI 도구로 실험 자료를 분석한 수업' });
      expect(created.status).toBe(201);
      caseId = created.body.id;
      expect(created.body).toMatchObject({
        status: 'submitted', schoolId: schoolA, schoolLevel: 'elementary', districtOffice: officeCodeA, attachments: [],
        clubId, clubName: '개포 AI 탐험대', designationId, designationTypeName: '선도학교',
      });
      const wrongClub = await principalA.post('/api/v1/cases', { title: '사례', area: 'club', description: '설명', clubId: clubId + 1000 });
      expect(wrongClub.status).toBe(400);
      expect(wrongClub.body.details).toEqual([expect.objectContaining({ field: 'clubId' })]);

      const filesBefore = await countRows(app.db, 'file_objects');
      const fake = await principalA.upload(`/api/v1/cases/${caseId}/attachments`, 'not a pdf', '수업자료.pdf');
      expect(fake.status).toBe(400);
      expect(fake.body).toMatchObject({ code: 'FILE_TYPE_MISMATCH', details: [{ field: 'file' }] });
      const exe = await principalA.upload(`/api/v1/cases/${caseId}/attachments`, 'MZ', 'setup.exe');
      expect(exe.body.code).toBe('FILE_TYPE_NOT_ALLOWED');
      expect(await countRows(app.db, 'practice_case_attachments')).toBe(0);
      expect(await countRows(app.db, 'file_objects')).toBe(filesBefore);

      const attached = await principalA.upload(`/api/v1/cases/${caseId}/attachments`, PDF, '수업자료.pdf');
      expect(attached.status).toBe(201);
      expect(attached.body.attachments).toEqual([expect.objectContaining({ filename: '수업자료.pdf', byteSize: PDF.length })]);

      // Another school's principal may neither read nor add to it.
      expect((await principalB.get(`/api/v1/cases/${caseId}`)).body.code).toBe('CASE_OUT_OF_SCOPE');
      expect((await principalB.upload(`/api/v1/cases/${caseId}/attachments`, PDF, 'x.pdf')).status).toBe(403);
    });

    it('is not public, nor visible to teachers, before the city publishes it', async () => {
      const gallery = await app.http.get('/api/v1/cases/public');
      expect(gallery.status).toBe(200);
      expect(gallery.body.items.map((c: { id: number }) => c.id)).not.toContain(caseId);
      expect((await app.http.get(`/api/v1/cases/public/${caseId}`)).status).toBe(404);
      expect((await teacherA.get(`/api/v1/cases/${caseId}`)).body.code).toBe('CASE_OUT_OF_SCOPE');
      expect((await teacherA.get('/api/v1/cases')).body.items).toEqual([]);
      // Publishing before the office's review is refused.
      expect((await city.post(`/api/v1/cases/${caseId}/publish`)).body.code).toBe('INVALID_STATE');
    });

    it("only the school's district office reviews it", async () => {
      const foreign = await otherOffice.post(`/api/v1/cases/${caseId}/review`, { decision: 'approve' });
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('OFFICE_OUT_OF_SCOPE');
      expect((await otherOffice.get('/api/v1/cases')).body.items).toEqual([]);

      const listed = await officeA.get('/api/v1/cases?status=submitted');
      expect(listed.body.items.map((c: { id: number }) => c.id)).toEqual([caseId]);

      const returned = await officeA.post(`/api/v1/cases/${caseId}/review`, { decision: 'return', comment: '수업 결과를 보완해 주세요.' });
      expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '수업 결과를 보완해 주세요.' });
      expect((await principalA.post(`/api/v1/cases/${caseId}/resubmit`)).body.status).toBe('submitted');
      const approved = await officeA.post(`/api/v1/cases/${caseId}/review`, { decision: 'approve', comment: '우수' });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('reviewed');
      expect((await officeA.post(`/api/v1/cases/${caseId}/publish`)).status).toBe(403);
    });

    it('the city publishes it to the public gallery, searchable by level, area and words, without personal data', async () => {
      const published = await city.post(`/api/v1/cases/${caseId}/publish`);
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');

      const gallery = await app.http.get('/api/v1/cases/public?level=elementary&area=lesson&q=' + encodeURIComponent('탐구'));
      expect(gallery.status).toBe(200);
      expect(gallery.body.total).toBe(1);
      const [item] = gallery.body.items;
      expect(item).toMatchObject({ id: caseId, title: '생성형 AI로 함께 쓰는 탐구 보고서', schoolName: '서울개포초등학교', schoolLevel: 'elementary', area: 'lesson', clubName: '개포 AI 탐험대', designationTypeName: '선도학교' });
      for (const key of ['reviewComment', 'submittedBy', 'status', 'schoolId']) expect(item).not.toHaveProperty(key);
      expect(JSON.stringify(gallery.body)).not.toContain('p@a.es.kr');

      expect((await app.http.get('/api/v1/cases/public?level=middle')).body.total).toBe(0);
      expect((await app.http.get('/api/v1/cases/public?area=club')).body.total).toBe(0);
      expect((await app.http.get('/api/v1/cases/public?q=' + encodeURIComponent('없는말'))).body.total).toBe(0);
      expect((await app.http.get('/api/v1/cases/public?level=college')).status).toBe(400);

      const file = await app.http.get(`/api/v1/cases/public/${caseId}/attachments/${item.attachments[0].id}`);
      expect(file.status).toBe(200);
      expect(Buffer.compare(file.body, PDF)).toBe(0);
      // Teachers see it now, and nothing more changes it.
      expect((await teacherA.get(`/api/v1/cases/${caseId}`)).body.status).toBe('published');
      expect((await principalA.upload(`/api/v1/cases/${caseId}/attachments`, PDF, 'late.pdf')).body.code).toBe('INVALID_STATE');

      // An office records a case of its own (no school): reviewed already, the city publishes it.
      const own = await officeA.post('/api/v1/cases', { title: '교육지원청 중학교 AI 학습공동체 운영', area: 'community', schoolLevel: 'middle', description: '관내 중학교 교원 연합 학습공동체' });
      expect(own.status).toBe(201);
      expect(own.body).toMatchObject({ status: 'reviewed', schoolId: null, schoolName: null, districtOffice: officeCodeA, clubId: null, designationId: null });
      expect((await otherOffice.get(`/api/v1/cases/${own.body.id}`)).status).toBe(403);
      expect((await city.post(`/api/v1/cases/${own.body.id}/publish`)).body.status).toBe('published');
      const middle = await app.http.get('/api/v1/cases/public?level=middle&area=community');
      expect(middle.body.items).toEqual([expect.objectContaining({ id: own.body.id, schoolName: null })]);
      expect(middle.body.items[0].districtOfficeName).toBeTruthy();
      const wrongSchool = await officeA.post('/api/v1/cases', { title: 'x', area: 'lesson', description: 'x', schoolId: schoolB });
      expect(wrongSchool.body.code).toBe('SCHOOL_OUT_OF_SCOPE');

      const history = await city.get(`/api/v1/audit?entityType=practice_case&entityId=${caseId}`);
      expect(history.body.map((r: { action: string }) => r.action)).toEqual(['publish', 'review', 'resubmit', 'review', 'attach', 'submit']);
    });
  });

  describe('교원 학습공동체', () => {
    let communityId: number;
    let courseId: number;

    it('a teacher starts one for their school and leads it; others see it only as members', async () => {
      const created = await teacherA.post('/api/v1/communities', { name: 'AI 수업 나눔 모임', schoolYear: 2025 });
      expect(created.status).toBe(201);
      communityId = created.body.id;
      expect(created.body).toMatchObject({ schoolId: schoolA, districtOffice: officeCodeA, members: [expect.objectContaining({ userId: teacherA.userId, role: 'leader' })] });

      const stranger = await teacherA2.get(`/api/v1/communities/${communityId}`);
      expect(stranger.status).toBe(403);
      expect(stranger.body.code).toBe('COMMUNITY_OUT_OF_SCOPE');
      expect((await teacherA2.get('/api/v1/communities')).body).toEqual([]);
      expect((await teacherB.get(`/api/v1/communities/${communityId}`)).status).toBe(403);
      // Its principal and its office see it; another office does not.
      expect((await principalA.get(`/api/v1/communities/${communityId}`)).status).toBe(200);
      expect((await officeA.get('/api/v1/communities')).body.map((c: { id: number }) => c.id)).toEqual([communityId]);
      expect((await otherOffice.get(`/api/v1/communities/${communityId}`)).status).toBe(403);

      const otherSchool = await teacherA.post('/api/v1/communities', { name: '남의 학교', schoolYear: 2025, schoolId: schoolB });
      expect(otherSchool.body.code).toBe('SCHOOL_OUT_OF_SCOPE');
    });

    it("members come from the community's school only", async () => {
      const foreign = await principalA.post(`/api/v1/communities/${communityId}/members`, { userIds: [teacherB.userId] });
      expect(foreign.status).toBe(400);
      expect(foreign.body).toMatchObject({ code: 'MEMBER_OUT_OF_SCOPE', details: [{ field: 'userIds.0', id: teacherB.userId }] });
      const notLeader = await teacherA2.post(`/api/v1/communities/${communityId}/members`, { userIds: [teacherA2.userId] });
      expect(notLeader.status).toBe(403);

      const added = await teacherA.post(`/api/v1/communities/${communityId}/members`, { userIds: [teacherA2.userId] });
      expect(added.status).toBe(200);
      expect(added.body.memberCount).toBe(2);
      expect((await teacherA2.get(`/api/v1/communities/${communityId}`)).status).toBe(200);
      expect((await teacherA2.get('/api/v1/communities')).body.map((c: { id: number }) => c.id)).toEqual([communityId]);
    });

    it('records meetings with hours and who attended', async () => {
      const m1 = await teacherA.post(`/api/v1/communities/${communityId}/meetings`, { heldOn: '2025-05-14', topic: '생성형 AI 수업 설계', hours: 2 });
      expect(m1.status).toBe(201);
      const m2 = await teacherA.post(`/api/v1/communities/${communityId}/meetings`, { heldOn: '2025-06-11', topic: '수업 공개와 협의', hours: 3.5, attendeeIds: [teacherA.userId] });
      expect(m2.status).toBe(201);
      expect(m2.body.totalHours).toBe(5.5);
      const hours = Object.fromEntries(m2.body.members.map((m: { userId: string; hours: number }) => [m.userId, m.hours]));
      expect(hours).toEqual({ [teacherA.userId]: 5.5, [teacherA2.userId]: 2 });

      const stranger = await teacherA.post(`/api/v1/communities/${communityId}/meetings`, { heldOn: '2025-06-12', topic: 'x', hours: 1, attendeeIds: [teacherB.userId] });
      expect(stranger.status).toBe(400);
      expect(stranger.body.details).toEqual([expect.objectContaining({ field: 'attendeeIds.0' })]);
      const bad = await teacherA.post(`/api/v1/communities/${communityId}/meetings`, { topic: '', hours: 30 });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['heldOn', 'topic', 'hours']));
    });

    it("the office credits the hours as a training course's completion, through the training module", async () => {
      const course = await city.post('/api/v1/training/courses', {
        code: 'PLC-2025', schoolYear: 2025, title: '교원 학습공동체 활동', level: 'basic', deliveryMode: 'in_person', audience: ['teacher'], creditHours: 10,
      });
      expect(course.status).toBe(201);
      courseId = course.body.id;

      expect((await teacherA.post(`/api/v1/communities/${communityId}/credits`, { courseId })).status).toBe(403);
      const foreign = await otherOffice.post(`/api/v1/communities/${communityId}/credits`, { courseId });
      expect(foreign.status).toBe(403);
      const noCourse = await officeA.post(`/api/v1/communities/${communityId}/credits`, {});
      expect(noCourse.status).toBe(400);
      expect(noCourse.body.details.map((d: { field: string }) => d.field)).toContain('courseId');

      const credited = await officeA.post(`/api/v1/communities/${communityId}/credits`, { courseId });
      expect(credited.status).toBe(201);
      expect(credited.body.credited).toEqual(expect.arrayContaining([
        expect.objectContaining({ userId: teacherA.userId, hours: 5.5 }),
        expect.objectContaining({ userId: teacherA2.userId, hours: 2 }),
      ]));
      const rows = await app.db.query(
        `SELECT p.user_id AS "userId", c.hours::float AS hours, to_char(c.completed_on, 'YYYY-MM-DD') AS "completedOn"
         FROM training_completions c JOIN training_participants p ON p.id = c.participant_id WHERE c.course_id = $1 ORDER BY c.hours DESC`,
        [courseId],
      );
      expect(rows).toEqual([
        { userId: teacherA.userId, hours: 5.5, completedOn: '2025-06-11' },
        { userId: teacherA2.userId, hours: 2, completedOn: '2025-05-14' },
      ]);
      const again = await officeA.post(`/api/v1/communities/${communityId}/credits`, { courseId });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_CREDITED');
      expect((await teacherA.get(`/api/v1/communities/${communityId}`)).body.credits).toEqual([expect.objectContaining({ courseId, courseCode: 'PLC-2025', membersCredited: 2 })]);
      // A credited community is kept as the record behind the completions.
      expect((await teacherA.delete(`/api/v1/communities/${communityId}`)).body.code).toBe('INVALID_STATE');
      await app.waitForQueues();
    });
  });

  describe('표창', () => {
    let nominationId: number;

    it("refuses a principal's nomination of another school's teacher, and incomplete nominations, writing nothing", async () => {
      const foreign = await principalA.post('/api/v1/commendations', { year: 2025, nomineeKind: 'teacher', nomineeUserId: teacherB.userId, reason: '공적' });
      expect(foreign.status).toBe(403);
      expect(foreign.body).toMatchObject({ code: 'NOMINEE_OUT_OF_SCOPE', details: [{ field: 'nomineeUserId' }] });
      const foreignOffice = await otherOffice.post('/api/v1/commendations', { year: 2025, nomineeKind: 'school', nomineeSchoolId: schoolA, reason: '공적' });
      expect(foreignOffice.body.code).toBe('NOMINEE_OUT_OF_SCOPE');

      const noNominee = await principalA.post('/api/v1/commendations', { year: 2025, nomineeKind: 'teacher', reason: '공적' });
      expect(noNominee.status).toBe(400);
      expect(noNominee.body.details).toEqual([expect.objectContaining({ field: 'nomineeUserId' })]);
      const missing = await principalA.post('/api/v1/commendations', { nomineeKind: 'teacher', nomineeUserId: teacherA.userId });
      expect(missing.status).toBe(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['year', 'reason']));
      const badEvidence = await principalA.post('/api/v1/commendations', {
        year: 2025, nomineeKind: 'teacher', nomineeUserId: teacherA.userId, reason: '공적', evidence: [{ kind: 'practice_case', ref: '999999' }],
      });
      expect(badEvidence.status).toBe(400);
      expect(badEvidence.body.details).toEqual([expect.objectContaining({ field: 'evidence.0.ref' })]);
      expect((await teacherA.post('/api/v1/commendations', { year: 2025, nomineeKind: 'school', nomineeSchoolId: schoolA, reason: '공적' })).status).toBe(403);

      expect(await countRows(app.db, 'commendations')).toBe(0);
      expect(await countRows(app.db, 'audit_log', `entity_type = 'commendation'`)).toBe(0);
    });

    it('a principal nominates a teacher of their school with evidence (a published case, a training badge)', async () => {
      const [pub] = await app.db.query(`SELECT id FROM practice_cases WHERE status = 'published' LIMIT 1`);
      const [badge] = await app.db.query(
        `SELECT b.id FROM badge_credentials b JOIN training_participants p ON p.id = b.participant_id WHERE p.user_id = $1 AND b.completion_id IS NOT NULL LIMIT 1`,
        [teacherA.userId],
      );
      // The badge the training module issued for the credited community hours.
      expect(badge).toBeDefined();
      const evidence = [{ kind: 'practice_case', ref: String(pub.id) }, { kind: 'training_badge', ref: badge.id }];
      const res = await principalA.post('/api/v1/commendations', {
        year: 2025, nomineeKind: 'teacher', nomineeUserId: teacherA.userId, reason: 'AI 활용 수업 확산과 교원 학습공동체 운영', evidence,
      });
      expect(res.status).toBe(201);
      nominationId = res.body.id;
      expect(res.body).toMatchObject({ status: 'nominated', nomineeName: '김하나', schoolId: schoolA, nominatedByName: '개포 교장' });
      expect(res.body.evidence[0]).toEqual({ kind: 'practice_case', ref: String(pub.id), label: '우수사례: 생성형 AI로 함께 쓰는 탐구 보고서' });
      expect(res.body.evidence[1]).toMatchObject({ kind: 'training_badge', label: '디지털 배지: 교원 학습공동체 활동' });
      // A badge of someone else is not evidence for this teacher.
      {
        const wrong = await officeA.post('/api/v1/commendations', { year: 2025, nomineeKind: 'teacher', nomineeUserId: teacherA2.userId, reason: '공적', evidence: [{ kind: 'training_badge', ref: badge.id }] });
        expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'evidence.0.ref', reason: "not the nominee's badge" })]);
      }
      const school = await officeA.post('/api/v1/commendations', { year: 2025, nomineeKind: 'school', nomineeSchoolId: schoolA, reason: '선도학교 우수 운영', evidence: [{ kind: 'designation_evaluation', ref: String(evaluationId) }] });
      expect(school.status).toBe(201);
      expect(school.body.evidence).toEqual([{ kind: 'designation_evaluation', ref: String(evaluationId), label: '서울개포초등학교 선도학교 중간 평가 88점 (2027-09-01)' }]);
      const club = await principalA.post('/api/v1/commendations', { year: 2024, nomineeKind: 'club', nomineeClubId: clubId, reason: 'AI 동아리 대회 수상' });
      expect(club.status).toBe(201);
      expect(club.body).toMatchObject({ nomineeName: '개포 AI 탐험대 (서울개포초등학교)', schoolId: schoolA, nomineeClubId: clubId, nomineeUserId: null });
      const mixed = await principalA.post('/api/v1/commendations', { year: 2025, nomineeKind: 'club', nomineeClubId: clubId, nomineeSchoolId: schoolA, reason: '공적' });
      expect(mixed.body.details).toEqual([expect.objectContaining({ field: 'nomineeSchoolId' })]);
      const community = await officeA.post('/api/v1/commendations', { year: 2025, nomineeKind: 'community', nomineeCommunityId: (await teacherA.get('/api/v1/communities')).body[0].id, reason: '활발한 학습공동체' });
      expect(community.status).toBe(201);

      expect((await principalB.get('/api/v1/commendations')).body).toEqual([]);
      expect((await principalB.get(`/api/v1/commendations/${nominationId}`)).status).toBe(403);
      expect((await officeA.get('/api/v1/commendations?year=2025')).body).toHaveLength(3);
      expect((await officeA.get('/api/v1/commendations?year=2025&status=awarded')).body).toHaveLength(0);
    });

    it('the city decides; the decision is in the audit log and the XLSX export', async () => {
      expect((await officeA.post(`/api/v1/commendations/${nominationId}/decision`, { decision: 'awarded', reason: '선정' })).status).toBe(403);
      const noReason = await city.post(`/api/v1/commendations/${nominationId}/decision`, { decision: 'awarded' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.details.map((d: { field: string }) => d.field)).toContain('reason');

      const decided = await city.post(`/api/v1/commendations/${nominationId}/decision`, { decision: 'awarded', reason: '공적심사위원회 심의 결과 선정', awardTitle: '서울특별시교육감 표창' });
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({ status: 'awarded', awardTitle: '서울특별시교육감 표창', decisionReason: '공적심사위원회 심의 결과 선정' });
      expect((await city.post(`/api/v1/commendations/${nominationId}/decision`, { decision: 'declined', reason: '번복' })).body.code).toBe('INVALID_STATE');

      const audit = await city.get(`/api/v1/audit?entityType=commendation&entityId=${nominationId}`);
      expect(audit.status).toBe(200);
      expect(audit.body.map((r: { action: string }) => r.action)).toEqual(['decide', 'nominate']);
      expect(audit.body[0]).toMatchObject({ actorId: city.userId, before: { status: 'nominated' }, after: { status: 'awarded', awardTitle: '서울특별시교육감 표창' } });

      expect((await officeA.get('/api/v1/commendations/export?year=2025')).status).toBe(403);
      expect((await city.get('/api/v1/commendations/export')).status).toBe(400);
      const file = await city.get('/api/v1/commendations/export?year=2025');
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.body);
      const [awarded, all] = wb.worksheets;
      expect(awarded.name).toBe('2025 표창 대상');
      const header = awarded.getRow(1).values as unknown[];
      expect(header).toEqual(expect.arrayContaining(['대상', '학교', '공적 요지', '증빙', '상태', '표창명']));
      expect(awarded.rowCount).toBe(2);
      const row = awarded.getRow(2).values as unknown[];
      expect(row).toEqual(expect.arrayContaining(['김하나', '서울개포초등학교', '표창 결정', '서울특별시교육감 표창', '교원']));
      expect(all.rowCount).toBe(4);
      // The file names a teacher: the download is in the access log of personal data.
      const logged = await app.db.query(`SELECT actor_id AS "actorId", subject_ids AS ids FROM access_log WHERE action = 'download' AND route LIKE '%commendations/export%'`);
      expect(logged).toEqual([{ actorId: city.userId, ids: [teacherA.userId] }]);
      expect((await city.get('/api/v1/commendations/export?year=2024')).status).toBe(200);
    });
  });
});
