import { DynamicModule, Module, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig, CoreModule, OutboxRelayModule } from '@app/core';
import { ClassroomsJobsModule } from '@app/classrooms';
import { ConsentJobsModule } from '@app/consent';
import { PrivacyJobsModule } from '@app/privacy';
import { PlansJobsModule } from '@app/plans';
import { DesignationsJobsModule } from '@app/designations';
import { LiteracyJobsModule } from '@app/literacy';
import { SurveysJobsModule } from '@app/surveys';
import { TrainingJobsModule } from '@app/training';
import { JobHandlerRegistry } from './job-handler.registry';
import { queueProcessors } from './queue-processors';
import { WorkerMetricsServer } from './worker-metrics.server';

/** Every feature's jobs module; the worker runs all of them. */
export const FEATURE_JOB_MODULES: Type[] = [ClassroomsJobsModule, DesignationsJobsModule, TrainingJobsModule, SurveysJobsModule, LiteracyJobsModule, ConsentJobsModule, PrivacyJobsModule, PlansJobsModule];

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, jobModules: Type[] = FEATURE_JOB_MODULES): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config), OutboxRelayModule, DiscoveryModule, ...jobModules],
      providers: [JobHandlerRegistry, WorkerMetricsServer, ...queueProcessors(2, config.jobLockSeconds * 1000)],
    };
  }
}
