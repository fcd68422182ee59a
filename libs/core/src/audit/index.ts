export * from './audit.service';
export * from './audit.controller';
export * from './access-denials';
