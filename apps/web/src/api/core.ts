import { json, query, V1, jobStatusUrl } from './client';
import type { Classroom, ClassroomPatch, ClassroomStats, Club, ClubInput, DistrictOffice, EquipmentInput, EquipmentItem, ExportStarted, HistoryEntry, JobStatus, LoginResponse, Me, Page, School } from '../types';
import type { NoticeList } from '../types/surveys';

export interface SchoolFilters {
  q?: string;
  level?: string;
  district?: string;
  districtOffice?: string;
  hasAiClassroom?: string;
  page?: number;
  pageSize?: number;
}

const classroom = (schoolId: number) => `${V1}/schools/${schoolId}/classroom`;

/** Accounts, the school registry, AI classrooms, their export, jobs and notices. */
export const coreApi = {
  login: (email: string, password: string) => json<LoginResponse>('POST', `${V1}/auth/login`, { email, password }),
  me: () => json<Me>('GET', `${V1}/auth/me`),

  districtOffices: () => json<DistrictOffice[]>('GET', `${V1}/district-offices`),
  schools: (filters: SchoolFilters) => json<Page<School>>('GET', `${V1}/schools${query({ ...filters })}`),
  school: (id: number) => json<School>('GET', `${V1}/schools/${id}`),

  classroom: (schoolId: number) => json<Classroom>('GET', classroom(schoolId)),
  updateClassroom: (schoolId: number, patch: ClassroomPatch) => json<Classroom>('PATCH', classroom(schoolId), patch),

  equipment: (schoolId: number) => json<EquipmentItem[]>('GET', `${classroom(schoolId)}/equipment`),
  addEquipment: (schoolId: number, input: Partial<EquipmentInput>) =>
    json<EquipmentItem>('POST', `${classroom(schoolId)}/equipment`, input),
  updateEquipment: (schoolId: number, id: number, patch: Partial<EquipmentInput>) =>
    json<EquipmentItem>('PATCH', `${classroom(schoolId)}/equipment/${id}`, patch),
  deleteEquipment: (schoolId: number, id: number) => json<void>('DELETE', `${classroom(schoolId)}/equipment/${id}`),

  clubs: (schoolId: number) => json<Club[]>('GET', `${classroom(schoolId)}/clubs`),
  addClub: (schoolId: number, input: ClubInput) => json<Club>('POST', `${classroom(schoolId)}/clubs`, input),
  deleteClub: (schoolId: number, id: number) => json<void>('DELETE', `${classroom(schoolId)}/clubs/${id}`),

  history: (schoolId: number) => json<HistoryEntry[]>('GET', `${classroom(schoolId)}/history`),

  stats: () => json<ClassroomStats>('GET', `${V1}/classrooms/stats`),
  startExport: () => json<ExportStarted>('POST', `${V1}/exports/classrooms`),
  /** A background job's state, by the status URL an export answers with, or by its id. */
  job: <J = JobStatus>(statusUrl: string) => json<J>('GET', statusUrl),
  jobById: <J = JobStatus>(jobId: string) => json<J>('GET', jobStatusUrl(jobId)),

  // In-app notices
  notices: () => json<NoticeList>('GET', `${V1}/notices`),
  readNotice: (id: number | string) => json<void>('POST', `${V1}/notices/${encodeURIComponent(String(id))}/read`),
};
