import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, type SchoolFilters } from './api';

// The queries of the core pages: district offices, schools and their AI classrooms, statistics,
// notices. A school's keys nest under ['schools', id], so a change to its classroom refreshes what
// it touches (the classroom's flags, its history) by prefix.

export const coreKeys = {
  schools: ['schools'] as const,
  school: (id: number) => ['schools', id] as const,
  classroomStats: ['classrooms', 'stats'] as const,
  notices: ['notices'] as const,
};

/** The district offices (names of office codes); they do not change while the app runs. */
export const officesQuery = queryOptions({ queryKey: ['district-offices'], queryFn: api.districtOffices, staleTime: Infinity });

/** The district offices, [] until they arrive. */
export function useDistrictOffices() {
  const query = useQuery(officesQuery);
  return { offices: query.data ?? [], error: query.error };
}

export const schoolsQuery = (filters: SchoolFilters) => queryOptions({ queryKey: [...coreKeys.schools, 'list', filters], queryFn: () => api.schools(filters) });

export const schoolQuery = (id: number) => queryOptions({ queryKey: [...coreKeys.school(id), 'detail'], queryFn: () => api.school(id) });

/** A school's name (for a chosen school shown by id); nothing without an id. */
export function useSchoolName(id: number | null | undefined): string | undefined {
  return useQuery({ ...schoolQuery(id ?? 0), enabled: !!id }).data?.name;
}

/** The school's AI classroom; null when it has none (the api answers 404). */
export const classroomQuery = (schoolId: number) =>
  queryOptions({
    queryKey: [...coreKeys.school(schoolId), 'classroom'],
    queryFn: () =>
      api.classroom(schoolId).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
  });

export const equipmentQuery = (schoolId: number) => queryOptions({ queryKey: [...coreKeys.school(schoolId), 'equipment'], queryFn: () => api.equipment(schoolId) });

export const clubsQuery = (schoolId: number) => queryOptions({ queryKey: [...coreKeys.school(schoolId), 'clubs'], queryFn: () => api.clubs(schoolId) });

export const historyQuery = (schoolId: number) => queryOptions({ queryKey: [...coreKeys.school(schoolId), 'history'], queryFn: () => api.history(schoolId) });

export const classroomStatsQuery = queryOptions({ queryKey: coreKeys.classroomStats, queryFn: api.stats });
