// Pure domain core of the surveys module (조례 제6조: 실태조사, 만족도 조사, 수요조사): template
// definitions and validation, conditional visibility, answer validation, template versioning,
// small-cell suppression and reference statistics. No database, Nest or HTTP here.
export type { Problem } from './problem';
export {
  DEFAULT_MAX_LENGTH,
  ID_PATTERN,
  InvalidTemplateError,
  OPERATORS_BY_TYPE,
  QUESTION_TYPES,
  SHOW_IF_OPERATORS,
  assertValidTemplate,
  isChoiceType,
  isTextType,
  maxLengthOf,
  questionsInOrder,
  validateTemplate,
  type ChoiceOption,
  type Question,
  type QuestionType,
  type Section,
  type ShowIf,
  type ShowIfOperator,
  type SurveyTemplate,
} from './template';
export { checkAnswer, type AnswerCheck, type AnswerValue } from './answer-value';
export { visibleQuestions } from './visibility';
export { validateAnswers, type AnswerValidation, type ValidateAnswersOptions } from './answers';
export { canonicalJson, templateFingerprint } from './versioning';
export {
  DEFAULT_SUPPRESSION_THRESHOLD,
  MIN_SUPPRESSION_THRESHOLD,
  assertThreshold,
  suppress,
  type ShownGroup,
  type SuppressOptions,
  type SuppressedGroup,
  type SuppressionReason,
  type SuppressionResult,
} from '@app/core/privacy/suppression';
export {
  distribution,
  moments,
  numericMoments,
  rankingMeanPositions,
  summarizeQuestion,
  topAnswers,
  type CategoryCount,
  type Distribution,
  type Moments,
  type QuestionSummary,
  type RankingPosition,
  type ResponseAnswers,
} from './stats';
