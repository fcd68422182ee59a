export * from './surveys.module';
export * from './templates/survey-templates.service';
export * from './campaigns/campaigns.service';
export * from './respond/respond.service';
export * from './aggregation/survey-aggregation.service';
export * from './operations/distribution.service';
export * from './idempotency';
