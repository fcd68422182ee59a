import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { copyRows, copyTransaction } from '@app/core';
import { analyseTest, areaScores, assignLevels, distractorAnalysis, fitRasch, ItemSpec, maxTotal, reviewFlags } from '../analysis';
import type { RaschResult } from '../analysis';
import { AssessmentsService } from '../assessments/assessments.service';
import { measurement, readLinkForAnalysis, scaleOf, writeBankStats } from './measurement';
import { readScoredResults } from './results-reader';

const round = (v: number | null, digits = 4) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * Scores every result from its raw responses and stores the analysis of the assessment: item and
 * test statistics (classical test theory), review flags, distractors, the Rasch fit, levels, and
 * each student's score, level, ability and area sub-scores. Everything is replaced in one
 * transaction, so running it twice (or again after a crash) leaves the same rows.
 */
@Injectable()
export class LiteracyAnalysisService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly assessments: AssessmentsService,
  ) {}

  async run(assessmentId: number, progress?: (percent: number) => Promise<void>) {
    // A run queued before the results were destroyed must not overwrite what was published.
    await this.assessments.assertResultsKept(assessmentId);
    const assessment = await this.assessments.get(assessmentId);
    const items: ItemSpec[] = assessment.items.map((i) => ({ id: i.id, area: i.area, type: i.type, maxScore: i.maxScore, key: i.key, dropped: i.dropped }));
    const { studentIds, matrix, choices, students, problems } = await readScoredResults(this.ds, assessmentId, assessment.schoolYear, items);
    await progress?.(20);
    const ctt = analyseTest(matrix, items);
    const flags = new Map(reviewFlags(ctt.items, { minDiscrimination: assessment.minDiscrimination, minFacility: assessment.minFacility, maxFacility: assessment.maxFacility }).map((f) => [f.itemId, f.reasons]));
    const optionsOf = Object.fromEntries(assessment.items.filter((i) => i.options).map((i) => [i.id, i.options!]));
    const distractors = new Map(distractorAnalysis(items, choices, { totals: ctt.totals, optionsOf }).map((d) => [d.itemId, d]));
    await progress?.(40);
    // A linked assessment is calibrated with its anchors fixed at their values on the base's scale
    // (fixed-parameter calibration, issue 18), so its abilities are on the common scale.
    const link = await readLinkForAnalysis(this.ds, assessmentId, items);
    let rasch: RaschResult | null = null;
    if (studentIds.length >= 2 && items.some((i) => !i.dropped)) {
      rasch = link && link.anchors.length ? fitRasch(matrix, items, { fixed: Object.fromEntries(link.anchors.map((id) => [id, link.bankSteps[id]])) }) : fitRasch(matrix, items);
    }
    await progress?.(70);
    const scale = await scaleOf(this.ds, assessmentId, assessment.grade);
    const measured = measurement({ matrix, items, rasch, alpha: ctt.test.alpha, students, scale, linked: link ? { baseAssessmentId: link.baseAssessmentId, anchors: link.anchors, se: link.se } : null });
    await progress?.(80);
    const max = maxTotal(items);
    const percents = Array.from(ctt.totals, (t) => (max > 0 ? (t / max) * 100 : 0));
    const levels = assignLevels(percents, assessment.cutScores);
    const areas = areaScores(matrix, items);
    const raschItems = new Map(rasch?.items.map((r) => [r.id, r]) ?? []);
    const excluded = new Map(rasch?.excluded.map((x) => [x.id, x.reason]) ?? []);

    const itemsOut = ctt.items.map((s) => {
      const r = raschItems.get(s.id);
      return {
        ...s,
        mean: round(s.mean), sd: round(s.sd), facility: round(s.facility), discrimination: round(s.discrimination), discriminativeEfficiency: round(s.discriminativeEfficiency),
        flags: flags.get(s.id) ?? [],
        distractors: distractors.get(s.id) ?? null,
        rasch: r ? { difficulty: round(r.difficulty), se: round(r.se), thresholds: r.thresholds.map((t) => ({ step: t.step, estimate: round(t.estimate), se: round(t.se) })), ...(r.fixed ? { anchored: true } : {}) } : { excluded: excluded.get(s.id) ?? null },
        ...measured.itemExtras(s.id),
      };
    });
    const test = { ...ctt.test, mean: round(ctt.test.mean), sd: round(ctt.test.sd), alpha: round(ctt.test.alpha), sem: round(ctt.test.sem), scoringProblems: problems.length };
    const raschOut = rasch && { method: rasch.method, estimation: rasch.estimation, sigmaEstimated: rasch.sigmaEstimated, quadraturePoints: rasch.quadraturePoints, abilityEstimates: ['EAP', 'WLE'], converged: rasch.converged, iterations: rasch.iterations, mean: round(rasch.mean), meanSE: round(rasch.meanSE), anchored: rasch.meanEstimated, sigma: round(rasch.sigma), sigmaSE: round(rasch.sigmaSE), logLikelihood: round(rasch.logLikelihood, 2) };

    await copyTransaction(this.ds, async (qr, client) => {
      // Serialises concurrent runs of the same assessment (a retry overlapping a stalled one).
      await qr.query(`SELECT 1 FROM literacy_assessments WHERE id = $1 FOR UPDATE`, [assessmentId]);
      await qr.query(`DELETE FROM literacy_scores WHERE assessment_id = $1`, [assessmentId]);
      await copyRows(client, 'literacy_scores', ['assessment_id', 'student_id', 'total', 'percent', 'level', 'ability', 'ability_se', 'areas'],
        (function* () {
          // Row by row: a million students' score rows are never built at once.
          for (let s = 0; s < studentIds.length; s++) {
            yield [
              assessmentId, studentIds[s], ctt.totals[s], round(percents[s], 2), levels.levels[s],
              rasch && Number.isFinite(rasch.persons.eap[s]) ? round(rasch.persons.eap[s]) : null,
              rasch && Number.isFinite(rasch.persons.eapSE[s]) ? round(rasch.persons.eapSE[s]) : null,
              JSON.stringify(Object.fromEntries(areas.map((a) => [a.area, a.maxScore > 0 ? round((a.scores[s] / a.maxScore) * 100, 2) : null]))),
            ];
          }
        })());
      await qr.query(
        `INSERT INTO literacy_analyses (assessment_id, students, test, items, rasch, levels, measurement) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (assessment_id) DO UPDATE SET computed_at = now(), students = EXCLUDED.students, test = EXCLUDED.test, items = EXCLUDED.items, rasch = EXCLUDED.rasch, levels = EXCLUDED.levels,
           measurement = EXCLUDED.measurement`,
        [assessmentId, studentIds.length, JSON.stringify(test), JSON.stringify(itemsOut), raschOut ? JSON.stringify(raschOut) : null, JSON.stringify(levels.distribution), JSON.stringify(measured.summary)],
      );
      // The item bank's record of this administration, in the same transaction.
      await writeBankStats(qr, assessment, itemsOut, rasch);
    });
    await progress?.(100);
    return { students: studentIds.length, items: items.length, flagged: flags.size, alpha: test.alpha, raschConverged: rasch?.converged ?? null, linked: !!link, misfitting: measured.summary.fit.flagged.length, difFlagged: measured.summary.dif.flagged.length };
  }

  async analysis(assessmentId: number) {
    const [row] = await this.ds.query(
      `SELECT computed_at AS "computedAt", students, test, items, rasch, levels, measurement FROM literacy_analyses WHERE assessment_id = $1`,
      [assessmentId],
    );
    return row ?? null;
  }
}
