import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The headers a public-sector web service sends (helmet's defaults: nosniff, frame and referrer
 * policies, HSTS, …) and a Content-Security-Policy for the web UI: everything from this origin
 * only, no inline scripts or styles, no framing, forms posting only here. Swagger UI at /api/docs
 * needs inline styles and images from data: URLs; its page gets a policy of its own.
 */
export async function securityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
    // The identity provider and badge verifiers link here; keep the origin in the Referer only.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.getHttpAdapter().getInstance().addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/docs')) {
      void reply.header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'");
    }
    return payload;
  });
}
