/** The benchmark's settings from the environment, shared by run.ts and generate.ts. */
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '@thads/db';
import { DEFAULT_SEED } from './national.js';

export function positiveNumber(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} phải là số dương, nhận được "${v}"`);
  return n;
}

export const SCALE = positiveNumber('THADS_BENCH_SCALE', 1);
export const SEED = positiveNumber('THADS_BENCH_SEED', DEFAULT_SEED);

/**
 * DATABASE_URL, else the SQLite file data/thads-bench.sqlite under the repository root (scale 1)
 * or data/thads-bench-<scale>.sqlite: one dataset per file, never two scales mixed.
 */
export function benchDatabaseUrl(): string {
  const given = process.env.DATABASE_URL;
  if (given && given !== '') return given;
  const name = SCALE === 1 ? 'thads-bench.sqlite' : `thads-bench-${SCALE}.sqlite`;
  return `sqlite:${join(REPOSITORY_ROOT, 'data', name)}`;
}

/** Where a relative `sqlite:` path starts: the directory pnpm was run in. */
export const CALLER_CWD = process.env.INIT_CWD ?? process.cwd();
