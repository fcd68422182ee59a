// The API's shapes, by feature.
export * from './common';
export * from './designations';
export * from './training';
