import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  importCases,
  importOfficers,
  importUnits,
  type ImportResult,
  type InputFile,
  type OpenedDatabase,
} from '@thads/db';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A copy of shared/data/worked-example (statistics.md §12). */
function fixture(name: string): InputFile {
  return { name, text: readFileSync(join(FIXTURES, 'worked-example', name), 'utf8') };
}

function ok(result: ImportResult): void {
  if (result.issues.length > 0) throw new Error(`import failed: ${JSON.stringify(result.issues)}`);
}

export async function importWorkedExample(db: OpenedDatabase['db']): Promise<void> {
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
