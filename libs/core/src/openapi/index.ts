export * from './api-contract.dto';
export * from './api-decorators';
export * from './document';
export * from './error-responses';
