import { queryOptions } from '@tanstack/react-query';
import { api, ApiError } from '../../api';
import type { DesignationFilters } from '../../api/models';

// The designation pages' queries. Every key starts with 'designations' and nests by what it
// belongs to, so a change refreshes what it touches: everything of a call
// (['designations', 'calls', id]), of an application, of a designation.

export const designationKeys = {
  calls: ['designations', 'calls'] as const,
  call: (callId: number) => ['designations', 'calls', callId] as const,
  application: (id: number) => ['designations', 'applications', id] as const,
  reviews: ['designations', 'reviews'] as const,
  designation: (id: number) => ['designations', 'designation', id] as const,
  support: (schoolId: number) => ['designations', 'support', schoolId] as const,
};

export const typesQuery = queryOptions({ queryKey: ['designations', 'types'], queryFn: api.designationTypes });

export { officesQuery } from '../../coreQueries';

export const callsQuery = queryOptions({ queryKey: [...designationKeys.calls, 'list'], queryFn: api.calls });

export const callQuery = (callId: number) => queryOptions({ queryKey: [...designationKeys.call(callId), 'detail'], queryFn: () => api.call(callId) });

export const reviewersQuery = (callId: number) =>
  queryOptions({ queryKey: [...designationKeys.call(callId), 'reviewers'], queryFn: () => api.reviewers(callId) });

export const rankingQuery = (callId: number) => queryOptions({ queryKey: [...designationKeys.call(callId), 'ranking'], queryFn: () => api.ranking(callId) });

export const applicationQuery = (id: number) =>
  queryOptions({ queryKey: [...designationKeys.application(id), 'detail'], queryFn: () => api.application(id) });

export const applicationHistoryQuery = (id: number) =>
  queryOptions({ queryKey: [...designationKeys.application(id), 'history'], queryFn: () => api.applicationHistory(id) });

/** Every reviewer's scores of an application; none for a reviewer who may not see them (403: not assigned, or excluded). */
export const scoresQuery = (id: number) =>
  queryOptions({
    queryKey: [...designationKeys.application(id), 'scores'],
    queryFn: () =>
      api.scores(id).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 403) return [];
        throw e;
      }),
  });

export const reviewsQuery = queryOptions({ queryKey: designationKeys.reviews, queryFn: api.reviews });

export const designationsQuery = (filters: DesignationFilters) =>
  queryOptions({ queryKey: ['designations', 'list', filters], queryFn: () => api.designations(filters) });

export const designationQuery = (id: number) =>
  queryOptions({ queryKey: [...designationKeys.designation(id), 'detail'], queryFn: () => api.designation(id) });

export const evaluationsQuery = (id: number) =>
  queryOptions({ queryKey: [...designationKeys.designation(id), 'evaluations'], queryFn: () => api.evaluations(id) });

export const supportQuery = (schoolId: number) => queryOptions({ queryKey: designationKeys.support(schoolId), queryFn: () => api.support(schoolId) });
