import type { DataSource } from 'typeorm';
import { ChoiceMatrix, ResponseScorer, type ItemSpec, type ScoreMatrix, type ScoreProblem } from '../analysis';

/** Results read per round trip: about 5 MB of text, small beside the typed arrays they fill. */
const RESULTS_PER_FETCH = 50_000;

/** What the DIF comparisons group a student by (the office's and level's strings are shared, not one per student). */
export interface ResultStudent {
  sex: 'M' | 'F' | null;
  schoolLevel: string;
  office: string;
}

export interface ScoredResults {
  studentIds: Int32Array;
  matrix: ScoreMatrix;
  /** The option each student chose on each choice item, for the distractor analysis. */
  choices: ChoiceMatrix;
  students: ResultStudent[];
  problems: ScoreProblem[];
}

/**
 * Every result of an assessment, scored as it is read: a cursor of RESULTS_PER_FETCH rows at a
 * time in one snapshot, each student's responses as one string (PostgreSQL's array parser in
 * JavaScript costs several times a split). Holds typed arrays rather than text, so a million
 * students take about 280 MB (scores as float64, choices as bytes) instead of gigabytes.
 */
export async function readScoredResults(ds: DataSource, assessmentId: number, schoolYear: number, items: readonly ItemSpec[]): Promise<ScoredResults> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.startTransaction('REPEATABLE READ');
    const [{ n }] = await qr.query(`SELECT count(*)::int AS n FROM literacy_results WHERE assessment_id = $1 AND school_year = $2`, [assessmentId, schoolYear]);
    const nItems = items.length;
    const studentIds = new Int32Array(n);
    const data = new Float64Array(n * nItems);
    const choices = new ChoiceMatrix(n, items);
    const scorer = new ResponseScorer(items);
    const students: ResultStudent[] = [];
    const shared = new Map<string, ResultStudent>();
    // A stored response is never '' (the import keeps a blank cell as NULL), so '' stands for NULL.
    await qr.query(
      `DECLARE results NO SCROLL CURSOR FOR
       SELECT r.student_id AS id, array_to_string(r.responses, E'\\x1f', '') AS responses, st.sex, coalesce(s.level, '') AS level, coalesce(d.office_code, '') AS office
       FROM literacy_results r JOIN students st ON st.id = r.student_id LEFT JOIN schools s ON s.id = st.school_id LEFT JOIN districts d ON d.name = s.district
       WHERE r.assessment_id = $1 AND r.school_year = $2 ORDER BY r.student_id`,
      [assessmentId, schoolYear],
    );
    let s = 0;
    for (;;) {
      const batch: { id: number; responses: string; sex: 'M' | 'F' | null; level: string; office: string }[] = await qr.query(`FETCH ${RESULTS_PER_FETCH} FROM results`);
      for (const r of batch) {
        if (s >= n) break;
        const row = r.responses.split('\x1f');
        studentIds[s] = r.id;
        scorer.scoreRow(row, s, data, s * nItems);
        choices.record(s, row);
        const key = `${r.sex}|${r.level}|${r.office}`;
        let group = shared.get(key);
        if (!group) shared.set(key, (group = { sex: r.sex, schoolLevel: r.level, office: r.office }));
        students.push(group);
        s++;
      }
      if (batch.length < RESULTS_PER_FETCH) break;
    }
    await qr.commitTransaction();
    return { studentIds: studentIds.subarray(0, s), matrix: { nStudents: s, nItems, data: data.subarray(0, s * nItems) }, choices, students, problems: scorer.problems };
  } finally {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    await qr.release();
  }
}
