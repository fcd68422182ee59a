export * from './validation';
export * from './pagination.dto';
export * from './upload';
export * from './parse-id.pipe';
export * from './send-file';
export * from './redact-url';
