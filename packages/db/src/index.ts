/**
 * @thads/db: storage of THADS. Kysely over SQLite (embedded default) or PostgreSQL, chosen by
 * DATABASE_URL; queries shaped `fn(db, params)` that work unchanged inside a transaction; the report
 * service (source resolution of interfaces.md §5) and the registry import engine (§2–§4).
 */
export * from './schema.js';
export * from './open.js';
export * from './migrate.js';
export * from './migrations/index.js';
export * from './queries/units.js';
export * from './queries/cases.js';
export * from './queries/aggregates.js';
export * from './queries/accounts.js';
export * from './audit.js';
export * from './backup.js';
export * from './queries/targets.js';
export * from './reports.js';
export * from './progress.js';
export * from './backtest.js';
export * from './import/index.js';
export * from './queries/public-list.js';
export * from './queries/public-list-v12.js';
export * from './locks.js';
export * from './report-batch.js';
export * from './report-versions.js';
export * from './report-workflow.js';
export * from './aggregate-entry.js';
export * from './registry.js';
export * from './case-reviews.js';
export * from './queries/case-list.js';
export * from './queries/unit-writes.js';
export * from './pending-decisions.js';
export * from './plans.js';
export * from './movements.js';
export { oneOf } from './write-helpers.js';
