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
import { ROLES, type Role } from '@thads/domain';
import { TEST_SCRYPT_COST, createCaller, createContext, type SessionUser } from '../src/index.js';

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

/** The worked example's links of each role: HN-BDI for branch roles, officer BDI-1. */
const LINKS: Readonly<Record<Role, { unit: string | null; officer: string | null }>> = {
  admin: { unit: null, officer: null },
  cuc_manager: { unit: null, officer: null },
  leadership: { unit: null, officer: null },
  unit_head: { unit: 'HN-BDI', officer: null },
  clerk: { unit: 'HN-BDI', officer: null },
  officer: { unit: 'HN-BDI', officer: 'BDI-1' },
};

/** A signed-in account of `role` that exists only in the context (no database row, no session). */
export function sessionFor(role: Role, extra: Partial<SessionUser> = {}): SessionUser {
  return {
    id: 900_000 + ROLES.indexOf(role),
    username: `test-${role}`,
    displayName: `Tài khoản thử (${role})`,
    role,
    ...LINKS[role],
    sessionId: null,
    ...extra,
  };
}

/**
 * Calls procedures as `who`: a role (a context-only account of that role), a given account, or
 * null for an anonymous visitor. The default is cuc_manager, which reads every unit.
 */
export function callerFor(db: Kysely<Database>, who: Role | SessionUser | null = 'cuc_manager') {
  const session = typeof who === 'string' ? sessionFor(who) : who;
  return createCaller(
    createContext(
      { db, now: () => NOW, passwordCost: TEST_SCRYPT_COST },
      null,
      session,
      '127.0.0.1',
    ),
  );
}
