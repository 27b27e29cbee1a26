/**
 * Every command opens the database named by DATABASE_URL (interfaces.md §1). An embedded SQLite
 * database (the default file, a `sqlite:` path or `sqlite::memory:`) is migrated on first use;
 * PostgreSQL is migrated only by `migrate`, deliberately, and other commands refuse an outdated one.
 */
import { migrateToLatest, openDatabase, pendingMigrations, type OpenedDatabase } from '@thads/db';
import { CliError, type CliIo } from './io.js';

export async function withDatabase<T>(
  io: CliIo,
  work: (opened: OpenedDatabase) => Promise<T>,
  options: { migrate?: 'auto' | 'skip' } = {},
): Promise<T> {
  const opened = openDatabase(io.env.DATABASE_URL, { cwd: io.cwd });
  try {
    if (options.migrate !== 'skip') {
      if (opened.dialect === 'sqlite') {
        await migrateToLatest(opened.db);
      } else {
        const pending = await pendingMigrations(opened.db);
        if (pending.length > 0) {
          throw new CliError(
            `cơ sở dữ liệu ${opened.location} chưa ở cấu trúc mới nhất (còn ${pending.length} bước); chạy "pnpm thads migrate" trước`,
          );
        }
      }
    }
    return await work(opened);
  } finally {
    await opened.close();
  }
}
