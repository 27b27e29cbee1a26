/**
 * Development entry of the API (`pnpm dev` at the root runs it with the two Vite dev servers):
 * opens the database of DATABASE_URL and migrates it, loads the demo data (`seed demo`, demo
 * accounts included) when the database has no units, or only the demo accounts when it has no
 * account, and serves /health and /trpc on PORT (3000). The console (5173) and the
 * summary (5174) proxy /trpc here.
 */
import { serve } from '@hono/node-server';
import { listUnits, listUsers, migrateToLatest, openDatabase } from '@thads/db';
import { localDate } from '../cli/io.js';
import { seedDemoAccounts } from '../cli/seed/accounts.js';
import { seedDemo } from '../cli/seed/demo.js';
import { createApp } from './app.js';
import { parseEnv } from './env.js';

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const opened = openDatabase(env.databaseUrl);
  const applied = await migrateToLatest(opened.db);
  console.log(
    `Cơ sở dữ liệu: ${opened.location}${applied.length > 0 ? ` (đã cập nhật: ${applied.join(', ')})` : ''}`,
  );
  if ((await listUnits(opened.db)).length === 0) {
    console.log('Cơ sở dữ liệu chưa có đơn vị nào: đang nạp dữ liệu mẫu (năm công tác 2016–2018)…');
    const steps = await seedDemo(opened.db, { today: localDate(new Date()) });
    const failed = steps.find((step) => step.result.issues.length > 0);
    if (failed) {
      const issues = failed.result.issues.map((i) => i.message).join('; ');
      throw new Error(`Nạp dữ liệu mẫu (${failed.label}) thất bại: ${issues}`);
    }
    console.log('Đã nạp dữ liệu mẫu.');
  } else if ((await listUsers(opened.db)).length === 0) {
    // A database seeded before accounts existed: add the demo accounts so that one can log in.
    const { counts } = await seedDemoAccounts(opened.db, { now: new Date() });
    console.log(`Đã tạo ${counts.created} tài khoản mẫu (xem README).`);
  }

  const app = createApp({ db: opened.db, now: () => new Date(), security: env.security });
  const server = serve({ fetch: app.fetch, port: env.port }, (info) => {
    console.log(
      `API: http://localhost:${info.port}/trpc  ·  kiểm tra: http://localhost:${info.port}/health`,
    );
  });

  const stop = () => {
    server.close(() => {
      void opened.close().then(() => process.exit(0));
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
