import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/core';
import { OidcRefusal, OidcService } from './oidc.service';

/**
 * The browser's round trip through the office's identity provider. Both routes are navigated to
 * (not called by the SPA with fetch), so they answer with redirects or a small Korean HTML page,
 * never with a JSON error body.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  @Get('login')
  @Public()
  @ApiOperation({ summary: 'Start 교육청 통합 로그인: redirects to the identity provider (503 page when it cannot be reached)' })
  @ApiResponse({ status: 302, description: 'to the identity provider (Location), with the sealed state cookie' })
  @ApiResponse({ status: 503, description: 'a Korean page: the identity provider cannot be reached', content: { 'text/html': { schema: { type: 'string' } } } })
  async oidcLogin(@Res() reply: FastifyReply): Promise<void> {
    try {
      const { location, cookie } = await this.oidc.start();
      await noStore(reply).header('set-cookie', cookie).redirect(location, 302);
    } catch (err) {
      if (err instanceof OidcRefusal) return sendRefusal(reply, err);
      throw err;
    }
  }

  /**
   * On success: 302 to `/login/sso#token=<accessToken>&expiresIn=<seconds>`. The token travels in
   * the URL fragment, which browsers never send to a server (so it reaches no access log and no
   * Referer); the SPA page at /login/sso reads it from `location.hash`, stores it like a password
   * login's token (localStorage), removes the fragment with history.replaceState and goes on.
   * On failure: a Korean HTML page (401 unknown or disabled account, 400 expired or tampered
   * request or a token that fails validation, 503 provider unreachable) linking back to /login.
   */
  @Get('callback')
  @Public()
  @ApiOperation({ summary: 'The identity provider returns here: checks state, nonce and the ID token, finds the account and signs in' })
  @ApiResponse({ status: 302, description: 'signed in: to `/login/sso#token=…&expiresIn=…`' })
  @ApiResponse({ status: 400, description: 'a Korean page: an expired or tampered request, or an ID token that fails validation', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 401, description: 'a Korean page: no such account, or it is disabled', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 503, description: 'a Korean page: the identity provider cannot be reached', content: { 'text/html': { schema: { type: 'string' } } } })
  async oidcCallback(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    noStore(reply).header('set-cookie', this.oidc.clearCookie());
    const at = req.url.indexOf('?');
    try {
      const signedIn = await this.oidc.finish(at < 0 ? '' : req.url.slice(at + 1), req.headers.cookie, req.ip);
      const fragment = new URLSearchParams({ token: signedIn.accessToken, expiresIn: String(signedIn.expiresIn) });
      await reply.redirect(`/login/sso#${fragment}`, 302);
    } catch (err) {
      if (err instanceof OidcRefusal) return sendRefusal(reply, err);
      throw err;
    }
  }
}

function noStore(reply: FastifyReply): FastifyReply {
  // The callback URL carries the authorization code: no caching, and no Referer to the next page.
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

async function sendRefusal(reply: FastifyReply, refusal: OidcRefusal): Promise<void> {
  noStore(reply)
    .status(refusal.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff');
  if (refusal.status === 503) reply.header('retry-after', '30');
  await reply.send(refusalPage(refusal.message));
}

/** A self-contained page (no external assets): what went wrong and the way back to the login page. */
export function refusalPage(message: string): string {
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>교육청 통합 로그인 - 서울특별시교육청 AI 교육 플랫폼</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic",sans-serif;background:#f5f7fa;color:#1a202c}
main{max-width:28rem;margin:15vh auto 0;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:8px}
h1{font-size:1.25rem;margin:0 0 1rem}
p{line-height:1.6;margin:0 0 1.5rem}
a{display:inline-block;padding:.6rem 1.2rem;background:#2c5282;color:#fff;border-radius:6px;text-decoration:none}
a:focus{outline:3px solid #90cdf4;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>교육청 통합 로그인</h1>
<p role="alert">${escapeHtml(message)}</p>
<a href="/login">로그인 화면으로 돌아가기</a>
</main>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
