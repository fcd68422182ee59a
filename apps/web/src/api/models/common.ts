// Shapes every feature uses: the signed-in account, roles, school levels, district offices, pages,
// audit records and background jobs. Aliases of the served OpenAPI document's schemas.
import type { components } from '../schema';

type Schemas = components['schemas'];

/** GET /auth/me: the signed-in account (what a sign-in answers as `user`, kept in the session). */
export type Me = Schemas['MeDto'];
/** The signed-in user, as pages receive it. */
export type User = Me;
export type Role = Me['role'];
export type AccountStatus = Me['status'];
/** Who created or last changed a record. */
export type UserRef = Schemas['UserRefDto'];

/** A sign-in (password, password change): the token and who it is for. */
export type SignedIn = Schemas['SignedInDto'];
/** POST /auth/login. */
export type LoginResponse = SignedIn;

export type SchoolLevel = Schemas['SchoolDto']['level'];
export type DistrictOffice = Schemas['DistrictOfficeDto'];
/** A district office's code (`gangnam-seocho`), as filters and account forms take it. */
export type DistrictOfficeCode = NonNullable<Schemas['CreateUserDto']['districtOffice']>;

/** One page of a list (GET /schools, /users, /designations, …): every page DTO has these fields. */
export type Page<T> = Omit<Schemas['SchoolPageDto'], 'items'> & { items: T[] };

/** One audit entry: who did what to which record, with the record before and after. */
export type AuditRecord = Schemas['AuditRecordDto'];
/** One changed field of an audit entry. */
export type FieldChange = Schemas['AuditChangeDto'];

/** GET /api/v1/jobs/:id: a background job. */
export type Job = Schemas['JobDto'];
export type JobState = Job['state'];
export type QueueName = Job['queue'];
/** What starting a job answers (202): GET /jobs/:jobId follows it. */
export type JobAccepted = Schemas['JobAcceptedDto'];

/** An in-app notice (the header's bell). */
export type Notice = Schemas['NoticeDto'];
/** GET /notices: the newest notices and how many are unread. */
export type NoticeList = Schemas['NoticeListDto'];
