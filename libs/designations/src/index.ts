export * from './designations.module';
export * from './designations.service';
