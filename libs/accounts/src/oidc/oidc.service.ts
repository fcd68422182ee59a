import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import { AppConfig, Sealer } from '@app/core';
import { SignedIn, SignInService } from '../sign-in/sign-in.service';

/** The cookie that carries one sign-in's state, nonce and PKCE verifier from /login to /callback. */
export const OIDC_FLOW_COOKIE = 'aiedu_oidc';
/** How long a person has at the identity provider before the round trip must start again. */
export const OIDC_FLOW_TTL_SECONDS = 600;

/** Why the round trip ended without a sign-in; the controller shows `message` (Korean) on a page. */
export type OidcRefusalKind = 'not_configured' | 'unavailable' | 'invalid_request' | 'unknown_account' | 'disabled_account';

const REFUSALS: Record<OidcRefusalKind, { status: number; message: string }> = {
  not_configured: { status: 404, message: '교육청 통합 로그인이 설정되어 있지 않습니다. 이메일과 비밀번호로 로그인하세요.' },
  unavailable: { status: 503, message: '교육청 통합 로그인 서버에 연결할 수 없습니다. 잠시 후 다시 시도하세요.' },
  invalid_request: { status: 400, message: '로그인 요청이 만료되었거나 올바르지 않습니다. 다시 시도하세요.' },
  unknown_account: { status: 401, message: '등록되지 않은 계정입니다. 학교 관리자에게 계정 등록을 요청하세요.' },
  disabled_account: { status: 401, message: '사용이 중지된 계정입니다. 학교 관리자에게 문의하세요.' },
};

export class OidcRefusal extends Error {
  readonly status: number;

  constructor(readonly kind: OidcRefusalKind) {
    super(REFUSALS[kind].message);
    this.status = REFUSALS[kind].status;
  }
}

/** What the flow cookie holds (sealed, so the browser can neither read nor change it). */
interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  /** Epoch seconds after which the cookie is refused even if the browser still sends it. */
  exp: number;
}

/**
 * Sign-in with the office's identity provider (OpenID Connect, authorization code + PKCE).
 *
 * The flow keeps no server memory (several api processes run behind a load balancer): `start`
 * puts a fresh state, nonce and PKCE code_verifier in a sealed, HttpOnly, SameSite=Lax cookie
 * valid for 10 minutes, and `finish` opens it on whichever process the callback reaches, checks
 * state, nonce and the ID token (issuer, audience, expiry, signature) through openid-client,
 * finds the account by OIDC_ACCOUNT_CLAIM and signs the person in like a password login.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private readonly sealer: Sealer;
  private discovered?: Promise<client.Configuration>;

  constructor(
    private readonly config: AppConfig,
    private readonly signIn: SignInService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {
    this.sealer = new Sealer(config.badgeKeySecret, 'oidc-flow');
  }

  get enabled(): boolean {
    return this.config.oidc !== undefined;
  }

  get passwordLoginEnabled(): boolean {
    return this.config.passwordLogin;
  }

  /** The provider's authorization URL to send the browser to, and the flow cookie to set on it. */
  async start(): Promise<{ location: string; cookie: string }> {
    const oidc = this.settings();
    const configuration = await this.configuration();
    const flow: FlowState = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      exp: Math.floor(Date.now() / 1000) + OIDC_FLOW_TTL_SECONDS,
    };
    const params: Record<string, string> = {
      redirect_uri: oidc.redirectUri,
      response_type: 'code',
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    };
    // A claim outside the standard scopes (e.g. teacher_number) is asked for by name where the provider allows it.
    if (!STANDARD_CLAIMS.has(oidc.accountClaim) && configuration.serverMetadata().claims_parameter_supported) {
      params.claims = JSON.stringify({ id_token: { [oidc.accountClaim]: { essential: true } }, userinfo: { [oidc.accountClaim]: { essential: true } } });
    }
    const location = client.buildAuthorizationUrl(configuration, params).href;
    return { location, cookie: this.flowCookie(this.sealer.seal(JSON.stringify(flow)), OIDC_FLOW_TTL_SECONDS) };
  }

  /** The Set-Cookie value that removes the flow cookie (sent with every callback answer). */
  clearCookie(): string {
    return this.flowCookie('', 0);
  }

  /**
   * Completes the round trip: `query` is the callback's query string as the provider sent it,
   * `cookieHeader` the request's Cookie header. Throws OidcRefusal for every way it can fail.
   */
  async finish(query: string, cookieHeader: string | undefined, ip: string): Promise<SignedIn> {
    const oidc = this.settings();
    const flow = this.openFlow(cookieHeader);
    const configuration = await this.configuration();
    const currentUrl = new URL(oidc.redirectUri);
    currentUrl.search = query;

    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        pkceCodeVerifier: flow.verifier,
        idTokenExpected: true,
      });
    } catch (err) {
      throw this.refusalFor(err, 'authorization code grant');
    }
    const idToken = tokens.claims();
    if (!idToken) throw new OidcRefusal('invalid_request');

    let claims: Record<string, unknown> = idToken;
    // Many providers put profile claims only in UserInfo for the code flow (OIDC Core 5.4).
    if (claims[oidc.accountClaim] === undefined && configuration.serverMetadata().userinfo_endpoint) {
      try {
        claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
      } catch (err) {
        throw this.refusalFor(err, 'userinfo');
      }
    }

    const value = claimValue(claims[oidc.accountClaim]);
    const byEmail = oidc.accountClaim === 'email';
    const attempted = value === undefined ? `oidc-sub:${idToken.sub}` : byEmail ? value.toLowerCase() : `${oidc.accountClaim}:${value}`;
    if (value === undefined || (byEmail && claims.email_verified === false)) {
      this.logger.warn({ msg: 'identity provider sent no usable account claim', claim: oidc.accountClaim, emailVerified: claims.email_verified });
      await this.signIn.recordFailure(attempted.slice(0, 320), ip, null, 'bad_credentials');
      throw new OidcRefusal('unknown_account');
    }
    const account = await this.findAccount(byEmail, value);
    if (!account) {
      await this.signIn.recordFailure(attempted.slice(0, 320), ip, null, 'bad_credentials');
      throw new OidcRefusal('unknown_account');
    }
    if (account.status !== 'active') {
      await this.signIn.recordFailure(account.email, ip, account.id, 'inactive');
      throw new OidcRefusal('disabled_account');
    }
    return this.signIn.signInVerified(account.id, account.email, 'oidc', ip);
  }

  private settings(): NonNullable<AppConfig['oidc']> {
    if (!this.config.oidc) throw new OidcRefusal('not_configured');
    return this.config.oidc;
  }

  /**
   * The provider's metadata, discovered on first use and kept; a failed discovery is forgotten so
   * the next sign-in tries again (the api starts and serves everything else while the provider is down).
   */
  private async configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const attempt = this.discover();
      this.discovered = attempt;
      attempt.catch(() => {
        if (this.discovered === attempt) this.discovered = undefined;
      });
    }
    try {
      return await this.discovered;
    } catch (err) {
      this.logger.error({ msg: 'identity provider discovery failed', issuer: this.config.oidc?.issuerUrl, err: describe(err) });
      throw new OidcRefusal('unavailable');
    }
  }

  private discover(): Promise<client.Configuration> {
    const oidc = this.settings();
    const issuer = new URL(oidc.issuerUrl);
    const execute: Array<(c: client.Configuration) => void> = [client.enableNonRepudiationChecks];
    // Plain http only for a development or test provider, never for a production one elsewhere than this machine.
    if (issuer.protocol === 'http:' && (this.config.env !== 'production' || isLoopback(issuer.hostname))) execute.push(client.allowInsecureRequests);
    const auth = oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None();
    return client.discovery(issuer, oidc.clientId, { client_secret: oidc.clientSecret }, auth, { execute, timeout: 10 });
  }

  private openFlow(cookieHeader: string | undefined): FlowState {
    const sealed = readCookie(cookieHeader, OIDC_FLOW_COOKIE);
    if (!sealed) throw new OidcRefusal('invalid_request');
    let flow: FlowState;
    try {
      flow = JSON.parse(this.sealer.open(sealed)) as FlowState;
    } catch {
      throw new OidcRefusal('invalid_request');
    }
    if (typeof flow.state !== 'string' || typeof flow.nonce !== 'string' || typeof flow.verifier !== 'string') throw new OidcRefusal('invalid_request');
    if (!(flow.exp > Date.now() / 1000)) throw new OidcRefusal('invalid_request');
    return flow;
  }

  /** Network trouble with the provider is 503; anything the checks refuse (state, token, provider error) is 400. */
  private refusalFor(err: unknown, step: string): OidcRefusal {
    // Only the errors' kinds, codes and messages: never the code, tokens or a response body.
    this.logger.warn({ msg: `identity provider sign-in refused at ${step}`, err: describe(err) });
    return new OidcRefusal(causes(err).some(isUnreachable) ? 'unavailable' : 'invalid_request');
  }

  private async findAccount(byEmail: boolean, value: string): Promise<{ id: string; email: string; status: string } | undefined> {
    const [row] = await this.ds.query(
      `SELECT id, email, status FROM users WHERE ${byEmail ? 'lower(email) = lower($1)' : 'teacher_number = $1'}`,
      [value],
    );
    return row;
  }

  private flowCookie(value: string, maxAge: number): string {
    const oidc = this.settings();
    // Sent only to the two OIDC routes (the directory of the redirect URI, normally /api/v1/auth/oidc).
    const path = new URL(oidc.redirectUri).pathname.replace(/\/[^/]*$/, '') || '/';
    const secure = this.config.publicBaseUrl.startsWith('https:') ? '; Secure' : '';
    return `${OIDC_FLOW_COOKIE}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
  }
}

const STANDARD_CLAIMS = new Set(['email', 'sub', 'preferred_username', 'name', 'phone_number']);

function claimValue(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  return s.length > 0 && s.length <= 320 ? s : undefined;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

type ErrorLike = { name?: unknown; message: string; code?: unknown; error?: unknown; status?: unknown; cause?: unknown };

/**
 * The error and the errors that caused it (a fetch failure's ECONNREFUSED sits two levels down).
 * Duck-typed, since fetch's errors may come from another realm. Plain-object causes are left out:
 * oauth4webapi puts JWT claims there, which must not reach the logs.
 */
function causes(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let e = err; isErrorLike(e) && chain.length < 4; e = e.cause) chain.push(e);
  return chain;
}

function isErrorLike(e: unknown): e is ErrorLike {
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}

function isUnreachable(e: ErrorLike): boolean {
  return e.message === 'fetch failed'
    || e.name === 'TimeoutError' || e.name === 'AbortError'
    || ['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET'].includes(String(e.code))
    || (typeof e.status === 'number' && e.status >= 500);
}

function describe(err: unknown): Record<string, unknown>[] {
  return causes(err).map(({ name, message, code, error, status }) => ({
    name, message, ...(code !== undefined ? { code } : {}), ...(error !== undefined ? { error } : {}), ...(status !== undefined ? { status } : {}),
  }));
}
