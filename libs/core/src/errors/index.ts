export * from './app-error';
export * from './app-exception.filter';
export * from './excerpt';
export * from './database-input-error';
