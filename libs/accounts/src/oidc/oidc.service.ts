import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';

/** Sign-in with the office's identity provider (OpenID Connect, authorization code + PKCE). */
@Injectable()
export class OidcService {
  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.oidc !== undefined;
  }

  get passwordLoginEnabled(): boolean {
    return this.config.passwordLogin;
  }
}
