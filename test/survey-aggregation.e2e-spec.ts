import ExcelJS from 'exceljs';
import { schoolId } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

async function workbookAt(client: Client, url: string): Promise<ExcelJS.Workbook> {
  const res = await client.get(url);
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body);
  return wb;
}

const DEFINITION = {
  title: 'AI 교실 만족도',
  sections: [{ id: 'main', title: '만족도', questions: [
    { id: 'used', text: '활용 여부', required: true, type: 'single', options: [{ value: 'yes', label: '예' }, { value: 'no', label: '아니요' }] },
    { id: 'satisfaction', text: '만족도', required: true, type: 'likert5' },
    { id: 'tools', text: '사용 도구', required: false, type: 'multiple', options: [{ value: 'robot', label: '로봇' }, { value: 'tablet', label: '태블릿' }, { value: 'ai', label: '생성형 AI' }] },
    { id: 'priority', text: '우선순위', required: false, type: 'ranking', options: [{ value: 'training', label: '연수' }, { value: 'devices', label: '기기' }, { value: 'content', label: '콘텐츠' }] },
  ] }],
};

describe('survey aggregation snapshot with small-cell suppression', () => {
  let app: TestApp;
  let admin: Client;
  let dogokPrincipal: Client;
  let campaignId: number;
  const schools: Record<string, number> = {};

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.as({ email: 'admin@sen.go.kr', role: 'city_admin' });
    for (const [k, name] of [['gaepo', '서울개포초등학교'], ['dogok', '서울도곡초등학교'], ['dosung', '서울도성초등학교']]) schools[k] = await schoolId(app.db, name);
    dogokPrincipal = await app.as({ email: 'p@dogok.es.kr', role: 'principal', schoolId: schools.dogok });
    const template = await admin.post('/api/v1/surveys/templates', { kind: 'satisfaction', definition: DEFINITION });
    const campaign = await admin.post('/api/v1/surveys/campaigns', {
      templateId: template.body.id, title: '만족도', audience: 'teachers',
      opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString(),
      target: { schoolIds: Object.values(schools) },
    });
    campaignId = campaign.body.id;
    const plan: [string, number][] = [['gaepo', 6], ['dogok', 2], ['dosung', 5]];
    let n = 0;
    for (const [k, count] of plan) {
      const { body } = await admin.post(`/api/v1/surveys/campaigns/${campaignId}/schools/${schools[k]}/codes`, { count });
      for (const code of body.codes as string[]) {
        n++;
        const res = await new HttpClient(app.baseUrl).post(`/api/v1/surveys/respond/${code}/submit`, {
          answers: { used: n % 3 === 0 ? 'no' : 'yes', satisfaction: (n % 5) + 1, tools: n % 2 ? ['robot', 'ai'] : ['tablet'], priority: n % 2 ? ['training', 'devices', 'content'] : ['devices', 'training', 'content'] },
          idempotencyKey: `submit-${String(n).padStart(4, '0')}`,
        });
        expect(res.status).toBe(200);
      }
    }
  });
  afterAll(() => app.close());

  async function aggregate() {
    const { body } = await admin.post(`/api/v1/surveys/campaigns/${campaignId}/aggregate`);
    await app.waitForQueues();
    return (await admin.get(`/api/v1/jobs/${body.jobId}`)).body;
  }

  it('computes counts, means and standard deviations in SQL per city, office, district and school', async () => {
    const job = await aggregate();
    expect(job).toMatchObject({ state: 'completed', result: { summary: { responses: 13 } } });
    const city = await admin.get(`/api/v1/surveys/campaigns/${campaignId}/report?level=city`);
    const all = city.body.groups[0];
    expect(all).toMatchObject({ suppressed: false, key: 'all', n: 13 });
    // Answers 1..13: used = no for multiples of 3, satisfaction = (n mod 5) + 1, tools alternate.
    expect(all.questions.used).toEqual({ answered: 13, counts: { yes: 9, no: 4 } });
    const sat = Array.from({ length: 13 }, (_, i) => ((i + 1) % 5) + 1);
    const mean = sat.reduce((a, b) => a + b, 0) / 13;
    const sd = Math.sqrt(sat.reduce((a, b) => a + (b - mean) ** 2, 0) / 12);
    expect(all.questions.satisfaction.mean).toBeCloseTo(mean, 4);
    expect(all.questions.satisfaction.sd).toBeCloseTo(sd, 4);
    expect(all.questions.tools).toEqual({ answered: 13, counts: { robot: 7, ai: 7, tablet: 6 } });
    // Ranking: 7 odd answers put training first, 6 even ones second.
    expect(all.questions.priority.meanRank).toEqual({ training: round4((7 * 1 + 6 * 2) / 13), devices: round4((7 * 2 + 6 * 1) / 13), content: 3 });
  });

  it('withholds groups under 5, and the next-smallest sibling so the hidden one cannot be derived', async () => {
    const school = await admin.get(`/api/v1/surveys/campaigns/${campaignId}/report?level=school`);
    const byKey = Object.fromEntries(school.body.groups.map((g: { key: string }) => [g.key, g]));
    expect(byKey[String(schools.gaepo)]).toMatchObject({ suppressed: false, n: 6 });
    expect(byKey[String(schools.dogok)]).toEqual({ level: 'school', key: String(schools.dogok), name: '서울도곡초등학교', suppressed: true, reason: 'small_cell' });
    expect(byKey[String(schools.dosung)]).toEqual({ level: 'school', key: String(schools.dosung), name: expect.any(String), suppressed: true, reason: 'complementary' });
    expect(school.body.threshold).toBe(5);
  });

  it("shows a principal the city figures and their own school only", async () => {
    const mine = await dogokPrincipal.get(`/api/v1/surveys/campaigns/${campaignId}/report?level=school`);
    expect(mine.body.groups.map((g: { key: string }) => g.key)).toEqual([String(schools.dogok)]);
    expect(mine.body.groups[0].suppressed).toBe(true);
    expect((await dogokPrincipal.post(`/api/v1/surveys/campaigns/${campaignId}/aggregate`)).status).toBe(403);
    // 도성 (5 answers) is withheld for everyone, also for its own principal, or 도곡 would follow by subtraction.
    const dosungPrincipal = await app.as({ email: 'p@dosung.es.kr', role: 'principal', schoolId: schools.dosung });
    const theirs = await dosungPrincipal.get(`/api/v1/surveys/campaigns/${campaignId}/report?level=school`);
    expect(theirs.body.groups).toEqual([expect.objectContaining({ key: String(schools.dosung), suppressed: true, reason: 'complementary' })]);
  });

  it('exports the report as XLSX: a sheet per question group, Korean headers, withheld groups marked', async () => {
    const { body } = await admin.post(`/api/v1/surveys/campaigns/${campaignId}/report/export`);
    await app.waitForQueues();
    const job = (await admin.get(`/api/v1/jobs/${body.jobId}`)).body;
    expect(job).toMatchObject({ state: 'completed', downloadUrl: expect.stringMatching(/^\/api\/v1\/files\//) });
    const wb = await workbookAt(admin, job.downloadUrl);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['안내', '만족도']);
    const sheet = wb.getWorksheet('만족도')!;
    const header = sheet.getRow(1).values as unknown[];
    expect(header).toEqual(expect.arrayContaining(['구분', '이름', '응답자 수', 'Q1. 활용 여부 - 예', 'Q2. 만족도 - 평균', 'Q2. 만족도 - 표준편차', 'Q2. 만족도 - 5 매우 그렇다', 'Q3. 사용 도구 - 생성형 AI']));
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    const col = (name: string) => header.indexOf(name) - 1;
    const city = rows.find((r) => r[col('구분')] === '시 전체')!;
    expect(city[col('응답자 수')]).toBe(13);
    expect(city[col('Q1. 활용 여부 - 예')]).toBe(9);
    const dogok = rows.find((r) => r[col('이름')] === '서울도곡초등학교')!;
    expect(dogok[col('응답자 수')]).toBe('비공개 (응답 5명 미만)');
    expect(dogok[col('Q1. 활용 여부 - 예')]).toBeUndefined();
    expect(rows.find((r) => r[col('이름')] === '서울개포초등학교')![col('응답자 수')]).toBe(6);

    // A principal's export holds the city and their own school, nothing of other schools.
    const mine = await dogokPrincipal.post(`/api/v1/surveys/campaigns/${campaignId}/report/export`);
    await app.waitForQueues();
    const own = await workbookAt(dogokPrincipal, (await dogokPrincipal.get(`/api/v1/jobs/${mine.body.jobId}`)).body.downloadUrl);
    const names = own.getWorksheet('만족도')!.getSheetValues().slice(2).map((r) => (r as unknown[])[2]);
    expect(names).toEqual(expect.arrayContaining(['서울특별시 전체', '서울도곡초등학교']));
    expect(names).not.toContain('서울개포초등학교');
    expect((await admin.get(`/api/v1/jobs/${mine.body.jobId}`)).status).toBe(200);
    expect((await dogokPrincipal.get(job.downloadUrl)).status).toBe(403);
  });

  it('gives the same snapshot when run again', async () => {
    const before = (await app.db.query(`SELECT responses, groups FROM survey_snapshots WHERE campaign_id = $1`, [campaignId]))[0];
    await aggregate();
    const after = (await app.db.query(`SELECT responses, groups FROM survey_snapshots WHERE campaign_id = $1`, [campaignId]))[0];
    expect(after).toEqual(before);
  });
});
