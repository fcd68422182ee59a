import { currentToken } from './session';
import type {
  Classroom,
  ClassroomPatch,
  ClassroomStats,
  Club,
  ClubInput,
  DistrictOffice,
  EquipmentInput,
  EquipmentItem,
  ExportStarted,
  HistoryEntry,
  JobStatus,
  LoginResponse,
  Page,
  School,
  User,
} from './types';

export interface ErrorDetail {
  field?: string;
  row?: number;
  column?: string;
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
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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
