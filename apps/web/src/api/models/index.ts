// The api's shapes, by the names the web app uses: every one an alias of a schema in the served
// OpenAPI document (schema.d.ts), never restated by hand.
import type { components } from '../schema';

export type Schemas = components['schemas'];

export * from './common';
export * from './schools';
export * from './accounts';
export * from './jobs';
export * from './designations';
export * from './training';
export * from './surveys';
export * from './literacy';
export * from './consent';
