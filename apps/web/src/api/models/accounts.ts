// 계정: sign-in methods, activation links, delegated user management, the roster import.
// Aliases of the served OpenAPI document's schemas (the signed-in account is in ./common).
import type { components } from '../schema';

type Schemas = components['schemas'];

/** An account as the API shows it (GET /users, /users/:id). */
export type Account = Schemas['UserDto'];
export type AccountPage = Schemas['UserPageDto'];
/** POST /users. */
export type AccountInput = Schemas['CreateUserDto'];
/** PATCH /users/:id. */
export type AccountPatch = Schemas['UpdateUserDto'];
/** A new account with its one-time activation link; also a live link to hand out (GET /users/activation-links). */
export type CreatedAccount = Schemas['UserWithActivationLinkDto'];
export type ActivationLink = CreatedAccount;

/** GET /auth/methods: how people can sign in here. */
export type AuthMethods = Schemas['SignInMethodsDto'];
/** POST /auth/activate/check: whose activation or reset link this is. */
export type LinkCheck = Schemas['LinkTargetDto'];
export type LinkPurpose = LinkCheck['purpose'];
/** POST /auth/activate: signed in through a link. */
export type Activated = Schemas['ActivatedDto'];

export type ResetMethod = Schemas['ResetPasswordDto']['method'];
/** POST /users/:id/reset-password: shown once. */
export type ResetResult = Schemas['PasswordResetDto'];

/** POST /users/import (a dry run or the real one). */
export type RosterImportResult = Schemas['RosterResultDto'];
export type RosterChange = Schemas['RosterChangeDto'];
