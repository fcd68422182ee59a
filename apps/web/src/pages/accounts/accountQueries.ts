import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api';
import type { AccountFilters } from '../../api/accounts';

// The account pages' queries. Every account's key starts with 'users', so a change to one account
// refreshes the lists too; the audit log's with 'audit'.

export const accountKeys = {
  all: ['users'] as const,
  user: (id: string) => ['users', 'detail', id] as const,
  audit: ['audit'] as const,
  me: (userId: string) => ['me', userId] as const,
};

export const usersQuery = (filters: AccountFilters) => queryOptions({ queryKey: [...accountKeys.all, 'list', filters], queryFn: () => api.users(filters) });

export const userQuery = (id: string) => queryOptions({ queryKey: accountKeys.user(id), queryFn: () => api.user(id) });

/** The live activation links of a school's or an import's accounts (the api records every look). */
export const activationLinksQuery = (q: { schoolId?: number; batchId?: number }) =>
  queryOptions({ queryKey: [...accountKeys.all, 'activation-links', q], queryFn: () => api.activationLinks(q), gcTime: 0 });

/** The signed-in account, by its id (a sign-in as someone else in this tab never shows the last one's). */
export const meQuery = (userId: string) => queryOptions({ queryKey: accountKeys.me(userId), queryFn: api.me });
