import { V1 } from './client';
import { data, http, publicHttp } from './http';
import type { Answers, CampaignInput, CampaignStatus, ReportLevel, SurveyDefinition, SurveyKind } from './models/surveys';

const byId = (id: number) => ({ params: { path: { id } } });
const bySchool = (id: number, schoolId: number) => ({ params: { path: { id, schoolId } } });
// The respondent's pages: whoever holds the code, signed in as someone else or not at all.
const byCode = (code: string) => ({ params: { path: { code } } });

/** Files of a campaign (GET with the bearer header, so through api.download). */
export const surveyUrls = {
  /** The live response rates: a row per school in the viewer's scope, and the offices' totals. */
  responseRatesXlsx: (campaignId: number) => `${V1}/surveys/campaigns/${campaignId}/response-rates.xlsx`,
};

/** 조례 제6조 실태조사·만족도·수요조사. */
export const surveysApi = {
  surveyTemplates: () => data(http.GET('/api/v1/surveys/templates')),
  createSurveyTemplate: (kind: SurveyKind, definition: SurveyDefinition) => data(http.POST('/api/v1/surveys/templates', { body: { kind, definition } })),
  updateSurveyTemplate: (id: number, definition: SurveyDefinition) => data(http.PUT('/api/v1/surveys/templates/{id}', { ...byId(id), body: { definition } })),
  campaigns: (status?: CampaignStatus) => data(http.GET('/api/v1/surveys/campaigns', { params: { query: { status } } })),
  campaign: (id: number) => data(http.GET('/api/v1/surveys/campaigns/{id}', byId(id))),
  createCampaign: (input: CampaignInput) => data(http.POST('/api/v1/surveys/campaigns', { body: input })),
  campaignProgress: (id: number) => data(http.GET('/api/v1/surveys/campaigns/{id}/progress', byId(id))),
  remind: (id: number) => data(http.POST('/api/v1/surveys/campaigns/{id}/remind', byId(id))),
  aggregate: (id: number) => data(http.POST('/api/v1/surveys/campaigns/{id}/aggregate', byId(id))),
  report: (id: number, level: ReportLevel) => data(http.GET('/api/v1/surveys/campaigns/{id}/report', { params: { path: { id }, query: { level } } })),
  startReportExport: (id: number) => data(http.POST('/api/v1/surveys/campaigns/{id}/report/export', byId(id))),
  issueCodes: (id: number, schoolId: number, count: number) => data(http.POST('/api/v1/surveys/campaigns/{id}/schools/{schoolId}/codes', { ...bySchool(id, schoolId), body: { count } })),
  codeBatches: (id: number, schoolId: number) => data(http.GET('/api/v1/surveys/campaigns/{id}/schools/{schoolId}/code-batches', bySchool(id, schoolId))),
  codeSheet: (id: number, schoolId: number, batchId: number) =>
    data(http.GET('/api/v1/surveys/campaigns/{id}/schools/{schoolId}/code-batches/{batchId}', { params: { path: { id, schoolId, batchId } } })),
  schoolResponse: (id: number, schoolId: number) => data(http.GET('/api/v1/surveys/campaigns/{id}/schools/{schoolId}/response', bySchool(id, schoolId))),
  saveSchoolDraft: (id: number, schoolId: number, answers: Answers) =>
    data(http.PUT('/api/v1/surveys/campaigns/{id}/schools/{schoolId}/response/draft', { ...bySchool(id, schoolId), body: { answers } })),
  submitSchoolResponse: (id: number, schoolId: number, answers: Answers, idempotencyKey: string) =>
    data(http.POST('/api/v1/surveys/campaigns/{id}/schools/{schoolId}/response', { ...bySchool(id, schoolId), body: { answers, idempotencyKey } })),
  respondForm: (code: string) => data(publicHttp.GET('/api/v1/surveys/respond/{code}', byCode(code))),
  saveRespondDraft: (code: string, answers: Answers) => data(publicHttp.PUT('/api/v1/surveys/respond/{code}/draft', { ...byCode(code), body: { answers } })),
  submitRespond: (code: string, answers: Answers, idempotencyKey: string) =>
    data(publicHttp.POST('/api/v1/surveys/respond/{code}/submit', { ...byCode(code), body: { answers, idempotencyKey } })),
};
