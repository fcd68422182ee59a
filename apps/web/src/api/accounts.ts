import { query, upload, V1 } from './client';
import { data, http, publicHttp } from './http';
import type { operations } from './schema';
import type { AccountInput, AccountPatch, ResetMethod, RosterImportResult } from './models';

/** GET /users: the filters and the page. */
export type AccountFilters = NonNullable<operations['users.list']['parameters']['query']>;
/** GET /audit: the filter and the paging (older than `beforeId`). */
export type AuditQuery = NonNullable<operations['audit.list']['parameters']['query']>;

const A = `${V1}/auth`;
const U = `${V1}/users`;
const user = (id: string) => ({ params: { path: { id } } });

/** The files of user management (GET with the bearer header, so through api.download). */
export const accountUrls = {
  usersXlsx: (filters: AccountFilters) => `${U}/export.xlsx${query({ ...filters, page: undefined, pageSize: undefined })}`,
  activationLinksXlsx: (q: { schoolId?: number; batchId?: number }) => `${U}/activation-links.xlsx${query(q)}`,
  /** 교육청 통합 로그인: a full-page navigation to the identity provider, never a fetch. */
  oidcLogin: `${A}/oidc/login`,
};

/** 계정: signing in and out, my account, activation links, delegated user management, the audit log. */
export const accountsApi = {
  authMethods: () => data(publicHttp.GET('/api/v1/auth/methods')),
  /** Ends this sign-in on the server: the token stops working. */
  logout: async (): Promise<void> => {
    await http.POST('/api/v1/auth/logout');
  },
  /** Whose token this is, for a token not yet kept in the session (the SSO landing): its 401 ends no session. */
  meWithToken: (token: string) => data(publicHttp.GET('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })),
  updateMe: (name: string) => data(http.PATCH('/api/v1/auth/me', { body: { name } })),
  /** Every earlier token stops working: keep the new one. */
  changePassword: (currentPassword: string, newPassword: string) => data(http.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } })),
  // The link's holder, whoever may be signed in in this browser.
  checkLink: (token: string) => data(publicHttp.POST('/api/v1/auth/activate/check', { body: { token } })),
  activate: (token: string, password: string) => data(publicHttp.POST('/api/v1/auth/activate', { body: { token, password } })),

  users: (filters: AccountFilters) => data(http.GET('/api/v1/users', { params: { query: filters } })),
  user: (id: string) => data(http.GET('/api/v1/users/{id}', user(id))),
  createUser: (input: AccountInput) => data(http.POST('/api/v1/users', { body: input })),
  updateUser: (id: string, patch: AccountPatch) => data(http.PATCH('/api/v1/users/{id}', { ...user(id), body: patch })),
  resetPassword: (id: string, method: ResetMethod) => data(http.POST('/api/v1/users/{id}/reset-password', { ...user(id), body: { method } })),
  // A multipart upload: through client.upload, typed by the document's answer.
  importRoster: (file: File, options: { dryRun: boolean; disableMissing: boolean }) => upload<RosterImportResult>(`${U}/import${query(options)}`, file),
  activationLinks: (q: { schoolId?: number; batchId?: number }) =>
    data(http.GET('/api/v1/users/activation-links', { params: { query: { schoolId: q.schoolId?.toString(), batchId: q.batchId?.toString() } } })),

  auditLog: (q: AuditQuery) => data(http.GET('/api/v1/audit', { params: { query: q } })),
};
