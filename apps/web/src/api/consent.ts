import { query, upload, V1 } from './client';
import { data, http, publicHttp } from './http';
import type { AiServiceInput, ConsentNoticeInput, ConsentRecordInput, GuardianAnswer, LetterInput, SlipImportResult, StudentInput, WithdrawInput } from './models/consent';
import type { operations } from './schema';

type ClassEligibilityQuery = operations['consent.classEligibility']['parameters']['query'];
export type ConsentOverviewQuery = operations['consent.overview']['parameters']['query'];

const byId = (id: number) => ({ params: { path: { id } } });
// The guardian's page: whoever holds the one-time link, without an account.
const byToken = (token: string) => ({ params: { path: { token } } });

/** Files of consent (GET with the bearer header, so through api.download). */
export const consentUrls = {
  /** The class list of eligibility as XLSX, with the same query as GET /consent/eligibility/class. */
  classEligibilityXlsx: (q: ClassEligibilityQuery) => `${V1}/consent/eligibility/class.xlsx${query(q)}`,
};

/** 생성형 AI 보호자 동의. */
export const consentApi = {
  aiServices: () => data(http.GET('/api/v1/consent/services')),
  createAiService: (input: AiServiceInput) => data(http.POST('/api/v1/consent/services', { body: input })),
  updateAiService: (id: number, input: AiServiceInput) => data(http.PUT('/api/v1/consent/services/{id}', { ...byId(id), body: input })),
  consentNotices: (serviceId: number) => data(http.GET('/api/v1/consent/services/{id}/notices', byId(serviceId))),
  publishConsentNotice: (serviceId: number, input: ConsentNoticeInput) => data(http.POST('/api/v1/consent/services/{id}/notices', { ...byId(serviceId), body: input })),
  saveStudent: (input: StudentInput) => data(http.POST('/api/v1/consent/students', { body: input })),
  consentHistory: (studentId: number) => data(http.GET('/api/v1/consent/students/{id}/records', byId(studentId))),
  recordConsent: (input: ConsentRecordInput) => data(http.POST('/api/v1/consent/records', { body: input })),
  withdrawConsent: (input: WithdrawInput) => data(http.POST('/api/v1/consent/records/withdraw', { body: input })),
  importConsentSlips: (schoolId: number, serviceId: number, file: File) => upload<SlipImportResult>(`${V1}/consent/records/import${query({ schoolId, serviceId })}`, file),
  classEligibility: (q: ClassEligibilityQuery) => data(http.GET('/api/v1/consent/eligibility/class', { params: { query: q } })),
  consentOverview: (q: ConsentOverviewQuery) => data(http.GET('/api/v1/consent/overview', { params: { query: q } })),
  createLetter: (input: LetterInput) => data(http.POST('/api/v1/consent/letters', { body: input })),
  letters: (schoolId?: number) => data(http.GET('/api/v1/consent/letters', { params: { query: { schoolId } } })),
  letter: (id: number) => data(http.GET('/api/v1/consent/letters/{id}', byId(id))),
  guardianLetter: (token: string) => data(publicHttp.GET('/api/v1/consent/respond/{token}', byToken(token))),
  answerGuardianLetter: (token: string, answer: GuardianAnswer) => data(publicHttp.POST('/api/v1/consent/respond/{token}', { ...byToken(token), body: answer })),
};
