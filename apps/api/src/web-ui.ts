import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, NotFoundError, projectRoot, toErrorBody } from '@app/core';
import { PUBLIC_DOCUMENT_PATH } from '../../web/public-paths';

/** Vite names built assets by their content hash: a file under /assets never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page itself is checked every time, so a deploy reaches people at their next visit. */
const REVALIDATE = 'no-cache';

/**
 * The built Korean UI: hashed assets cached for a year, index.html revalidated, files sent
 * precompressed (brotli or gzip, written by the Vite build) when the browser accepts them, and
 * unknown non-API paths answered with index.html for client routing, except the respondent and guardian
 * links, which get respond.html: a document of their own, small enough for a phone (apps/web/src/publicEntry.tsx).
 */
export async function serveWebUi(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = config.webDistDir ?? join(projectRoot(), 'apps/web/dist');
  const hasUi = existsSync(join(root, 'index.html'));
  if (hasUi) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        void res.header('cache-control', path.startsWith(join(root, 'assets')) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.getHttpAdapter().getInstance().get('/*', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.url.startsWith('/api') || !hasUi) {
      return reply.status(404).send(toErrorBody(new NotFoundError('route', `GET ${req.url.split('?')[0]}`), String(req.id)));
    }
    const document = PUBLIC_DOCUMENT_PATH.test(req.url.split('?')[0]) ? 'respond.html' : 'index.html';
    return reply.header('cache-control', REVALIDATE).sendFile(document);
  });
}
