import { accountsApi } from './accounts';
import { download } from './client';
import { consentApi } from './consent';
import { coreApi } from './core';
import { designationsApi } from './designations';
import { jobsApi } from './jobs';
import { literacyApi } from './literacy';
import { surveysApi } from './surveys';
import { trainingApi } from './training';

export { accountUrls } from './accounts';
export { ApiError, jobStatusUrl, setPasswordChangeHandler, setUnauthorizedHandler, type ErrorDetail } from './client';
export { consentUrls } from './consent';
export { coreUrls, type SchoolFilters } from './core';
export { designationUrls } from './designations';
export { literacyUrls } from './literacy';
export { surveyUrls } from './surveys';
export { badgeUrls, trainingUrls, type ParticipantFilters } from './training';

/** The one client of the api, one module per feature. */
export const api = { ...coreApi, ...designationsApi, ...trainingApi, ...surveysApi, ...literacyApi, ...consentApi, ...accountsApi, ...jobsApi, download };
