export * from './accounts.module';
export * from './users/users.service';
export * from './users/delegation';
export * from './password/password-policy';
export * from './links/account-links.service';
export * from './sign-in/sign-in.service';
export * from './roster/roster-import.service';
