import { queryOptions } from '@tanstack/react-query';
import { privacyOfficeApi as api, type AccessLogQuery, type RegisterQuery } from '../../api/privacyOffice';

/**
 * The privacy officer's cached answers (TanStack Query). A rule's change or a hold moves the dry
 * run; a destruction run adds to the register, empties the dry run and may destroy access-log rows.
 */
export const privacyKeys = {
  rules: ['privacy', 'rules'] as const,
  dryRun: ['privacy', 'dry-run'] as const,
  register: ['privacy', 'register'] as const,
  holds: ['privacy', 'holds'] as const,
  accessLog: ['privacy', 'access-log'] as const,
  review: ['privacy', 'review'] as const,
};

export const privacyQueries = {
  /** The retention schedule, active rules first. */
  rules: () => queryOptions({ queryKey: privacyKeys.rules, queryFn: async () => (await api.retentionRules()).items }),
  /** What a run today would destroy (POST, destroys nothing); counted afresh each time it is asked for. */
  dryRun: () => queryOptions({ queryKey: privacyKeys.dryRun, queryFn: api.destructionDryRun, gcTime: 0 }),
  /** 개인정보 파기 대장, newest first. */
  register: (q: RegisterQuery) => queryOptions({ queryKey: [...privacyKeys.register, q], queryFn: () => api.destructionRegister(q), placeholderData: (previous) => previous }),
  /** Legal holds, active ones first. */
  holds: () => queryOptions({ queryKey: privacyKeys.holds, queryFn: async () => (await api.legalHolds()).items }),
  /** 접속기록, newest first, by account, subject, action and period. */
  accessLog: (q: AccessLogQuery) => queryOptions({ queryKey: [...privacyKeys.accessLog, q], queryFn: () => api.accessLog(q), placeholderData: (previous) => previous }),
  /** A Seoul month's review (YYYY-MM). */
  review: (month: string) => queryOptions({ queryKey: [...privacyKeys.review, month], queryFn: () => api.accessReview(month) }),
};
