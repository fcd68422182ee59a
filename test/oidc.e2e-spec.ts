import { randomBytes } from 'node:crypto';
import { createServer, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, JWK, JWTPayload, SignJWT } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { UsersService } from '@app/accounts';
import { Sealer } from '@app/core';
import { HttpClient } from './support/http-client';
import { startTestApp, TestApp } from './support/test-app';

/**
 * OpenID Connect sign-in against a real, certified OpenID provider (oidc-provider) started here.
 *
 * The test plays the browser: it follows every redirect by hand over real HTTP and keeps each
 * host's cookies. The api's redirect URI and public address point at a small pass-through proxy
 * (the load balancer in front of the api processes), because the api picks its own port only once
 * it is listening, after its configuration is read.
 */
describe('sign-in with the office identity provider (OIDC)', () => {
  const CLIENT_ID = 'aiedu-web';
  const CLIENT_SECRET = randomBytes(24).toString('hex');
  const KID = 'provider-key-1';

  let app: TestApp;
  let provider: Provider;
  let providerServer: Server;
  let proxy: Server;
  let issuer: string;
  let publicBase: string;
  let signingKey: CryptoKey;
  /** Who "types their password" at the provider in the next round trip. */
  let nextLogin = '';
  /** When set, the provider's token response carries an ID token changed by this and re-signed. */
  let tamper: ((claims: JWTPayload) => JWTPayload) | undefined;
  /** When set, the re-signing uses this key instead of the provider's own (a forged signature). */
  let forgeWith: CryptoKey | undefined;

  /** The provider's directory of people (sub → claims). */
  const directory: Record<string, { email: string; email_verified: boolean; name: string }> = {
    kim: { email: 'Kim.Teacher@Sen.go.kr', email_verified: true, name: '김교사' },
    stranger: { email: 'stranger@sen.go.kr', email_verified: true, name: '외부인' },
    lee: { email: 'lee@sen.go.kr', email_verified: true, name: '이교사' },
  };

  beforeAll(async () => {
    const [providerPort, proxyPort] = await Promise.all([freePort(), freePort()]);
    issuer = `http://127.0.0.1:${providerPort}`;
    publicBase = `http://127.0.0.1:${proxyPort}`;
    const redirectUri = `${publicBase}/api/v1/auth/oidc/callback`;

    app = await startTestApp({
      env: {
        OIDC_ISSUER_URL: issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_REDIRECT_URI: redirectUri,
        PUBLIC_BASE_URL: publicBase,
        PASSWORD_LOGIN: 'off',
      },
    });
    proxy = await listen(createServer((req, res) => {
      const upstream = request(`${app.baseUrl}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    }), proxyPort);

    // The provider is started by the first test, after the api has shown it copes with its absence.
    const keys = await generateKeyPair('RS256', { extractable: true });
    signingKey = keys.privateKey;
    const jwk: JWK = { ...(await exportJWK(keys.privateKey)), kid: KID, alg: 'RS256', use: 'sig' };
    const configuration: Configuration = {
      clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
      jwks: { keys: [jwk] },
      cookies: { keys: [randomBytes(24).toString('hex')] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      features: { devInteractions: { enabled: false } },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      async findAccount(_ctx, sub) {
        const person = directory[sub];
        return person ? { accountId: sub, claims: async () => ({ sub, ...person }) } : undefined;
      },
      // A first-party client: no consent screen.
      async loadExistingGrant(ctx: KoaContextWithOIDC) {
        const accountId = ctx.oidc.session?.accountId;
        if (!accountId || !ctx.oidc.client) return undefined;
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    };
    provider = new Provider(issuer, configuration);
    // The login screen, completed programmatically as `nextLogin`.
    provider.use(async (ctx, next) => {
      if (!/^\/interaction\/[\w-]+$/.test(ctx.path)) return next();
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      expect(details.prompt.name).toBe('login');
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: nextLogin } }, { mergeWithLastSubmission: false });
      ctx.status = 303;
      ctx.redirect(returnTo);
    });
    // Rewrites the token endpoint's ID token when a test asks for it (expired, other audience, forged).
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path !== '/token' || ctx.status !== 200 || !body?.id_token || !tamper) return;
      const claims = tamper(decodeJwt(body.id_token));
      ctx.body = { ...body, id_token: await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' }).sign(forgeWith ?? signingKey) };
    });
  });

  afterAll(async () => {
    await Promise.all([close(providerServer), close(proxy)]);
    await app?.close();
  });

  afterEach(() => {
    tamper = undefined;
    forgeWith = undefined;
  });

  it('answers 503 with a clear page while the provider is down, and works once it is up (discovery is retried)', async () => {
    const down = await fetch(`${publicBase}/api/v1/auth/oidc/login`, { redirect: 'manual' });
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await down.text()).toContain('교육청 통합 로그인 서버에 연결할 수 없습니다');
    expect(down.headers.get('set-cookie')).toBeNull();
    // The rest of the api is unaffected.
    expect((await app.http.get('/api/v1/auth/methods')).body).toEqual({ password: false, oidc: true });

    providerServer = await listen(provider.callback(), Number(new URL(issuer).port));
    const up = await fetch(`${publicBase}/api/v1/auth/oidc/login`, { redirect: 'manual' });
    expect(up.status).toBe(302);
    const location = new URL(up.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${issuer}/auth`);
    expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(location.searchParams.get('redirect_uri')).toBe(`${publicBase}/api/v1/auth/oidc/callback`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);
    const cookie = up.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^aiedu_oidc=v1\.[\w.-]+; Path=\/api\/v1\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/);
    // Sealed: neither the state nor the verifier can be read from it.
    expect(cookie).not.toContain(location.searchParams.get('state')!);
  });

  it('signs a registered person in: 302 to /login/sso with a token that works, recorded like a password login', async () => {
    const { user } = await app.api.get(UsersService).createSystem({ email: 'kim.teacher@sen.go.kr', role: 'city_admin', displayName: '김교사' });
    nextLogin = 'kim';
    const browser = new Browser();
    const res = await browser.signIn(`${publicBase}/api/v1/auth/oidc/login`);
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/login\/sso#token=[\w.-]+&expiresIn=\d+$/);
    const fragment = new URLSearchParams(location.split('#')[1]);
    expect(Number(fragment.get('expiresIn'))).toBe(app.config.tokenTtlSeconds);
    expect(browser.cookie(publicBase, '/api/v1/auth/oidc/callback')).not.toContain('aiedu_oidc'); // the flow cookie is cleared

    const client = new HttpClient(app.baseUrl);
    client.token = fragment.get('token')!;
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, email: 'kim.teacher@sen.go.kr', role: 'city_admin' });

    const attempts = await app.db.query(`SELECT email, outcome, user_id FROM login_attempts WHERE user_id = $1`, [user.id]);
    expect(attempts).toEqual([{ email: 'kim.teacher@sen.go.kr', outcome: 'success', user_id: user.id }]);
    const sessions = await app.db.query(`SELECT method FROM user_sessions WHERE user_id = $1`, [user.id]);
    expect(sessions).toEqual([{ method: 'oidc' }]);
    const [audit] = await app.db.query(`SELECT action, after FROM audit_log WHERE entity_id = $1 AND action LIKE 'login.%'`, [user.id]);
    expect(audit).toMatchObject({ action: 'login.succeeded', after: { outcome: 'success', method: 'oidc' } });
  });

  it('refuses a person the platform does not know with a 401 page, and records the attempt', async () => {
    nextLogin = 'stranger';
    const res = await new Browser().signIn(`${publicBase}/api/v1/auth/oidc/login`);
    await expectPage(res, 401, '등록되지 않은 계정입니다. 학교 관리자에게 계정 등록을 요청하세요.');
    const attempts = await app.db.query(`SELECT outcome, user_id FROM login_attempts WHERE email = 'stranger@sen.go.kr'`);
    expect(attempts).toEqual([{ outcome: 'bad_credentials', user_id: null }]);
    const [audit] = await app.db.query(`SELECT action, after FROM audit_log WHERE entity_id = 'email:stranger@sen.go.kr'`);
    expect(audit).toMatchObject({ action: 'login.failed', after: { outcome: 'bad_credentials', method: 'oidc' } });
  });

  it('refuses a disabled account with a 401 page, and records the attempt', async () => {
    const { user } = await app.api.get(UsersService).createSystem({ email: 'lee@sen.go.kr', role: 'city_admin' });
    await app.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [user.id]);
    nextLogin = 'lee';
    const res = await new Browser().signIn(`${publicBase}/api/v1/auth/oidc/login`);
    await expectPage(res, 401, '사용이 중지된 계정입니다.');
    expect(await app.db.query(`SELECT outcome FROM login_attempts WHERE user_id = $1`, [user.id])).toEqual([{ outcome: 'inactive' }]);
    expect(await app.db.query(`SELECT 1 FROM user_sessions WHERE user_id = $1`, [user.id])).toEqual([]);
  });

  describe('requests and tokens that fail validation: 400 page, nobody signed in', () => {
    let kimId: string;
    beforeAll(async () => {
      [{ id: kimId }] = await app.db.query(`SELECT id FROM users WHERE email = 'kim.teacher@sen.go.kr'`);
    });
    const sessionsOfKim = async () => (await app.db.query(`SELECT count(*)::int AS n FROM user_sessions WHERE user_id = $1`, [kimId]))[0].n as number;

    it('a tampered state', async () => {
      const before = await sessionsOfKim();
      nextLogin = 'kim';
      const res = await new Browser().signIn(`${publicBase}/api/v1/auth/oidc/login`, (callback) => {
        callback.searchParams.set('state', 'attacker-chosen-state-value');
        return callback;
      });
      await expectPage(res, 400, '로그인 요청이 만료되었거나 올바르지 않습니다. 다시 시도하세요.');
      expect(await sessionsOfKim()).toBe(before);
    });

    it('a callback without the flow cookie (another browser, or after 10 minutes)', async () => {
      const before = await sessionsOfKim();
      nextLogin = 'kim';
      const browser = new Browser();
      const res = await browser.signIn(`${publicBase}/api/v1/auth/oidc/login`, (callback) => {
        browser.forget(publicBase);
        return callback;
      });
      await expectPage(res, 400, '로그인 요청이 만료되었거나 올바르지 않습니다.');
      expect(await sessionsOfKim()).toBe(before);
    });

    it('a flow cookie past its own 10-minute expiry, even if the browser still sends it', async () => {
      const before = await sessionsOfKim();
      nextLogin = 'kim';
      const sealer = new Sealer(app.config.badgeKeySecret, 'oidc-flow');
      const browser = new Browser();
      const res = await browser.signIn(`${publicBase}/api/v1/auth/oidc/login`, (callback) => {
        browser.rewrite('aiedu_oidc', (sealed) => {
          const flow = JSON.parse(sealer.open(sealed));
          expect(flow.exp - Date.now() / 1000).toBeGreaterThan(590);
          return sealer.seal(JSON.stringify({ ...flow, exp: Math.floor(Date.now() / 1000) - 1 }));
        });
        return callback;
      });
      await expectPage(res, 400, '로그인 요청이 만료되었거나 올바르지 않습니다.');
      expect(await sessionsOfKim()).toBe(before);
    });

    it('an expired ID token', async () => {
      const before = await sessionsOfKim();
      nextLogin = 'kim';
      const now = Math.floor(Date.now() / 1000);
      tamper = (c) => ({ ...c, iat: now - 7200, exp: now - 3600 });
      const res = await new Browser().signIn(`${publicBase}/api/v1/auth/oidc/login`);
      await expectPage(res, 400, '로그인 요청이 만료되었거나 올바르지 않습니다.');
      expect(await sessionsOfKim()).toBe(before);
    });

    it('an ID token for another audience', async () => {
      const before = await sessionsOfKim();
      nextLogin = 'kim';
      tamper = (c) => ({ ...c, aud: 'another-client', azp: 'another-client' });
      const res = await new Browser().signIn(`${publicBase}/api/v1/auth/oidc/login`);
      await expectPage(res, 400, '로그인 요청이 만료되었거나 올바르지 않습니다.');
      expect(await sessionsOfKim()).toBe(before);
    });

    it('an ID token signed with a key that is not the provider\'s', async () => {
      const before = await sessionsOfKim();
      nextLogin = 'kim';
      forgeWith = (await generateKeyPair('RS256')).privateKey;
      tamper = (c) => c;
      const res = await new Browser().signIn(`${publicBase}/api/v1/auth/oidc/login`);
      await expectPage(res, 400, '로그인 요청이 만료되었거나 올바르지 않습니다.');
      expect(await sessionsOfKim()).toBe(before);
    });
  });

  it('with PASSWORD_LOGIN=off refuses password login and says so on /auth/methods', async () => {
    const anon = new HttpClient(app.baseUrl);
    const login = await anon.post('/api/v1/auth/login', { email: 'kim.teacher@sen.go.kr', password: 'whatever-password-1' });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('PASSWORD_LOGIN_OFF');
    const methods = await anon.get('/api/v1/auth/methods');
    expect(methods.status).toBe(200);
    expect(methods.body).toEqual({ password: false, oidc: true });
  });

  async function expectPage(res: Response, status: number, message: string): Promise<void> {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('set-cookie')).toMatch(/^aiedu_oidc=; Path=\/api\/v1\/auth\/oidc; Max-Age=0; HttpOnly; SameSite=Lax$/);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain('<a href="/login">');
    expect(html).not.toMatch(/<(script|link|img)\b|https?:\/\//); // self-contained
  }
});

/**
 * A browser reduced to what the round trip needs: manual redirects and a cookie jar that keeps
 * cookies per host name (as browsers do, whatever the port) and honours Path and Max-Age.
 */
class Browser {
  private jar: { host: string; name: string; value: string; path: string }[] = [];

  /**
   * Follows redirects from `start` until the api's callback has answered (or anything that is not
   * a redirect); `atCallback` may change the provider's redirect back to the api before it is followed.
   */
  async signIn(start: string, atCallback: (url: URL) => URL = (u) => u): Promise<Response> {
    let url = new URL(start);
    for (let hop = 0; hop < 12; hop++) {
      if (url.pathname === '/api/v1/auth/oidc/callback') url = atCallback(url);
      const cookie = this.cookie(url.origin, url.pathname);
      const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      this.store(url, res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location || url.pathname === '/api/v1/auth/oidc/callback') return res;
      await res.arrayBuffer();
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  cookie(origin: string, path: string): string {
    const host = new URL(origin).hostname;
    return this.jar.filter((c) => c.host === host && (path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))).map((c) => `${c.name}=${c.value}`).join('; ');
  }

  rewrite(name: string, change: (value: string) => string): void {
    for (const c of this.jar) if (c.name === name) c.value = change(c.value);
  }

  forget(origin: string): void {
    const host = new URL(origin).hostname;
    this.jar = this.jar.filter((c) => !(c.host === host && c.name === 'aiedu_oidc'));
  }

  private store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) => attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attr('path') ?? url.pathname.replace(/\/[^/]*$/, '') ?? '/';
      const expires = attr('expires');
      const gone = attr('max-age') === '0' || value === '' || (expires !== undefined && Date.parse(expires) <= Date.now());
      this.jar = this.jar.filter((c) => !(c.host === url.hostname && c.name === name && c.path === path));
      if (!gone) this.jar.push({ host: url.hostname, name, value, path });
    }
  }
}

async function freePort(): Promise<number> {
  const server = await listen(createServer(), 0);
  const { port } = server.address() as AddressInfo;
  await close(server);
  return port;
}

function listen(server: Server | ((req: any, res: any) => void), port: number): Promise<Server> {
  const s = typeof server === 'function' ? createServer(server) : server;
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

function close(server: Server | undefined): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
