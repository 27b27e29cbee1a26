/**
 * Loads the national dataset through the project's own import path (`importUnits`,
 * `importOfficers`, then `importCases` in batches: every case replayed by the domain's rules, its
 * derived columns, the audit trail and whatever else the import engine keeps up to date written in
 * the same transaction as the batch). Resumable: a batch whose last case is already stored is
 * skipped, so an interrupted generation goes on where it stopped.
 */
import { sql, type Kysely } from 'kysely';
import {
  CLI_ACTOR,
  getPublicListSettings,
  importCases,
  importOfficers,
  importUnits,
  setAutoPublication,
  type Database,
} from '@thads/db';
import {
  FIRST_DAY,
  LAST_DAY,
  caseIdOf,
  generateBatch,
  nationalPlan,
  officersCsv,
  unitsCsv,
  type NationalConfig,
  type NationalPlan,
} from './national.js';

/** Id prefix of the dataset's cases (QG = quốc gia). */
export const CASE_PREFIX = 'QG';
export const BATCH_CASES = 20_000;
export const IMPORT_ACTOR = CLI_ACTOR;

export interface LoadProgress {
  (message: string): void;
}

export interface LoadResult {
  plan: NationalPlan;
  importedCases: number;
  importedEvents: number;
  skippedBatches: number;
  seconds: number;
}

/** Imports one batch; throws with the first issue when the generator made an invalid record. */
export async function importBatch(
  db: Kysely<Database>,
  batch: { cases: string; events: string },
  label: string,
  onProgress?: (message: string) => void,
): Promise<void> {
  const result = await importCases(
    db,
    {
      cases: { name: `${label}-cases.csv`, text: batch.cases },
      events: { name: `${label}-events.csv`, text: batch.events },
    },
    { today: LAST_DAY, actor: IMPORT_ACTOR, onProgress },
  );
  if (result.issues.length > 0) {
    const i = result.issues[0]!;
    throw new Error(
      `bộ dữ liệu sinh ra không hợp lệ (${i.file}:${i.line}:${i.column}): ${i.message}`,
    );
  }
}

async function hasCase(db: Kysely<Database>, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined
  );
}

/**
 * Automatic publication of "chưa có điều kiện" decisions from the first day of the dataset on
 * (statistics.md §11), as a national deployment publishes them: without it every unable case would
 * await the Cục's confirmation and be a V12 finding of every report. Through the project's own
 * setting (audited); nothing when it is already on.
 */
export async function ensureAutoPublication(db: Kysely<Database>): Promise<void> {
  if ((await getPublicListSettings(db)).autoPublishFrom !== null) return;
  await setAutoPublication(db, { autoPublishFrom: FIRST_DAY, actor: CLI_ACTOR, at: new Date() });
}

/** True when the dataset of this plan is entirely stored (its last case is there). */
export async function datasetComplete(db: Kysely<Database>, plan: NationalPlan): Promise<boolean> {
  return hasCase(db, caseIdOf(CASE_PREFIX, plan.totalCases - 1));
}

/** Generates and imports the national dataset (or what is missing of it). */
export async function loadNationalDataset(
  db: Kysely<Database>,
  config: NationalConfig,
  progress: LoadProgress = () => {},
): Promise<LoadResult> {
  const plan = nationalPlan(config);
  const started = performance.now();
  const options = { today: LAST_DAY, actor: IMPORT_ACTOR };
  const units = await importUnits(db, { name: 'units.csv', text: unitsCsv(plan.units) }, options);
  if (units.issues.length > 0) throw new Error(`đơn vị: ${units.issues[0]!.message}`);
  const officers = await importOfficers(
    db,
    { name: 'officers.csv', text: officersCsv(plan.officers) },
    options,
  );
  if (officers.issues.length > 0) throw new Error(`chấp hành viên: ${officers.issues[0]!.message}`);
  await ensureAutoPublication(db);
  progress(
    `${plan.units.length} đơn vị, ${plan.officers.length} chấp hành viên; ${plan.totalCases.toLocaleString('vi-VN')} việc cần có`,
  );
  let importedCases = 0;
  let importedEvents = 0;
  let skippedBatches = 0;
  for (let from = 0; from < plan.totalCases; from += BATCH_CASES) {
    const to = Math.min(plan.totalCases, from + BATCH_CASES);
    if (await hasCase(db, caseIdOf(CASE_PREFIX, to - 1))) {
      skippedBatches++;
      continue;
    }
    const batch = generateBatch(plan, CASE_PREFIX, from, to);
    await importBatch(db, batch, `national-${from}`);
    importedCases += batch.caseCount;
    importedEvents += batch.eventCount;
    const seconds = (performance.now() - started) / 1000;
    progress(
      `đã nạp ${to.toLocaleString('vi-VN')}/${plan.totalCases.toLocaleString('vi-VN')} việc ` +
        `(${importedEvents.toLocaleString('vi-VN')} sự kiện mới, ${Math.round(importedEvents / seconds).toLocaleString('vi-VN')} sự kiện/giây)`,
    );
  }
  // Fresh statistics for the planner after a bulk load (PostgreSQL's autovacuum would gather them
  // later, while the first benchmarks run on guesses); SQLite's planner reads them too.
  if (importedCases > 0) await sql`analyze`.execute(db);
  return {
    plan,
    importedCases,
    importedEvents,
    skippedBatches,
    seconds: (performance.now() - started) / 1000,
  };
}
