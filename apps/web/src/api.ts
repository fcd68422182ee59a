import { currentToken } from './session';
import type {
  AuditEntry,
  BadgeJobStatus,
  BadgeVerification,
  CallInput,
  Classroom,
  ClassroomPatch,
  ClassroomStats,
  Club,
  ClubInput,
  CompletionImportResult,
  CourseInput,
  Designation,
  DesignationApplication,
  DesignationCall,
  DesignationEvaluation,
  DesignationFilters,
  DesignationType,
  DistrictOffice,
  DuplicatePolicy,
  EquipmentInput,
  EquipmentItem,
  EvaluationInput,
  EvaluationResult,
  ExportStarted,
  HistoryEntry,
  JobStatus,
  LoginResponse,
  Page,
  ParticipantListItem,
  RankingRow,
  Reviewer,
  ReviewerScores,
  ReviewItem,
  School,
  ScoreInput,
  SupportEntry,
  SupportInput,
  TrainingCourse,
  TrainingPathway,
  TrainingRecord,
  TrainingStats,
  User,
} from './types';
import type {
  Answers,
  CampaignInput,
  CampaignListItem,
  CampaignProgress,
  CampaignStatus,
  CodeBatch,
  CodeSheet,
  IssuedCodes,
  NoticeList,
  ReportLevel,
  RespondForm,
  SchoolResponse,
  StartedJob,
  SubmitResult,
  SurveyCampaign,
  SurveyDefinition,
  SurveyJobStatus,
  SurveyKind,
  SurveyReport,
  SurveyTemplate,
} from './types/surveys';
import type {
  CityReportBy,
  CutScore,
  LiteracyAnalysis,
  LiteracyArea,
  LiteracyAssessment,
  LiteracyAssessmentInput,
  LiteracyAssessmentListItem,
  LiteracyCityReport,
  LiteracyClassReport,
  LiteracyImportResult,
  LiteracyJobStatus,
  LiteracyReportFile,
  LiteracySchoolReport,
  LiteracyStartedJob,
  LiteracyStudentReport,
} from './types/literacy';
import type {
  AiService,
  AiServiceInput,
  ClassEligibility,
  ClassEligibilityQuery,
  ConsentHistory,
  ConsentLetter,
  ConsentNotice,
  ConsentNoticeInput,
  ConsentRecord,
  ConsentRecordInput,
  ConsentStudent,
  GuardianAnswer,
  GuardianLetter,
  LetterInput,
  LetterTracking,
  SlipImportResult,
  StudentInput,
  WithdrawInput,
} from './types/consent';


export interface ErrorDetail {
  field?: string;
  row?: number;
  column?: string;
  /** ATTACHMENTS_MISSING: the missing attachment kind. */
  kind?: string;
  reason: string;
}

/** An API error in the server's single error shape (or a network failure, status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let onUnauthorized: () => void = () => {};

/** Called when a signed-in request comes back 401 (expired or revoked token). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  // A FormData body (file upload) sets its own multipart content type.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '서버에 연결할 수 없습니다. 네트워크 상태를 확인하세요.');
  }
  if (!res.ok) {
    const payload = (await res.json().catch(() => null)) as {
      code?: string;
      message?: string;
      details?: ErrorDetail[];
      requestId?: string;
    } | null;
    const error = new ApiError(
      res.status,
      payload?.code ?? `HTTP_${res.status}`,
      payload?.message ?? res.statusText,
      Array.isArray(payload?.details) ? payload.details : [],
      payload?.requestId,
    );
    if (res.status === 401 && token && path !== '/api/v1/auth/login') onUnauthorized();
    throw error;
  }
  return res;
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export interface SchoolFilters {
  q?: string;
  level?: string;
  district?: string;
  districtOffice?: string;
  hasAiClassroom?: string;
  page?: number;
  pageSize?: number;
}

const V1 = '/api/v1';
const classroom = (schoolId: number) => `${V1}/schools/${schoolId}/classroom`;
const D = `${V1}/designations`;
const application = (id: number) => `${D}/applications/${id}`;

export const designationUrls = {
  rankingXlsx: (callId: number) => `${D}/calls/${callId}/ranking.xlsx`,
  exportXlsx: (type?: string) => `${D}/export.xlsx${query({ type })}`,
  attachment: (applicationId: number, attachmentId: number) => `${application(applicationId)}/attachments/${attachmentId}`,
};

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

const S = `${V1}/surveys`;
const campaign = (id: number) => `${S}/campaigns/${id}`;
const campaignSchool = (id: number, schoolId: number) => `${campaign(id)}/schools/${schoolId}`;
const respond = (code: string) => `${S}/respond/${encodeURIComponent(code)}`;

const L = `${V1}/literacy`;
const assessment = (id: number) => `${L}/assessments/${id}`;

/** The literacy report workbooks (GET with the bearer header, so through api.download). */
export const literacyUrls = {
  reportFile: (id: number, schoolId: number) => `${assessment(id)}/reports/files/${schoolId}`,
};

const C = `${V1}/consent`;
const guardianLink = (token: string) => `${C}/respond/${encodeURIComponent(token)}`;

/** The status URL of a background job, as the export panel polls it. */
export const jobStatusUrl = (jobId: string) => `${V1}/jobs/${encodeURIComponent(jobId)}`;

export interface ParticipantFilters {
  q?: string;
  schoolId?: number;
  page?: number;
  pageSize?: number;
}

export const api = {
  login: (email: string, password: string) => json<LoginResponse>('POST', `${V1}/auth/login`, { email, password }),
  me: () => json<User>('GET', `${V1}/auth/me`),

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
  job: (statusUrl: string) => json<JobStatus>('GET', statusUrl),

  // 조례 제5조 선도학교·연구학교 지정
  designationTypes: () => json<DesignationType[]>('GET', `${D}/types`),
  addDesignationType: (input: { code: string; name: string; description?: string }) => json<DesignationType>('POST', `${D}/types`, input),
  calls: () => json<DesignationCall[]>('GET', `${D}/calls`),
  call: (id: number) => json<DesignationCall>('GET', `${D}/calls/${id}`),
  createCall: (input: CallInput) => json<DesignationCall>('POST', `${D}/calls`, input),
  apply: (callId: number, planSummary: string) => json<DesignationApplication>('POST', `${D}/calls/${callId}/applications`, { planSummary }),
  application: (id: number) => json<DesignationApplication>('GET', application(id)),
  updateApplication: (id: number, planSummary: string) => json<DesignationApplication>('PATCH', application(id), { planSummary }),
  uploadAttachment: (id: number, kind: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return json<DesignationApplication>('POST', `${application(id)}/attachments${query({ kind })}`, form);
  },
  submitApplication: (id: number) => json<DesignationApplication>('POST', `${application(id)}/submit`),
  withdrawApplication: (id: number) => json<DesignationApplication>('POST', `${application(id)}/withdraw`),
  applicationHistory: (id: number) => json<AuditEntry[]>('GET', `${application(id)}/history`),
  reviewers: (callId: number) => json<Reviewer[]>('GET', `${D}/calls/${callId}/reviewers`),
  assignReviewers: (callId: number, reviewerIds: string[]) => json<Reviewer[]>('POST', `${D}/calls/${callId}/reviewers`, { reviewerIds }),
  reviews: () => json<ReviewItem[]>('GET', `${D}/reviews`),
  recuse: (id: number, reason: string) => json<{ applicationId: number; recused: boolean; reason: string }>('POST', `${application(id)}/recusal`, { reason }),
  saveScores: (id: number, scores: ScoreInput[]) => json<ReviewerScores[]>('PUT', `${application(id)}/scores`, { scores }),
  scores: (id: number) => json<ReviewerScores[]>('GET', `${application(id)}/scores`),
  ranking: (callId: number) => json<RankingRow[]>('GET', `${D}/calls/${callId}/ranking`),
  decide: (id: number, decision: 'designate' | 'reject', reason: string) => json<DesignationApplication>('POST', `${application(id)}/decision`, { decision, reason }),
  designations: (filters: DesignationFilters) => json<Page<Designation>>('GET', `${D}${query({ ...filters })}`),
  publicDesignations: (filters: DesignationFilters) => json<Page<Designation>>('GET', `${D}/public${query({ ...filters })}`),
  designation: (id: number) => json<Designation>('GET', `${D}/${id}`),
  revokeDesignation: (id: number, reason: string) => json<Designation>('POST', `${D}/${id}/revoke`, { reason }),
  evaluations: (id: number) => json<DesignationEvaluation[]>('GET', `${D}/${id}/evaluations`),
  evaluate: (id: number, input: EvaluationInput) => json<EvaluationResult>('POST', `${D}/${id}/evaluations`, input),
  support: (schoolId?: number) => json<SupportEntry[]>('GET', `${D}/support${query({ schoolId })}`),
  grantSupport: (input: SupportInput) => json<SupportEntry>('POST', `${D}/support`, input),

  // 조례 제7조 교원 연수 · 디지털 배지
  myTraining: () => json<TrainingRecord>('GET', `${T}/me`),
  participants: (filters: ParticipantFilters) => json<Page<ParticipantListItem>>('GET', `${T}/participants${query({ ...filters })}`),
  participant: (id: number) => json<TrainingRecord>('GET', `${T}/participants/${id}`),
  courses: (filters: { schoolYear?: number; level?: string } = {}) => json<TrainingCourse[]>('GET', `${T}/courses${query(filters)}`),
  createCourse: (input: CourseInput) => json<TrainingCourse>('POST', `${T}/courses`, input),
  pathways: () => json<TrainingPathway[]>('GET', `${T}/pathways`),
  setPathway: (level: string, courseCodes: string[]) => json<TrainingPathway>('PUT', `${T}/pathways/${encodeURIComponent(level)}`, { courseCodes }),
  trainingStats: (schoolYear?: number) => json<TrainingStats>('GET', `${T}/stats${query({ schoolYear })}`),
  importCompletions: (file: File, duplicates: DuplicatePolicy) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return json<CompletionImportResult>('POST', `${T}/completions/import${query({ duplicates })}`, form);
  },
  badgeJob: (jobId: string) => json<BadgeJobStatus>('GET', `${V1}/jobs/${encodeURIComponent(jobId)}`),
  verifyBadge: (id: string) => json<BadgeVerification>('GET', badgeUrls.verifyApi(id)),
  revokeBadge: (id: string, reason: string) => json<BadgeVerification>('POST', `${badge(id)}/revoke`, { reason }),

  // AI·디지털 리터러시 진단검사
  literacyAreas: () => json<LiteracyArea[]>('GET', `${L}/areas`),
  assessments: () => json<{ items: LiteracyAssessmentListItem[] }>('GET', `${L}/assessments`),
  assessment: (id: number) => json<LiteracyAssessment>('GET', assessment(id)),
  createAssessment: (input: LiteracyAssessmentInput) => json<LiteracyAssessment>('POST', `${L}/assessments`, input),
  setItemDropped: (id: number, itemId: string, dropped: boolean, reason?: string) =>
    json<{ assessment: LiteracyAssessment; analysis: LiteracyStartedJob }>('PATCH', `${assessment(id)}/items/${encodeURIComponent(itemId)}`, { dropped, ...(reason ? { reason } : {}) }),
  setCutScores: (id: number, cutScores: CutScore[]) =>
    json<{ assessment: LiteracyAssessment; analysis: LiteracyStartedJob }>('PUT', `${assessment(id)}/cut-scores`, { cutScores }),
  importResults: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return json<LiteracyImportResult>('POST', `${assessment(id)}/results/import`, form);
  },
  literacyAnalysis: (id: number) => json<LiteracyAnalysis>('GET', `${assessment(id)}/analysis`),
  cityReport: (id: number, by: CityReportBy) => json<LiteracyCityReport>('GET', `${assessment(id)}/report${query({ by })}`),
  schoolReport: (id: number, schoolId: number) => json<LiteracySchoolReport>('GET', `${assessment(id)}/schools/${schoolId}/report`),
  classReport: (id: number, schoolId: number, classNo: number) => json<LiteracyClassReport>('GET', `${assessment(id)}/schools/${schoolId}/classes/${classNo}/report`),
  studentReport: (id: number, studentId: number) => json<LiteracyStudentReport>('GET', `${assessment(id)}/students/${studentId}/report`),
  buildReports: (id: number) => json<LiteracyStartedJob>('POST', `${assessment(id)}/reports/build`),
  reportFiles: (id: number) => json<{ items: LiteracyReportFile[] }>('GET', `${assessment(id)}/reports/files`),
  literacyJob: (jobId: string) => json<LiteracyJobStatus>('GET', jobStatusUrl(jobId)),

  // 조례 제6조 실태조사·만족도·수요조사
  surveyTemplates: () => json<SurveyTemplate[]>('GET', `${S}/templates`),
  surveyTemplate: (id: number) => json<SurveyTemplate>('GET', `${S}/templates/${id}`),
  createSurveyTemplate: (kind: SurveyKind, definition: SurveyDefinition) => json<SurveyTemplate>('POST', `${S}/templates`, { kind, definition }),
  updateSurveyTemplate: (id: number, definition: SurveyDefinition) => json<SurveyTemplate>('PUT', `${S}/templates/${id}`, { definition }),
  surveyTemplateVersion: (id: number, version: number) =>
    json<{ version: number; definition: SurveyDefinition }>('GET', `${S}/templates/${id}/versions/${version}`),
  campaigns: (status?: CampaignStatus) => json<{ items: CampaignListItem[] }>('GET', `${S}/campaigns${query({ status })}`),
  campaign: (id: number) => json<SurveyCampaign>('GET', campaign(id)),
  createCampaign: (input: CampaignInput) => json<SurveyCampaign>('POST', `${S}/campaigns`, input),
  campaignProgress: (id: number) => json<CampaignProgress>('GET', `${campaign(id)}/progress`),
  remind: (id: number) => json<StartedJob>('POST', `${campaign(id)}/remind`),
  aggregate: (id: number) => json<StartedJob>('POST', `${campaign(id)}/aggregate`),
  report: (id: number, level: ReportLevel) => json<SurveyReport>('GET', `${campaign(id)}/report${query({ level })}`),
  surveyJob: (jobId: string) => json<SurveyJobStatus>('GET', jobStatusUrl(jobId)),
  startReportExport: (id: number) => json<StartedJob>('POST', `${campaign(id)}/report/export`),
  issueCodes: (id: number, schoolId: number, count: number) => json<IssuedCodes>('POST', `${campaignSchool(id, schoolId)}/codes`, { count }),
  codeBatches: (id: number, schoolId: number) => json<{ items: CodeBatch[] }>('GET', `${campaignSchool(id, schoolId)}/code-batches`),
  codeSheet: (id: number, schoolId: number, batchId: string) =>
    json<CodeSheet>('GET', `${campaignSchool(id, schoolId)}/code-batches/${encodeURIComponent(batchId)}`),
  schoolResponse: (id: number, schoolId: number) => json<SchoolResponse>('GET', `${campaignSchool(id, schoolId)}/response`),
  saveSchoolDraft: (id: number, schoolId: number, answers: Answers) => json<unknown>('PUT', `${campaignSchool(id, schoolId)}/response/draft`, { answers }),
  submitSchoolResponse: (id: number, schoolId: number, answers: Answers, idempotencyKey: string) =>
    json<SubmitResult>('POST', `${campaignSchool(id, schoolId)}/response`, { answers, idempotencyKey }),
  respondForm: (code: string) => json<RespondForm>('GET', respond(code)),
  saveRespondDraft: (code: string, answers: Answers) => json<unknown>('PUT', `${respond(code)}/draft`, { answers }),
  submitRespond: (code: string, answers: Answers, idempotencyKey: string) => json<SubmitResult>('POST', `${respond(code)}/submit`, { answers, idempotencyKey }),
  notices: () => json<NoticeList>('GET', `${V1}/notices`),
  readNotice: (id: number | string) => json<void>('POST', `${V1}/notices/${encodeURIComponent(String(id))}/read`),

  // 생성형 AI 보호자 동의
  aiServices: () => json<{ items: AiService[] }>('GET', `${C}/services`),
  createAiService: (input: AiServiceInput) => json<AiService>('POST', `${C}/services`, input),
  updateAiService: (id: number, input: AiServiceInput) => json<AiService>('PUT', `${C}/services/${id}`, input),
  consentNotices: (serviceId: number) => json<{ items: ConsentNotice[] }>('GET', `${C}/services/${serviceId}/notices`),
  publishConsentNotice: (serviceId: number, input: ConsentNoticeInput) => json<ConsentNotice>('POST', `${C}/services/${serviceId}/notices`, input),
  saveStudent: (input: StudentInput) => json<ConsentStudent>('POST', `${C}/students`, input),
  consentHistory: (studentId: number) => json<ConsentHistory>('GET', `${C}/students/${studentId}/records`),
  recordConsent: (input: ConsentRecordInput) => json<ConsentRecord>('POST', `${C}/records`, input),
  withdrawConsent: (input: WithdrawInput) => json<ConsentRecord>('POST', `${C}/records/withdraw`, input),
  importConsentSlips: (schoolId: number, serviceId: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return json<SlipImportResult>('POST', `${C}/records/import${query({ schoolId, serviceId })}`, form);
  },
  classEligibility: (q: ClassEligibilityQuery) => json<ClassEligibility>('GET', `${C}/eligibility/class${query({ ...q })}`),
  createLetter: (input: LetterInput) => json<ConsentLetter>('POST', `${C}/letters`, input),
  letters: (schoolId?: number) => json<{ items: LetterTracking[] }>('GET', `${C}/letters${query({ schoolId })}`),
  letter: (id: number) => json<ConsentLetter>('GET', `${C}/letters/${id}`),
  guardianLetter: (token: string) => json<GuardianLetter>('GET', guardianLink(token)),
  answerGuardianLetter: (token: string, answer: GuardianAnswer) => json<{ decision: string; decidedAt: string }>('POST', guardianLink(token), answer),

  /** Files need the bearer header, so they are fetched as a blob rather than linked directly. */
  async download(url: string): Promise<{ blob: Blob; filename: string | null }> {
    const res = await send('GET', url);
    const disposition = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    const filename = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? null);
    return { blob: await res.blob(), filename };
  },
};
