import { json, query, upload, V1 } from './client';
import type { BadgeVerification, CompletionImportResult, CourseInput, DuplicatePolicy, Page, ParticipantListItem, TrainingCourse, TrainingPathway, TrainingRecord, TrainingStats } from '../types';

const T = `${V1}/training`;
const badge = (id: string) => `${V1}/badges/${encodeURIComponent(id)}`;

/** Public badge URLs: anyone may open them without logging in, so they are plain links. */
export const badgeUrls = {
  credential: (id: string) => badge(id),
  verifyApi: (id: string) => `${badge(id)}/verify`,
  png: (id: string) => `${badge(id)}/badge.png`,
  svg: (id: string) => `${badge(id)}/badge.svg`,
  jwt: (id: string) => `${badge(id)}/jwt`,
  /** The verification page of the web UI (what a teacher shares). */
  page: (id: string) => `/badges/${encodeURIComponent(id)}/verify`,
};

export interface ParticipantFilters {
  q?: string;
  schoolId?: number;
  page?: number;
  pageSize?: number;
}

/** 조례 제7조 교원 연수 · 디지털 배지. */
export const trainingApi = {
  myTraining: () => json<TrainingRecord>('GET', `${T}/me`),
  participants: (filters: ParticipantFilters) => json<Page<ParticipantListItem>>('GET', `${T}/participants${query({ ...filters })}`),
  participant: (id: number) => json<TrainingRecord>('GET', `${T}/participants/${id}`),
  courses: (filters: { schoolYear?: number; level?: string } = {}) => json<TrainingCourse[]>('GET', `${T}/courses${query(filters)}`),
  createCourse: (input: CourseInput) => json<TrainingCourse>('POST', `${T}/courses`, input),
  pathways: () => json<TrainingPathway[]>('GET', `${T}/pathways`),
  setPathway: (level: string, courseCodes: string[]) => json<TrainingPathway>('PUT', `${T}/pathways/${encodeURIComponent(level)}`, { courseCodes }),
  trainingStats: (schoolYear?: number) => json<TrainingStats>('GET', `${T}/stats${query({ schoolYear })}`),
  importCompletions: (file: File, duplicates: DuplicatePolicy) => upload<CompletionImportResult>(`${T}/completions/import${query({ duplicates })}`, file),
  verifyBadge: (id: string) => json<BadgeVerification>('GET', badgeUrls.verifyApi(id)),
  revokeBadge: (id: string, reason: string) => json<BadgeVerification>('POST', `${badge(id)}/revoke`, { reason }),
};
