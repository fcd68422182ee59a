import { query, upload, V1 } from './client';
import { data, http, publicHttp } from './http';
import type { CallInput, Decision, DesignationApplication, DesignationFilters, DesignationTypeInput, EvaluationInput, ScoreInput, SupportInput } from './models';

const D = `${V1}/designations`;
/** The path parameters of an application's or a designation's routes, and of a call's. */
const byId = (id: number) => ({ params: { path: { id } } });
const call = (callId: number) => ({ params: { path: { callId } } });

/** Files, fetched with the session's token (DownloadButton). */
export const designationUrls = {
  rankingXlsx: (callId: number) => `${D}/calls/${callId}/ranking.xlsx`,
  exportXlsx: (type?: string) => `${D}/export.xlsx${query({ type })}`,
  attachment: (applicationId: number, attachmentId: number) => `${D}/applications/${applicationId}/attachments/${attachmentId}`,
};

/** 조례 제5조 선도학교·연구학교 지정. */
export const designationsApi = {
  designationTypes: () => data(http.GET('/api/v1/designations/types')),
  addDesignationType: (input: DesignationTypeInput) => data(http.POST('/api/v1/designations/types', { body: input })),
  calls: () => data(http.GET('/api/v1/designations/calls')),
  call: (callId: number) => data(http.GET('/api/v1/designations/calls/{callId}', call(callId))),
  createCall: (input: CallInput) => data(http.POST('/api/v1/designations/calls', { body: input })),
  apply: (callId: number, planSummary: string) => data(http.POST('/api/v1/designations/calls/{callId}/applications', { ...call(callId), body: { planSummary } })),
  application: (id: number) => data(http.GET('/api/v1/designations/applications/{id}', byId(id))),
  updateApplication: (id: number, planSummary: string) => data(http.PATCH('/api/v1/designations/applications/{id}', { ...byId(id), body: { planSummary } })),
  uploadAttachment: (id: number, kind: string, file: File) => upload<DesignationApplication>(`${D}/applications/${id}/attachments${query({ kind })}`, file),
  submitApplication: (id: number) => data(http.POST('/api/v1/designations/applications/{id}/submit', byId(id))),
  withdrawApplication: (id: number) => data(http.POST('/api/v1/designations/applications/{id}/withdraw', byId(id))),
  applicationHistory: (id: number) => data(http.GET('/api/v1/designations/applications/{id}/history', byId(id))),
  reviewers: (callId: number) => data(http.GET('/api/v1/designations/calls/{callId}/reviewers', call(callId))),
  assignReviewers: (callId: number, reviewerIds: string[]) => data(http.POST('/api/v1/designations/calls/{callId}/reviewers', { ...call(callId), body: { reviewerIds } })),
  reviews: () => data(http.GET('/api/v1/designations/reviews')),
  recuse: (id: number, reason: string) => data(http.POST('/api/v1/designations/applications/{id}/recusal', { ...byId(id), body: { reason } })),
  saveScores: (id: number, scores: ScoreInput[]) => data(http.PUT('/api/v1/designations/applications/{id}/scores', { ...byId(id), body: { scores } })),
  scores: (id: number) => data(http.GET('/api/v1/designations/applications/{id}/scores', byId(id))),
  ranking: (callId: number) => data(http.GET('/api/v1/designations/calls/{callId}/ranking', call(callId))),
  decide: (id: number, decision: Decision, reason: string) =>
    data(http.POST('/api/v1/designations/applications/{id}/decision', { ...byId(id), body: { decision, reason } })),
  designations: (filters: DesignationFilters) => data(http.GET('/api/v1/designations', { params: { query: filters } })),
  /** The public list: anonymous, whoever is signed in. */
  publicDesignations: (filters: DesignationFilters) => data(publicHttp.GET('/api/v1/designations/public', { params: { query: filters } })),
  designation: (id: number) => data(http.GET('/api/v1/designations/{id}', byId(id))),
  revokeDesignation: (id: number, reason: string) => data(http.POST('/api/v1/designations/{id}/revoke', { ...byId(id), body: { reason } })),
  evaluations: (id: number) => data(http.GET('/api/v1/designations/{id}/evaluations', byId(id))),
  evaluate: (id: number, input: EvaluationInput) => data(http.POST('/api/v1/designations/{id}/evaluations', { ...byId(id), body: input })),
  support: (schoolId?: number) => data(http.GET('/api/v1/designations/support', { params: { query: { schoolId } } })),
  grantSupport: (input: SupportInput) => data(http.POST('/api/v1/designations/support', { body: input })),
};
