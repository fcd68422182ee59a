/** 8 four-option choice items (keys below) and 2 partial-credit items scored 0–2 by the platform. */
export const KEYS = ['2', '4', '1', '3', '2', '2', '4', '1'];
export const ITEMS = [
  ...KEYS.map((key, i) => ({ id: `Q${i + 1}`, area: ['ai_understanding', 'ai_use', 'ai_ethics', 'digital_literacy'][i % 4], type: 'dichotomous', key: [key], options: ['1', '2', '3', '4'] })),
  { id: 'P1', area: 'ai_use', type: 'partial', maxScore: 2 },
  { id: 'P2', area: 'ai_ethics', type: 'partial', maxScore: 2 },
];

export function assessmentBody(overrides: object = {}) {
  return {
    name: '2026 AI·디지털 리터러시 진단검사', schoolYear: 2026, phase: 'pilot', grade: 5,
    items: ITEMS, cutScores: [{ level: '기초', min: 0 }, { level: '보통', min: 40 }, { level: '우수', min: 80 }],
    ...overrides,
  };
}

/** A student's answers: stronger students (higher `ability`) answer harder items correctly; deterministic. */
export function answers(student: number, ability: number): string[] {
  return ITEMS.map((item, j) => {
    const chance = ((student * 7919 + j * 104729) % 1000) / 1000;
    const difficulty = (j + 1) / (ITEMS.length + 2);
    const correct = chance < 0.15 + ability - difficulty / 2;
    if (item.type === 'partial') return String(correct ? (chance < 0.5 ? 2 : 1) : 0);
    return correct ? KEYS[j] : ['1', '2', '3', '4'].filter((o) => o !== KEYS[j])[student % 3];
  });
}

export interface Roster {
  schoolId: number;
  classNo: number;
  count: number;
  prefix: string;
}

/** A results CSV (school_id column, grade within the school level) for the given classes. */
export function resultsCsv(rosters: Roster[], opts: { grade?: number; header?: string[] } = {}): string {
  const header = opts.header ?? ['student_id', 'school_id', 'grade', 'class', ...ITEMS.map((i) => i.id)];
  const lines = [header.join(',')];
  let n = 0;
  for (const r of rosters) {
    for (let i = 0; i < r.count; i++, n++) {
      lines.push([`${r.prefix}${String(i + 1).padStart(3, '0')}`, r.schoolId, opts.grade ?? 5, r.classNo, ...answers(n, (n % 10) / 10)].join(','));
    }
  }
  return lines.join('\n') + '\n';
}
