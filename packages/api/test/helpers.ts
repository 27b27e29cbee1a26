import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  importCases,
  importOfficers,
  importUnits,
  type Database,
  type ImportResult,
  type InputFile,
} from '@thads/db';
import type { Kysely } from 'kysely';
import { createCaller, createContext } from '../src/index.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A copy of shared/data/worked-example (statistics.md §12). */
function fixture(name: string): InputFile {
  return { name, text: readFileSync(join(FIXTURES, 'worked-example', name), 'utf8') };
}

function ok(result: ImportResult): void {
  if (result.issues.length > 0) throw new Error(`import failed: ${JSON.stringify(result.issues)}`);
}

/** Units, officers, then cases with events, through @thads/db's import functions. */
export async function importWorkedExample(db: Kysely<Database>): Promise<void> {
  ok(await importUnits(db, fixture('units.csv')));
  ok(await importOfficers(db, fixture('officers.csv')));
  ok(
    await importCases(
      db,
      { cases: fixture('cases.csv'), events: fixture('events.csv') },
      { today: '2025-11-25' },
    ),
  );
}

export const NOW = new Date('2025-11-25T09:00:00+07:00');

export function callerFor(db: Kysely<Database>) {
  return createCaller(createContext({ db, now: () => NOW }));
}
