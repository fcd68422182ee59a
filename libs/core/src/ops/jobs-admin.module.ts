import { Module } from '@nestjs/common';
import { JobsAdminController } from './jobs-admin.controller';
import { JobsAdmin } from './jobs-admin.service';

/** The api's jobs page for city administrators (queues, failed jobs, schedules, run now, retry). */
@Module({ controllers: [JobsAdminController], providers: [JobsAdmin] })
export class JobsAdminModule {}
