export * from './notices.service';
export * from './notices.controller';
