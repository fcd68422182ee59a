import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser, Role } from './role';

export const ROLES_KEY = 'access:roles';
export const PUBLIC_KEY = 'access:public';
export const SCHOOL_PARAM_KEY = 'access:school-param';

/** Who may call this endpoint. Every route declares either @Roles or @Public; the guard denies the rest. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const Public = () => SetMetadata(PUBLIC_KEY, true);

export type SchoolAccessMode = 'read' | 'write';

/** The route's `:param` names a school; the guard checks the caller may read or change that school. */
export const SchoolScoped = (param: string, mode: SchoolAccessMode) => SetMetadata(SCHOOL_PARAM_KEY, { param, mode });

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
