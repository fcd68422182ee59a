export * from './api-contract.dto';
export * from './api-decorators';
