export * from './surveys.module';
export * from './templates/survey-templates.service';
