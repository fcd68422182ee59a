// AI·디지털 리터러시 진단검사 (/api/v1/literacy): assessments, the analysis and the reports. Aliases of
// the served OpenAPI document's schemas.
import type { components, operations } from '../schema';

type Schemas = components['schemas'];

/** A competency area (GET /literacy/areas). */
export type LiteracyArea = Schemas['LiteracyAreaDto'];

export type LiteracyAssessment = Schemas['LiteracyAssessmentDto'];
export type LiteracyItem = Schemas['LiteracyAssessmentItemDto'];
export type LiteracyPhase = LiteracyAssessment['phase'];
export type LiteracyItemType = LiteracyItem['type'];
export type CutScore = Schemas['CutScoreDto'];
/** An item as POST /literacy/assessments takes it. */
export type LiteracyItemInput = Schemas['ItemDto'];
/** POST /literacy/assessments: the fields with a default in the document (the forms, the review thresholds) may be left out. */
export type LiteracyAssessmentInput = Omit<Schemas['CreateAssessmentDto'], Defaulted> & Partial<Pick<Schemas['CreateAssessmentDto'], Defaulted>>;
type Defaulted = 'forms' | 'minDiscrimination' | 'minFacility' | 'maxFacility';
/** A dropped item or new cut scores: the assessment and the analysis job that follows. */
export type LiteracyAssessmentChange = Schemas['LiteracyAssessmentChangeDto'];
/** POST assessments/:id/results/import. */
export type LiteracyImportResult = Schemas['LiteracyResultsImportDto'];

export type TestStatistics = Schemas['LiteracyTestStatisticsDto'];
export type HistogramBin = Schemas['LiteracyHistogramBinDto'];
/** One item as the analysis job stores it: the classical statistics, review flags, distractors and Rasch estimate. */
export type ItemStatistics = Schemas['LiteracyItemAnalysisDto'];
export type ReviewReason = ItemStatistics['flags'][number];
/** The Rasch estimate of an item, or why it has none (`excluded`). */
export type RaschItem = Schemas['LiteracyRaschItemEstimateDto'];
export type RaschFit = Schemas['LiteracyRaschFitDto'];
export type LevelCount = Schemas['LiteracyLevelCountDto'];

/** A group's figures; a withheld group (under 5 students, or hidden so one cannot be derived) keeps only its name and `reason`. */
export type GroupFigures = Schemas['LiteracyGroupDto'];
export type LiteracyCityReport = Schemas['LiteracyCityReportDto'];
export type CityReportBy = LiteracyCityReport['by'];
export type LiteracySchoolReport = Schemas['LiteracySchoolReportDto'];
export type LiteracyClassReport = Schemas['LiteracyClassReportDto'];
export type LiteracyStudentReport = Schemas['LiteracyStudentReportDto'];
export type AreaJudgement = NonNullable<Schemas['LiteracyStudentAreaDto']['judgement']>;
/** A comparison group's size and mean; n and mean null when withheld. */
export type GroupMean = Schemas['LiteracyGroupMeanDto'];

// 문항 은행, 연계·동등화, 연도별 추이 (issue 18)
/** One MH DIF comparison of an item: the group, focal against reference, MH D-DIF and its ETS category. */
export type LiteracyDif = Schemas['LiteracyDifDto'];
export type EtsCategory = NonNullable<LiteracyDif['ets']>;
export type DifGroup = LiteracyDif['group'];
/** A grade's bank item with every administration (oldest first). */
export type BankItem = Schemas['LiteracyBankItemDto'];
export type BankAdministration = Schemas['LiteracyBankAdministrationDto'];
export type BankItemList = Schemas['LiteracyBankItemListDto'];
/** GET /literacy/bank/items: by grade, area and part of the id. */
export type BankItemFilters = NonNullable<operations['literacy.listBankItems']['parameters']['query']>;
/** POST assessments/:id/link. */
export type LinkRequest = Schemas['LinkAssessmentDto'];
export type LiteracyLink = Schemas['LiteracyLinkDto'];
export type LinkAnchor = Schemas['LiteracyLinkAnchorDto'];
/** The fit and DIF summary, reliability and scale of an analysis. */
export type LiteracyMeasurement = Schemas['LiteracyMeasurementDto'];
export type LiteracyTrend = Schemas['LiteracyTrendDto'];
export type TrendPoint = Schemas['LiteracyTrendPointDto'];
/** The city's trend by default; an office's or a school's instead. */
export type TrendGroup = Omit<operations['literacy.trend']['parameters']['query'], 'grade'>;
