/**
 * `seed demo`: deterministic Hanoi demo data. The 31 units of 2017 (hanoi-units-2017.csv), a few
 * officers per unit with Vietnamese names, and a few thousand cases with events over working years
 * 2016–2018 (received from October 2014, events up to 30 September 2018). Every case follows the
 * event rules of statistics.md §5 by construction, and the data goes through the same import engine
 * as any extract, so the rules are checked again; the same seed gives the same files, so seeding
 * twice changes nothing.
 */
import type { ScryptCost } from '@thads/api';
import {
  CLI_ACTOR,
  importCases,
  importOfficers,
  importUnits,
  type ImportResult,
  type OpenedDatabase,
} from '@thads/db';
import { generateDemo } from './demo-registry.js';
import { seedDemoAccounts } from './accounts.js';
import { seedDemoPublications } from './public-list.js';
import { seedDemoTargets } from './targets.js';

export { DEMO_END, DEMO_MEETING_ALL_FOUR, DEMO_UNITS_FILE, generateDemo } from './demo-registry.js';

export interface SeedStep {
  /** Vietnamese: what the step imported ("Đơn vị", "Chấp hành viên", "Việc"). */
  label: string;
  result: ImportResult;
}

/**
 * Loads the demo data through the import engine: units, officers, then cases with events; then the
 * publication of most unable decisions (seed/public-list.ts); then the demo accounts
 * (seed/accounts.ts), one per role. Stops
 * after the first step with issues (there should be none: the generator follows the rules).
 */
export async function seedDemo(
  db: OpenedDatabase['db'],
  options: {
    today: string;
    onProgress?: (message: string) => void;
    /** When the seed runs, for the audit trail; defaults to the moment it is called. */
    now?: Date;
    /** scrypt cost of the demo accounts' passwords (tests lower it). */
    passwordCost?: ScryptCost;
    /** Fraction of the full Hanoi scale (tests seed a small variant quickly); default 1. */
    scale?: number;
  },
): Promise<SeedStep[]> {
  const files = generateDemo(options.scale !== undefined ? { scale: options.scale } : {});
  const now = options.now ?? new Date();
  const progress = {
    now,
    actor: CLI_ACTOR,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const steps: [string, () => Promise<ImportResult>][] = [
    [
      'Đơn vị',
      () => importUnits(db, { name: 'hanoi-units-2017.csv', text: files.units }, progress),
    ],
    [
      'Chấp hành viên',
      () => importOfficers(db, { name: 'demo-officers.csv', text: files.officers }, progress),
    ],
    [
      'Việc',
      () =>
        importCases(
          db,
          {
            cases: { name: 'demo-cases.csv', text: files.cases },
            events: { name: 'demo-events.csv', text: files.events },
          },
          { today: options.today, ...progress },
        ),
    ],
    ['Danh sách công khai', () => seedDemoPublications(db, { today: options.today, now })],
    [
      'Chỉ tiêu',
      () =>
        seedDemoTargets(db, {
          now,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        }),
    ],
    [
      'Tài khoản',
      () =>
        seedDemoAccounts(db, {
          now,
          ...(options.passwordCost ? { cost: options.passwordCost } : {}),
        }),
    ],
  ];
  const done: SeedStep[] = [];
  for (const [label, step] of steps) {
    options.onProgress?.(label);
    const result = await step();
    done.push({ label, result });
    if (result.issues.length > 0) break;
  }
  return done;
}
