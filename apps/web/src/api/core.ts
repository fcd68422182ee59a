import { query, V1 } from './client';
import { data, http, publicHttp } from './http';
import type { operations } from './schema';
import type { ClassroomPatch, ClubInput, EquipmentInput, EquipmentPatch, Job } from './models';

/** GET /schools: the filters and the page. */
export type SchoolFilters = NonNullable<operations['schools.list']['parameters']['query']>;

const school = (id: number) => ({ params: { path: { id } } });

/** Files of the school registry (GET with the bearer header, so through api.download). */
export const coreUrls = {
  /** The school list with the same filters: every matching school, not one page. */
  schoolsXlsx: (filters: SchoolFilters) => `${V1}/schools/export.xlsx${query({ ...filters, page: undefined, pageSize: undefined })}`,
};

/** Sign-in, the school registry, AI classrooms, their export, jobs and notices. */
export const coreApi = {
  login: (email: string, password: string) => data(publicHttp.POST('/api/v1/auth/login', { body: { email, password } })),
  me: () => data(http.GET('/api/v1/auth/me')),

  districtOffices: () => data(http.GET('/api/v1/district-offices')),
  schools: (filters: SchoolFilters) => data(http.GET('/api/v1/schools', { params: { query: filters } })),
  school: (id: number) => data(http.GET('/api/v1/schools/{id}', school(id))),

  classroom: (schoolId: number) => data(http.GET('/api/v1/schools/{id}/classroom', school(schoolId))),
  updateClassroom: (schoolId: number, patch: ClassroomPatch) => data(http.PATCH('/api/v1/schools/{id}/classroom', { ...school(schoolId), body: patch })),

  equipment: (schoolId: number) => data(http.GET('/api/v1/schools/{id}/classroom/equipment', school(schoolId))),
  addEquipment: (schoolId: number, input: EquipmentInput) => data(http.POST('/api/v1/schools/{id}/classroom/equipment', { ...school(schoolId), body: input })),
  updateEquipment: (schoolId: number, itemId: number, patch: EquipmentPatch) =>
    data(http.PATCH('/api/v1/schools/{id}/classroom/equipment/{itemId}', { params: { path: { id: schoolId, itemId } }, body: patch })),
  deleteEquipment: async (schoolId: number, itemId: number): Promise<void> => {
    await http.DELETE('/api/v1/schools/{id}/classroom/equipment/{itemId}', { params: { path: { id: schoolId, itemId } } });
  },

  clubs: (schoolId: number) => data(http.GET('/api/v1/schools/{id}/classroom/clubs', school(schoolId))),
  addClub: (schoolId: number, input: ClubInput) => data(http.POST('/api/v1/schools/{id}/classroom/clubs', { ...school(schoolId), body: input })),
  deleteClub: async (schoolId: number, clubId: number): Promise<void> => {
    await http.DELETE('/api/v1/schools/{id}/classroom/clubs/{clubId}', { params: { path: { id: schoolId, clubId } } });
  },

  history: (schoolId: number) => data(http.GET('/api/v1/schools/{id}/classroom/history', school(schoolId))),

  stats: () => data(http.GET('/api/v1/classrooms/stats')),
  startExport: () => data(http.POST('/api/v1/exports/classrooms')),
  /**
   * A background job (GET /jobs/:id). The type argument is for the features whose pages still name
   * their own job shapes; the answer is a {@link Job}.
   */
  jobById: <J = Job>(jobId: string) => data(http.GET('/api/v1/jobs/{id}', { params: { path: { id: jobId } } })) as Promise<J>,

  // In-app notices
  notices: () => data(http.GET('/api/v1/notices')),
  /** `id` as a notice has it (a string of digits). */
  readNotice: async (id: string): Promise<void> => {
    await http.POST('/api/v1/notices/{id}/read', { params: { path: { id: Number(id) } } });
  },
};
