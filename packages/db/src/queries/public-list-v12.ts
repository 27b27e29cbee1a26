/**
 * V12 of a registry report (statistics.md §8, issue 13): the public-list check at the period end E
 * costs what the cases that can give a finding cost, not what the registry of the report's units
 * costs. A few index ranges give a superset of those cases; only they are replayed and reconciled by
 * @thads/domain's `reconcilePublicList`, exactly as every case of the units would be (the
 * reconciliation is per case, so the cases left out give nothing; test/public-list-v12.test.ts
 * compares the two over random registries).
 *
 * Which cases can give a finding at E (A: the start of automatic publication, if it is on):
 * 1. N at E under a decision D (its last unable decision dated ≤ E) that is not published at E.
 *    a. D has no publication record and automatic publication does not cover it (off, or D dated
 *       before A). If the case's state has not changed since E (`state_since` ≤ E), it is unable
 *       now, since a date ≤ E and before A (range 1, index `cases_unable_since`); if it has, it has
 *       an unable event dated ≤ E and before A (range 2, index `case_events_unable_date`).
 *    b. D's record does not stand at E: published after E, so in a later month than D when E ends
 *       a month, as every period end does (range 3, partial index `public_list_publications_late`),
 *       or withdrawn on or before E (range 4).
 * 2. Not N at E, with a record published on or before E, not withdrawn by E, whose entry has not
 *    ended by E. A record matching an unable decision whose entry has not ended by E means the case
 *    is N at E (only an entry-ending event takes a case out of N), so this record matches no
 *    unable decision of its case (range 5: the records standing at E, each with whether it matches).
 *
 * Ranges 3 and 4 are small by nature (a late or withdrawn record is a mismatch at some month end);
 * ranges 1 and 2 are small when automatic publication covers the registry (A read from the setting
 * inside the statement). How the others are read depends on the coverage:
 * - at least half of all units (the national total, a Cục of a small tree): every range whole in one
 *   statement, ranges 1, 2 and 5 "exact" (their case's current decision checked against its record,
 *   a record against the registry), so that only the cases that give a finding come back;
 * - fewer units: ranges 1, 2 and 5 registry-wide up to `attemptLimit` rows each, in one statement
 *   with ranges 3 and 4, filtered by unit here. A range with more rows than that (publication off,
 *   or started long after the registry's first decisions; many records) is read again, exact,
 *   through the units' own cases (indexes by unit), costing what those cases cost, as before.
 * With automatic publication covering the registry (the national dataset) V12 is then one statement
 * returning nothing, whatever the coverage.
 */
import {
  STATE_SETTING_KINDS,
  type ContributionFilter,
  type Finding,
  type IsoDate,
  type Period,
} from '@thads/domain';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type {
  CaseEventsTable,
  CasesTable,
  Database,
  PublicListPublicationsTable,
} from '../schema.js';
import { chunks, loadCasesById, registryCaseOf, replayStored } from './cases.js';
import { getPublicListSettings, publicListFindingsFor } from './public-list.js';

/** Rows a registry-wide range may give, for a few units, before they are read through their cases. */
export const V12_ATTEMPT_LIMIT = 500;

export interface V12SearchOptions {
  /** Default V12_ATTEMPT_LIMIT; tests lower it to exercise the other ways. */
  attemptLimit?: number;
  /** The number of units in all, when the caller has it (else it is counted). */
  unitCount?: number;
  /**
   * The start of automatic publication (`getPublicListSettings`), null when it is off, when the
   * caller has read it (else it is read).
   */
  autoPublishFrom?: IsoDate | null;
}

/**
 * The literal 'unable' (SQLite uses a partial index only when the query repeats its condition with
 * the same literal). Subqueries that look up one case's events name the state-setting kinds
 * instead, so that they follow the case's own index whatever the planner makes of the literal.
 */
const UNABLE = sql.lit('unable');
const STATE_SETTING: string[] = [...STATE_SETTING_KINDS];

/** True when `date` is the last day of its month (every report period end is). */
function endsMonth(date: IsoDate): boolean {
  return dayAfter(date).endsWith('-01');
}

type Db = Kysely<Database>;
type CaseScope = ExpressionBuilder<Database & { c: CasesTable }, 'c'>;
type EventScope = ExpressionBuilder<Database & { e: CaseEventsTable }, 'e'>;
type RecordScope = ExpressionBuilder<Database & { p: PublicListPublicationsTable }, 'p'>;

/** The day after `date`. */
function dayAfter(date: IsoDate): IsoDate {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * The dates of the decisions dated on or before `end` that automatic publication does not cover
 * (dated before its start `autoFrom`, when it is on) are those before this bound: the start or the
 * day after `end`, whichever comes first. One bound, not two (with two, SQLite ranges over one and
 * filters by the other), and a value the planner sees: read from the setting in the statement,
 * PostgreSQL could not bound its index ranges with it and read every unable event of the country.
 */
function uncoveredBefore(end: IsoDate, autoFrom: IsoDate | null): IsoDate {
  const after = dayAfter(end);
  return autoFrom !== null && autoFrom < after ? autoFrom : after;
}

/** A record of `p` standing at `end`: published on or before it, not withdrawn by it. */
function standsAt(eb: RecordScope, end: IsoDate) {
  return eb.and([
    eb('p.published_on', '<=', end),
    eb.or([eb('p.withdrawn_on', 'is', null), eb('p.withdrawn_on', '>', end)]),
  ]);
}

/** The id of the last state-setting event of the case `caseId` dated on or before `end`. */
function lastStateSettingBy(db: Db, caseId: Expression<string>, end: IsoDate) {
  return db
    .selectFrom('case_events as l')
    .select('l.id')
    .where('l.case_id', '=', caseId)
    .where('l.kind', 'in', STATE_SETTING)
    .where('l.date', '<=', end)
    .orderBy('l.date', 'desc')
    .orderBy('l.seq', 'desc')
    .limit(1);
}

/** Event `e` (an unable decision) has a publication record standing at `end`. */
function publishedByRecord(eb: EventScope, end: IsoDate) {
  return eb.exists(
    eb
      .selectFrom('public_list_publications as p')
      .select(sql.lit(1).as('one'))
      .whereRef('p.case_id', '=', 'e.case_id')
      .whereRef('p.decision_date', '=', 'e.date')
      .where(sql<SqlBool>`p.decision_no = coalesce(e.decision_no, '')`)
      .where((w) => standsAt(w, end)),
  );
}

/** The columns of a range's rows (`RangeRow`), of case `c`, with `matched` 0. */
function rangeColumns(range: number) {
  return [
    sql.lit(range).as('range'),
    'c.id as case_id',
    'c.unit',
    'c.state_since',
    sql.lit(0).as('matched'),
  ] as const;
}

/**
 * Range 1: the cases unable now since a date on or before `end` not covered by automatic
 * publication (`uncoveredBefore`). Exact: only those whose current decision (their last
 * state-setting event, dated `state_since`) has no record standing at `end`.
 */
function unableSince(db: Db, end: IsoDate, exact: boolean, autoFrom: IsoDate | null) {
  return db
    .selectFrom('cases as c')
    .select(rangeColumns(1))
    .where('c.state', '=', UNABLE)
    .where('c.state_since', '<', uncoveredBefore(end, autoFrom))
    .$if(exact, (q) => q.where((eb) => eb.not(currentPublished(eb, end))));
}

/** The current decision of the unable case `c` has a record standing at `end`. */
function currentPublished(eb: CaseScope, end: IsoDate) {
  return eb.exists(
    eb
      .selectFrom('case_events as e')
      .select(sql.lit(1).as('one'))
      .where(
        'e.id',
        '=',
        eb
          .selectFrom('case_events as d')
          .select('d.id')
          .whereRef('d.case_id', '=', 'c.id')
          .whereRef('d.date', '=', 'c.state_since')
          .where('d.kind', 'in', STATE_SETTING)
          .orderBy('d.seq', 'desc')
          .limit(1),
      )
      .where((w) => publishedByRecord(w, end)),
  );
}

/*
 * DRIVING_JOIN: ranges 2 to 5 start from a small index range of events or records and look their
 * case up by id. They join `cases` with CROSS JOIN, which SQLite documents as keeping the left
 * table as the outer loop: with statistics gathered when the registry was small (a database that
 * grew tenfold since its last ANALYZE), SQLite otherwise chose to scan every case and look the
 * records up, 40 ms a report at 300,000 cases instead of under 1 ms. PostgreSQL plans a cross
 * join with a join condition as the inner join it is.
 */

/**
 * Range 2: the unable events dated on or before `end` that automatic publication does not cover,
 * with their case. Exact: only the events that are their case's last state-setting event by `end`
 * (its decision at `end`), of a case whose state changed after `end`, with no record standing then.
 */
function uncoveredDecisions(db: Db, end: IsoDate, exact: boolean, autoFrom: IsoDate | null) {
  return db
    .selectFrom('case_events as e')
    .crossJoin('cases as c') // see DRIVING_JOIN
    .whereRef('c.id', '=', 'e.case_id')
    .select(rangeColumns(2))
    .where('e.kind', '=', UNABLE)
    .where('e.date', '<', uncoveredBefore(end, autoFrom))
    .$if(exact, (q) =>
      q
        .where('c.state_since', '>', end)
        .where((eb) => eb('e.id', '=', lastStateSettingBy(db, eb.ref('e.case_id'), end)))
        .where((eb) => eb.not(publishedByRecord(eb, end))),
    );
}

/** Range 3: the records of decisions dated on or before `end` published after it. */
function publishedAfter(db: Db, end: IsoDate) {
  return (
    db
      .selectFrom('public_list_publications as p')
      .crossJoin('cases as c') // see DRIVING_JOIN
      .whereRef('c.id', '=', 'p.case_id')
      .select(rangeColumns(3))
      .where('p.decision_date', '<=', end)
      .where('p.published_on', '>', end)
      // Implied by the two conditions above when `end` ends a month; it selects the partial index.
      .$if(endsMonth(end), (q) =>
        q.where(sql<SqlBool>`substr(p.published_on, 1, 7) > substr(p.decision_date, 1, 7)`),
      )
  );
}

/** Range 4: the records withdrawn on or before `end`. */
function withdrawnBy(db: Db, end: IsoDate) {
  return db
    .selectFrom('public_list_publications as p')
    .crossJoin('cases as c') // see DRIVING_JOIN
    .whereRef('c.id', '=', 'p.case_id')
    .select(rangeColumns(4))
    .where('p.withdrawn_on', '<=', end);
}

/**
 * Range 5: the records standing at `end`, with `matched` 1 when an unable event of the case has the
 * record's decision number and date (`unableDecisions` keys an entry by them, a missing number as
 * ''). Exact: only those that match none.
 */
function standingRecords(db: Db, end: IsoDate, exact: boolean) {
  return db
    .selectFrom('public_list_publications as p')
    .crossJoin('cases as c') // see DRIVING_JOIN
    .whereRef('c.id', '=', 'p.case_id')
    .select((eb) => [
      sql.lit(5).as('range'),
      'c.id as case_id',
      'c.unit',
      'c.state_since',
      eb
        .case()
        .when(eb.exists(matchingDecision(eb)))
        .then(sql.lit(1))
        .else(sql.lit(0))
        .end()
        .as('matched'),
    ])
    .where((eb) => standsAt(eb, end))
    .$if(exact, (q) => q.where((eb) => eb.not(eb.exists(matchingDecision(eb)))));
}

/** The unable events of record `p`'s case with its decision number and date. */
function matchingDecision(eb: RecordScope) {
  return eb
    .selectFrom('case_events as m')
    .select(sql.lit(1).as('one'))
    .whereRef('m.case_id', '=', 'p.case_id')
    .whereRef('m.date', '=', 'p.decision_date')
    .where('m.kind', '=', 'unable')
    .where(sql<SqlBool>`coalesce(m.decision_no, '') = p.decision_no`);
}

interface RangeRow {
  range: unknown;
  case_id: string;
  unit: string;
  state_since: string;
  matched: unknown;
}

/**
 * The ids of the cases of `units` that can give a V12 finding at `period.end`: a superset of them
 * (see the module comment), ascending.
 */
export async function publicListCandidateIds(
  db: Db,
  units: readonly string[],
  period: Period,
  options: V12SearchOptions = {},
): Promise<string[]> {
  if (units.length === 0) return [];
  const limit = options.attemptLimit ?? V12_ATTEMPT_LIMIT;
  const end = period.end;
  const unitCount =
    options.unitCount ??
    Number(
      (
        await db
          .selectFrom('units')
          .select((eb) => eb.fn.countAll<number | bigint>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const autoFrom =
    options.autoPublishFrom !== undefined
      ? options.autoPublishFrom
      : (await getPublicListSettings(db)).autoPublishFrom;
  const covered = new Set(units);
  const ids = new Set<string>();
  const add = (rows: readonly { case_id: string; unit: string }[]) => {
    for (const row of rows) if (covered.has(row.unit)) ids.add(row.case_id);
  };

  if (units.length * 2 >= unitCount) {
    // Many units: each range whole, exact, in one statement.
    add(
      await uncoveredDecisions(db, end, true, autoFrom)
        .unionAll(unableSince(db, end, true, autoFrom))
        .unionAll(publishedAfter(db, end))
        .unionAll(withdrawnBy(db, end))
        .unionAll(standingRecords(db, end, true))
        .execute(),
    );
    return sorted(ids);
  }

  // A few units: ranges 1, 2 and 5 registry-wide up to `limit` rows each, in one statement with
  // ranges 3 and 4; a range that has more is read through the units' cases.
  const first: RangeRow[] = await db
    .selectFrom(
      unableSince(db, end, false, autoFrom)
        .limit(limit + 1)
        .as('r1'),
    )
    .selectAll()
    .unionAll(
      db
        .selectFrom(
          uncoveredDecisions(db, end, false, autoFrom)
            .limit(limit + 1)
            .as('r2'),
        )
        .selectAll(),
    )
    .unionAll(publishedAfter(db, end))
    .unionAll(withdrawnBy(db, end))
    .unionAll(
      db
        .selectFrom(
          standingRecords(db, end, false)
            .limit(limit + 1)
            .as('r5'),
        )
        .selectAll(),
    )
    .execute();
  const byRange = new Map<number, RangeRow[]>();
  for (const row of first) {
    const range = Number(row.range);
    let list = byRange.get(range);
    if (!list) byRange.set(range, (list = []));
    list.push(row);
  }
  const rows = (range: number) => byRange.get(range) ?? [];
  const complete = (range: number) => rows(range).length <= limit;
  add(rows(3));
  add(rows(4));
  if (complete(1)) add(rows(1));
  // A case of range 2 whose state has not changed since E is range 1's.
  if (complete(2)) add(rows(2).filter((row) => row.state_since > end));
  if (complete(5)) add(rows(5).filter((row) => Number(row.matched) === 0));

  for (const part of chunks(units)) {
    if (!complete(1))
      add(
        await db
          .selectFrom('cases as c')
          .select(['c.id as case_id', 'c.unit'])
          .where('c.unit', 'in', part)
          .where('c.state', '=', 'unable')
          .where('c.state_since', '<', uncoveredBefore(end, autoFrom))
          .where((eb) => eb.not(currentPublished(eb, end)))
          .execute(),
      );
    if (!complete(2))
      // The cases received by E whose state changed after it, N at E under a decision that
      // automatic publication does not cover and no record publishes.
      add(
        await db
          .selectFrom('cases as c')
          .select(['c.id as case_id', 'c.unit'])
          .where('c.unit', 'in', part)
          .where('c.received_on', '<=', end)
          .where('c.state_since', '>', end)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('case_events as e')
                .select(sql.lit(1).as('one'))
                .where('e.id', '=', lastStateSettingBy(db, eb.ref('c.id'), end))
                .where('e.kind', '=', 'unable')
                .where('e.date', '<', uncoveredBefore(end, autoFrom))
                .where((w) => w.not(publishedByRecord(w, end))),
            ),
          )
          .execute(),
      );
    if (!complete(5))
      // From the units' cases to their records (a CROSS JOIN keeps SQLite in this order).
      add(
        await db
          .selectFrom('cases as c')
          .crossJoin('public_list_publications as p')
          .select(['c.id as case_id', 'c.unit'])
          .whereRef('p.case_id', '=', 'c.id')
          .where('c.unit', 'in', part)
          .where((eb) => standsAt(eb, end))
          .where((eb) => eb.not(eb.exists(matchingDecision(eb))))
          .execute(),
      );
  }
  return sorted(ids);
}

function sorted(ids: Set<string>): string[] {
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The V12 findings of a registry report over `units` at `period.end` (statistics.md §8), with the
 * report's officer or mode filter: the same as `publicListFindingsFor` over every case of the units.
 */
export async function publicListFindingsAt(
  db: Db,
  units: readonly string[],
  period: Period,
  filter: ContributionFilter = {},
  options: V12SearchOptions = {},
): Promise<Finding[]> {
  const ids = await publicListCandidateIds(db, units, period, options);
  if (ids.length === 0) return [];
  const loaded = await loadCasesById(db, ids);
  const cases = [...loaded.values()].map(({ facts, events }) =>
    replayStored(registryCaseOf(facts, events)),
  );
  return publicListFindingsFor(db, cases, period, filter);
}
