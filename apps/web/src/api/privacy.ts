import { data, http, publicHttp } from './http';
import type { PrivacyAnswerInput, PrivacyRequestInput, PrivacyRequestQuery } from './models/privacy';

/**
 * 개인정보 처리방침 and the data subjects' requests (/api/v1/privacy). The privacy officer's calls (retention,
 * destruction, access log, monthly review) are in ./privacyOffice.
 */
export const privacyApi = {
  /** 개인정보 처리방침 (public). */
  privacyPolicy: () => data(publicHttp.GET('/api/v1/privacy/policy')),
  /** What the platform holds about a child, behind the guardian's one-time link. */
  guardianMyData: (token: string) => data(publicHttp.GET('/api/v1/privacy/my-data/{token}', { params: { path: { token } } })),
  /** A guardian's request through their link (no login). */
  guardianPrivacyRequest: (token: string, input: Omit<PrivacyRequestInput, 'token' | 'studentId'>) =>
    data(publicHttp.POST('/api/v1/privacy/requests', { body: { ...input, token } })),
  /** The requests staff see (a school's, or every school's for the office). */
  privacyRequests: (q: PrivacyRequestQuery) => data(http.GET('/api/v1/privacy/requests', { params: { query: q } })),
  privacyRequest: (id: number) => data(http.GET('/api/v1/privacy/requests/{id}', { params: { path: { id } } })),
  answerPrivacyRequest: (id: number, answer: PrivacyAnswerInput) => data(http.POST('/api/v1/privacy/requests/{id}/answer', { params: { path: { id } }, body: answer })),
};
