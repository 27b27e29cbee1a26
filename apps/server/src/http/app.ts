/**
 * The HTTP application: /health, POST /auth/login and /auth/logout, the tRPC API at /trpc/*, and
 * (when given their build folders) the built apps at /console/ and /summary/ (interfaces.md §6).
 * A factory, so tests call it with `app.request(...)` and no listening server.
 *
 * Every response carries the security headers (CSP and friends); /auth and /trpc answers are
 * never cached, their bodies are limited in size, state-changing requests must come from this
 * server's own pages (Origin check), and CORS stays closed unless ALLOWED_ORIGINS names origins.
 */
import { trpcServer } from '@hono/trpc-server';
import {
  AnswerCache,
  appRouter,
  createRequestContext,
  databaseAnswers,
  UPLOAD_PROCEDURES,
  type ApiDeps,
  type ScryptCost,
} from '@thads/api';
import { Hono } from 'hono';
import { mountAuth } from './auth.js';
import { DEFAULT_SECURITY, type SecurityOptions } from './env.js';
import {
  bodyLimitOf,
  clientAddress,
  corsFor,
  noStore,
  originCheck,
  securityHeaders,
  trpcBodyLimit,
} from './security.js';
import { mountPublicList } from './public-list.js';
import { serveBuiltApp } from './static.js';

export interface AppOptions extends ApiDeps {
  /** Build folders (`dist`) of the apps to serve; omitted in development (Vite serves them). */
  builtApps?: { console?: string; summary?: string };
  /** Origins, proxy trust and body limit (env.ts); closed defaults when omitted. */
  security?: Partial<SecurityOptions>;
  /** scrypt cost of the decoy hash for unknown usernames at login (tests lower it). */
  decoyCost?: ScryptCost;
  /** Where unexpected errors are reported (default: stderr); the client never sees them. */
  logError?: (message: string, error: unknown) => void;
}

export function createApp(options: AppOptions): Hono {
  const deps: ApiDeps = {
    db: options.db,
    now: options.now,
    ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}),
  };
  const security: SecurityOptions = { ...DEFAULT_SECURITY, ...options.security };
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const app = new Hono();

  app.use('*', securityHeaders());
  app.onError((error, c) => {
    logError(`${c.req.method} ${c.req.path}`, error);
    return c.json({ error: { message: 'Lỗi máy chủ. Vui lòng thử lại sau.' } }, 500);
  });

  app.get('/health', async (c) => {
    const ok = await databaseAnswers(deps.db);
    return c.json({ ok }, ok ? 200 : 503);
  });

  for (const path of ['/auth/*', '/trpc/*']) {
    app.use(path, corsFor(security));
    app.use(path, noStore);
    app.use(path, originCheck(security));
  }
  app.use('/auth/*', bodyLimitOf(security.bodyLimitBytes));
  // The console's file imports carry their files in the body: a larger limit for them alone.
  app.use(
    '/trpc/*',
    trpcBodyLimit(security.bodyLimitBytes, security.uploadLimitBytes, UPLOAD_PROCEDURES),
  );

  mountAuth(
    app,
    { ...deps, ...(options.decoyCost ? { decoyCost: options.decoyCost } : {}) },
    security,
  );

  // The summary's figures from the answer cache when they may be (answer-cache.ts of @thads/api):
  // per request, the session lookup and one registry version query (each shared by the requests of
  // one turn of the event loop).
  const answers = new AnswerCache(deps, { endpoint: '/trpc' });
  app.use('/trpc/*', async (c, next) => {
    let handled = false;
    const response = await answers.answer(c.req.raw, async () => {
      handled = true;
      await next();
      return c.res;
    });
    // From the cache: the response itself (tRPC never ran). Otherwise c.res is tRPC's answer.
    if (!handled) return response;
  });
  app.use(
    '/trpc/*',
    trpcServer({
      endpoint: '/trpc',
      router: appRouter,
      createContext: (_opts, c) =>
        createRequestContext(deps, c.req.raw, clientAddress(c, security)),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          logError(`tRPC ${path ?? '?'}`, error.cause ?? error);
      },
    }),
  );

  // The public list of "chưa có điều kiện" debtors: no login, server-rendered (public-list.ts).
  mountPublicList(app, deps);

  if (options.builtApps?.console) serveBuiltApp(app, '/console', options.builtApps.console);
  if (options.builtApps?.summary) serveBuiltApp(app, '/summary', options.builtApps.summary);

  return app;
}
