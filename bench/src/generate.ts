/**
 * `pnpm --filter @thads/bench generate`: generates the national dataset (or what is missing of it)
 * into the benchmark database (options.ts), through the import engine, with progress on stderr.
 * `pnpm bench` does the same when the dataset is missing.
 */
import { migrateToLatest, openDatabase } from '@thads/db';
import { datasetComplete, loadNationalDataset } from './dataset.js';
import { nationalPlan } from './national.js';
import { CALLER_CWD, SCALE, SEED, benchDatabaseUrl } from './options.js';

const opened = openDatabase(benchDatabaseUrl(), { cwd: CALLER_CWD });
try {
  console.error(`Cơ sở dữ liệu: ${opened.location} (${opened.dialect}); tỷ lệ ${SCALE}`);
  const applied = await migrateToLatest(opened.db);
  if (applied.length > 0) console.error(`Đã áp dụng ${applied.join(', ')}`);
  if (await datasetComplete(opened.db, nationalPlan({ seed: SEED, scale: SCALE }))) {
    console.error('Bộ dữ liệu toàn quốc đã có đủ.');
  } else {
    const loaded = await loadNationalDataset(opened.db, { seed: SEED, scale: SCALE }, (m) =>
      console.error(m),
    );
    console.error(
      `Xong: ${loaded.importedCases} việc, ${loaded.importedEvents} sự kiện trong ${Math.round(loaded.seconds)} giây`,
    );
  }
} catch (error) {
  console.error(`lỗi: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await opened.close();
}
