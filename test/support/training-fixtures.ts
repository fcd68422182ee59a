import type { TestApp } from './test-app';

type Client = Awaited<ReturnType<TestApp['as']>>;

export const COMPLETION_HEADER = 'participant_id,name,email,kind,neis_school_code,course_code,session_code,completed_on,hours';

export function completionCsv(rows: string[][]): string {
  return [COMPLETION_HEADER, ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

/** Two basic courses and one applied course in school year 2025, with the basic pathway set. */
export async function createCourses(admin: Client): Promise<void> {
  const base = { schoolYear: 2025, deliveryMode: 'remote', audience: ['teacher', 'staff'], creditHours: 15 };
  for (const c of [
    { ...base, code: 'AI-B-101', title: 'AI 교육 기본 이해', titleEn: 'Understanding AI Education', level: 'basic', sessions: [{ code: '1기', startsOn: '2025-04-01', endsOn: '2025-04-30', capacity: 500 }] },
    { ...base, code: 'AI-B-102', title: '디지털 수업 도구 기초', titleEn: 'Digital Classroom Tools', level: 'basic', deliveryMode: 'in_person' },
    { ...base, code: 'AI-A-201', title: 'AI 활용 수업 설계', titleEn: 'Designing Lessons with AI', level: 'applied', creditHours: 30, prerequisiteLevel: 'basic', audience: ['teacher'] },
  ]) {
    const res = await admin.post('/api/v1/training/courses', c);
    if (res.status !== 201) throw new Error(`course ${c.code}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const pathway = await admin.put('/api/v1/training/pathways/basic', { courseCodes: ['AI-B-101', 'AI-B-102'] });
  if (pathway.status !== 200) throw new Error(`pathway: ${pathway.status} ${JSON.stringify(pathway.body)}`);
}
