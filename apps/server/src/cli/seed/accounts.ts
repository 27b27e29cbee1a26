/**
 * The demo accounts: one per role, with passwords that are for the demo only (README, "Accounts,
 * roles and operations"). Created through the same service as `user create` and the console, so
 * each creation has its audit record; an existing username is left as it is.
 */
import { createAccount, type ScryptCost } from '@thads/api';
import { CLI_ACTOR, findUserByUsername, type ImportResult, type OpenedDatabase } from '@thads/db';
import type { Role } from '@thads/domain';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  officer: string | null;
  /** DEMO ONLY: published in the README. */
  password: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'admin',
    displayName: 'Quản trị hệ thống',
    role: 'admin',
    unit: null,
    officer: null,
    password: 'admin-demo',
  },
  {
    username: 'quanly',
    displayName: 'Phòng Nghiệp vụ Cục',
    role: 'cuc_manager',
    unit: null,
    officer: null,
    password: 'quanly-demo',
  },
  {
    username: 'truongbadinh',
    displayName: 'Chi cục trưởng Ba Đình',
    role: 'unit_head',
    unit: 'HN-BDI',
    officer: null,
    password: 'truongbadinh-demo',
  },
  {
    username: 'vanthu',
    displayName: 'Văn thư Chi cục Ba Đình',
    role: 'clerk',
    unit: 'HN-BDI',
    officer: null,
    password: 'vanthu-demo',
  },
  {
    username: 'chv',
    displayName: 'Chấp hành viên HN-BDI-CHV1',
    role: 'officer',
    unit: null,
    officer: 'HN-BDI-CHV1',
    password: 'chv-demo',
  },
  {
    username: 'lanhdao',
    displayName: 'Lãnh đạo Cục',
    role: 'leadership',
    unit: null,
    officer: null,
    password: 'lanhdao-demo',
  },
];

/**
 * The demo passwords are published, so a high hashing cost protects nothing: a lower one (16 MiB,
 * about 50 ms) keeps `seed demo` and `pnpm dev` quick. A password changed later gets the full cost.
 */
export const DEMO_SCRYPT_COST: ScryptCost = { logN: 14, r: 8, p: 1 };

/** Creates the demo accounts that do not exist yet; reports them as an import's counts. */
export async function seedDemoAccounts(
  db: OpenedDatabase['db'],
  options: { now: Date; cost?: ScryptCost },
): Promise<ImportResult> {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserByUsername(db, account.username)) {
      counts.unchanged++;
      continue;
    }
    await createAccount(db, account, {
      actor: CLI_ACTOR,
      now: options.now,
      cost: options.cost ?? DEMO_SCRYPT_COST,
    });
    counts.created++;
  }
  return { dryRun: false, issues: [], counts, written: counts.created > 0, notes: [] };
}
