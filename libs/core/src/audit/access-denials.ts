import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { Logger } from '@nestjs/common';
import type { AuthUser } from '../auth/role';

const logger = new Logger('AccessDenials');

/**
 * Every refusal of access — 403, and 401 for a request that presented a token (bad, expired or
 * ended) — goes to the audit log with who, which route (its template, and the object's ids) and
 * why, for city administrators to read (`GET /audit?action=access.denied`). Anonymous requests
 * without any credentials are not recorded: that is every crawler, not an actor.
 */
export function recordAccessDenials(fastify: FastifyInstance, ds: DataSource): void {
  fastify.addHook('onSend', async (req: FastifyRequest & { user?: AuthUser }, reply: FastifyReply, payload: unknown) => {
    const status = reply.statusCode;
    if (status !== 403 && !(status === 401 && req.headers.authorization)) return payload;
    const route = req.routeOptions?.url ?? req.url.split('?')[0];
    let code: string | undefined;
    if (typeof payload === 'string' && payload.length < 10_000) {
      try {
        code = (JSON.parse(payload) as { code?: string }).code;
      } catch {
        code = undefined;
      }
    }
    const user = req.user;
    void ds
      .query(
        `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, after, request_id) VALUES ($1, $2, 'access.denied', 'route', $3, $4, $5)`,
        [user?.id ?? null, user?.role ?? null, `${req.method} ${route}`.slice(0, 300), JSON.stringify({ status, code, params: req.params ?? {}, ip: req.ip }), String(req.id)],
      )
      .catch((e: Error) => logger.warn({ msg: 'access denial not recorded', error: e.message }));
    return payload;
  });
}
