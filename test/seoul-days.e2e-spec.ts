import type { Job } from 'bullmq';
import { addDays, JobName, JobQueue, SCHEDULER, schoolYearOf, seoulDate, seoulDayEnd, seoulDayEndSql, seoulDayStart, seoulToday } from '@app/core';
import { DesignationTermEndJob } from '@app/designations/designation-term-end.job';
import { CHATGPT, NOTICE } from './support/consent-fixtures';
import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';
import { completionCsv } from './support/training-fixtures';

type Client = Awaited<ReturnType<TestApp['as']>>;

/*
 * Days are Seoul days (issue 14), checked at 00:30 and 23:30 in Seoul — 15:30 UTC the day before
 * and 14:30 UTC the same day — with the database session in UTC and the process TZ unset, where
 * a UTC day and a Seoul day part for nine hours of every day.
 */
const D = '2026-06-10';
const BEFORE = addDays(D, -1);
/** hh:mm in Seoul on a Seoul day, as the instant. */
const seoul = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+09:00`).toISOString();

/**
 * Only the JS clock (timers stay real) is set to `at` while `fn` runs: the api and the worker run in
 * this process, so whatever they take "now" from in TypeScript is then at that instant. PostgreSQL's
 * now() cannot be moved; times it compares against are written into the database instead.
 */
async function atClock<T>(at: string, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date(at),
    advanceTimers: true,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

/** The latest instant at or before now that is hh:mm in Seoul. */
function lastSeoul(hhmm: string): string {
  const today = seoul(seoulToday(), hhmm);
  return new Date(today) <= new Date() ? today : seoul(addDays(seoulToday(), -1), hhmm);
}

describe('days are Seoul days, whatever the database session or the process time zone', () => {
  let app: TestApp;
  let admin: Client;
  let teacher: Client;
  let middle: number;

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    [{ id: middle }] = await app.db.query(`SELECT s.id FROM schools s WHERE s.level = 'middle' AND s.district = '강남구' ORDER BY s.id LIMIT 1`);
    teacher = await app.as({ email: 't@middle.ms.kr', role: 'teacher', schoolId: middle });
  });
  afterAll(() => app.close());

  it('runs with the database session in UTC and the process TZ unset', async () => {
    expect(process.env.TZ).toBeUndefined();
    const [{ TimeZone }] = await app.db.query(`SHOW TimeZone`);
    expect(TimeZone).toBe('UTC');
    const [{ day }] = await app.db.query(`SELECT to_char($1::timestamptz, 'YYYY-MM-DD') AS day`, [seoul(D, '00:30')]);
    expect(day).toBe(BEFORE); // 00:30 in Seoul is still the day before in this session
    const [bounds] = await app.db.query(`SELECT $1::timestamptz < ${seoulDayEndSql('$3::date')} AS "in2330", $2::timestamptz < ${seoulDayEndSql('$3::date')} AS "in0030"`, [
      seoul(D, '23:30'), seoul(addDays(D, 1), '00:30'), D,
    ]);
    expect(bounds).toEqual({ in2330: true, in0030: false });
  });

  describe('guardian consent', () => {
    let students: Record<string, number>;
    const services: Record<string, number> = {};

    /** A service with version 1 of its notice published well before the day. */
    async function service(name: string): Promise<number> {
      const res = await admin.post('/api/v1/consent/services', { ...CHATGPT, name });
      expect(res.status).toBe(201);
      await publishNotice(res.body.id, '2026-03-02T09:00:00+09:00');
      return res.body.id;
    }
    async function publishNotice(serviceId: number, at: string, schoolYear = schoolYearOf(D)) {
      const notice = await admin.post(`/api/v1/consent/services/${serviceId}/notices`, { schoolYear, ...NOTICE });
      expect(notice.status).toBe(201);
      await app.ownerQuery(`UPDATE consent_notices SET published_at = $2 WHERE id = $1`, [notice.body.id, at]);
      return notice.body;
    }
    const record = (student: string, serviceId: number, decidedAt: string) =>
      teacher.post('/api/v1/consent/records', { studentId: students[student], serviceId, decision: 'granted', guardianRelation: 'mother', method: 'paper_slip', decidedAt });
    const withdraw = (student: string, serviceId: number, withdrawnAt: string) =>
      teacher.post('/api/v1/consent/records/withdraw', { studentId: students[student], serviceId, guardianRelation: 'mother', method: 'other', withdrawnAt });
    const eligibility = async (student: string, serviceId: number, date?: string) => {
      const res = await teacher.get(`/api/v1/consent/eligibility?studentId=${students[student]}&serviceId=${serviceId}${date ? `&date=${date}` : ''}`);
      expect(res.status).toBe(200);
      const consent = res.body.reasons.find((r: { rule: string }) => r.rule === 'guardian_consent');
      return { allowed: res.body.allowed as boolean, date: res.body.date as string, consent: consent.message as string };
    };

    beforeAll(async () => {
      students = {};
      // Fifteen on the day (born January 2011): consent is needed (under 18) and any parent's counts.
      for (const code of ['P0030', 'P2330', 'W0030', 'W0030L', 'W2330', 'N1', 'N2', 'N3']) {
        const res = await teacher.post('/api/v1/consent/students', { schoolId: middle, studentCode: code, grade: 8, classNo: 1, birthMonth: '2011-01' });
        expect(res.status).toBe(201);
        students[code] = res.body.id;
      }
      services.a = await service('Seoul days A');
      services.b = await service('Seoul days B');
    });

    it('counts a consent given at 00:30 in Seoul on its Seoul day, not the day before', async () => {
      const given = await record('P0030', services.a, seoul(D, '00:30'));
      expect(given.status).toBe(201);
      expect(new Date(given.body.decidedAt).toISOString()).toBe('2026-06-09T15:30:00.000Z');
      expect(await eligibility('P0030', services.a, BEFORE)).toMatchObject({ allowed: false, consent: expect.stringContaining('동의 기록이 없습니다') });
      expect(await eligibility('P0030', services.a, D)).toMatchObject({ allowed: true, consent: expect.stringContaining(`(${D}, 안내문 1판)`) });
      // At 00:30 in Seoul, "today" for the teacher is already the consent's day.
      expect(await atClock(seoul(D, '00:30'), () => eligibility('P0030', services.a))).toMatchObject({ date: D, allowed: true });
    });

    it('counts a consent given at 23:30 in Seoul on that day', async () => {
      expect((await record('P2330', services.a, seoul(D, '23:30'))).status).toBe(201);
      expect(await eligibility('P2330', services.a, D)).toMatchObject({ allowed: true, consent: expect.stringContaining(`(${D},`) });
      expect((await eligibility('P2330', services.a, BEFORE)).allowed).toBe(false);
    });

    it('takes a withdrawal at 00:30 in Seoul as of that Seoul day, not the day before', async () => {
      expect((await record('W0030', services.a, '2026-06-01')).status).toBe(201);
      expect((await withdraw('W0030', services.a, seoul(D, '00:30'))).status).toBe(201);
      expect((await eligibility('W0030', services.a, BEFORE)).allowed).toBe(true);
      expect(await eligibility('W0030', services.a, D)).toMatchObject({ allowed: false, consent: expect.stringContaining(`철회했습니다 (${D})`) });
    });

    it('reads a time given without an offset as Seoul time', async () => {
      expect((await record('W0030L', services.a, '2026-06-01')).status).toBe(201);
      const withdrawn = await withdraw('W0030L', services.a, `${D}T00:30:00`);
      expect(withdrawn.status).toBe(201);
      expect(new Date(withdrawn.body.decidedAt).toISOString()).toBe('2026-06-09T15:30:00.000Z');
      expect((await eligibility('W0030L', services.a, BEFORE)).allowed).toBe(true);
      expect((await eligibility('W0030L', services.a, D)).allowed).toBe(false);
    });

    it('takes a withdrawal at 23:30 in Seoul as of that day', async () => {
      expect((await record('W2330', services.a, '2026-06-01')).status).toBe(201);
      expect((await withdraw('W2330', services.a, seoul(D, '23:30'))).status).toBe(201);
      expect((await eligibility('W2330', services.a, BEFORE)).allowed).toBe(true);
      expect(await eligibility('W2330', services.a, D)).toMatchObject({ allowed: false, consent: expect.stringContaining(`(${D})`) });
    });

    it('puts a notice published at 00:30 in Seoul in force from that Seoul day, and not the day before', async () => {
      expect((await record('N1', services.b, '2026-06-01')).body.noticeVersion).toBe(1);
      await publishNotice(services.b, seoul(D, '00:30'));
      // The day before, version 1 is still the notice in force: its consents count, and a consent
      // given at 23:30 that evening is a consent to it.
      expect((await eligibility('N1', services.b, BEFORE)).allowed).toBe(true);
      expect((await record('N2', services.b, seoul(BEFORE, '23:30'))).body.noticeVersion).toBe(1);
      expect((await eligibility('N2', services.b, BEFORE)).allowed).toBe(true);
      // From the day itself, version 2 is: consents to version 1 no longer count.
      expect(await eligibility('N1', services.b, D)).toMatchObject({ allowed: false, consent: expect.stringContaining('새 안내문(2판)') });
      expect((await record('N3', services.b, seoul(D, '00:30'))).body.noticeVersion).toBe(2);
      expect((await eligibility('N3', services.b, D)).allowed).toBe(true);
    });

    it('makes the second guardian’s slip once the letter’s days have passed, counted in Seoul days', async () => {
      // The letter goes out under the notice of the school year we are in now.
      const serviceId = (await admin.post('/api/v1/consent/services', { ...CHATGPT, name: 'Seoul days letters' })).body.id;
      await publishNotice(serviceId, '2020-01-01T00:00:00+09:00', schoolYearOf());
      const slipped: Record<string, number> = {};
      for (const code of ['L2330', 'L0030']) {
        slipped[code] = (await teacher.post('/api/v1/consent/students', { schoolId: middle, studentCode: code, grade: 9, classNo: 2, birthMonth: '2011-01' })).body.id;
      }
      const letter = await teacher.post('/api/v1/consent/letters', { serviceId, schoolId: middle, grade: 9, classNo: 2, secondGuardianAfterDays: 3 });
      expect(letter.status).toBe(201);
      // First slips made at 23:30 on 7 June and at 00:30 on 8 June, Seoul time.
      await app.ownerQuery(`UPDATE consent_slips SET created_at = $3 WHERE letter_id = $1 AND student_id = $2`, [letter.body.id, slipped.L2330, seoul('2026-06-07', '23:30')]);
      await app.ownerQuery(`UPDATE consent_slips SET created_at = $3 WHERE letter_id = $1 AND student_id = $2`, [letter.body.id, slipped.L0030, seoul('2026-06-08', '00:30')]);
      const secondSlips = async (day: string) => {
        await app.worker!.get(JobQueue).enqueue(JobName.ConsentRemind, { requestedBy: SCHEDULER, day });
        await app.waitForQueues();
        const rows = await app.db.query(`SELECT student_id FROM consent_slips WHERE letter_id = $1 AND guardian_no = 2 ORDER BY student_id`, [letter.body.id]);
        return rows.map((r: { student_id: number }) => r.student_id);
      };
      expect(await secondSlips('2026-06-09')).toEqual([]);
      expect(await secondSlips(D)).toEqual([slipped.L2330]); // made on 7 June: three days on 10 June
      expect(await secondSlips('2026-06-11')).toEqual([slipped.L2330, slipped.L0030].sort((a, b) => a - b));
    });
  });

  describe('survey windows', () => {
    let campaign: { id: number; opensAt: string; closesAt: string; status: string };
    let code: string;
    let templateId: number;
    let gaepo: number;
    const tomorrow = () => addDays(seoulToday(), 1);
    const anon = () => new HttpClient(app.baseUrl);

    beforeAll(async () => {
      gaepo = await schoolId(app.db, '서울개포초등학교');
      const principal = await app.as({ email: 'p@gaepo.es.kr', role: 'principal', schoolId: gaepo });
      const template = await admin.post('/api/v1/surveys/templates', {
        kind: 'satisfaction',
        definition: { title: '만족도', sections: [{ id: 'main', title: '만족도', questions: [{ id: 'q', text: '만족도', required: true, type: 'likert5' }] }] },
      });
      expect(template.status).toBe(201);
      templateId = template.body.id;
      // Given as days: from the start of today to the end of tomorrow, in Seoul.
      const res = await admin.post('/api/v1/surveys/campaigns', { templateId, title: '서울 날짜', audience: 'parents', opensAt: seoulToday(), closesAt: tomorrow(), target: { schoolIds: [gaepo] } });
      expect(res.status).toBe(201);
      campaign = res.body;
      const codes = await principal.post(`/api/v1/surveys/campaigns/${campaign.id}/schools/${gaepo}/codes`, { count: 1 });
      expect(codes.status).toBe(201);
      [code] = codes.body.codes;
    });

    it('runs a window given as days from the start of the first Seoul day to the end of the last', async () => {
      expect(new Date(campaign.opensAt).toISOString()).toBe(seoulDayStart(seoulToday()).toISOString());
      expect(new Date(campaign.closesAt).toISOString()).toBe(seoulDayEnd(tomorrow()).toISOString());
      expect(campaign.status).toBe('open');
      const [edge] = await app.db.query(`SELECT closes_at > $2 AS "openAt2330", closes_at > $3 AS "openAt0030" FROM survey_campaigns WHERE id = $1`, [
        campaign.id, seoul(tomorrow(), '23:30'), seoul(addDays(tomorrow(), 1), '00:30'),
      ]);
      expect(edge).toEqual({ openAt2330: true, openAt0030: false });
    });

    it('takes answers at 23:30 in Seoul on the closing day, and none at 00:30 the next', async () => {
      const draft = () => anon().put(`/api/v1/surveys/respond/${code}/draft`, { answers: { q: 4 } });
      expect((await atClock(seoul(tomorrow(), '23:30'), draft)).status).toBe(200);
      const late = await atClock(seoul(addDays(tomorrow(), 1), '00:30'), draft);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('SURVEY_CLOSED');
    });

    it('reads a closing time without an offset as Seoul time', async () => {
      const res = await admin.post('/api/v1/surveys/campaigns', { templateId, title: '서울 시각', audience: 'parents', opensAt: seoulToday(), closesAt: `${tomorrow()}T23:30:00`, target: { schoolIds: [gaepo] } });
      expect(res.status).toBe(201);
      expect(new Date(res.body.closesAt).toISOString()).toBe(seoul(tomorrow(), '23:30'));
    });

    it('keeps the day of a response (and only the day) as the Seoul day', async () => {
      const submitted = await anon().post(`/api/v1/surveys/respond/${code}/submit`, { answers: { q: 5 }, idempotencyKey: 'seoul-days-1' });
      expect(submitted.status).toBe(200);
      expect(submitted.body.submittedOn).toBe(seoulToday());
      // The column's default, evaluated as at 00:30 in Seoul on D (PostgreSQL's clock cannot be moved).
      const [{ expr }] = await app.db.query(
        `SELECT pg_get_expr(d.adbin, d.adrelid) AS expr FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
         WHERE d.adrelid = 'survey_responses'::regclass AND a.attname = 'submitted_on'`,
      );
      const [{ day }] = await app.db.query(`SELECT to_char(${String(expr).replaceAll('now()', `'${seoul(D, '00:30')}'::timestamptz`)}, 'YYYY-MM-DD') AS day`);
      expect(day).toBe(D);
    });
  });

  describe('designation calls and terms', () => {
    const year = schoolYearOf() + 2;
    const body = (opensAt: string, closesAt: string) => ({
      type: 'lead', title: '서울 날짜 공모', schoolYear: year, termStart: `${year}-03-01`, termEnd: `${year + 1}-02-28`, eligibleLevels: ['elementary'],
      opensAt, closesAt, quota: 1, criteria: [{ name: '계획', maxScore: 100, weight: 1 }],
    });

    it('closes a call given as days at the end of its last Seoul day', async () => {
      const closes = addDays(seoulToday(), 2);
      const res = await admin.post('/api/v1/designations/calls', body(seoulToday(), closes));
      expect(res.status).toBe(201);
      expect(new Date(res.body.opensAt).toISOString()).toBe(seoulDayStart(seoulToday()).toISOString());
      expect(new Date(res.body.closesAt).toISOString()).toBe(seoulDayEnd(closes).toISOString());
      expect(res.body.phase).toBe('open');
      const [edge] = await app.db.query(`SELECT $2 <= closes_at AS "openAt2330", $3 <= closes_at AS "openAt0030" FROM designation_calls WHERE id = $1`, [
        res.body.id, seoul(closes, '23:30'), seoul(addDays(closes, 1), '00:30'),
      ]);
      expect(edge).toEqual({ openAt2330: true, openAt0030: false });
      // The last day to apply may be the eve of the term, not the term's first day.
      expect((await admin.post('/api/v1/designations/calls', { ...body(seoulToday(), `${year}-02-28`), title: '전날 마감' })).status).toBe(201);
      expect((await admin.post('/api/v1/designations/calls', { ...body(seoulToday(), `${year}-03-01`), title: '당일 마감' })).status).toBe(400);
    });

    it('keeps a designation whose term ends on day D through 23:30 in Seoul, and ends it at 00:30 the next day', async () => {
      const school = await schoolId(app.db, '서울개포초등학교');
      const [{ id }] = await app.ownerQuery(
        `INSERT INTO designations (school_id, type_code, office_code, term_start, term_end)
         SELECT s.id, 'lead', d.office_code, '2024-03-01', $2 FROM schools s JOIN districts d ON d.name = s.district WHERE s.id = $1 RETURNING id`,
        [school, D],
      );
      const job = app.worker!.get(DesignationTermEndJob);
      const run = (at: string) => atClock(at, () => job.handle({ data: { requestedBy: SCHEDULER } } as Job));
      const status = async () => (await app.db.query(`SELECT status FROM designations WHERE id = $1`, [id]))[0].status;
      expect((await run(seoul(D, '23:30'))).summary).toMatchObject({ today: D, ended: 0 });
      expect(await status()).toBe('active');
      expect((await run(seoul(addDays(D, 1), '00:30'))).summary).toMatchObject({ today: addDays(D, 1), ended: 1 });
      expect(await status()).toBe('ended');
    });
  });

  describe('training completions and badges', () => {
    let teacherOfGaepo: Client;

    beforeAll(async () => {
      const gaepo = await schoolId(app.db, '서울개포초등학교');
      await app.db.query(`UPDATE schools SET neis_code = '7010057' WHERE id = $1`, [gaepo]);
      teacherOfGaepo = await app.as({ email: 'kim@gaepo.es.kr', role: 'teacher', schoolId: gaepo });
    });

    it('takes a completion dated today in Seoul at 00:30, and dates its badge on that Seoul day', async () => {
      const at = lastSeoul('00:30');
      const today = seoulDate(at);
      const course = await admin.post('/api/v1/training/courses', {
        schoolYear: schoolYearOf(today), deliveryMode: 'remote', audience: ['teacher'], creditHours: 15, code: 'AI-S-100', title: '서울 날짜 연수', level: 'basic',
      });
      expect(course.status).toBe(201);
      const csv = completionCsv([['T-0100', '김교사', 'kim@gaepo.es.kr', '교원', '7010057', 'AI-S-100', '', today, '']]);
      const imported = await atClock(at, () => admin.upload('/api/v1/training/completions/import', csv, 'today.csv'));
      expect(imported.body).toMatchObject({ inserted: 1 });
      await app.waitForQueues();
      const me = await teacherOfGaepo.get('/api/v1/training/me');
      expect(me.body.completions).toEqual([expect.objectContaining({ code: 'AI-S-100', completedOn: today })]);
      const badge = me.body.badges.find((b: { achievementId: string }) => b.achievementId.includes('course-AI-S-100'));
      const credential = (await new HttpClient(app.baseUrl).get(`/api/v1/badges/${badge.id}`)).body;
      expect(credential.validFrom).toBe(seoulDayStart(today).toISOString().replace('.000Z', 'Z'));
      expect(seoulDate(credential.awardedDate)).toBe(today);
    });
  });

  describe('audit log periods', () => {
    it('takes a period given as days as whole Seoul days', async () => {
      for (const at of [seoul(BEFORE, '23:30'), seoul(D, '00:30'), seoul(D, '23:30'), seoul(addDays(D, 1), '00:30')]) {
        await app.db.query(`INSERT INTO audit_log (action, entity_type, entity_id, at) VALUES ('seoul_days.check', 'test', $1, $2)`, [at, at]);
      }
      const res = await admin.get(`/api/v1/audit?action=seoul_days.check&from=${D}&to=${D}`);
      expect(res.status).toBe(200);
      expect(res.body.map((r: { at: string }) => new Date(r.at).toISOString()).sort()).toEqual([seoul(D, '00:30'), seoul(D, '23:30')]);
      const bare = await admin.get(`/api/v1/audit?action=seoul_days.check&from=${D}T00:00:00&to=${D}T23:00:00`);
      expect(bare.body.map((r: { at: string }) => new Date(r.at).toISOString())).toEqual([seoul(D, '00:30')]);
    });
  });
});
