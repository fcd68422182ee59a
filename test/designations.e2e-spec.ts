import { JobName, JobQueue, minimalPdf } from '@app/core';
import { applyAndSubmit, callBody, createCall } from './support/designation-fixtures';
import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const PDF = minimalPdf();

describe('lead and research school designation (조례 제5조)', () => {
  let app: TestApp;
  let admin: Client;
  let gangnamReviewer: Client; // district admin of the applicants' own office
  let nambuReviewer: Client;
  let bukbuAdmin: Client; // a district admin who reviews nothing
  const principals: Record<string, Client> = {};
  const schools: Record<string, number> = {};

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    gangnamReviewer = await app.as({ email: 'gangnam@sen.go.kr', role: 'district_admin', districtOffice: 'gangnam-seocho' });
    nambuReviewer = await app.as({ email: 'nambu@sen.go.kr', role: 'district_admin', districtOffice: 'nambu', displayName: '남부 심사위원' });
    bukbuAdmin = await app.as({ email: 'bukbu@sen.go.kr', role: 'district_admin', districtOffice: 'bukbu' });
    for (const [key, name] of [['gaepo', '서울개포초등학교'], ['dogok', '서울도곡초등학교'], ['dosung', '서울도성초등학교'], ['nonhyeon', '서울논현초등학교'], ['bulam', '서울불암초등학교']]) {
      schools[key] = await schoolId(app.db, name);
      principals[key] = await app.as({ email: `p@${key}.es.kr`, role: 'principal', schoolId: schools[key] });
    }
    // A middle school's principal, for eligibility.
    const [{ id: middle }] = await app.db.query(`SELECT id FROM schools WHERE level = 'middle' ORDER BY id LIMIT 1`);
    principals.middle = await app.as({ email: 'p@middle.ms.kr', role: 'principal', schoolId: middle });
  });
  afterAll(() => app.close());

  describe('the whole cycle', () => {
    let callId: number;
    let criteria: { id: number; maxScore: number }[];
    let applicationId: number;

    it('runs call → application with attachment → review → decision, and shows the designation on the school', async () => {
      const call = await createCall(admin, { requiredAttachments: ['operating_plan'] });
      callId = call.id;
      criteria = call.criteria;
      expect(call).toMatchObject({ phase: 'open', maxTotal: 100, quota: 10, typeName: '선도학교' });

      const created = await principals.gaepo.post(`/api/v1/designations/calls/${callId}/applications`, { planSummary: '계획' });
      expect(created.status).toBe(201);
      applicationId = created.body.id;
      expect(created.body).toMatchObject({ status: 'draft', schoolId: schools.gaepo });

      const early = await principals.gaepo.post(`/api/v1/designations/applications/${applicationId}/submit`);
      expect(early.status).toBe(400);
      expect(early.body).toMatchObject({ code: 'ATTACHMENTS_MISSING', details: [{ kind: 'operating_plan' }] });

      const fake = await principals.gaepo.upload(`/api/v1/designations/applications/${applicationId}/attachments?kind=operating_plan`, 'not a pdf', 'plan.pdf');
      expect(fake.status).toBe(400);
      expect(fake.body.code).toBe('FILE_TYPE_MISMATCH');
      const exe = await principals.gaepo.upload(`/api/v1/designations/applications/${applicationId}/attachments?kind=operating_plan`, 'MZ', 'plan.exe');
      expect(exe.body.code).toBe('FILE_TYPE_NOT_ALLOWED');
      const attached = await principals.gaepo.upload(`/api/v1/designations/applications/${applicationId}/attachments?kind=operating_plan`, PDF, '운영계획서.pdf');
      expect(attached.status).toBe(201);
      expect(attached.body.attachments).toEqual([expect.objectContaining({ kind: 'operating_plan', filename: '운영계획서.pdf', byteSize: PDF.length })]);

      const submitted = await principals.gaepo.post(`/api/v1/designations/applications/${applicationId}/submit`);
      expect(submitted.body.status).toBe('submitted');

      await admin.post(`/api/v1/designations/calls/${callId}/reviewers`, { reviewerIds: [nambuReviewer.userId, gangnamReviewer.userId, admin.userId] });
      // The reviewer of another office reads the application and its attachment, and scores it.
      const read = await nambuReviewer.get(`/api/v1/designations/applications/${applicationId}`);
      expect(read.status).toBe(200);
      const file = await nambuReviewer.get(`/api/v1/designations/applications/${applicationId}/attachments/${attached.body.attachments[0].id}`);
      expect(Buffer.compare(file.body, PDF)).toBe(0);
      const scored = await nambuReviewer.put(`/api/v1/designations/applications/${applicationId}/scores`, { scores: [{ criterionId: criteria[0].id, score: 50 }, { criterionId: criteria[1].id, score: 30 }] });
      expect(scored.status).toBe(200);
      expect(scored.body).toEqual([expect.objectContaining({ reviewer: '남부 심사위원', reviewerEmail: 'nambu@sen.go.kr', total: 80 })]);
      await admin.put(`/api/v1/designations/applications/${applicationId}/scores`, { scores: [{ criterionId: criteria[0].id, score: 40 }, { criterionId: criteria[1].id, score: 30 }] });

      const ranking = await admin.get(`/api/v1/designations/calls/${callId}/ranking`);
      expect(ranking.body).toEqual([expect.objectContaining({ applicationId, reviewers: 2, meanTotal: 75, minTotal: 70, maxTotal: 80, spread: 10, rank: 1, rankInOffice: 1 })]);

      const decided = await admin.post(`/api/v1/designations/applications/${applicationId}/decision`, { decision: 'designate', reason: '심사 결과 1위' });
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({ status: 'designated', decisionReason: '심사 결과 1위' });

      const school = await principals.gaepo.get(`/api/v1/schools/${schools.gaepo}`);
      expect(school.body.designations).toEqual([expect.objectContaining({ type: 'lead', termStart: '2027-03-01', termEnd: '2029-02-28', status: 'active' })]);
      const calls = await principals.gaepo.get('/api/v1/designations/calls');
      expect(calls.body.find((c: { id: number }) => c.id === callId).myApplication).toEqual({ id: applicationId, status: 'designated' });
    });

    it('keeps every state change in the application and school history, scores hidden from the applicant', async () => {
      const forAdmin = await admin.get(`/api/v1/designations/applications/${applicationId}/history`);
      expect(forAdmin.body.map((e: { action: string }) => e.action).reverse()).toEqual(['create', 'attach', 'submit', 'score', 'score', 'decide']);
      const decide = forAdmin.body[0];
      expect(decide.changes).toEqual(expect.arrayContaining([{ field: 'status', from: 'submitted', to: 'designated' }]));
      expect(decide.actorEmail).toBe('admin@sen.go.kr');
      const forPrincipal = await principals.gaepo.get(`/api/v1/designations/applications/${applicationId}/history`);
      expect(forPrincipal.body.map((e: { action: string }) => e.action)).not.toContain('score');
      const school = await principals.gaepo.get(`/api/v1/designations/schools/${schools.gaepo}/history`);
      expect(school.body.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['designate', 'decide', 'submit']));
    });

    it('refuses a second application from a school already designated for an overlapping term', async () => {
      const overlapping = await createCall(admin, { title: '추가 공모', termStart: '2028-03-01', termEnd: '2030-02-28' });
      const res = await principals.gaepo.post(`/api/v1/designations/calls/${overlapping.id}/applications`, {});
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ALREADY_DESIGNATED');
      expect(res.body.message).toContain('2027-03-01');
      // Another type is fine.
      const research = await createCall(admin, { type: 'research', title: '연구학교 공모' });
      expect((await principals.gaepo.post(`/api/v1/designations/calls/${research.id}/applications`, {})).status).toBe(201);
    });

    it('lists designations by type, level, office and school year, publicly without an account, and as XLSX', async () => {
      const list = await admin.get('/api/v1/designations?type=lead&level=elementary&districtOffice=gangnam-seocho&schoolYear=2028');
      expect(list.body.total).toBe(1);
      expect((await admin.get('/api/v1/designations?schoolYear=2026')).body.total).toBe(0);
      expect((await admin.get('/api/v1/designations?districtOffice=seobu')).body.total).toBe(0);
      expect((await nambuReviewer.get('/api/v1/designations')).body.total).toBe(0);
      const open = await new HttpClient(app.baseUrl).get('/api/v1/designations/public?type=lead');
      expect(open.status).toBe(200);
      expect(open.body.items[0]).toMatchObject({ schoolName: '서울개포초등학교', typeName: '선도학교', districtOfficeName: '강남서초교육지원청' });
      const xlsx = await admin.get('/api/v1/designations/export.xlsx');
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
      const ranking = await admin.get(`/api/v1/designations/calls/${callId}/ranking.xlsx`);
      expect(ranking.status).toBe(200);
    });
  });

  describe('who may do what', () => {
    let callId: number;
    let dogokApp: number;

    beforeAll(async () => {
      callId = (await createCall(admin, { title: '권한 시험 공모' })).id;
      dogokApp = await applyAndSubmit(principals.dogok, callId);
      await admin.post(`/api/v1/designations/calls/${callId}/reviewers`, { reviewerIds: [gangnamReviewer.userId, nambuReviewer.userId] });
    });

    it("forbids a principal to read, change or withdraw another school's application", async () => {
      const other = principals.dosung;
      for (const res of [
        await other.get(`/api/v1/designations/applications/${dogokApp}`),
        await other.get(`/api/v1/designations/applications/${dogokApp}/history`),
        await other.patch(`/api/v1/designations/applications/${dogokApp}`, { planSummary: 'x' }),
        await other.post(`/api/v1/designations/applications/${dogokApp}/withdraw`),
        await other.upload(`/api/v1/designations/applications/${dogokApp}/attachments?kind=operating_plan`, PDF, 'x.pdf'),
      ]) {
        expect(res.status).toBe(403);
      }
      expect((await principals.dogok.get(`/api/v1/designations/applications/${dogokApp}`)).body.status).toBe('submitted');
    });

    it('applies for the principal\'s own school only, whatever the body says', async () => {
      const res = await principals.dosung.post(`/api/v1/designations/calls/${callId}/applications`, { schoolId: schools.dogok });
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('schoolId');
      expect((await admin.post(`/api/v1/designations/calls/${callId}/applications`, {})).status).toBe(403);
    });

    it('hides scores from reviewers of other calls and from applicants', async () => {
      expect((await bukbuAdmin.get(`/api/v1/designations/calls/${callId}/ranking`)).status).toBe(403);
      expect((await bukbuAdmin.get(`/api/v1/designations/applications/${dogokApp}/scores`)).status).toBe(403);
      expect((await principals.dogok.get(`/api/v1/designations/applications/${dogokApp}/scores`)).status).toBe(403);
      expect((await principals.dogok.get(`/api/v1/designations/calls/${callId}/ranking`)).status).toBe(403);
      const notAssigned = await bukbuAdmin.put(`/api/v1/designations/applications/${dogokApp}/scores`, { scores: [{ criterionId: 1, score: 1 }] });
      expect(notAssigned.status).toBe(403);
      expect(notAssigned.body.code).toBe('NOT_A_REVIEWER');
    });

    it("excludes a reviewer from their own office's schools, and a recused reviewer from scoring", async () => {
      const call = await admin.get(`/api/v1/designations/calls/${callId}`);
      const scores = { scores: call.body.criteria.map((c: { id: number }) => ({ criterionId: c.id, score: 10 })) };
      const own = await gangnamReviewer.put(`/api/v1/designations/applications/${dogokApp}/scores`, scores);
      expect(own.status).toBe(403);
      expect(own.body.code).toBe('REVIEWER_EXCLUDED');

      expect((await nambuReviewer.put(`/api/v1/designations/applications/${dogokApp}/scores`, scores)).status).toBe(200);
      const recused = await nambuReviewer.post(`/api/v1/designations/applications/${dogokApp}/recusal`, { reason: '해당 학교 학부모' });
      expect(recused.status).toBe(200);
      const after = await nambuReviewer.put(`/api/v1/designations/applications/${dogokApp}/scores`, scores);
      expect(after.status).toBe(403);
      expect(after.body.code).toBe('REVIEWER_EXCLUDED');
      // The scores given before the declaration no longer count.
      expect((await admin.get(`/api/v1/designations/calls/${callId}/ranking`)).body[0]).toMatchObject({ reviewers: 0, meanTotal: null });
      const work = await nambuReviewer.get('/api/v1/designations/reviews');
      expect(work.body.find((w: { applicationId: number }) => w.applicationId === dogokApp).excludedBecause).toBe('recused');
    });

    it('keeps an excluded reviewer from reading the scores and the ranking of what they may not score', async () => {
      // 강남서초's reviewer may not score 도곡초 (its own office), nor read other reviewers' scores or its place in the ranking.
      const scores = await gangnamReviewer.get(`/api/v1/designations/applications/${dogokApp}/scores`);
      expect(scores.status).toBe(403);
      expect(scores.body.code).toBe('REVIEWER_EXCLUDED');
      const ranking = await gangnamReviewer.get(`/api/v1/designations/calls/${callId}/ranking`);
      expect(ranking.status).toBe(200);
      expect(ranking.body.map((r: { applicationId: number }) => r.applicationId)).not.toContain(dogokApp);
      // The recused reviewer likewise; city admins see everything.
      expect((await nambuReviewer.get(`/api/v1/designations/applications/${dogokApp}/scores`)).status).toBe(403);
      expect((await nambuReviewer.get(`/api/v1/designations/calls/${callId}/ranking`)).body.map((r: { applicationId: number }) => r.applicationId)).not.toContain(dogokApp);
      expect((await admin.get(`/api/v1/designations/calls/${callId}/ranking`)).body.map((r: { applicationId: number }) => r.applicationId)).toContain(dogokApp);
    });

    it('rejects scores above a criterion\'s maximum or for another call\'s criteria', async () => {
      const call = await admin.get(`/api/v1/designations/calls/${callId}`);
      await admin.post(`/api/v1/designations/calls/${callId}/reviewers`, { reviewerIds: [admin.userId] });
      const res = await admin.put(`/api/v1/designations/applications/${dogokApp}/scores`, { scores: [{ criterionId: call.body.criteria[0].id, score: 61 }, { criterionId: 999999, score: 1 }] });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['scores.0.score', 'scores.1.criterionId']);
    });
  });

  describe('applying at the wrong time or twice', () => {
    it('refuses before the window opens and after it closes, and an ineligible level', async () => {
      const now = Date.now();
      const upcoming = await createCall(admin, { opensAt: new Date(now + 3600_000).toISOString(), closesAt: new Date(now + 7200_000).toISOString() });
      const early = await principals.nonhyeon.post(`/api/v1/designations/calls/${upcoming.id}/applications`, {});
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('CALL_NOT_OPEN');
      const closed = await createCall(admin, { opensAt: new Date(now - 7200_000).toISOString(), closesAt: new Date(now - 3600_000).toISOString() });
      expect((await principals.nonhyeon.post(`/api/v1/designations/calls/${closed.id}/applications`, {})).body.code).toBe('CALL_NOT_OPEN');
      const open = await createCall(admin);
      const middle = await principals.middle.post(`/api/v1/designations/calls/${open.id}/applications`, {});
      expect(middle.status).toBe(409);
      expect(middle.body.code).toBe('SCHOOL_NOT_ELIGIBLE');
    });

    it('refuses a second live application, allows a new one after withdrawal', async () => {
      const call = await createCall(admin);
      const first = await applyAndSubmit(principals.nonhyeon, call.id);
      const twice = await principals.nonhyeon.post(`/api/v1/designations/calls/${call.id}/applications`, {});
      expect(twice.status).toBe(409);
      expect(twice.body.details[0].field).toBe('call');
      expect((await principals.nonhyeon.post(`/api/v1/designations/applications/${first}/withdraw`)).body.status).toBe('withdrawn');
      expect((await principals.nonhyeon.post(`/api/v1/designations/applications/${first}/withdraw`)).body.code).toBe('INVALID_STATE');
      expect((await principals.nonhyeon.post(`/api/v1/designations/calls/${call.id}/applications`, {})).status).toBe(201);
    });

    it('validates a call: term order, window before the term, office quotas', async () => {
      const res = await admin.post('/api/v1/designations/calls', callBody({ termEnd: '2026-01-01', officeQuotas: [{ office: 'seobu', quota: 99 }], criteria: [] }));
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['criteria']);
      const semantic = await admin.post('/api/v1/designations/calls', callBody({ termEnd: '2026-01-01', officeQuotas: [{ office: 'seobu', quota: 99 }] }));
      expect(semantic.body.details.map((d: { field: string }) => d.field)).toEqual(['termEnd', 'officeQuotas.0.quota']);
      expect((await admin.post('/api/v1/designations/calls', callBody({ type: 'nope' }))).body.details[0].field).toBe('type');
      expect((await principals.gaepo.post('/api/v1/designations/calls', callBody())).status).toBe(403);
    });
  });

  describe('quotas hold under concurrent decisions', () => {
    it('with a quota of 2, three simultaneous designations give exactly two and one clear conflict', async () => {
      const call = await createCall(admin, { type: 'digital_lead', quota: 2 });
      const apps = await Promise.all(['dogok', 'dosung', 'bulam'].map((k) => applyAndSubmit(principals[k], call.id)));
      const results = await Promise.all(apps.map((id) => admin.post(`/api/v1/designations/applications/${id}/decision`, { decision: 'designate', reason: '동시 결정' })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 409]);
      const conflict = results.find((r) => r.status === 409)!;
      expect(conflict.body).toMatchObject({ code: 'QUOTA_FULL', message: expect.stringContaining('quota') });
      const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM designations WHERE call_id = $1`, [call.id]);
      expect(n).toBe(2);
      const states = await app.db.query(`SELECT status, count(*)::int AS n FROM designation_applications WHERE call_id = $1 GROUP BY status ORDER BY status`, [call.id]);
      expect(states).toEqual([{ status: 'designated', n: 2 }, { status: 'submitted', n: 1 }]);
    });

    it('holds a per-office quota too', async () => {
      const call = await createCall(admin, { type: 'ai_essay_assessment', quota: 5, officeQuotas: [{ office: 'gangnam-seocho', quota: 1 }] });
      const [a, b] = [await applyAndSubmit(principals.dogok, call.id), await applyAndSubmit(principals.dosung, call.id)];
      expect((await admin.post(`/api/v1/designations/applications/${a}/decision`, { decision: 'designate', reason: 'ok' })).status).toBe(200);
      const second = await admin.post(`/api/v1/designations/applications/${b}/decision`, { decision: 'designate', reason: 'ok' });
      expect(second.status).toBe(409);
      expect(second.body.message).toContain('district office');
      expect((await admin.post(`/api/v1/designations/applications/${b}/decision`, { decision: 'reject', reason: '교육지원청 정원 초과' })).body.status).toBe('rejected');
    });
  });

  describe('term end, evaluation, revocation and support', () => {
    let designationId: number;

    beforeAll(async () => {
      const call = await createCall(admin, { type: 'ai_info_centered', termStart: '2027-03-01', termEnd: '2028-02-29' });
      const id = await applyAndSubmit(principals.bulam, call.id);
      await admin.post(`/api/v1/designations/applications/${id}/decision`, { decision: 'designate', reason: 'ok' });
      [{ id: designationId }] = await app.db.query(`SELECT id FROM designations WHERE application_id = $1`, [id]);
    });

    async function runTermEnd(asOf: string) {
      const { jobId } = await app.api.get(JobQueue).enqueue(JobName.DesignationTermEnd, { requestedBy: 'test', asOf });
      await app.waitForQueues();
      return (await app.api.get(JobQueue).find(jobId))!;
    }

    it('ends terms through the scheduled job, and running it again (or after a crash) changes nothing more', async () => {
      const before = await runTermEnd('2028-02-29');
      expect(before).toMatchObject({ state: 'completed', result: { summary: { ended: 0 } } });
      const first = await runTermEnd('2028-03-01');
      expect(first.result?.summary).toMatchObject({ ended: 1 });
      const snapshot = await app.db.query(`SELECT id, status, ended_at FROM designations ORDER BY id`);
      expect(snapshot.find((d: { id: number }) => d.id === designationId).status).toBe('ended');
      const auditCount = async () => (await app.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'term_end'`))[0].n;
      const audits = await auditCount();

      // An ended designation is final (history), even for a job gone wrong.
      await expect(app.db.query(`UPDATE designations SET status = 'active', ended_at = NULL WHERE id = $1`, [designationId])).rejects.toThrow(/final/);
      // A crash half-way rolls back, leaving the state as it was; the next run finishes the work.
      await expect(app.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('term_end', 'designation', $1)`, [String(designationId)]);
        throw new Error('worker crashed');
      })).rejects.toThrow('worker crashed');
      const second = await runTermEnd('2028-03-01');
      expect(second.result?.summary).toMatchObject({ ended: 0 });
      expect(await app.db.query(`SELECT id, status, ended_at FROM designations ORDER BY id`)).toEqual(snapshot);
      expect(await auditCount()).toBe(audits);
    });

    it('records evaluations; renewal creates a linked new term; revocation needs a reason', async () => {
      const call = await createCall(admin, { type: 'research', title: '평가 시험', termStart: '2027-03-01', termEnd: '2028-02-29', eligibleLevels: ['elementary'] });
      const id = await applyAndSubmit(principals.dosung, call.id);
      await admin.post(`/api/v1/designations/applications/${id}/decision`, { decision: 'designate', reason: 'ok' });
      const [{ id: dId }] = await app.db.query(`SELECT id FROM designations WHERE application_id = $1`, [id]);
      const mid = await admin.post(`/api/v1/designations/${dId}/evaluations`, { kind: 'mid_term', evaluatedOn: '2027-09-01', score: 82, outcome: 'continue' });
      expect(mid.status).toBe(201);
      const badRenew = await admin.post(`/api/v1/designations/${dId}/evaluations`, { kind: 'mid_term', evaluatedOn: '2027-10-01', score: 90, outcome: 'renew' });
      expect(badRenew.status).toBe(400);
      const renew = await admin.post(`/api/v1/designations/${dId}/evaluations`, { kind: 'final', evaluatedOn: '2028-01-15', score: 91, outcome: 'renew' });
      expect(renew.body.renewal).toMatchObject({ renewedFrom: dId, termStart: '2028-03-01', termEnd: '2029-02-28', status: 'active' });
      expect((await principals.dosung.get(`/api/v1/designations/${dId}/evaluations`)).body.map((e: { outcome: string }) => e.outcome)).toEqual(['continue', 'renew']);
      expect((await principals.dogok.get(`/api/v1/designations/${dId}/evaluations`)).status).toBe(403);

      const noReason = await admin.post(`/api/v1/designations/${renew.body.renewal.id}/revoke`, {});
      expect(noReason.status).toBe(400);
      const revoked = await admin.post(`/api/v1/designations/${renew.body.renewal.id}/revoke`, { reason: '운영 중단' });
      expect(revoked.body).toMatchObject({ status: 'revoked', revokeReason: '운영 중단' });
      expect((await admin.post(`/api/v1/designations/${renew.body.renewal.id}/revoke`, { reason: 'again' })).body.code).toBe('INVALID_STATE');
    });

    it('keeps a support ledger and reports it per type, per office and designated vs. not', async () => {
      const budget = await admin.post('/api/v1/designations/support', { schoolId: schools.bulam, designationId, kind: 'budget', amountKrw: 20_000_000, grantedOn: '2027-04-01', description: '운영비' });
      expect(budget.status).toBe(201);
      await admin.post('/api/v1/designations/support', { schoolId: schools.bulam, designationId, kind: 'staff', staffCount: 1, grantedOn: '2027-04-01' });
      await admin.post('/api/v1/designations/support', { schoolId: schools.nonhyeon, kind: 'budget', amountKrw: 5_000_000, grantedOn: '2027-05-01' });
      const bad = await admin.post('/api/v1/designations/support', { schoolId: schools.nonhyeon, designationId, kind: 'budget', grantedOn: '2027-05-01' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['amountKrw', 'designationId']);
      const report = await admin.get('/api/v1/designations/support/report?schoolYear=2027');
      expect(report.body.byType).toEqual(expect.arrayContaining([
        expect.objectContaining({ type: 'ai_info_centered', budgetKrw: 20_000_000, staff: 1 }),
        expect.objectContaining({ type: 'none', budgetKrw: 5_000_000 }),
      ]));
      expect(report.body.byOffice).toEqual(expect.arrayContaining([expect.objectContaining({ office: 'bukbu', budgetKrw: 20_000_000 }), expect.objectContaining({ office: 'gangnam-seocho', budgetKrw: 5_000_000 })]));
      const designated = report.body.designatedVsNot.find((g: { designated: boolean }) => g.designated);
      const other = report.body.designatedVsNot.find((g: { designated: boolean }) => !g.designated);
      expect(designated.budgetKrw).toBe(20_000_000);
      expect(other).toMatchObject({ budgetKrw: 5_000_000, schoolsSupported: 1 });
      expect(designated.schools + other.schools).toBe(284);
      expect((await principals.bulam.post('/api/v1/designations/support', { schoolId: schools.bulam, kind: 'staff', staffCount: 1, grantedOn: '2027-04-01' })).status).toBe(403);
    });
  });
});
