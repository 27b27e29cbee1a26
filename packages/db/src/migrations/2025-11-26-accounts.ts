/**
 * Accounts, sessions, login attempts and the audit trail (issue 4, interfaces.md §6).
 *
 * - `users`: one account per person; the password only as a scrypt hash; a role and, for branch
 *   roles, the unit (or, for an officer, the officer record) it works on.
 * - `sessions`: server-side sessions; `id` is the SHA-256 of the cookie's token, never the token.
 * - `login_attempts`: what throttling counts (failures per account and per address).
 * - `audit_log`: append-only and hash-chained; `seq` is given by `recordAudit`, not by the database,
 *   so both dialects number it the same way. Triggers refuse UPDATE and DELETE.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.references('units.code'))
    .addColumn('officer', 'text', (c) => c.references('officers.code'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'users_role_known',
      sql`role in ('admin', 'cuc_manager', 'unit_head', 'clerk', 'officer', 'leadership')`,
    )
    .addCheckConstraint('users_active_flag', sql`active in (0, 1)`)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addCheckConstraint('login_attempts_succeeded_flag', sql`succeeded in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('login_attempts_username')
    .on('login_attempts')
    .columns(['username', 'at'])
    .execute();
  await db.schema
    .createIndex('login_attempts_address')
    .on('login_attempts')
    .columns(['address', 'at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text')
    .addColumn('unit', 'text')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema
    .createIndex('audit_log_actor')
    .on('audit_log')
    .columns(['actor', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_log_entity')
    .on('audit_log')
    .columns(['entity', 'entity_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_log_unit').on('audit_log').columns(['unit', 'seq']).execute();
  await createAuditGuards(db);
}

/**
 * Triggers that refuse UPDATE and DELETE on audit_log: the application can only append. Whoever
 * can drop them can change rows, which the hash chain then shows (`verifyAuditChain`).
 */
export async function createAuditGuards(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

/** Drops the triggers of `createAuditGuards` (tests that tamper with rows, test resets). */
export async function dropAuditGuards(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger if exists audit_log_no_update on audit_log`.execute(db);
  } else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAuditGuards(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`drop function if exists audit_log_append_only()`.execute(db);
  for (const table of ['audit_log', 'login_attempts', 'sessions', 'users'])
    await db.schema.dropTable(table).execute();
}
