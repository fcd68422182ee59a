import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client';

/**
 * The one cache of api answers. A 4xx is an answer, not a hiccup: it is not retried (a 404 stays a
 * 404); network failures and 5xx are tried twice more. No refetch on window focus: the pages that
 * must stay current (job progress, live response counts) poll on their own.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});
