export * from './training.module';
export * from './completions/completion-import.service';
export * from './courses/courses.service';
export * from './issuance/badge-issuer.service';
export * from './issuance/badge-keys.service';
export * from './issuance/badge-verification.service';
export * from './records/training-records.service';
