export * from './app-error';
export * from './app-exception.filter';
