import { applyDecorators, CallHandler, ExecutionContext, Injectable, Logger, Module, NestInterceptor, SetMetadata } from '@nestjs/common';
import { APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { ApiQuery } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { mergeMap, Observable, tap } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/role';
import { ValidationFailedError } from '../errors';
import { textProblem } from '../http/clean-text';
import { AccessAction, AccessLog, ReasonRequiredError } from './access-log';

/*
 * The one way features record access to personal data: a route declares what it reads or changes
 * with @PersonalData, and the global interceptor writes the access record after the handler
 * succeeded and before the response leaves. If the record cannot be written the request fails
 * (503) instead of serving data nobody could later account for. A file sent through the reply
 * (`@Res()`) is already on its way when the handler returns, so such routes say `manual: true` and
 * call recordPersonalData(req, …) before sending.
 */

export const PERSONAL_DATA_KEY = 'privacy:personal-data';

/** What a route's functions see: the request as validated, the handler's result, and the database for a lookup. */
export interface PersonalDataContext<R = any> {
  user: AuthUser;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: any;
  /** The handler's return value (undefined for manual routes). */
  result: R;
  sql: (text: string, params?: unknown[]) => Promise<any[]>;
}

type Maybe<T> = T | Promise<T>;

export interface PersonalDataSpec<R = any> {
  action: AccessAction;
  /** What the ids are: `student`, `user`, `training_participant`. */
  subject: string;
  /** The subjects served or changed; an empty list records nothing (nobody's data was served). */
  ids?: (c: PersonalDataContext<R>) => Maybe<Iterable<string | number>>;
  /** How many subjects, when the ids do not say it (a count in an import's result). */
  count?: (c: PersonalDataContext<R>) => Maybe<number>;
  /** The one school of the subjects, for the monthly review's scope check. */
  schoolId?: (c: PersonalDataContext<R>) => Maybe<number | null | undefined>;
  /** The caller's own data (a teacher's own training record) is not someone else's personal data. */
  self?: (c: PersonalDataContext<R>) => boolean;
  /** The handler sends through the reply and calls recordPersonalData itself, before sending. */
  manual?: boolean;
}

/** What a manual route knows once it has its rows: whose data is in the file. */
export interface AccessFacts {
  ids: Iterable<string | number>;
  count?: number;
  schoolId?: number | null;
}

/**
 * Declares that the route reads, changes, downloads or prints personal data. Downloads take an
 * optional `reason` (required above PRIVACY_REASON_THRESHOLD subjects); the interceptor removes it
 * from the query before the route's own query DTO is validated.
 */
export function PersonalData<R = any>(spec: PersonalDataSpec<R>): MethodDecorator {
  const decorators: MethodDecorator[] = [SetMetadata(PERSONAL_DATA_KEY, spec)];
  if (spec.action === 'download') {
    decorators.push(ApiQuery({ name: 'reason', required: false, type: 'string', description: 'why the file is needed (2–500 characters): required when it holds more people than PRIVACY_REASON_THRESHOLD; kept in the access log' }));
  }
  return applyDecorators(...decorators);
}

const PENDING = Symbol('personal-data-access');
type Request = FastifyRequest & { user?: AuthUser; [PENDING]?: RequestAccess };

/** Records the access of a manual route (one that sends a file itself): call it before sending. */
export async function recordPersonalData(req: FastifyRequest, facts: AccessFacts): Promise<void> {
  const access = (req as Request)[PENDING];
  if (!access) throw new Error(`recordPersonalData: ${req.method} ${req.routeOptions?.url} has no @PersonalData`);
  await access.record(facts);
}

const logger = new Logger('PersonalData');

class RequestAccess {
  done = false;

  constructor(
    private readonly log: AccessLog,
    readonly spec: PersonalDataSpec,
    private readonly req: Request,
    private readonly user: AuthUser,
    private readonly reason: string | null,
  ) {}

  async record(facts: AccessFacts): Promise<void> {
    const ids = [...new Set([...facts.ids].map(String))];
    const count = Math.max(facts.count ?? 0, ids.length);
    const ownOnly = this.spec.subject === 'user' && ids.length > 0 && ids.every((id) => id === this.user.id) && count === ids.length;
    if (count === 0 || ownOnly) {
      this.done = true;
      return;
    }
    const threshold = this.log.reasonThreshold;
    if (this.spec.action === 'download' && count > threshold && !this.reason) throw new ReasonRequiredError(count, threshold);
    await this.log.record({
      actor: { id: this.user.id, role: this.user.role },
      clientIp: this.req.ip ?? null,
      action: this.spec.action,
      subjectType: this.spec.subject,
      subjectIds: ids,
      subjectCount: count,
      schoolId: facts.schoolId ?? null,
      route: `${this.req.method} ${this.req.routeOptions?.url ?? this.req.url.split('?')[0]}`,
      requestId: String(this.req.id),
      reason: this.reason,
    });
    this.done = true;
  }
}

/** `reason` of a download: taken out of the query (the route's DTO does not know it) and checked. */
function takeReason(req: Request): string | null {
  const query = req.query as Record<string, unknown> | undefined;
  if (!query || !('reason' in query)) return null;
  const raw = query.reason;
  delete query.reason;
  const text = typeof raw === 'string' ? raw.normalize('NFC').trim() : undefined;
  const problem = text === undefined ? 'must be given once, as text' : textProblem(text) ?? (text.length < 2 || text.length > 500 ? 'must be 2 to 500 characters' : undefined);
  if (problem) throw new ValidationFailedError('reason is not valid', [{ field: 'reason', reason: problem }]);
  return text || null;
}

@Injectable()
export class PersonalDataInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: AccessLog,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<PersonalDataSpec | undefined>(PERSONAL_DATA_KEY, ctx.getHandler());
    if (!spec || ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request>();
    // Only staff accounts are recorded: the guard has set the caller on every non-public route.
    const user = req.user;
    if (!user) return next.handle();
    const access = new RequestAccess(this.log, spec, req, user, spec.action === 'download' ? takeReason(req) : null);
    req[PENDING] = access;

    if (spec.manual) {
      return next.handle().pipe(
        tap(() => {
          if (!access.done) logger.error({ msg: 'a manual @PersonalData route sent without recording', route: req.routeOptions?.url, requestId: req.id });
        }),
      );
    }
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        const c: PersonalDataContext = {
          user,
          params: (req.params ?? {}) as Record<string, string>,
          query: (req.query ?? {}) as Record<string, unknown>,
          body: req.body,
          result,
          sql: (text, params) => this.ds.query(text, params),
        };
        if (spec.self?.(c)) return result;
        const [ids, count, schoolId] = await Promise.all([spec.ids?.(c) ?? [], spec.count?.(c), spec.schoolId?.(c)]);
        await access.record({ ids, count, schoolId });
        return result;
      }),
    );
  }
}

/** The api's side: the interceptor for every route (the worker and cli serve no requests). */
@Module({
  providers: [{ provide: APP_INTERCEPTOR, useClass: PersonalDataInterceptor }],
})
export class PersonalDataHttpModule {}
