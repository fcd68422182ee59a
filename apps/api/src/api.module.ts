import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AppConfig, AuditController, AuthHttpModule, CoreModule, HealthController, JobsAdminModule, JobsController, MetricsController, NoticesController, OutboxRelayModule, PersonalDataHttpModule } from '@app/core';
import { ClassroomsModule } from '@app/classrooms';
import { ConsentModule } from '@app/consent';
import { PrivacyModule } from '@app/privacy';
import { PracticeModule } from '@app/practice';
import { PlansModule } from '@app/plans';
import { DesignationsModule } from '@app/designations';
import { LiteracyModule } from '@app/literacy';
import { SurveysModule } from '@app/surveys';
import { TrainingModule } from '@app/training';
import { SchoolsModule } from '@app/schools';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(config), OutboxRelayModule, AuthHttpModule, PersonalDataHttpModule, AccountsModule, SchoolsModule, ClassroomsModule, DesignationsModule, TrainingModule, SurveysModule, LiteracyModule, ConsentModule, PrivacyModule, PracticeModule, PlansModule, JobsAdminModule],
      controllers: [HealthController, MetricsController, JobsController, NoticesController, AuditController],
    };
  }
}
