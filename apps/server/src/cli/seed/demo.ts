/**
 * `seed demo`: the deterministic Hà Nội demo (issue 12; the registry and its calibration are in
 * demo-registry.ts). Everything goes through the services any user goes through: the import engine
 * (units, officers, cases and events, every event checked by the domain's replay), the public list,
 * targets and the report workflow; the same seed gives the same data, so seeding twice changes
 * nothing.
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
import { seedDemoReports } from './reports.js';
import { seedDemoTargets } from './targets.js';

export { DEMO_END, DEMO_MEETING_ALL_FOUR, DEMO_UNITS_FILE, generateDemo } from './demo-registry.js';

export interface SeedStep {
  /** Vietnamese: what the step imported ("Đơn vị", "Chấp hành viên", "Việc"). */
  label: string;
  result: ImportResult;
}

/**
 * Loads the demo data through the import engine: units, officers, then cases with events; then the
 * publication of the unable decisions (seed/public-list.ts), the targets (seed/targets.ts), the
 * demo accounts, one per role (seed/accounts.ts), and reports in every workflow state
 * (seed/reports.ts). Stops after the first step with issues (there should be none: the generator
 * follows the rules).
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
    ['Báo cáo', () => seedDemoReports(db, { now })],
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
