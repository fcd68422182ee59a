import { json, query, upload, V1 } from './client';
import type {
  Account, AccountFilters, AccountInput, AccountPatch, ActivationLink, AuditLogEntry, AuditQuery, AuthMethods, CreatedAccount, LinkCheck, Me, Page, ResetMethod, ResetResult, RosterImportResult, SignedIn,
} from '../types';

const A = `${V1}/auth`;
const U = `${V1}/users`;

/** The files of user management (GET with the bearer header, so through api.download). */
export const accountUrls = {
  usersXlsx: (filters: AccountFilters) => `${U}/export.xlsx${query({ ...filters, page: undefined, pageSize: undefined })}`,
  activationLinksXlsx: (q: { schoolId?: number; batchId?: number }) => `${U}/activation-links.xlsx${query(q)}`,
  /** 교육청 통합 로그인: a full-page navigation to the identity provider, never a fetch. */
  oidcLogin: `${A}/oidc/login`,
};

/** 계정: signing in and out, my account, activation links, delegated user management, the audit log. */
export const accountsApi = {
  authMethods: () => json<AuthMethods>('GET', `${A}/methods`, undefined, { anonymous: true }),
  /** Ends this sign-in on the server: the token stops working. */
  logout: () => json<void>('POST', `${A}/logout`),
  /** Whose token this is, for a token not yet kept in the session (the SSO landing). */
  meWithToken: (token: string) => json<Me>('GET', `${A}/me`, undefined, { token }),
  updateMe: (name: string) => json<Me>('PATCH', `${A}/me`, { name }),
  /** Every earlier token stops working: keep the new one. */
  changePassword: (currentPassword: string, newPassword: string) => json<SignedIn>('POST', `${A}/password`, { currentPassword, newPassword }),
  // The link's holder, whoever may be signed in in this browser.
  checkLink: (token: string) => json<LinkCheck>('POST', `${A}/activate/check`, { token }, { anonymous: true }),
  activate: (token: string, password: string) => json<SignedIn & { purpose: string }>('POST', `${A}/activate`, { token, password }, { anonymous: true }),

  users: (filters: AccountFilters) => json<Page<Account>>('GET', `${U}${query({ ...filters })}`),
  user: (id: string) => json<Account>('GET', `${U}/${encodeURIComponent(id)}`),
  createUser: (input: AccountInput) => json<CreatedAccount>('POST', U, input),
  updateUser: (id: string, patch: AccountPatch) => json<Account>('PATCH', `${U}/${encodeURIComponent(id)}`, patch),
  resetPassword: (id: string, method: ResetMethod) => json<ResetResult>('POST', `${U}/${encodeURIComponent(id)}/reset-password`, { method }),
  importRoster: (file: File, options: { dryRun: boolean; disableMissing: boolean }) => upload<RosterImportResult>(`${U}/import${query(options)}`, file),
  activationLinks: (q: { schoolId?: number; batchId?: number }) => json<ActivationLink[]>('GET', `${U}/activation-links${query(q)}`),

  auditLog: (q: AuditQuery) => json<AuditLogEntry[]>('GET', `${V1}/audit${query({ ...q })}`),
};
