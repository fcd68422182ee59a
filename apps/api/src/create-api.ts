import { randomUUID } from 'node:crypto';
import { constants as zlibConstants } from 'node:zlib';
import fastifyMultipart from '@fastify/multipart';
import fastifyCompress from '@fastify/compress';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppConfig, AppExceptionFilter, buildOpenApiDocument, frameworkErrorHandler, limitHeapGrowth, loadOpenApiMetadata, Metrics, recordAccessDenials, requestTelemetry, securityHeaders, configureUploadLimits, createValidationPipe, limitJsonBodies, nestLogger, redactUrl } from '@app/core';
import { ApiModule } from './api.module';
import openapiMetadata from './openapi-metadata';
import { serveWebUi } from './web-ui';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Builds the HTTP application exactly as production runs it; tests call this too. */
export async function createApi(config: AppConfig): Promise<NestFastifyApplication> {
  // Full collections at 2× the live heap rather than V8's up to 4×: RSS under load (issue 16).
  limitHeapGrowth();
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
    // One line per request instead, with the route template (requestTelemetry).
    logController: new LogController({ disableRequestLogging: true }),
    // Fastify takes a hop count too, though its types omit it.
    trustProxy: config.trustProxy as boolean | string,
    // The router's refusals (bad percent-encoding, over-long path parameters) as the one error body.
    frameworkErrors: frameworkErrorHandler,
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
  requestTelemetry(app.getHttpAdapter().getInstance(), app.get(Metrics));
  // Text responses (JSON, the OpenAPI document) compressed; brotli at a quality the api can afford per request.
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } } });
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AppExceptionFilter());

  const doc = new DocumentBuilder()
    .setTitle('서울특별시교육청 AI 교육 플랫폼 API')
    .setDescription('Schools, AI classrooms and the background jobs behind them (서울특별시교육청 인공지능 교육 지원 조례).')
    .setVersion('1')
    .addBearerAuth()
    .build();
  // Response types and DTO properties found by the @nestjs/swagger compiler plugin (npm run openapi:metadata).
  await loadOpenApiMetadata(openapiMetadata);
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });

  await serveWebUi(app, config);
  return app;
}
