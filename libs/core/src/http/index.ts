export * from './validation';
export * from './pagination.dto';
export * from './upload';
