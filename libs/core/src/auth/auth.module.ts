import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { SchoolAccess } from '../access/school-access.service';
import { ScopeResolvers } from '../access/scope-resolvers';
import { AppConfig } from '../config';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limiter';

/** Accounts and access checks, for every process (api, worker, cli). */
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
  providers: [AuthService, LoginRateLimiter, SchoolAccess, ScopeResolvers],
  exports: [AuthService, SchoolAccess, ScopeResolvers],
})
export class AuthModule {}

/** The HTTP side: login routes and the global access guard. */
@Module({
  controllers: [AuthController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class AuthHttpModule {}
