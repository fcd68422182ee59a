import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@app/core/config';
import { parseSchoolLevel, SchoolLevel } from '@app/schools/school-level';

export interface AiClassroomSeedRow {
  no: number;
  buildYear: number;
  district: string;
  level: SchoolLevel;
  name: string;
}

export interface AiClassroomSeed {
  rows: AiClassroomSeedRow[];
  warnings: string[];
}

export const AI_CLASSROOM_SEED_FILE = 'libs/classrooms/data/ai-classrooms-2021-2024.csv';

export function readAiClassroomSeed(path = join(projectRoot(), AI_CLASSROOM_SEED_FILE)): AiClassroomSeed {
  return parseAiClassroomSeed(readFileSync(path, 'utf8'));
}

/**
 * The report's appendix list, kept as printed: a name that appears twice stays twice
 * (both rows are needed to reach the official year totals) and is reported as a warning.
 */
export function parseAiClassroomSeed(text: string): AiClassroomSeed {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (header?.trim() !== 'no,year,district,level,name') throw new Error(`unexpected seed header: ${header}`);
  const rows = lines.map((line, i) => {
    const [no, year, district, levelKo, name] = line.split(',').map((c) => c.trim());
    const level = parseSchoolLevel(levelKo ?? '');
    if (!level || !/^\d{4}$/.test(year ?? '') || !district || !name) {
      throw new Error(`seed line ${i + 2} is malformed: ${line}`);
    }
    return { no: Number(no), buildYear: Number(year), district, level, name };
  });
  const byKey = new Map<string, AiClassroomSeedRow[]>();
  for (const r of rows) {
    const key = `${r.district}/${r.name}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const warnings = [...byKey.values()]
    .filter((same) => same.length > 1)
    .map((same) => `${same[0].name} (${same[0].district}) appears ${same.length} times, rows ${same.map((r) => r.no).join(', ')}; all rows kept as printed`);
  return { rows, warnings };
}

export const SPACE_TYPE_BY_LEVEL: Record<SchoolLevel, 'inquiry_play' | 'problem_solving' | 'creativity'> = {
  elementary: 'inquiry_play',
  middle: 'problem_solving',
  high: 'creativity',
  special: 'creativity',
};
