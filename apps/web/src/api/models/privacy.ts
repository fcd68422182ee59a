// 개인정보 (/api/v1/privacy): the data subjects' requests (제35–37조) and the privacy policy (제30조).
// Aliases of the served OpenAPI document's schemas.
import type { components, operations } from '../schema';

type Schemas = components['schemas'];

/** A request to see, correct, delete or stop processing a student's data, as staff see it. */
export type PrivacyRequest = Schemas['PrivacyRequestViewDto'];
export type PrivacyRequestPage = Schemas['PrivacyRequestPageDto'];
/** POST /privacy/requests: with the guardian's link `token`, or a `studentId` recorded by the school. */
export type PrivacyRequestInput = Schemas['PrivacyRequestDto'];
export type PrivacyRequestKind = PrivacyRequestInput['kind'];
export type RequesterRelation = PrivacyRequestInput['requesterRelation'];
export type PrivacyAnswerInput = Schemas['PrivacyAnswerDto'];
export type PrivacyOutcome = PrivacyAnswerInput['outcome'];
export type PrivacyRequestQuery = NonNullable<operations['privacy.listRequests']['parameters']['query']>;

/** What the platform holds about a child, behind the guardian's link. */
export type GuardianMyData = Schemas['GuardianMyDataDto'];
export type GuardianPrivacyRequest = Schemas['GuardianPrivacyRequestDto'];

/** 개인정보 처리방침. */
export type PrivacyPolicy = Schemas['PrivacyPolicyDto'];
export type PolicyService = Schemas['PolicyServiceDto'];
export type PolicyRetention = Schemas['PolicyRetentionDto'];
