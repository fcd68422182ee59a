// 생성형 AI 보호자 동의 (/api/v1/consent): the AI services registry, versioned consent notices, the
// pseudonymous class roster, append-only consent records, home letters with one-time links, and the
// eligibility decision. Aliases of the served OpenAPI document's schemas.
import type { components } from '../schema';

type Schemas = components['schemas'];

/** A generative-AI service students may use directly, with its age rules. */
export type AiService = Schemas['AiServiceViewDto'];
/** POST /consent/services and PUT /consent/services/:id. */
export type AiServiceInput = Schemas['AiServiceDto'];

/** One published version of a service's consent notice for a school year (PIPA art. 15(2)). */
export type ConsentNotice = Schemas['ConsentNoticeViewDto'];
export type ConsentNoticeInput = Schemas['ConsentNoticeDto'];

export type StudentInput = Schemas['StudentDto'];

/** One append-only consent record; a change of mind is a new one. */
export type ConsentRecord = Schemas['ConsentRecordViewDto'];
export type RecordedDecision = ConsentRecord['decision'];
export type ConsentMethod = ConsentRecord['method'];
export type ConsentRecordInput = Schemas['ConsentRecordDto'];
export type ConsentDecision = ConsentRecordInput['decision'];
/** Who decided: under 14 only a parent or another legal guardian (법정대리인) can consent. */
export type GuardianRelation = ConsentRecord['guardianRelation'];
export type WithdrawInput = Schemas['WithdrawDto'];

export type EligibilityRule = Schemas['EligibilityReasonDto']['rule'];
export type ClassEligibility = Schemas['ClassEligibilityDto'];
export type ConsentOverview = Schemas['ConsentOverviewDto'];
export type ConsentOverviewGroup = Schemas['ConsentOverviewGroupDto'];
export type ConsentOverviewCounts = Schemas['ConsentOverviewCountsDto'];

/** POST /consent/letters. */
export type LetterInput = Schemas['LetterDto'];
/** A return slip of a home letter: one per student and guardian, with its one-time link's token. */
export type LetterSlip = Schemas['LetterSlipDto'];
/** GET /consent/letters/:id: the letter to print. */
export type ConsentLetter = Schemas['ConsentLetterDto'];

export type GuardianAnswer = Schemas['GuardianAnswerDto'];
export type GuardianAnswerView = Schemas['GuardianAnswerViewDto'];

/** POST /consent/records/import: students on the file, decisions recorded, roster-only rows. */
export type SlipImportResult = Schemas['SlipImportResultDto'];
