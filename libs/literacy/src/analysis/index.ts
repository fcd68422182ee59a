// Pure analysis engine of the literacy module (AI·디지털 리터러시 진단검사): scoring, classical item
// and test statistics, distractors, review flags, the Rasch / partial credit model, achievement
// levels, and for measurement across years: Rasch fit, DIF, anchor linking and precision.
// No database, Nest or HTTP here; see libs/literacy/README.md.
export { assertShape, cell, scoreMatrix, type ItemSpec, type ItemType, type MissingPolicy, type ScoreMatrix } from './types';
export {
  checkScore,
  checkScores,
  normaliseResponse,
  ResponseScorer,
  scoreResponses,
  validateItems,
  type ScoreProblem,
  type ScoredResponses,
} from './scoring';
export {
  analyseGroups,
  analyseTest,
  areaScores,
  histogram,
  maxTotal,
  reviewFlags,
  totalScores,
  type AreaScores,
  type CttOptions,
  type HistogramBin,
  type ItemStatistics,
  type ReviewFlag,
  type ReviewReason,
  type ReviewThresholds,
  type TestAnalysis,
  type TestStatistics,
} from './ctt';
export { ChoiceMatrix } from './choices';
export { distractorAnalysis, type DistractorAnalysis, type DistractorOptions, type OptionCount } from './distractors';
export {
  fitRasch,
  raschLikelihood,
  type RaschExclusionReason,
  type RaschItem,
  type RaschOptions,
  type RaschResult,
  type RaschThreshold,
} from './rasch';
export { gaussHermiteNormal, type Quadrature } from './quadrature';
export { packSteps, paramsFromFit, type ItemParameters } from './item-params';
export { raschFit, zstd, type FitOptions, type FitResult, type FitStatistic, type ItemFit } from './fit';
export {
  etsCategory,
  mantelHaenszel,
  mantelHaenszelDif,
  matchingTotals,
  type DifItem,
  type DifOptions,
  type DifSkipReason,
  type EtsCategory,
  type MantelHaenszel,
  type MantelHaenszelTable,
} from './dif';
export {
  anchorPairs,
  anchoredCalibration,
  meanMeanLink,
  type AnchorDrift,
  type AnchorPair,
  type AnchoredCalibration,
  type DriftRule,
  type LinkingOptions,
  type MeanMeanLink,
} from './linking';
export { rawScoreTable, reliabilitySummary, separationReliability, testInformation, type RawScorePoint, type Separation } from './information';
export {
  InvalidCutScoresError,
  assignLevels,
  levelOf,
  validateCutScores,
  type CutScore,
  type LevelAssignment,
  type LevelDistribution,
} from './levels';
