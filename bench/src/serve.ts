/**
 * The real HTTP server (apps/server createApp) on the database of DATABASE_URL, on a free port,
 * in its own process so that its memory can be measured: prints `PORT <n>` when listening and
 * stops on SIGTERM. Run by run.ts; not for production (no built apps, closed security defaults).
 */
import { serve } from '@hono/node-server';
import { openDatabase } from '@thads/db';
import { createApp } from '@thads/server/http';

const opened = openDatabase(process.env.DATABASE_URL, {
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
const app = createApp({
  db: opened.db,
  now: () => new Date(),
  logError: (message, error) => console.error(message, error),
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`PORT ${info.port}`);
});
// The benchmark is over: stop at once (requests still in flight are the load generator's last ones,
// not worth answering; closing the pool under them would only log errors).
process.once('SIGTERM', () => {
  server.close();
  process.exit(0);
});
