import { queryOptions } from '@tanstack/react-query';
import { consentApi as api } from '../../api/consent';

/**
 * The consent pages' cached answers (TanStack Query). A recorded decision, a withdrawal, a new
 * student or imported slips change `eligibility` (every class list), the student's `records` and the
 * `letters`' answered counts.
 */
export const consentKeys = {
  services: ['consent', 'services'] as const,
  notices: (serviceId: number) => ['consent', 'notices', serviceId] as const,
  eligibility: ['consent', 'eligibility'] as const,
  records: ['consent', 'records'] as const,
  letters: ['consent', 'letters'] as const,
};

type ClassQuery = Parameters<typeof api.classEligibility>[0];
type OverviewQuery = Parameters<typeof api.consentOverview>[0];

export const consentQueries = {
  /** The AI services registry. */
  services: () => queryOptions({ queryKey: consentKeys.services, queryFn: async () => (await api.aiServices()).items }),
  /** A service's notices, newest first. */
  notices: (serviceId: number) => queryOptions({ queryKey: consentKeys.notices(serviceId), queryFn: async () => (await api.consentNotices(serviceId)).items }),
  classEligibility: (q: ClassQuery) =>
    queryOptions({ queryKey: [...consentKeys.eligibility, q], queryFn: () => api.classEligibility(q), placeholderData: (previous) => previous }),
  /** 동의 현황: the figures per office, district, school or class (changes with every decision, as the class lists). */
  overview: (q: OverviewQuery) =>
    queryOptions({ queryKey: [...consentKeys.eligibility, 'overview', q], queryFn: () => api.consentOverview(q), placeholderData: (previous) => previous }),
  history: (studentId: number) => queryOptions({ queryKey: [...consentKeys.records, studentId], queryFn: () => api.consentHistory(studentId) }),
  letters: (schoolId: number | null) => queryOptions({ queryKey: [...consentKeys.letters, 'list', schoolId], queryFn: async () => (await api.letters(schoolId ?? undefined)).items }),
  letter: (id: number) => queryOptions({ queryKey: [...consentKeys.letters, id], queryFn: () => api.letter(id) }),
  /** The guardian's page: read afresh whenever the link is opened. */
  guardianLetter: (token: string) => queryOptions({ queryKey: ['consent', 'respond', token], queryFn: () => api.guardianLetter(token), gcTime: 0 }),
};
