/**
 * HTTP hardening (issue 4): security headers with a Content-Security-Policy the built apps work
 * under, CORS closed unless origins are configured, an Origin check on every state-changing
 * request, request body limits, and the client's address (behind a proxy only when trusted).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { SecurityOptions } from './env.js';

/**
 * The apps are Vite builds: scripts and styles come from their own files, API calls go to the
 * same origin, and nothing is framed. No inline script or style is needed, so none is allowed.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // Same-origin requests keep their Referer (a fallback for the Origin check); others get none.
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    // A handler that sets its own header (e.g. a page with its own CSP) keeps it.
    overwrite: false,
  });
}

/** CORS only for the configured origins (with the session cookie); none by default. */
export function corsFor(options: SecurityOptions): MiddlewareHandler {
  const allowed = new Set(options.allowedOrigins);
  if (allowed.size === 0) return async (_c, next) => next();
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['content-type', 'trpc-accept', 'x-trpc-source'],
    maxAge: 600,
  });
}

/** The origin the request was made to, as the client sees it. */
export function requestOrigin(c: Context, options: SecurityOptions): string {
  const url = new URL(c.req.url);
  if (options.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}

/** Whether the client reached us over https (the session cookie is then Secure). */
export function isHttps(c: Context, options: SecurityOptions): boolean {
  return (
    requestOrigin(c, options).startsWith('https:') ||
    (options.publicOrigin?.startsWith('https:') ?? false)
  );
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a state-changing request (403) unless its Origin (or, without one, its Referer) is this
 * server, PUBLIC_ORIGIN or one of ALLOWED_ORIGINS. Browsers send Origin on every POST, so a page
 * of another site cannot make a signed-in user's browser change anything; a client that sends
 * neither header is refused too.
 */
export function originCheck(options: SecurityOptions): MiddlewareHandler {
  return async (c, next) => {
    if (!STATE_CHANGING.has(c.req.method)) return next();
    const allowed = new Set([requestOrigin(c, options), ...options.allowedOrigins]);
    if (options.publicOrigin) allowed.add(options.publicOrigin);
    let origin = c.req.header('origin') ?? null;
    if (origin === null) {
      const referer = c.req.header('referer');
      try {
        origin = referer ? new URL(referer).origin : null;
      } catch {
        origin = null;
      }
    }
    if (origin === null || !allowed.has(origin)) {
      return c.json(
        {
          error: {
            message: 'Yêu cầu bị từ chối: không rõ nguồn gốc (Origin) hoặc đến từ trang web khác',
          },
        },
        403,
      );
    }
    return next();
  };
}

/**
 * The body limit of /trpc: `uploadBytes` for a request to the procedures that carry files (every
 * procedure of a batched path must be one), `bytes` for everything else.
 */
export function trpcBodyLimit(
  bytes: number,
  uploadBytes: number,
  uploads: readonly string[],
): MiddlewareHandler {
  const normal = bodyLimitOf(bytes);
  const upload = bodyLimitOf(uploadBytes);
  return async (c, next) => {
    // A GET or HEAD request has no body (the Node server gives it none): nothing to limit, and
    // asking for its body would build a full Request object on the summary's hot path.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const paths = c.req.path.replace(/^\/trpc\//, '').split(',');
    const isUpload = paths.length > 0 && paths.every((p) => uploads.includes(p));
    return (isUpload ? upload : normal)(c, next);
  };
}

/** 413 with a Vietnamese message past `bytes`. */
export function bodyLimitOf(bytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: bytes,
    onError: (c) =>
      c.json(
        { error: { message: `Yêu cầu quá lớn (tối đa ${bytes.toLocaleString('vi-VN')} byte)` } },
        413,
      ),
  });
}

/**
 * The client's address: the first X-Forwarded-For entry behind a trusted proxy, else the socket's
 * peer (the Node server passes it as `c.env.incoming`), else `unknown` (in-process tests).
 */
export function clientAddress(c: Context, options: SecurityOptions): string {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * API answers are per user and must not be cached by browsers or proxies. Set on the response's
 * own headers (as secureHeaders does): `c.header` after the handler would copy the response.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
};
