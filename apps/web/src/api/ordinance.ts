import { query, upload, V1 } from './client';
import { data, http, publicHttp } from './http';
import type { DistrictOfficeCode } from './models';
import type { CaseInput, CommendationDecision, CommunityInput, MeetingInput, NominationInput, PlanInput, PlanPatch, PlanRevision, PracticeCase, TaskInput, TaskPatch } from './models/ordinance';
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type CaseListQuery = NonNullable<operations['cases.list']['parameters']['query']>;
export type PublicCaseQuery = NonNullable<operations['cases.publicList']['parameters']['query']>;
export type CommendationListQuery = NonNullable<operations['commendations.list']['parameters']['query']>;

/** What the document's types say of an input whose nullable fields it types loosely (see models/ordinance.ts). */
const asSchema = <K extends keyof Schemas>(input: unknown): Schemas[K] => input as Schemas[K];

const byId = (id: number) => ({ params: { path: { id } } });
const yearOf = (id: number, year: number) => ({ params: { path: { id, year } } });

/** Files fetched with the session's token (DownloadButton, api.download). */
export const ordinanceUrls = {
  /** The latest annual report of a yearly plan as a printable A4 page (HTML). */
  reportPage: (planId: number, year: number) => `${V1}/plans/${planId}/years/${year}/report.html`,
  caseAttachment: (caseId: number, attachmentId: number) => `${V1}/cases/${caseId}/attachments/${attachmentId}`,
  /** A published case's attachment: a plain link, no login. */
  publicCaseAttachment: (caseId: number, attachmentId: number) => `${V1}/cases/public/${caseId}/attachments/${attachmentId}`,
  commendationsXlsx: (year: number) => `${V1}/commendations/export${query({ year })}`,
};

/** 조례 제4조 기본계획·시행계획과 지표. */
export const plansApi = {
  plans: () => data(http.GET('/api/v1/plans')),
  plan: (id: number) => data(http.GET('/api/v1/plans/{id}', byId(id))),
  createPlan: (input: PlanInput) => data(http.POST('/api/v1/plans', { body: asSchema<'CreatePlanDto'>(input) })),
  updatePlan: (id: number, patch: PlanPatch) => data(http.PATCH('/api/v1/plans/{id}', { ...byId(id), body: asSchema<'UpdatePlanDto'>(patch) })),
  adoptPlan: (id: number) => data(http.POST('/api/v1/plans/{id}/adopt', byId(id))),
  revisePlan: (id: number, input: PlanRevision) => data(http.POST('/api/v1/plans/{id}/revise', { ...byId(id), body: asSchema<'RevisePlanDto'>(input) })),
  yearlyPlan: (id: number, year: number) => data(http.GET('/api/v1/plans/{id}/years/{year}', yearOf(id, year))),
  saveYearlyPlan: (id: number, year: number, input: { title?: string; summary?: string }) =>
    data(http.PUT('/api/v1/plans/{id}/years/{year}', { ...yearOf(id, year), body: input })),
  createTask: (id: number, year: number, input: TaskInput) => data(http.POST('/api/v1/plans/{id}/years/{year}/tasks', { ...yearOf(id, year), body: asSchema<'CreateTaskDto'>(input) })),
  updateTask: (id: number, year: number, taskId: number, patch: TaskPatch) =>
    data(http.PATCH('/api/v1/plans/{id}/years/{year}/tasks/{taskId}', { params: { path: { id, year, taskId } }, body: asSchema<'UpdateTaskDto'>(patch) })),
  /** Builds the annual report (XLSX and the A4 page) in the background. */
  startAnnualReport: (id: number, year: number) => data(http.POST('/api/v1/plans/{id}/years/{year}/report', yearOf(id, year))),
  indicators: (year: number, districtOffice?: DistrictOfficeCode) => data(http.GET('/api/v1/indicators', { params: { query: { year, districtOffice } } })),
  indicatorTrend: (year: number, districtOffice?: DistrictOfficeCode) => data(http.GET('/api/v1/indicators/snapshots', { params: { query: { year, districtOffice } } })),
};

/** 조례 제8조 우수사례·교원 학습공동체, 제10조 표창. */
export const practiceApi = {
  cases: (q: CaseListQuery) => data(http.GET('/api/v1/cases', { params: { query: q } })),
  practiceCase: (id: number) => data(http.GET('/api/v1/cases/{id}', byId(id))),
  createCase: (input: CaseInput) => data(http.POST('/api/v1/cases', { body: input })),
  attachToCase: (id: number, file: File) => upload<PracticeCase>(`${V1}/cases/${id}/attachments`, file),
  reviewCase: (id: number, decision: 'approve' | 'return', comment?: string) => data(http.POST('/api/v1/cases/{id}/review', { ...byId(id), body: { decision, comment } })),
  resubmitCase: (id: number) => data(http.POST('/api/v1/cases/{id}/resubmit', byId(id))),
  publishCase: (id: number) => data(http.POST('/api/v1/cases/{id}/publish', byId(id))),
  /** The public gallery: anonymous, whoever is signed in. */
  publicCases: (q: PublicCaseQuery) => data(publicHttp.GET('/api/v1/cases/public', { params: { query: q } })),

  communities: () => data(http.GET('/api/v1/communities')),
  community: (id: number) => data(http.GET('/api/v1/communities/{id}', byId(id))),
  createCommunity: (input: CommunityInput) => data(http.POST('/api/v1/communities', { body: input })),
  addMeeting: (id: number, input: MeetingInput) => data(http.POST('/api/v1/communities/{id}/meetings', { ...byId(id), body: input })),
  creditCommunity: (id: number, courseId: number) => data(http.POST('/api/v1/communities/{id}/credits', { ...byId(id), body: { courseId } })),

  commendations: (q: CommendationListQuery) => data(http.GET('/api/v1/commendations', { params: { query: q } })),
  nominate: (input: NominationInput) => data(http.POST('/api/v1/commendations', { body: input })),
  decideCommendation: (id: number, input: CommendationDecision) => data(http.POST('/api/v1/commendations/{id}/decision', { ...byId(id), body: input })),
};
