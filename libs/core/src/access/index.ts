export * from './school-scope';
export * from './school-access.service';
export * from './scope-resolvers';
