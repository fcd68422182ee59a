import { json, query, V1 } from './client';
import type { Answers, CampaignInput, CampaignListItem, CampaignProgress, CampaignStatus, CodeBatch, CodeSheet, IssuedCodes, ReportLevel, RespondForm, SchoolResponse, StartedJob, SubmitResult, SurveyCampaign, SurveyDefinition, SurveyKind, SurveyReport, SurveyTemplate } from '../types/surveys';

const S = `${V1}/surveys`;
const campaign = (id: number) => `${S}/campaigns/${id}`;
const campaignSchool = (id: number, schoolId: number) => `${campaign(id)}/schools/${schoolId}`;
const respond = (code: string) => `${S}/respond/${encodeURIComponent(code)}`;

/** 조례 제6조 실태조사·만족도·수요조사. */
export const surveysApi = {
  surveyTemplates: () => json<SurveyTemplate[]>('GET', `${S}/templates`),
  surveyTemplate: (id: number) => json<SurveyTemplate>('GET', `${S}/templates/${id}`),
  createSurveyTemplate: (kind: SurveyKind, definition: SurveyDefinition) => json<SurveyTemplate>('POST', `${S}/templates`, { kind, definition }),
  updateSurveyTemplate: (id: number, definition: SurveyDefinition) => json<SurveyTemplate>('PUT', `${S}/templates/${id}`, { definition }),
  surveyTemplateVersion: (id: number, version: number) =>
    json<{ version: number; definition: SurveyDefinition }>('GET', `${S}/templates/${id}/versions/${version}`),
  campaigns: (status?: CampaignStatus) => json<{ items: CampaignListItem[] }>('GET', `${S}/campaigns${query({ status })}`),
  campaign: (id: number) => json<SurveyCampaign>('GET', campaign(id)),
  createCampaign: (input: CampaignInput) => json<SurveyCampaign>('POST', `${S}/campaigns`, input),
  campaignProgress: (id: number) => json<CampaignProgress>('GET', `${campaign(id)}/progress`),
  remind: (id: number) => json<StartedJob>('POST', `${campaign(id)}/remind`),
  aggregate: (id: number) => json<StartedJob>('POST', `${campaign(id)}/aggregate`),
  report: (id: number, level: ReportLevel) => json<SurveyReport>('GET', `${campaign(id)}/report${query({ level })}`),
  startReportExport: (id: number) => json<StartedJob>('POST', `${campaign(id)}/report/export`),
  issueCodes: (id: number, schoolId: number, count: number) => json<IssuedCodes>('POST', `${campaignSchool(id, schoolId)}/codes`, { count }),
  codeBatches: (id: number, schoolId: number) => json<{ items: CodeBatch[] }>('GET', `${campaignSchool(id, schoolId)}/code-batches`),
  codeSheet: (id: number, schoolId: number, batchId: string) =>
    json<CodeSheet>('GET', `${campaignSchool(id, schoolId)}/code-batches/${encodeURIComponent(batchId)}`),
  schoolResponse: (id: number, schoolId: number) => json<SchoolResponse>('GET', `${campaignSchool(id, schoolId)}/response`),
  saveSchoolDraft: (id: number, schoolId: number, answers: Answers) => json<unknown>('PUT', `${campaignSchool(id, schoolId)}/response/draft`, { answers }),
  submitSchoolResponse: (id: number, schoolId: number, answers: Answers, idempotencyKey: string) =>
    json<SubmitResult>('POST', `${campaignSchool(id, schoolId)}/response`, { answers, idempotencyKey }),
  respondForm: (code: string) => json<RespondForm>('GET', respond(code)),
  saveRespondDraft: (code: string, answers: Answers) => json<unknown>('PUT', `${respond(code)}/draft`, { answers }),
  submitRespond: (code: string, answers: Answers, idempotencyKey: string) => json<SubmitResult>('POST', `${respond(code)}/submit`, { answers, idempotencyKey }),
};
