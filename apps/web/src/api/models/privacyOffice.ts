// 개인정보 관리 (/api/v1/privacy, the privacy officer: a city administrator): the retention schedule,
// legal holds, destruction with its register, the access log with its integrity check and monthly
// review. Aliases of the served OpenAPI document's schemas.
import type { components } from '../schema';

type Schemas = components['schemas'];
/** A rule of the retention schedule (보존 기간): what, how long after which day, how it is destroyed, who approved it. */
export type RetentionRule = Schemas['RetentionRuleDto'];
export type RetentionCategory = RetentionRule['category'];
export type DestructionMethod = RetentionRule['method'];
/** POST /privacy/retention-rules. */
export type RetentionRuleInput = Schemas['CreateRetentionRuleDto'];
/** PATCH /privacy/retention-rules/:id: a change approves the rule as it then reads. */
export type RetentionRulePatch = Schemas['UpdateRetentionRuleDto'];

/** 법적 보존: a school's or a student's data kept past its rule (a dispute, an audit, an investigation). */
export type LegalHold = Schemas['LegalHoldDto'];
export type LegalHoldInput = Schemas['CreateLegalHoldDto'];

/** What the next destruction run would do, per rule and school. */
export type DestructionDryRun = Schemas['DestructionDryRunDto'];
export type DryRunRule = Schemas['DryRunRuleDto'];
export type DryRunSchool = Schemas['DryRunSchoolDto'];

/** 개인정보 파기 대장: one entry per rule and run. */
export type DestructionRegisterEntry = Schemas['DestructionRegisterEntryDto'];
export type DestructionRegisterPage = Schemas['DestructionRegisterPageDto'];

/** One access record: who did what to whose personal data, when, from where, through which route. */
export type AccessLogEntry = Schemas['AccessLogEntryDto'];
export type AccessLogPage = Schemas['AccessLogPageDto'];
export type AccessAction = AccessLogEntry['action'];
/** The hash chain checked from its first record. */
export type AccessLogVerify = Schemas['AccessLogVerifyDto'];

/** A Seoul month's review of the access log, with its flags. */
export type AccessReview = Schemas['AccessReviewDto'];
export type AccessReviewFlag = Schemas['AccessReviewFlagDto'];
export type ReviewKind = AccessReviewFlag['kind'];
