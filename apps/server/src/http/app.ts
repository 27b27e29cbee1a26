/**
 * The HTTP application: /health, the tRPC API at /trpc/*, and (when given their build folders) the
 * built apps at /console/ and /summary/ (interfaces.md §6). A factory, so tests call it with
 * `app.request(...)` and no listening server.
 */
import { trpcServer } from '@hono/trpc-server';
import { appRouter, createContext, databaseAnswers, type ApiDeps } from '@thads/api';
import { Hono } from 'hono';
import { serveBuiltApp } from './static.js';

export interface AppOptions extends ApiDeps {
  /** Build folders (`dist`) of the apps to serve; omitted in development (Vite serves them). */
  builtApps?: { console?: string; summary?: string };
}

export function createApp(options: AppOptions): Hono {
  const deps: ApiDeps = { db: options.db, now: options.now };
  const app = new Hono();

  app.get('/health', async (c) => {
    const ok = await databaseAnswers(deps.db);
    return c.json({ ok }, ok ? 200 : 503);
  });

  app.use(
    '/trpc/*',
    trpcServer({
      endpoint: '/trpc',
      router: appRouter,
      createContext: (_opts, c) => createContext(deps, c.req.raw),
    }),
  );

  if (options.builtApps?.console) serveBuiltApp(app, '/console', options.builtApps.console);
  if (options.builtApps?.summary) serveBuiltApp(app, '/summary', options.builtApps.summary);

  return app;
}
