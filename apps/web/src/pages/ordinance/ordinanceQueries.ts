import { queryOptions } from '@tanstack/react-query';
import type { DistrictOfficeCode } from '../../api/models';
import { plansApi, practiceApi, type CaseListQuery, type CommendationListQuery } from '../../api/ordinance';

/** The cached answers of the 조례 이행 pages (TanStack Query). */
export const ordinanceKeys = {
  plans: ['plans'] as const,
  plan: (id: number) => ['plans', id] as const,
  year: (id: number, year: number) => ['plans', id, 'years', year] as const,
  indicators: ['indicators'] as const,
  cases: ['cases'] as const,
  communities: ['communities'] as const,
  community: (id: number) => ['communities', id] as const,
  commendations: ['commendations'] as const,
};

export const ordinanceQueries = {
  plans: () => queryOptions({ queryKey: ordinanceKeys.plans, queryFn: async () => (await plansApi.plans()).items }),
  plan: (id: number) => queryOptions({ queryKey: ordinanceKeys.plan(id), queryFn: () => plansApi.plan(id) }),
  year: (id: number, year: number) => queryOptions({ queryKey: ordinanceKeys.year(id, year), queryFn: () => plansApi.yearlyPlan(id, year), retry: false }),
  indicators: (year: number, office?: DistrictOfficeCode) =>
    queryOptions({ queryKey: [...ordinanceKeys.indicators, 'live', year, office ?? null], queryFn: () => plansApi.indicators(year, office) }),
  trend: (year: number, office?: DistrictOfficeCode) =>
    queryOptions({ queryKey: [...ordinanceKeys.indicators, 'trend', year, office ?? null], queryFn: () => plansApi.indicatorTrend(year, office) }),
  cases: (q: CaseListQuery) => queryOptions({ queryKey: [...ordinanceKeys.cases, q], queryFn: () => practiceApi.cases(q), placeholderData: (previous) => previous }),
  communities: () => queryOptions({ queryKey: ordinanceKeys.communities, queryFn: practiceApi.communities }),
  community: (id: number) => queryOptions({ queryKey: ordinanceKeys.community(id), queryFn: () => practiceApi.community(id) }),
  commendations: (q: CommendationListQuery) => queryOptions({ queryKey: [...ordinanceKeys.commendations, q], queryFn: () => practiceApi.commendations(q) }),
};
