import { query, upload, V1 } from './client';
import { data, http, publicHttp } from './http';
import type { CompletionImportResult, CourseInput, DuplicatePolicy, ParticipantFilters, TrainingLevel } from './models';

export type { ParticipantFilters } from './models';

const badge = (id: string) => `${V1}/badges/${encodeURIComponent(id)}`;
const byId = (id: string) => ({ params: { path: { id } } });

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

/** Files of the training rolls (GET with the bearer header, so through api.download). */
export const trainingUrls = {
  /** The participants list with the same filters: every matching person, not one page. */
  participantsXlsx: (filters: { q?: string; schoolId?: number }) => `${V1}/training/participants/export.xlsx${query(filters)}`,
};

/** 조례 제7조 교원 연수 · 디지털 배지. */
export const trainingApi = {
  myTraining: () => data(http.GET('/api/v1/training/me')),
  participants: (filters: ParticipantFilters) => data(http.GET('/api/v1/training/participants', { params: { query: filters } })),
  participant: (id: number) => data(http.GET('/api/v1/training/participants/{id}', { params: { path: { id } } })),
  courses: (filters: { schoolYear?: number; level?: TrainingLevel } = {}) => data(http.GET('/api/v1/training/courses', { params: { query: filters } })),
  createCourse: (input: CourseInput) => data(http.POST('/api/v1/training/courses', { body: input })),
  pathways: () => data(http.GET('/api/v1/training/pathways')),
  /** Answers every level's pathway. */
  setPathway: (level: TrainingLevel, courseCodes: string[]) => data(http.PUT('/api/v1/training/pathways/{level}', { params: { path: { level } }, body: { courseCodes } })),
  trainingStats: (schoolYear?: number) => data(http.GET('/api/v1/training/stats', { params: { query: { schoolYear } } })),
  importCompletions: (file: File, duplicates: DuplicatePolicy) => upload<CompletionImportResult>(`${V1}/training/completions/import${query({ duplicates })}`, file),
  /** The public verification: anonymous, whoever is signed in. */
  verifyBadge: (id: string) => data(publicHttp.GET('/api/v1/badges/{id}/verify', byId(id))),
  revokeBadge: (id: string, reason: string) => data(http.POST('/api/v1/badges/{id}/revoke', { ...byId(id), body: { reason } })),
};
