export * from './notices.service';
export * from './notices.controller';
export * from './notice.dto';
