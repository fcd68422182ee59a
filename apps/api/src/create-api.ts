import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, AppExceptionFilter, recordAccessDenials, securityHeaders, configureUploadLimits, createValidationPipe, limitJsonBodies, nestLogger, NotFoundError, projectRoot, redactUrl, toErrorBody } from '@app/core';
import { ApiModule } from './api.module';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Builds the HTTP application exactly as production runs it; tests call this too. */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // One-time codes and tokens travel in some URLs (survey codes, consent and activation links, OIDC): never log them.
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: redactUrl(req.url), id: req.id }),
            },
          },
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Fastify takes a hop count too, though its types omit it.
    trustProxy: config.trustProxy as boolean | string,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: nestLogger(config),
    bufferLogs: false,
  });
  await securityHeaders(app);
  await app.register(fastifyMultipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 }, throwFileSizeLimit: true });
  configureUploadLimits(config); // expansion, ratio and concurrent parses of uploaded files
  limitJsonBodies(app); // depth and element counts of JSON bodies, before class-transformer sees them
  app.getHttpAdapter().getInstance().addHook('onSend', async (req: FastifyRequest, reply: FastifyReply) => {
    void reply.header('x-request-id', req.id);
  });
  recordAccessDenials(app.getHttpAdapter().getInstance(), app.get<DataSource>(getDataSourceToken()));
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AppExceptionFilter());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('서울특별시교육청 AI 교육 플랫폼 API')
    .setDescription('Schools, AI classrooms and the background jobs behind them (서울특별시교육청 인공지능 교육 지원 조례).')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });

  await serveWebUi(app, config);
  return app;
}

/** The built Korean UI, with unknown non-API paths falling back to index.html for client routing. */
async function serveWebUi(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = config.webDistDir ?? join(projectRoot(), 'apps/web/dist');
  const hasUi = existsSync(join(root, 'index.html'));
  if (hasUi) await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
  app.getHttpAdapter().getInstance().get('/*', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.url.startsWith('/api') || !hasUi) {
      return reply.status(404).send(toErrorBody(new NotFoundError('route', `GET ${req.url.split('?')[0]}`), String(req.id)));
    }
    return reply.sendFile('index.html');
  });
}
