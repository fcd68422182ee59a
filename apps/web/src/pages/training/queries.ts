import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api';
import type { ParticipantFilters, TrainingLevel } from '../../api/models';

// The training pages' queries. Every key starts with 'training', so an import or a revoked badge
// refreshes them all at once.

export const trainingKeys = {
  all: ['training'] as const,
  courses: ['training', 'courses'] as const,
};

export const coursesQuery = (filters: { schoolYear?: number; level?: TrainingLevel } = {}) =>
  queryOptions({ queryKey: [...trainingKeys.courses, filters], queryFn: () => api.courses(filters) });

export const pathwaysQuery = queryOptions({ queryKey: ['training', 'pathways'], queryFn: api.pathways });

export const statsQuery = (schoolYear?: number) => queryOptions({ queryKey: ['training', 'stats', schoolYear ?? null], queryFn: () => api.trainingStats(schoolYear) });

export const participantsQuery = (filters: ParticipantFilters) =>
  queryOptions({ queryKey: ['training', 'participants', filters], queryFn: () => api.participants(filters) });

/** 나의 연수: the signed-in person's record. */
export const myTrainingQuery = queryOptions({ queryKey: ['training', 'record', 'me'], queryFn: api.myTraining });

export const participantQuery = (id: number) => queryOptions({ queryKey: ['training', 'record', id], queryFn: () => api.participant(id) });

/** A badge's public verification (also after a revocation). */
export const verifyBadgeQuery = (id: string) => queryOptions({ queryKey: ['training', 'badge', id, 'verify'], queryFn: () => api.verifyBadge(id) });
