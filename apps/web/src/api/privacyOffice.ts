import { query, V1 } from './client';
import { data, http } from './http';
import type { LegalHoldInput, RetentionRuleInput, RetentionRulePatch } from './models/privacyOffice';
import type { operations } from './schema';

export type AccessLogQuery = NonNullable<operations['privacy.listAccessLog']['parameters']['query']>;
export type RegisterQuery = NonNullable<operations['retention.registerList']['parameters']['query']>;
type RegisterFilter = NonNullable<operations['retention.registerXlsx']['parameters']['query']>;

const byId = (id: number) => ({ params: { path: { id } } });

/** Files of the privacy officer (GET with the bearer header, so through api.download). */
export const privacyOfficeUrls = {
  /** 개인정보 파기 대장 as XLSX, oldest first. */
  registerXlsx: (filter: RegisterFilter = {}) => `${V1}/privacy/destruction-register.xlsx${query(filter)}`,
  /** The monthly review of the access log as XLSX (YYYY-MM). */
  reviewXlsx: (month: string) => `${V1}/privacy/reviews/${encodeURIComponent(month)}/xlsx`,
};

/** 개인정보 관리 (the privacy officer, a city administrator). */
export const privacyOfficeApi = {
  retentionRules: () => data(http.GET('/api/v1/privacy/retention-rules')),
  createRetentionRule: (input: RetentionRuleInput) => data(http.POST('/api/v1/privacy/retention-rules', { body: input })),
  /** A change, or an empty one, approves the rule as it then reads. */
  updateRetentionRule: (id: number, patch: RetentionRulePatch) => data(http.PATCH('/api/v1/privacy/retention-rules/{id}', { ...byId(id), body: patch })),
  destructionDryRun: () => data(http.POST('/api/v1/privacy/destruction/dry-run')),
  /** Starts the destruction now: a background job (GET /jobs/:id). */
  runDestruction: () => data(http.POST('/api/v1/privacy/destruction/run')),
  destructionRegister: (q: RegisterQuery) => data(http.GET('/api/v1/privacy/destruction-register', { params: { query: q } })),
  legalHolds: () => data(http.GET('/api/v1/privacy/legal-holds')),
  setLegalHold: (input: LegalHoldInput) => data(http.POST('/api/v1/privacy/legal-holds', { body: input })),
  releaseLegalHold: (id: number) => data(http.POST('/api/v1/privacy/legal-holds/{id}/release', byId(id))),
  accessLog: (q: AccessLogQuery) => data(http.GET('/api/v1/privacy/access-log', { params: { query: q } })),
  verifyAccessLog: () => data(http.GET('/api/v1/privacy/access-log/verify')),
  accessReview: (month: string) => data(http.GET('/api/v1/privacy/reviews/{month}', { params: { path: { month } } })),
};
