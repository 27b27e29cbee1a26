/**
 * The public list of "chưa có điều kiện" debtors (issue 10, statistics.md §11).
 *
 * The entries themselves are not stored: they are the `unable` events of the registry (see
 * @thads/domain's public-list.ts). Stored here is only what the registry does not hold:
 * - `public_list_publications`: the date an entry is published from, keyed by the entry
 *   (case, decision number, decision date); `source` says whether the Cục confirmed it or the
 *   automatic setting recorded it when it was switched off or moved. A record whose decision the
 *   registry no longer has can be withdrawn by hand (date and reason).
 * - `public_list_withholdings`: the debtors whose address is not published (reason required),
 *   per case, so that it survives a newer decision on the same case.
 * - `public_list_settings`: one row (id 1) at most; `auto_publish_from` set means every unable
 *   decision dated on or after it is published on its decision date without confirmation.
 * Plus an index on case_events(kind, case_id): the public page starts from the unable events.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('public_list_publications')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_on', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawn_at', 'text')
    .addPrimaryKeyConstraint('public_list_publications_pk', [
      'case_id',
      'decision_no',
      'decision_date',
    ])
    .addCheckConstraint(
      'public_list_publications_source',
      sql`source in ('confirmed', 'automatic')`,
    )
    .addCheckConstraint(
      'public_list_publications_not_before_decision',
      sql`published_on >= decision_date`,
    )
    .addCheckConstraint(
      'public_list_publications_withdrawal_reason',
      sql`withdrawn_on is null or (withdrawn_reason is not null and withdrawn_reason <> '')`,
    )
    .execute();

  await db.schema
    .createTable('public_list_withholdings')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('withheld_by', 'text', (c) => c.notNull())
    .addColumn('withheld_at', 'text', (c) => c.notNull())
    .addCheckConstraint('public_list_withholdings_reason', sql`reason <> ''`)
    .execute();

  await db.schema
    .createTable('public_list_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('auto_publish_from', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('public_list_settings_single_row', sql`id = 1`)
    .execute();

  await db.schema
    .createIndex('case_events_kind_case')
    .on('case_events')
    .columns(['kind', 'case_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_events_kind_case').execute();
  for (const table of [
    'public_list_settings',
    'public_list_withholdings',
    'public_list_publications',
  ])
    await db.schema.dropTable(table).execute();
}
