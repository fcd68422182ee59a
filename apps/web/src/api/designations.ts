import { json, query, upload, V1 } from './client';
import type { AuditEntry, CallInput, Designation, DesignationApplication, DesignationCall, DesignationEvaluation, DesignationFilters, DesignationType, EvaluationInput, EvaluationResult, Page, RankingRow, Reviewer, ReviewerScores, ReviewItem, ScoreInput, SupportEntry, SupportInput } from '../types';

const D = `${V1}/designations`;
const application = (id: number) => `${D}/applications/${id}`;

export const designationUrls = {
  rankingXlsx: (callId: number) => `${D}/calls/${callId}/ranking.xlsx`,
  exportXlsx: (type?: string) => `${D}/export.xlsx${query({ type })}`,
  attachment: (applicationId: number, attachmentId: number) => `${application(applicationId)}/attachments/${attachmentId}`,
};

/** 조례 제5조 선도학교·연구학교 지정. */
export const designationsApi = {
  designationTypes: () => json<DesignationType[]>('GET', `${D}/types`),
  addDesignationType: (input: { code: string; name: string; description?: string }) => json<DesignationType>('POST', `${D}/types`, input),
  calls: () => json<DesignationCall[]>('GET', `${D}/calls`),
  call: (id: number) => json<DesignationCall>('GET', `${D}/calls/${id}`),
  createCall: (input: CallInput) => json<DesignationCall>('POST', `${D}/calls`, input),
  apply: (callId: number, planSummary: string) => json<DesignationApplication>('POST', `${D}/calls/${callId}/applications`, { planSummary }),
  application: (id: number) => json<DesignationApplication>('GET', application(id)),
  updateApplication: (id: number, planSummary: string) => json<DesignationApplication>('PATCH', application(id), { planSummary }),
  uploadAttachment: (id: number, kind: string, file: File) => upload<DesignationApplication>(`${application(id)}/attachments${query({ kind })}`, file),
  submitApplication: (id: number) => json<DesignationApplication>('POST', `${application(id)}/submit`),
  withdrawApplication: (id: number) => json<DesignationApplication>('POST', `${application(id)}/withdraw`),
  applicationHistory: (id: number) => json<AuditEntry[]>('GET', `${application(id)}/history`),
  reviewers: (callId: number) => json<Reviewer[]>('GET', `${D}/calls/${callId}/reviewers`),
  assignReviewers: (callId: number, reviewerIds: string[]) => json<Reviewer[]>('POST', `${D}/calls/${callId}/reviewers`, { reviewerIds }),
  reviews: () => json<ReviewItem[]>('GET', `${D}/reviews`),
  recuse: (id: number, reason: string) => json<{ applicationId: number; recused: boolean; reason: string }>('POST', `${application(id)}/recusal`, { reason }),
  saveScores: (id: number, scores: ScoreInput[]) => json<ReviewerScores[]>('PUT', `${application(id)}/scores`, { scores }),
  scores: (id: number) => json<ReviewerScores[]>('GET', `${application(id)}/scores`),
  ranking: (callId: number) => json<RankingRow[]>('GET', `${D}/calls/${callId}/ranking`),
  decide: (id: number, decision: 'designate' | 'reject', reason: string) => json<DesignationApplication>('POST', `${application(id)}/decision`, { decision, reason }),
  designations: (filters: DesignationFilters) => json<Page<Designation>>('GET', `${D}${query({ ...filters })}`),
  publicDesignations: (filters: DesignationFilters) => json<Page<Designation>>('GET', `${D}/public${query({ ...filters })}`),
  designation: (id: number) => json<Designation>('GET', `${D}/${id}`),
  revokeDesignation: (id: number, reason: string) => json<Designation>('POST', `${D}/${id}/revoke`, { reason }),
  evaluations: (id: number) => json<DesignationEvaluation[]>('GET', `${D}/${id}/evaluations`),
  evaluate: (id: number, input: EvaluationInput) => json<EvaluationResult>('POST', `${D}/${id}/evaluations`, input),
  support: (schoolId?: number) => json<SupportEntry[]>('GET', `${D}/support${query({ schoolId })}`),
  grantSupport: (input: SupportInput) => json<SupportEntry>('POST', `${D}/support`, input),
};
