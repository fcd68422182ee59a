import { upload } from './client';
import { data, http } from './http';
import type { BankItemFilters, CityReportBy, CutScore, LinkRequest, LiteracyAssessmentInput, LiteracyImportResult, TrendGroup } from './models/literacy';
import type { components } from './schema';

const L = '/api/v1/literacy';
const byId = (id: number) => ({ params: { path: { id } } });

/** The literacy report workbooks (GET with the bearer header, so through api.download). */
export const literacyUrls = {
  reportFile: (id: number, schoolId: number) => `${L}/assessments/${id}/reports/files/${schoolId}`,
};

/** AI·디지털 리터러시 진단검사. */
export const literacyApi = {
  literacyAreas: () => data(http.GET('/api/v1/literacy/areas')),
  assessments: () => data(http.GET('/api/v1/literacy/assessments')),
  assessment: (id: number) => data(http.GET('/api/v1/literacy/assessments/{id}', byId(id))),
  // The fields left out take the document's defaults on the server; openapi-typescript types every
  // field with a default as required, hence the cast.
  createAssessment: (input: LiteracyAssessmentInput) =>
    data(http.POST('/api/v1/literacy/assessments', { body: input as components['schemas']['CreateAssessmentDto'] })),
  setItemDropped: (id: number, itemId: string, dropped: boolean, reason?: string) =>
    data(http.PATCH('/api/v1/literacy/assessments/{id}/items/{itemId}', { params: { path: { id, itemId } }, body: { dropped, ...(reason ? { reason } : {}) } })),
  setCutScores: (id: number, cutScores: CutScore[]) => data(http.PUT('/api/v1/literacy/assessments/{id}/cut-scores', { ...byId(id), body: { cutScores } })),
  importResults: (id: number, file: File) => upload<LiteracyImportResult>(`${L}/assessments/${id}/results/import`, file),
  literacyAnalysis: (id: number) => data(http.GET('/api/v1/literacy/assessments/{id}/analysis', byId(id))),
  cityReport: (id: number, by: CityReportBy) => data(http.GET('/api/v1/literacy/assessments/{id}/report', { params: { path: { id }, query: { by } } })),
  schoolReport: (id: number, schoolId: number) => data(http.GET('/api/v1/literacy/assessments/{id}/schools/{schoolId}/report', { params: { path: { id, schoolId } } })),
  classReport: (id: number, schoolId: number, classNo: number) =>
    data(http.GET('/api/v1/literacy/assessments/{id}/schools/{schoolId}/classes/{classNo}/report', { params: { path: { id, schoolId, classNo } } })),
  studentReport: (id: number, studentId: number) => data(http.GET('/api/v1/literacy/assessments/{id}/students/{studentId}/report', { params: { path: { id, studentId } } })),
  buildReports: (id: number) => data(http.POST('/api/v1/literacy/assessments/{id}/reports/build', byId(id))),
  reportFiles: (id: number) => data(http.GET('/api/v1/literacy/assessments/{id}/reports/files', byId(id))),
  // 문항 은행, 연계·동등화, 연도별 추이 (issue 18)
  bankItems: (filters: BankItemFilters) => data(http.GET('/api/v1/literacy/bank/items', { params: { query: filters } })),
  bankItem: (grade: number, itemId: string) => data(http.GET('/api/v1/literacy/bank/items/{itemId}', { params: { path: { itemId }, query: { grade } } })),
  setBankItemRetired: (grade: number, itemId: string, retired: boolean, reason?: string) =>
    data(http.PATCH('/api/v1/literacy/bank/items/{itemId}', { params: { path: { itemId } }, body: { grade, retired, ...(reason ? { reason } : {}) } })),
  linkAssessment: (id: number, request: LinkRequest) => data(http.POST('/api/v1/literacy/assessments/{id}/link', { ...byId(id), body: request })),
  assessmentLink: (id: number) => data(http.GET('/api/v1/literacy/assessments/{id}/link', byId(id))),
  literacyTrend: (grade: number, group: TrendGroup = {}) => data(http.GET('/api/v1/literacy/trend', { params: { query: { grade, ...group } } })),
};
