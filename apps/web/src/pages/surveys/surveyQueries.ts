import { queryOptions } from '@tanstack/react-query';
import { surveysApi as api } from '../../api/surveys';
import type { CampaignStatus, ReportLevel } from '../../api/models';

/** How often the response rates are read again while a page shows them. */
export const PROGRESS_POLL_MS = 15_000;

/**
 * The surveys' cached answers (TanStack Query). A key under `campaign(id)` is about that campaign,
 * so invalidating it reloads its counts, progress, report, codes and school response at once.
 */
export const surveyKeys = {
  templates: ['surveys', 'templates'] as const,
  /** Every list and every campaign. */
  campaigns: ['surveys', 'campaigns'] as const,
  campaign: (id: number) => ['surveys', 'campaigns', id] as const,
  progress: (id: number) => [...surveyKeys.campaign(id), 'progress'] as const,
  report: (id: number) => [...surveyKeys.campaign(id), 'report'] as const,
  school: (id: number, schoolId: number) => [...surveyKeys.campaign(id), 'schools', schoolId] as const,
};

export const surveyQueries = {
  templates: () => queryOptions({ queryKey: surveyKeys.templates, queryFn: () => api.surveyTemplates() }),
  campaigns: (status?: CampaignStatus) =>
    queryOptions({ queryKey: [...surveyKeys.campaigns, 'list', status ?? 'all'], queryFn: () => api.campaigns(status), placeholderData: (previous) => previous }),
  campaign: (id: number) => queryOptions({ queryKey: surveyKeys.campaign(id), queryFn: () => api.campaign(id) }),
  /** The live response rates, read again every PROGRESS_POLL_MS (after a failure too: a dropped connection recovers by itself). */
  progress: (id: number) => queryOptions({ queryKey: surveyKeys.progress(id), queryFn: () => api.campaignProgress(id), refetchInterval: PROGRESS_POLL_MS }),
  report: (id: number, level: ReportLevel) =>
    queryOptions({ queryKey: [...surveyKeys.report(id), level], queryFn: () => api.report(id, level), placeholderData: (previous) => previous }),
  codeBatches: (id: number, schoolId: number) => queryOptions({ queryKey: [...surveyKeys.school(id, schoolId), 'code-batches'], queryFn: () => api.codeBatches(id, schoolId) }),
  codeSheet: (id: number, schoolId: number, batchId: number) =>
    queryOptions({ queryKey: [...surveyKeys.school(id, schoolId), 'code-batches', batchId], queryFn: () => api.codeSheet(id, schoolId, batchId) }),
  schoolResponse: (id: number, schoolId: number) => queryOptions({ queryKey: [...surveyKeys.school(id, schoolId), 'response'], queryFn: () => api.schoolResponse(id, schoolId) }),
  /** The respondent's form: read afresh whenever it opens, so a saved draft is always the one shown. */
  respondForm: (code: string) => queryOptions({ queryKey: ['surveys', 'respond', code], queryFn: () => api.respondForm(code), gcTime: 0 }),
};
