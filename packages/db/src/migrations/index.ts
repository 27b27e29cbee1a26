/**
 * Every migration, by name, in a static provider: file-system discovery breaks under bundlers and
 * `tsx`. Names start with a date so that they sort in the order they were written.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as registry from './2025-11-25-registry.js';
import * as accounts from './2025-11-26-accounts.js';
import * as targets from './2025-11-27-targets.js';
import * as publicList from './2025-11-28-public-list.js';
import * as workflow from './2025-11-29-workflow.js';
import * as registryConsole from './2025-11-30-registry-console.js';
import * as classification from './2025-12-01-classification.js';
import * as plans from './2025-12-02-plans.js';
import * as pendingDecisions from './2025-12-03-pending-decisions.js';
import * as movements from './2025-12-04-movements.js';
import * as movementDeltas from './2025-12-05-movement-deltas.js';
import * as publicListV12 from './2025-12-06-public-list-v12.js';
import * as movementsClustered from './2025-12-08-movements-clustered.js';

export const migrations: Readonly<Record<string, Migration>> = {
  '2025-11-25-registry': registry,
  '2025-11-26-accounts': accounts,
  '2025-11-27-targets': targets,
  '2025-11-28-public-list': publicList,
  '2025-11-29-workflow': workflow,
  '2025-11-30-registry-console': registryConsole,
  '2025-12-01-classification': classification,
  '2025-12-02-plans': plans,
  '2025-12-03-pending-decisions': pendingDecisions,
  '2025-12-04-movements': movements,
  '2025-12-05-movement-deltas': movementDeltas,
  '2025-12-06-public-list-v12': publicListV12,
  '2025-12-08-movements-clustered': movementsClustered,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
