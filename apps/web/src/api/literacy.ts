import { json, query, upload, V1 } from './client';
import type { CityReportBy, CutScore, LiteracyAnalysis, LiteracyArea, LiteracyAssessment, LiteracyAssessmentInput, LiteracyAssessmentListItem, LiteracyCityReport, LiteracyClassReport, LiteracyImportResult, LiteracyReportFile, LiteracySchoolReport, LiteracyStartedJob, LiteracyStudentReport } from '../types/literacy';

const L = `${V1}/literacy`;
const assessment = (id: number) => `${L}/assessments/${id}`;

/** The literacy report workbooks (GET with the bearer header, so through api.download). */
export const literacyUrls = {
  reportFile: (id: number, schoolId: number) => `${assessment(id)}/reports/files/${schoolId}`,
};

/** AI·디지털 리터러시 진단검사. */
export const literacyApi = {
  literacyAreas: () => json<LiteracyArea[]>('GET', `${L}/areas`),
  assessments: () => json<{ items: LiteracyAssessmentListItem[] }>('GET', `${L}/assessments`),
  assessment: (id: number) => json<LiteracyAssessment>('GET', assessment(id)),
  createAssessment: (input: LiteracyAssessmentInput) => json<LiteracyAssessment>('POST', `${L}/assessments`, input),
  setItemDropped: (id: number, itemId: string, dropped: boolean, reason?: string) =>
    json<{ assessment: LiteracyAssessment; analysis: LiteracyStartedJob }>('PATCH', `${assessment(id)}/items/${encodeURIComponent(itemId)}`, { dropped, ...(reason ? { reason } : {}) }),
  setCutScores: (id: number, cutScores: CutScore[]) =>
    json<{ assessment: LiteracyAssessment; analysis: LiteracyStartedJob }>('PUT', `${assessment(id)}/cut-scores`, { cutScores }),
  importResults: (id: number, file: File) => upload<LiteracyImportResult>(`${assessment(id)}/results/import`, file),
  literacyAnalysis: (id: number) => json<LiteracyAnalysis>('GET', `${assessment(id)}/analysis`),
  cityReport: (id: number, by: CityReportBy) => json<LiteracyCityReport>('GET', `${assessment(id)}/report${query({ by })}`),
  schoolReport: (id: number, schoolId: number) => json<LiteracySchoolReport>('GET', `${assessment(id)}/schools/${schoolId}/report`),
  classReport: (id: number, schoolId: number, classNo: number) => json<LiteracyClassReport>('GET', `${assessment(id)}/schools/${schoolId}/classes/${classNo}/report`),
  studentReport: (id: number, studentId: number) => json<LiteracyStudentReport>('GET', `${assessment(id)}/students/${studentId}/report`),
  buildReports: (id: number) => json<LiteracyStartedJob>('POST', `${assessment(id)}/reports/build`),
  reportFiles: (id: number) => json<{ items: LiteracyReportFile[] }>('GET', `${assessment(id)}/reports/files`),
};
