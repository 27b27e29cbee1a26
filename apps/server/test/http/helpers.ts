import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SCRYPT_COST, createAccount } from '@thads/api';
import {
  CLI_ACTOR,
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

/** A cheap scrypt cost for test accounts (never for real ones). */
export const TEST_COST = TEST_SCRYPT_COST;

/** Creates the accounts of the HTTP tests: one per role, password `<username>-demo`. */
export async function createTestAccounts(db: OpenedDatabase['db']): Promise<void> {
  const accounts = [
    ['admin', 'admin', null, null],
    ['quanly', 'cuc_manager', null, null],
    ['truong', 'unit_head', 'HN-BDI', null],
    ['vanthu', 'clerk', 'HN-BDI', null],
    ['chv', 'officer', null, 'BDI-1'],
    ['lanhdao', 'leadership', null, null],
  ] as const;
  for (const [username, role, unit, officer] of accounts) {
    await createAccount(
      db,
      { username, displayName: username, role, unit, officer, password: `${username}-demo` },
      { actor: CLI_ACTOR, now: new Date('2025-11-25T00:00:00Z'), cost: TEST_COST },
    );
  }
}
