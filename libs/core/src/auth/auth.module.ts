import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { SchoolAccess } from '../access/school-access.service';
import { ScopeResolvers } from '../access/scope-resolvers';
import { AppConfig } from '../config';
import { AccessGuard } from './access.guard';
import { AccountHooks } from './account-hooks';
import { AuthService } from './auth.service';

/** Token checks and access rules, for every process (api, worker, cli); accounts themselves live in libs/accounts. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it
        // as a public key on every verify, which cost a third of the api's CPU in bench/.
        secret: createSecretKey(Buffer.from(config.tokenSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', issuer: 'aiedu' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'aiedu' },
      }),
    }),
  ],
  providers: [AuthService, AccountHooks, SchoolAccess, ScopeResolvers],
  exports: [AuthService, AccountHooks, SchoolAccess, ScopeResolvers],
})
export class AuthModule {}

/** The HTTP side: the global access guard. */
@Module({
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class AuthHttpModule {}
