/**
 * Indexes for the public-list check of a registry report (V12, issue 13): the cases that can give
 * a V12 finding at a period end E are found from a few small index ranges instead of a scan of
 * every case of the report's units (see queries/public-list-v12.ts for why these ranges hold every
 * such case). All but one are partial, so they cost nothing to the writes they do not concern:
 * - `case_events_unable_date`: the unable decisions by date (decisions not covered by automatic
 *   publication: dated before its start, or every one when it is off);
 * - `cases_unable_since`: the cases unable now, by the date they became so;
 * - `public_list_publications_late`: the records published in a later month than their decision,
 *   the only ones that can leave a decision unpublished at a month end after it;
 * - `public_list_publications_withdrawn`: the records withdrawn by hand;
 * - `public_list_publications_published`: every record by publication date.
 * The partial conditions are written as literals: SQLite uses a partial index only when the query
 * repeats its condition, and a bound parameter does not count.
 */
import { PostgresAdapter, sql, type Kysely, type SqlBool } from 'kysely';

const INDEXES = [
  'public_list_publications_published',
  'public_list_publications_withdrawn',
  'public_list_publications_late',
  'cases_unable_since',
  'case_events_unable_date',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('case_events_unable_date')
    .on('case_events')
    // PostgreSQL drops from the index condition what the partial condition implies, so `date`
    // leads there. SQLite's planner (no statistics) would prefer the equality on `kind` of
    // case_events_kind_case to a range on `date` alone, so `kind` leads there although constant.
    .columns(
      db.getExecutor().adapter instanceof PostgresAdapter
        ? ['date', 'case_id']
        : ['kind', 'date', 'case_id'],
    )
    .where(sql.ref('kind'), '=', sql.lit('unable'))
    .execute();
  await db.schema
    .createIndex('cases_unable_since')
    .on('cases')
    .columns(['state_since'])
    .where(sql.ref('state'), '=', sql.lit('unable'))
    .execute();
  await db.schema
    .createIndex('public_list_publications_late')
    .on('public_list_publications')
    .columns(['decision_date'])
    .where(sql<SqlBool>`substr(published_on, 1, 7) > substr(decision_date, 1, 7)`)
    .execute();
  await db.schema
    .createIndex('public_list_publications_withdrawn')
    .on('public_list_publications')
    .columns(['withdrawn_on'])
    .where(sql.ref('withdrawn_on'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('public_list_publications_published')
    .on('public_list_publications')
    .columns(['published_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of INDEXES) await db.schema.dropIndex(index).execute();
}
