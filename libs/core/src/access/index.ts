export * from './school-scope';
export * from './school-access.service';
