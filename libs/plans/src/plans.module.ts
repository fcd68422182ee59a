import { Module, OnModuleInit } from '@nestjs/common';
import { ClassroomsModule } from '@app/classrooms';
import { ConsentModule } from '@app/consent';
import { DesignationsModule, SupportService } from '@app/designations';
import { LiteracyModule } from '@app/literacy';
import { SurveysModule } from '@app/surveys';
import { TrainingModule } from '@app/training';
import { FeatureIndicators } from './indicators/feature-indicators';
import { IndicatorRegistry } from './indicators/indicator-registry';
import { IndicatorValues } from './indicators/indicator-values.service';
import { IndicatorsController, PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { AnnualReportBuilder } from './report/annual-report.builder';
import { PlanAnnualReportJob } from './report/plan-annual-report.job';
import { IndicatorSnapshots } from './snapshots/indicator-snapshots.service';
import { PlanIndicatorSnapshotJob } from './snapshots/plan-indicator-snapshot.job';
import { YearlyPlansService } from './yearly-plans.service';

// The features whose exported services the indicators read. SupportService is not among
// DesignationsModule's exports, so it is provided here (it needs only the DataSource and the audit log).
const FEATURES = [ClassroomsModule, DesignationsModule, TrainingModule, SurveysModule, LiteracyModule, ConsentModule];
const SERVICES = [IndicatorRegistry, FeatureIndicators, IndicatorValues, IndicatorSnapshots, PlansService, YearlyPlansService, SupportService];

class RegistersIndicators implements OnModuleInit {
  constructor(private readonly features: FeatureIndicators) {}

  onModuleInit(): void {
    this.features.registerAll();
  }
}

/** 조례 제4조: basic plan, yearly plans, indicators and the annual report. */
@Module({
  imports: FEATURES,
  controllers: [PlansController, IndicatorsController],
  providers: SERVICES,
  exports: [IndicatorRegistry, PlansService],
})
export class PlansModule extends RegistersIndicators {
  constructor(features: FeatureIndicators) {
    super(features);
  }
}

/** The quarterly snapshot and the annual report, for the worker. */
@Module({
  imports: FEATURES,
  providers: [...SERVICES, AnnualReportBuilder, PlanAnnualReportJob, PlanIndicatorSnapshotJob],
})
export class PlansJobsModule extends RegistersIndicators {
  constructor(features: FeatureIndicators) {
    super(features);
  }
}
