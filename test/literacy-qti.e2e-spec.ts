import { strToU8, zipSync } from 'fflate';
import { countRows, schoolId } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { waitForJob } from './support/wait-for-job';

type Client = Awaited<ReturnType<TestApp['as']>>;
const NS = 'http://www.imsglobal.org/xsd/imsqti_result_v3p0';

const ITEMS = [
  { id: 'g8-ethics-01', area: 'ai_ethics', type: 'dichotomous', key: ['choice_B'], options: ['choice_A', 'choice_B', 'choice_C', 'choice_D'] },
  { id: 'g8-use-02', area: 'ai_use', type: 'dichotomous', key: ['choice_C'], options: ['choice_A', 'choice_B', 'choice_C', 'choice_D'] },
  { id: 'g8-data-03', area: 'digital_literacy', type: 'partial', maxScore: 2 },
];

interface Candidate {
  studentId?: string;
  school: number;
  grade: number;
  classNo: number;
  answers: { id: string; response?: string; score?: number | string }[];
}

/** One assessmentResult the way a CBT platform (e.g. TAO) exports it. */
function assessmentResult(c: Candidate): string {
  const items = c.answers.map((a, i) => `
    <itemResult identifier="${a.id}" sequenceIndex="${i + 1}" datestamp="2026-06-01T10:0${i}:00+09:00" sessionStatus="final">
      <responseVariable identifier="RESPONSE" cardinality="single" baseType="identifier"><candidateResponse>${a.response ? `<value>${a.response}</value>` : ''}</candidateResponse></responseVariable>
      ${a.score !== undefined ? `<outcomeVariable identifier="SCORE" cardinality="single" baseType="float"><value>${a.score}</value></outcomeVariable>` : ''}
    </itemResult>`).join('');
  return `<assessmentResult xmlns="${NS}">
    <context${c.studentId ? ` sourcedId="${c.studentId}"` : ''}>
      <sessionIdentifier sourceID="https://aiedu.sen.go.kr/ns/school" identifier="${c.school}"/>
      <sessionIdentifier sourceID="https://aiedu.sen.go.kr/ns/grade" identifier="${c.grade}"/>
      <sessionIdentifier sourceID="https://aiedu.sen.go.kr/ns/class" identifier="${c.classNo}"/>
    </context>
    <testResult identifier="ai-literacy-g8" datestamp="2026-06-01T11:00:00+09:00"/>${items}
  </assessmentResult>`;
}

function candidates(school: number, n: number): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({
    studentId: `Q8-${String(i + 1).padStart(3, '0')}`, school, grade: 2, classNo: 1 + (i % 2),
    answers: [
      { id: 'g8-ethics-01', response: i % 3 ? 'choice_B' : 'choice_D' },
      { id: 'g8-use-02', response: i % 4 ? 'choice_C' : 'choice_A' },
      { id: 'g8-data-03', score: i % 3 },
    ],
  }));
}

describe('literacy results from QTI 3.0 results XML', () => {
  let app: TestApp;
  let admin: Client;
  let middle: number;
  let id: number;
  const upload = (body: Buffer | string, name: string) => admin.upload(`/api/v1/literacy/assessments/${id}/results/import`, body, name);

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    [{ id: middle }] = await app.db.query(`SELECT id FROM schools WHERE level = 'middle' ORDER BY id LIMIT 1`);
    const created = await admin.post('/api/v1/literacy/assessments', { name: 'QTI 예비검사', schoolYear: 2026, phase: 'pilot', grade: 8, items: ITEMS, cutScores: [{ level: '기초', min: 0 }, { level: '우수', min: 70 }] });
    id = created.body.id;
  });
  afterAll(() => app.close());

  it('rejects a file with a bad result, naming the result and the element, and stores nothing', async () => {
    const all = candidates(middle, 4);
    delete all[1].studentId;
    all[2].answers.push({ id: 'not-an-item', response: 'x' });
    all[3].answers[2].score = 'lots';
    const res = await upload(`<?xml version="1.0"?><results>${all.map(assessmentResult).join('')}</results>`, 'export.xml');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 2, column: 'context/@sourcedId' }),
      expect.objectContaining({ row: 3, column: 'itemResult[not-an-item]' }),
      expect.objectContaining({ row: 4, column: 'itemResult[g8-data-03]/SCORE' }),
    ]));
    const doctype = await upload(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><assessmentResult xmlns="${NS}"/>`, 'evil.xml');
    expect(doctype.status).toBe(400);
    expect(await countRows(app.db, 'literacy_results')).toBe(0);
  });

  it('imports one document with many results, then a ZIP of one file per student, and analyses them', async () => {
    const res = await upload(`<?xml version="1.0" encoding="UTF-8"?><results>${candidates(middle, 12).map(assessmentResult).join('')}</results>`, 'export.xml');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'qti', received: 12, inserted: 12 });
    await waitForJob(admin, res.body.analysisJobId);
    const [{ responses }] = await app.db.query(
      `SELECT r.responses FROM literacy_results r JOIN students s ON s.id = r.student_id WHERE s.student_code = 'Q8-001'`,
    );
    expect(responses).toEqual(['choice_D', 'choice_A', '0']);

    const zip = zipSync(Object.fromEntries(candidates(middle, 20).map((c, i) => [`results/${String(i).padStart(3, '0')}.xml`, strToU8(`<?xml version="1.0"?>${assessmentResult(c)}`)])));
    const zipped = await upload(Buffer.from(zip), 'tao-export.zip');
    expect(zipped.status).toBe(201);
    expect(zipped.body).toMatchObject({ format: 'qti', received: 20, inserted: 8, replaced: 12 });
    const job = await waitForJob(admin, zipped.body.analysisJobId);
    expect(job.result.summary).toMatchObject({ students: 20, items: 3 });
    const analysis = (await admin.get(`/api/v1/literacy/assessments/${id}/analysis`)).body;
    const ethics = analysis.items.find((i: { id: string }) => i.id === 'g8-ethics-01');
    expect(ethics.facility).toBeCloseTo(candidates(middle, 20).filter((_, i) => i % 3).length / 20, 4);
  });

  it('takes the school from the principal\'s own school only', async () => {
    const other = await schoolId(app.db, '서울개포초등학교');
    const principal = await app.as({ email: 'p@middle.ms.kr', role: 'principal', schoolId: middle });
    const res = await principal.upload(`/api/v1/literacy/assessments/${id}/results/import`, `<?xml version="1.0"?><r>${candidates(other, 1).map(assessmentResult).join('')}</r>`, 'x.xml');
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ row: 1, column: 'context/sessionIdentifier[school]' });
  });
});
