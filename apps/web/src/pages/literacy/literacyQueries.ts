import { queryOptions } from '@tanstack/react-query';
import { api, ApiError } from '../../api';
import type { BankItemFilters, CityReportBy, TrendGroup } from '../../api/models';

/**
 * The literacy pages' cached answers (TanStack Query). Everything read about an assessment sits
 * under `assessment(id)`: when its results, items or cut scores change (and the analysis has run
 * again), invalidating that key reloads its analysis and every report at once.
 */
export const literacyKeys = {
  /** The list and every assessment. */
  assessments: ['literacy', 'assessments'] as const,
  assessment: (id: number) => ['literacy', 'assessments', id] as const,
  /** The item bank: every list and item (a retired item, a new analysis or link changes them). */
  bank: ['literacy', 'bank'] as const,
  /** Every grade's trend (a new link or analysis changes them). */
  trends: ['literacy', 'trend'] as const,
};

export const literacyQueries = {
  /** The competency areas: configuration, the same all session long. */
  areas: () => queryOptions({ queryKey: ['literacy', 'areas'], queryFn: () => api.literacyAreas(), staleTime: Infinity }),
  assessments: () => queryOptions({ queryKey: literacyKeys.assessments, queryFn: () => api.assessments() }),
  assessment: (id: number) => queryOptions({ queryKey: [...literacyKeys.assessment(id), 'detail'], queryFn: () => api.assessment(id) }),
  analysis: (id: number) => queryOptions({ queryKey: [...literacyKeys.assessment(id), 'analysis'], queryFn: () => api.literacyAnalysis(id) }),
  cityReport: (id: number, by: CityReportBy) =>
    queryOptions({ queryKey: [...literacyKeys.assessment(id), 'report', by], queryFn: () => api.cityReport(id, by), placeholderData: (previous) => previous }),
  schoolReport: (id: number, schoolId: number) => queryOptions({ queryKey: [...literacyKeys.assessment(id), 'schools', schoolId], queryFn: () => api.schoolReport(id, schoolId) }),
  classReport: (id: number, schoolId: number, classNo: number) =>
    queryOptions({ queryKey: [...literacyKeys.assessment(id), 'schools', schoolId, 'classes', classNo], queryFn: () => api.classReport(id, schoolId, classNo) }),
  studentReport: (id: number, studentId: number) => queryOptions({ queryKey: [...literacyKeys.assessment(id), 'students', studentId], queryFn: () => api.studentReport(id, studentId) }),
  reportFiles: (id: number) => queryOptions({ queryKey: [...literacyKeys.assessment(id), 'report-files'], queryFn: () => api.reportFiles(id) }),
  bankItems: (filters: BankItemFilters) => queryOptions({ queryKey: [...literacyKeys.bank, 'items', filters], queryFn: () => api.bankItems(filters), placeholderData: (previous) => previous }),
  bankItem: (grade: number, itemId: string) => queryOptions({ queryKey: [...literacyKeys.bank, 'item', grade, itemId], queryFn: () => api.bankItem(grade, itemId) }),
  /** The assessment's link to its base; null before the first link (404 NOT_LINKED). */
  link: (id: number) =>
    queryOptions({
      queryKey: [...literacyKeys.assessment(id), 'link'],
      queryFn: () => api.assessmentLink(id).catch((error: unknown) => (error instanceof ApiError && error.code === 'NOT_LINKED' ? null : Promise.reject(error))),
      retry: false,
    }),
  trend: (grade: number, group: TrendGroup = {}) => queryOptions({ queryKey: [...literacyKeys.trends, grade, group], queryFn: () => api.literacyTrend(grade, group) }),
};
