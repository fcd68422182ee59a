import type { TestApp } from './test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

const HOUR = 3600_000;

/** A call open now for elementary schools, with a two-criterion rubric; `overrides` change any field. */
export function callBody(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    type: 'lead',
    title: '2027학년도 AI 교육 선도학교 공모',
    schoolYear: 2027,
    termStart: '2027-03-01',
    termEnd: '2029-02-28',
    eligibleLevels: ['elementary'],
    opensAt: new Date(now - HOUR).toISOString(),
    closesAt: new Date(now + 48 * HOUR).toISOString(),
    quota: 10,
    criteria: [
      { name: '운영 계획의 타당성', maxScore: 60, weight: 1 },
      { name: '추진 역량', maxScore: 40, weight: 1 },
    ],
    ...overrides,
  };
}

export async function createCall(admin: Client, overrides: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/designations/calls', callBody(overrides));
  if (res.status !== 201) throw new Error(`create call: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; criteria: { id: number; maxScore: number }[] };
}

/** Apply and submit; returns the application id. */
export async function applyAndSubmit(principal: Client, callId: number): Promise<number> {
  const created = await principal.post(`/api/v1/designations/calls/${callId}/applications`, { planSummary: 'AI 융합 수업 운영 계획' });
  if (created.status !== 201) throw new Error(`apply: ${created.status} ${JSON.stringify(created.body)}`);
  const submitted = await principal.post(`/api/v1/designations/applications/${created.body.id}/submit`);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return created.body.id;
}
