/**
 * What an import writes to the audit trail, in its own transaction: one `import` summary record
 * (who, the files with their SHA-256, the counts) and one record per entity it created or updated,
 * with the entity's values before and after. Unchanged entities and imports that change nothing
 * write nothing.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { CLI_ACTOR, recordAuditBatch, type AuditActor, type AuditEntry } from '../audit.js';
import type { Database } from '../schema.js';
import type { BinaryFile, ImportCounts, ImportOptions, InputFile } from './issues.js';

export interface ImportAuditContext {
  actor: AuditActor;
  at: Date;
}

/** The actor and moment of an import: the options', else the command line and now. */
export function importAuditContext(options: ImportOptions): ImportAuditContext {
  return { actor: options.actor ?? CLI_ACTOR, at: options.now ?? new Date() };
}

export interface EntityChange {
  entity: string;
  entityId: string;
  unit: string | null;
  before: unknown;
  after: unknown;
}

/**
 * Appends the summary record, then one record per change, in the caller's transaction.
 * `kind` names the import (`units`, `officers`, `cases`, `aggregate`).
 */
export async function auditImport(
  trx: Kysely<Database>,
  context: ImportAuditContext,
  kind: string,
  files: readonly (InputFile | BinaryFile)[],
  counts: ImportCounts,
  changes: Iterable<EntityChange>,
): Promise<void> {
  const summary: AuditEntry = {
    actor: context.actor,
    at: context.at,
    entity: 'import',
    entityId: kind,
    action: 'import',
    unit: null,
    after: {
      files: files.map((f) => ({
        name: f.name,
        sha256: createHash('sha256')
          .update('text' in f ? f.text : f.bytes)
          .digest('hex'),
      })),
      counts,
    },
  };
  function* entries(): Iterable<AuditEntry> {
    yield summary;
    for (const change of changes) {
      yield {
        actor: context.actor,
        at: context.at,
        entity: change.entity,
        entityId: change.entityId,
        action: change.before === null ? 'create' : 'update',
        unit: change.unit,
        before: change.before,
        after: change.after,
      };
    }
  }
  await recordAuditBatch(trx, entries());
}
