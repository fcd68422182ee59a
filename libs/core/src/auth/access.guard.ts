import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { SchoolAccess } from '../access/school-access.service';
import { ScopeResolvers } from '../access/scope-resolvers';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationFailedError } from '../errors';
import { PASSWORD_CHANGE_EXEMPT_KEY, PUBLIC_KEY, ROLES_KEY, SCHOOL_PARAM_KEY, ScopedParam } from './access.decorators';
import { parseIdText } from '../http/parse-id.pipe';
import { AuthService } from './auth.service';
import type { AuthUser, Role } from './role';

/**
 * The global guard: authenticates the bearer token, checks the route's declared roles, and,
 * where the route names a school-owned object, that the caller may read or change its school.
 * A route that declares nothing is closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly schools: SchoolAccess,
    private readonly resolvers: ScopeResolvers,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError();
    const user = await this.auth.authenticate(match[1]);
    req.user = { ...user, requestId: String(req.id) };

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) throw new ForbiddenError('This endpoint declares no roles', 'ROUTE_NOT_DECLARED');
    if (!roles.includes(user.role)) throw new ForbiddenError(`Role ${user.role} may not call this endpoint`, 'ROLE_NOT_ALLOWED');
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_EXEMPT_KEY, targets)) {
      throw new ForbiddenError('Choose a new password first (POST /api/v1/auth/password)', 'PASSWORD_CHANGE_REQUIRED');
    }

    const scoped = this.reflector.get<ScopedParam | undefined>(SCHOOL_PARAM_KEY, ctx.getHandler());
    if (scoped) {
      const raw = (req.params as Record<string, string>)[scoped.param] ?? '';
      // Guards run before pipes: the id is bounded here too, or 2147483648 reaches the database (a 500).
      const id = parseIdText(raw);
      if (id === undefined) {
        throw new ValidationFailedError(`${scoped.param} must be a ${scoped.kind} id`, [{ field: scoped.param, reason: 'must be a positive integer' }]);
      }
      const schoolId = await this.resolvers.resolve(scoped.kind, id);
      if (schoolId === undefined) throw new NotFoundError(scoped.kind, raw);
      await this.schools.assert(user, schoolId, scoped.mode);
    }
    return true;
  }
}
