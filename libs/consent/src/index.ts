export * from './consent.module';
export * from './eligibility/rules';
export * from './guardian-relation';
export * from './services/ai-services.service';
export * from './records/roster.service';
export * from './records/consent-records.service';
export * from './letters/letters.service';
export { LinkCodeHash } from './letters/link-code';
export * from './overview/consent-overview.service';
