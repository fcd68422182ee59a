export * from './designations.module';
export * from './designations.service';
export * from './applications.service';
export * from './calls.service';
export * from './review.service';
export * from './support.service';
