import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser, Role } from './role';

export const ROLES_KEY = 'access:roles';
export const PUBLIC_KEY = 'access:public';
export const SCHOOL_PARAM_KEY = 'access:school-param';

/** Who may call this endpoint. Every route declares either @Roles or @Public; the guard denies the rest. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const PASSWORD_CHANGE_EXEMPT_KEY = 'access:password-change-exempt';

/**
 * Callable by an account that must change its temporary password first (who am I, change password,
 * log out); every other route answers 403 PASSWORD_CHANGE_REQUIRED until it has.
 */
export const PasswordChangeExempt = () => SetMetadata(PASSWORD_CHANGE_EXEMPT_KEY, true);

export type SchoolAccessMode = 'read' | 'write';

export interface ScopedParam {
  kind: string;
  param: string;
  mode: SchoolAccessMode;
}

/**
 * The route's `:param` is the id of a school-owned object of `kind` (see ScopeResolvers); the guard
 * finds its school and checks the caller may read or change that school.
 */
export const Scoped = (kind: string, param: string, mode: SchoolAccessMode) => SetMetadata(SCHOOL_PARAM_KEY, { kind, param, mode } satisfies ScopedParam);

/** The route's `:param` is a school id. */
export const SchoolScoped = (param: string, mode: SchoolAccessMode) => Scoped('school', param, mode);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
