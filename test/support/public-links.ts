/**
 * The two links people without an account open on a phone, made through the api as staff would: a parents'
 * survey for 강남·서초 elementary schools with one-time codes of 서울개포초등학교's (조례 제6조), and a middle-school
 * class's home letter for ChatGPT with one student's guardian link (조례 제9조).
 */
import { bornYearsAgo, CHATGPT, NOTICE, schoolYear } from './consent-fixtures';
import { schoolId } from './fixtures';
import type { TestApp } from './test-app';

export const PARENT_SURVEY_TITLE = '2026 학부모 만족도';

const DEFINITION = {
  title: '학부모 AI 교육 만족도',
  sections: [
    {
      id: 'main',
      title: '만족도',
      questions: [
        { id: 'satisfaction', text: '만족도', required: true, type: 'likert5' },
        { id: 'comment', text: '하고 싶은 말', required: false, type: 'long_text' },
      ],
    },
  ],
};

export interface PublicLinks {
  /** One-time respondent codes (path /respond/:code). */
  codes: string[];
  /** A guardian's consent link path: /consent/respond/:token. */
  guardianPath: string;
}

type Client = Awaited<ReturnType<TestApp['as']>>;

/** `admin` (a city admin) and `principal` (서울개포초등학교's) are signed in here unless the test already has them. */
export async function makePublicLinks(app: TestApp, given: { codes?: number; admin?: Client; principal?: Client } = {}): Promise<PublicLinks> {
  const gaepo = await schoolId(app.db, '서울개포초등학교');
  const admin = given.admin ?? (await app.as({ email: 'admin@sen.go.kr', role: 'city_admin', displayName: '교육청 관리자' }));
  const principal = given.principal ?? (await app.as({ email: 'principal@gaepo.es.kr', role: 'principal', schoolId: gaepo, displayName: '개포초 교장' }));
  const template = await admin.post('/api/v1/surveys/templates', { kind: 'satisfaction', definition: DEFINITION });
  expect(template.status).toBe(201);
  const campaign = await admin.post('/api/v1/surveys/campaigns', {
    templateId: template.body.id,
    title: PARENT_SURVEY_TITLE,
    audience: 'parents',
    grades: [5, 6],
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 86400_000).toISOString(),
    target: { offices: ['gangnam-seocho'], levels: ['elementary'] },
  });
  expect(campaign.status).toBe(201);
  const made = await principal.post(`/api/v1/surveys/campaigns/${campaign.body.id}/schools/${gaepo}/codes`, { count: given.codes ?? 1 });
  expect(made.status).toBe(201);

  const [middle] = await app.db.query(`SELECT id FROM schools WHERE level = 'middle' AND district = '강남구' ORDER BY id LIMIT 1`);
  const homeroom = await app.as({ email: 'teacher@middle.ms.kr', role: 'teacher', schoolId: middle.id, displayName: '중학교 담임' });
  const service = await admin.post('/api/v1/consent/services', CHATGPT);
  expect(service.status).toBe(201);
  expect((await admin.post(`/api/v1/consent/services/${service.body.id}/notices`, { schoolYear: schoolYear(), ...NOTICE })).status).toBe(201);
  const student = { schoolId: middle.id, studentCode: 'M15', grade: 8, classNo: 1, birthMonth: bornYearsAgo(15) };
  expect((await homeroom.post('/api/v1/consent/students', student)).status).toBe(201);
  const letter = await homeroom.post('/api/v1/consent/letters', { serviceId: service.body.id, schoolId: middle.id, grade: 8, classNo: 1 });
  expect(letter.status).toBe(201);
  return { codes: made.body.codes, guardianPath: `/consent/respond/${letter.body.slips[0].token}` };
}
