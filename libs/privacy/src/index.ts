export * from './privacy.module';
export { AccessLogQueries } from './access-log/access-log-queries.service';
export { AccessReview } from './reviews/access-review.service';
export { Destruction } from './destruction/destruction.service';
export { RETENTION_CATEGORIES, type RetentionCategory } from './retention/categories';
export { RetentionRules } from './retention/retention-rules.service';
