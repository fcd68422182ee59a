import { Injectable, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JobHandler, JobName } from '@app/core';
import { ClassroomsJobsModule } from '@app/classrooms';
import { testConfig } from '../../../test/support/test-app';
import { createTestDatabase } from '../../../test/support/test-db';
import { FEATURE_JOB_MODULES, WorkerModule } from './worker.module';

@Injectable()
@JobHandler(JobName.ClassroomExport)
class SecondExportHandler {
  async handle() {}
}

@Module({ providers: [SecondExportHandler] })
class DuplicateHandlerModule {}

describe('worker start-up check of the job catalogue', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const start = (modules: Type[]) =>
    NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig({ DATABASE_URL: db.url }), modules), { logger: false, abortOnError: false });

  it('refuses to start when a job name has no handler', async () => {
    await expect(start(FEATURE_JOB_MODULES.filter((m) => m !== ClassroomsJobsModule))).rejects.toThrow(`job '${JobName.ClassroomExport}' has no handler`);
  });

  it('refuses to start when a job name has two handlers', async () => {
    await expect(start([...FEATURE_JOB_MODULES, DuplicateHandlerModule])).rejects.toThrow(/has 2 handlers: ClassroomExportJob, SecondExportHandler/);
  });

  it('starts when every job name has exactly one handler', async () => {
    const app = await start(FEATURE_JOB_MODULES);
    await app.close();
  });
});
