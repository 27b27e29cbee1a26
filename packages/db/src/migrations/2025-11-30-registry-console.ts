/**
 * The case registry in the console (issue 5).
 *
 * - `cases` gets what the case list filters and sorts on without replaying every case, derived
 *   from the case and its events and written in the same transaction as every change of either
 *   (the import engine and the console's writes): `state` (now) and `state_since` (the date of
 *   the last state-setting event, or the intake date), `settled`, `current_officer`,
 *   `last_event_on`, the folded `search_text` (case id, debtor name, decision numbers: see
 *   @thads/domain `caseSearchText`) and `debtor_folded` (to sort by name). Existing cases are
 *   filled in here.
 * - `case_events` gets who recorded each event and when (`recorded_by` is a username, or `cli`).
 *   Events recorded before this migration have neither.
 * - Indexes for the list: by unit and state, unit and intake date, current officer, unit and
 *   search text (the search scans this index, not the table: 15 times faster over 100,000 cases),
 *   and one over an event's case, date and order that answers "the state of a case at a date".
 *   On PostgreSQL also the case id in byte order (`collate "C"`), the list's default order.
 */
import { caseSearchText, foldForSearch, STATE_AFTER_KIND, type EventKind } from '@thads/domain';
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const BATCH = 500;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cases')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('able'))
    .execute();
  await db.schema
    .alterTable('cases')
    .addColumn('settled', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('cases').addColumn('current_officer', 'text').execute();
  await db.schema.alterTable('cases').addColumn('last_event_on', 'text').execute();
  await db.schema
    .alterTable('cases')
    .addColumn('state_since', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('cases')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('cases')
    .addColumn('debtor_folded', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('case_events').addColumn('recorded_by', 'text').execute();
  await db.schema.alterTable('case_events').addColumn('recorded_at', 'text').execute();

  await db.schema
    .createIndex('cases_unit_state')
    .on('cases')
    .columns(['unit', 'state', 'state_since'])
    .execute();
  await db.schema
    .createIndex('cases_unit_received')
    .on('cases')
    .columns(['unit', 'received_on'])
    .execute();
  await db.schema
    .createIndex('cases_unit_search')
    .on('cases')
    .columns(['unit', 'search_text'])
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`create index cases_id_bytes on cases (id collate "C")`.execute(db);
  await db.schema
    .createIndex('cases_current_officer')
    .on('cases')
    .columns(['current_officer'])
    .execute();
  await db.schema
    .createIndex('case_events_case_date')
    .on('case_events')
    .columns(['case_id', 'date', 'seq', 'kind'])
    .execute();

  await fillDerived(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await db.schema.dropIndex('cases_id_bytes').execute();
  for (const index of [
    'case_events_case_date',
    'cases_current_officer',
    'cases_unit_search',
    'cases_unit_received',
    'cases_unit_state',
  ])
    await db.schema.dropIndex(index).execute();
  for (const column of ['recorded_at', 'recorded_by'])
    await db.schema.alterTable('case_events').dropColumn(column).execute();
  for (const column of [
    'debtor_folded',
    'search_text',
    'last_event_on',
    'state_since',
    'current_officer',
    'settled',
    'state',
  ])
    await db.schema.alterTable('cases').dropColumn(column).execute();
}

interface EventRow {
  case_id: string;
  date: string;
  kind: string;
  amount: bigint | number | string | null;
  officer: string | null;
  decision_no: string | null;
}

/**
 * Fills the derived columns of the existing cases. Imports validated every history, so the state
 * after a case's last state-setting event, the sum of its payments and reductions and its last
 * assignment are what replaying it gives; written out here so that the migration does not depend
 * on code that may change later.
 */
async function fillDerived(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const cases: {
      id: string;
      received_on: string;
      officer: string | null;
      debtor_name: string | null;
      decision_no: string | null;
    }[] = await db
      .selectFrom('cases')
      .select(['id', 'received_on', 'officer', 'debtor_name', 'decision_no'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (cases.length === 0) return;
    after = cases[cases.length - 1]!.id;
    const events: EventRow[] = await db
      .selectFrom('case_events')
      .select(['case_id', 'date', 'kind', 'amount', 'officer', 'decision_no'])
      .where(
        'case_id',
        'in',
        cases.map((c) => c.id),
      )
      .orderBy('case_id')
      .orderBy('date')
      .orderBy('seq')
      .execute();
    const byCase = new Map<string, EventRow[]>();
    for (const e of events) {
      const list = byCase.get(e.case_id) ?? [];
      list.push(e);
      byCase.set(e.case_id, list);
    }
    const rows = cases.map((c) => {
      const list = byCase.get(c.id) ?? [];
      let state = 'able';
      let since = c.received_on;
      let settled = 0n;
      let officer = c.officer;
      for (const e of list) {
        const after = STATE_AFTER_KIND[e.kind as EventKind];
        if (after !== undefined) {
          state = after;
          since = e.date;
        }
        if ((e.kind === 'pay' || e.kind === 'reduce') && e.amount !== null)
          settled += BigInt(e.amount);
        if (e.kind === 'assign' && e.officer !== null) officer = e.officer;
      }
      const search = caseSearchText(
        { id: c.id, debtorName: c.debtor_name, decisionNo: c.decision_no },
        list.map((e) => ({
          date: e.date,
          kind: e.kind as EventKind,
          decisionNo: e.decision_no,
        })),
      );
      return sql`(${c.id}, ${state}, ${settled.toString()}, ${officer}, ${list.at(-1)?.date ?? null}, ${search}, ${foldForSearch(c.debtor_name ?? '')}, ${since})`;
    });
    // One statement per batch; VALUES columns are column1… in both SQLite and PostgreSQL.
    await sql`
      update cases set
        state = v.column2,
        settled = cast(v.column3 as bigint),
        current_officer = v.column4,
        last_event_on = v.column5,
        search_text = v.column6,
        debtor_folded = v.column7,
        state_since = v.column8
      from (values ${sql.join(rows)}) as v
      where cases.id = v.column1`.execute(db);
  }
}
