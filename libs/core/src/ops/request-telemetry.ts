import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/role';
import type { Metrics } from './metrics.service';

/**
 * One JSON line per request — method, route template (never the raw URL, which may carry a
 * one-time code), status, duration, user id and request id — and the same observation in the HTTP
 * histogram. Fastify's own two lines per request are turned off (disableRequestLogging).
 */
export function requestTelemetry(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', async (req: FastifyRequest & { user?: AuthUser }, reply: FastifyReply) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.http.observe({ method: req.method, route, status: String(reply.statusCode) }, seconds);
    req.log.info(
      { method: req.method, route, status: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10, userId: req.user?.id ?? null, requestId: req.id },
      'request',
    );
  });
}
