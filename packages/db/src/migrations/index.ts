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
import * as movements from './2025-12-04-movements.js';

export const migrations: Readonly<Record<string, Migration>> = {
  '2025-11-25-registry': registry,
  '2025-11-26-accounts': accounts,
  '2025-11-27-targets': targets,
  '2025-11-28-public-list': publicList,
  '2025-11-29-workflow': workflow,
  '2025-11-30-registry-console': registryConsole,
  '2025-12-04-movements': movements,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
