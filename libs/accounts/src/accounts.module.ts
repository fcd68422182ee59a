import { Module } from '@nestjs/common';
import { AccountLinks } from './links/account-links.service';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { RosterImportService } from './roster/roster-import.service';
import { AuthController } from './sign-in/auth.controller';
import { LoginThrottle } from './sign-in/login-throttle';
import { SignInService } from './sign-in/sign-in.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

const SERVICES = [UsersService, AccountLinks, SignInService, LoginThrottle, RosterImportService, OidcService];

/** Accounts, sign-in (password, activation links, the identity provider) and roster import. */
@Module({
  controllers: [AuthController, UsersController, OidcController],
  providers: SERVICES,
  exports: SERVICES,
})
export class AccountsModule {}
