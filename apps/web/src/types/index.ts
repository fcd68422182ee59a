// The API's shapes, by feature.
export * from './common';
export * from './schools';
export * from './designations';
export * from './training';
export * from './surveys';
export * from './accounts';
