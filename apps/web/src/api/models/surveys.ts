// 조례 제6조 실태조사·만족도·수요조사 (/api/v1/surveys): aliases of the served OpenAPI document's
// schemas. (The in-app notices a campaign sends are in ./common.)
import type { components } from '../schema';

type Schemas = components['schemas'];

/** A template version's definition, frozen by a campaign (the survey engine's template). */
export type SurveyDefinition = Schemas['SurveyDefinitionDto'];
export type SurveyQuestion = Schemas['SurveyQuestionDto'];
export type QuestionType = SurveyQuestion['type'];
export type ChoiceOption = Schemas['SurveyChoiceOptionDto'];
/** Show the question only when an earlier answer satisfies this condition. */
export type ShowIf = Schemas['SurveyShowIfDto'];
export type ShowIfOperator = ShowIf['operator'];

/** Answers by question id, as the engine stores them. */
export type Answers = Schemas['SurveyRespondFormDto']['draft'];
/** One answer: likert5/numeric a number, single/text a string, multiple/ranking a list. */
export type AnswerValue = Answers[string];

export type SurveyTemplate = Schemas['SurveyTemplateDto'];
export type SurveyKind = SurveyTemplate['kind'];

export type SurveyCampaign = Schemas['CampaignDto'];
export type Audience = SurveyCampaign['audience'];
export type CampaignStatus = SurveyCampaign['status'];
/** POST /surveys/campaigns. */
export type CampaignInput = Schemas['CreateCampaignDto'];
export type CampaignTarget = Schemas['CampaignTargetDto'];

export type CampaignProgress = Schemas['CampaignProgressDto'];
export type OfficeProgress = Schemas['SurveyOfficeProgressDto'];
export type SchoolProgress = Schemas['SurveySchoolProgressDto'];

/** One batch of codes for the printable sheet. */
export type CodeSheet = Schemas['CodeSheetDto'];

/** GET /surveys/respond/:code */
export type RespondForm = Schemas['SurveyRespondFormDto'];

export type SurveyReport = Schemas['SurveyReportDto'];
export type ReportLevel = SurveyReport['level'];
/** A group of respondents (the city, an office, a district, a school); `suppressed` ones carry only `reason`. */
export type ReportGroup = Schemas['SurveyReportGroupDto'];
/** Figures for one question in one group of respondents. */
export type QuestionFigures = Schemas['SurveyQuestionFiguresDto'];
