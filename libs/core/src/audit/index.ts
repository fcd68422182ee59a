export * from './audit.service';
export * from './audit.controller';
export * from './access-denials';
export * from './audit-record.dto';
