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
 * Ranges 3 and 4 are small by nature (a late or withdrawn record is a mismatch at some month end).
 * All five are read registry-wide in one statement, ranges 1, 2 and 5 up to `attemptLimit` rows
 * each: with automatic publication covering the registry they are empty or nearly so. A range that
 * holds more (publication off, or started long after the registry's first decisions; many records)
 * is read again: from the cases of the units (ranges 2 and 5 then cost what the units' cases cost,
 * as before this module), or whole when the units are at least half of all units.
 */
import type { ContributionFilter, Finding, IsoDate, Period } from '@thads/domain';
import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { replayStored } from '../movements.js';
import type { Database, PublicListPublicationsTable } from '../schema.js';
import { chunks, loadCasesById } from './cases.js';
import { publicListFindingsFor } from './public-list.js';

/** Rows a registry-wide range may give in the first statement before it is read another way. */
export const V12_ATTEMPT_LIMIT = 1000;

export interface V12SearchOptions {
  /** Default V12_ATTEMPT_LIMIT; tests lower it to exercise the other ways. */
  attemptLimit?: number;
}

/**
 * The literal 'unable' (SQLite uses a partial index only when the query repeats its condition with
 * the same literal; a bound parameter does not count). Where a partial index must NOT be used, the
 * value is bound instead.
 */
const UNABLE = sql.lit('unable');

/** True when `date` is the last day of its month (every report period end is). */
function endsMonth(date: IsoDate): boolean {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

type Db = Kysely<Database>;

/**
 * The dates of decisions dated on or before `end` that automatic publication does not cover, as
 * one upper bound (with two, SQLite ranges over the first and filters by the second).
 */
function uncoveredUpTo(end: IsoDate, autoFrom: IsoDate | null): ['<' | '<=', IsoDate] {
  return autoFrom !== null && autoFrom <= end ? ['<', autoFrom] : ['<=', end];
}

/** Range 1: the cases unable now since a date on or before `end` (and before `autoFrom`). */
function unableSince(db: Db, end: IsoDate, autoFrom: IsoDate | null) {
  return db
    .selectFrom('cases as c')
    .select([
      sql.lit(1).as('range'),
      'c.id as case_id',
      'c.unit',
      'c.state_since',
      sql.lit(0).as('matched'),
    ])
    .where('c.state', '=', UNABLE)
    .where('c.state_since', ...uncoveredUpTo(end, autoFrom));
}

/** Range 2: the unable events dated on or before `end` (and before `autoFrom`), with their case. */
function uncoveredDecisions(db: Db, end: IsoDate, autoFrom: IsoDate | null) {
  return db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select([
      sql.lit(2).as('range'),
      'c.id as case_id',
      'c.unit',
      'c.state_since',
      sql.lit(0).as('matched'),
    ])
    .where('e.kind', '=', UNABLE)
    .where('e.date', ...uncoveredUpTo(end, autoFrom));
}

/** Range 3: the records of decisions dated on or before `end` published after it. */
function publishedAfter(db: Db, end: IsoDate) {
  return (
    db
      .selectFrom('public_list_publications as p')
      .innerJoin('cases as c', 'c.id', 'p.case_id')
      .select([
        sql.lit(3).as('range'),
        'c.id as case_id',
        'c.unit',
        'c.state_since',
        sql.lit(0).as('matched'),
      ])
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
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select([
      sql.lit(4).as('range'),
      'c.id as case_id',
      'c.unit',
      'c.state_since',
      sql.lit(0).as('matched'),
    ])
    .where('p.withdrawn_on', '<=', end);
}

/**
 * Range 5: the records published on or before `end` and not withdrawn by it, with `matched` 1 when
 * an unable event of the case has the record's decision number and date (`unableDecisions` keys an
 * entry by them, a missing number as '').
 */
function standingRecords(db: Db, end: IsoDate) {
  return db
    .selectFrom('public_list_publications as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
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
    .where('p.published_on', '<=', end)
    .where((eb) => eb.or([eb('p.withdrawn_on', 'is', null), eb('p.withdrawn_on', '>', end)]));
}

/** The unable events of record `p`'s case with its decision number and date. */
function matchingDecision(
  eb: ExpressionBuilder<Database & { p: PublicListPublicationsTable }, 'p'>,
) {
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
 * (see the module comment), ascending by the bytes of the id.
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
  const settings = await db
    .selectFrom('public_list_settings')
    .select('auto_publish_from')
    .where('id', '=', 1)
    .executeTakeFirst();
  const autoFrom = settings?.auto_publish_from ?? null;
  const covered = new Set(units);
  const ids = new Set<string>();

  const first: RangeRow[] = await db
    .selectFrom(
      unableSince(db, end, autoFrom)
        .limit(limit + 1)
        .as('r1'),
    )
    .selectAll()
    .unionAll(
      db
        .selectFrom(
          uncoveredDecisions(db, end, autoFrom)
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
          standingRecords(db, end)
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
  /** Range 2 needs a state changed after E (else range 1 has the case); range 5 no match. */
  const keep = (row: RangeRow) =>
    covered.has(row.unit) &&
    (Number(row.range) !== 2 || row.state_since > end) &&
    (Number(row.range) !== 5 || Number(row.matched) === 0);
  for (const range of [1, 2, 3, 4, 5])
    if (range === 3 || range === 4 || complete(range))
      for (const row of rows(range)) if (keep(row)) ids.add(row.case_id);

  if (!complete(1) || !complete(2) || !complete(5)) {
    const all = await db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    const wide = units.length * 2 >= Number(all.n);
    const add = (found: readonly { case_id: string; unit: string }[]) => {
      for (const row of found) if (covered.has(row.unit)) ids.add(row.case_id);
    };
    if (!complete(1)) {
      // By unit: index cases_unit_state (the bound 'unable' keeps SQLite off the partial index).
      for (const part of chunks(units))
        add(
          await db
            .selectFrom('cases as c')
            .select(['c.id as case_id', 'c.unit'])
            .where('c.unit', 'in', part)
            .where('c.state', '=', 'unable')
            .where('c.state_since', ...uncoveredUpTo(end, autoFrom))
            .execute(),
        );
    }
    if (!complete(2)) {
      if (wide) {
        add(await uncoveredDecisions(db, end, autoFrom).where('c.state_since', '>', end).execute());
      } else {
        for (const part of chunks(units))
          add(
            await db
              .selectFrom('cases as c')
              .select(['c.id as case_id', 'c.unit'])
              .where('c.unit', 'in', part)
              .where('c.state_since', '>', end)
              .where('c.received_on', '<=', end)
              .where((eb) =>
                eb.exists(
                  eb
                    .selectFrom('case_events as e')
                    .select(sql.lit(1).as('one'))
                    .whereRef('e.case_id', '=', 'c.id')
                    .where('e.kind', '=', 'unable')
                    .where('e.date', ...uncoveredUpTo(end, autoFrom)),
                ),
              )
              .execute(),
          );
      }
    }
    if (!complete(5)) {
      if (wide) {
        add(
          await standingRecords(db, end)
            .where((eb) => eb.not(eb.exists(matchingDecision(eb))))
            .execute(),
        );
      } else {
        // From the units' cases to their records (a CROSS JOIN keeps SQLite in this order).
        for (const part of chunks(units))
          add(
            await db
              .selectFrom('cases as c')
              .crossJoin('public_list_publications as p')
              .select(['c.id as case_id', 'c.unit'])
              .whereRef('p.case_id', '=', 'c.id')
              .where('c.unit', 'in', part)
              .where('p.published_on', '<=', end)
              .where((eb) =>
                eb.or([eb('p.withdrawn_on', 'is', null), eb('p.withdrawn_on', '>', end)]),
              )
              .where((eb) => eb.not(eb.exists(matchingDecision(eb))))
              .execute(),
          );
      }
    }
  }
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
    replayStored({
      id: facts.id,
      unit: facts.unit,
      receivedOn: facts.receivedOn,
      amount: facts.amount,
      officer: facts.officer,
      mode: facts.mode,
      events,
    }),
  );
  return publicListFindingsFor(db, cases, period, filter);
}
