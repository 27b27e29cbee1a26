/**
 * Many reports and progress objects of one subtree at once, for the leadership summary: the table of
 * the 31 units of Hà Nội needs, for each unit, the reports of (Y, n), (Y−1, n), (Y−1, 12) and
 * (Y−2, 12), and the trend charts 24 monthly reports of one unit. A batch sums each period's
 * registry lines of every unit and officer of the subtree once, from the monthly movements
 * (movements.ts `movementSumsAt`), and reads the aggregate rows and the targets of a year once.
 *
 * The figures are exactly those of `resolveReport` and `resolveProgress`: the same source resolution
 * (interfaces.md §5: an aggregate row of the unit in scope `total` wins, `own`, officers and units
 * without a row come from the registry, a `total` is never the sum of its units' aggregate rows),
 * the same domain functions (`assembleReport`, `buildProgress`), the same target
 * rules (`targetSetOf`). A test compares the two for every unit, scope and officer. What a batch
 * report does not carry is the findings that need more than its lines: V12 (the public list) and V13
 * (month n−1); the summary shows no findings.
 */
import {
  DomainError,
  addKnownLines,
  assembleReport,
  buildProgress,
  deriveUnknownLines,
  reportPeriod,
  ruleSetForYear,
  subtreeCodes,
  unknownLines,
  workingMonthOf,
  workingYearOf,
  zeroLines,
  type IsoDate,
  type KnownLines,
  type Measure,
  type Period,
  type Progress,
  type Report,
  type ReportLines,
  type ReportSource,
  type Scope,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import type { Database, TargetRow } from './schema.js';
import { linesFromRow } from './queries/aggregates.js';
import { ensureMovements, movementSumsAt } from './movements.js';
import { targetSetOf } from './queries/targets.js';
import {
  listOfficers,
  listUnits,
  unitNotFound,
  type OfficerRecord,
  type UnitRecord,
} from './queries/units.js';

/** Whose report: a unit in a scope, or one officer of a unit. */
export interface BatchSubject {
  unit: string;
  /** Default `total`; an officer's report has scope `own`. */
  scope?: Scope;
  officer?: string | null;
}

export interface ReportBatch {
  /** The unit the batch covers, with every unit under it. */
  readonly root: string;
  /** Every unit of the database, in code order. */
  readonly units: readonly UnitRecord[];
  /** The units of the batch: `root` and the units under it, root first, then in code order. */
  readonly covered: readonly string[];
  /** True when `unit` has units under it. */
  hasChildren(unit: string): boolean;
  /** The officers of a covered unit, in code order. */
  officersOf(unit: string): readonly OfficerRecord[];
  /** The report of `subject` at working year Y, month n, resolved as `resolveReport` does. */
  report(subject: BatchSubject, year: number, month: number): Promise<Report>;
  /** The progress of `subject` at Y, n, as `resolveProgress` computes it. */
  progress(subject: BatchSubject, year: number, month: number): Promise<Progress>;
}

type KnownReportLines = ReportLines<KnownLines>;

/** Registry sums of one period: each unit's own cases, and each officer's and unassigned cases. */
interface PeriodSums {
  own: Map<string, KnownReportLines>;
  /** Key: unit, NUL, officer code ('' for the cases no officer holds). */
  byOfficer: Map<string, KnownReportLines>;
}

function zeroReportLines(): KnownReportLines {
  return { cases: zeroLines('cases'), money: zeroLines('money') };
}

function periodOf(year: number, month: number): Period {
  try {
    return reportPeriod(year, month);
  } catch (error) {
    throw new DomainError('INVALID_INPUT', error instanceof Error ? error.message : String(error), {
      year,
      month,
    });
  }
}

/**
 * The entities of the audit trail whose changes cannot move a figure of a report: sessions and
 * accounts, the public list (V12 is a finding, not a figure), the reports' workflow. A change of
 * anything else (cases and their events, units, officers, targets, aggregate lines, imports, and
 * any entity added later) ends the cached sums.
 */
export const NON_FIGURE_AUDIT_ENTITIES: readonly string[] = [
  'session',
  'user',
  'public_list_publication',
  'public_list_withholding',
  'public_list_settings',
  'report',
  'unlock_request',
];

/**
 * The version of the registry: the sequence number of the latest audit record of a change that can
 * move a figure ('0' when there is none). Every change of cases, events, units, officers, targets or
 * aggregate lines writes its audit record in the same transaction (README, "Audit trail"), so a
 * committed change always shows here; a database edited by hand outside the application does not.
 */
export async function registryVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('entity', 'not in', [...NON_FIGURE_AUDIT_ENTITIES])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? String(row.seq) : '0';
}

/**
 * Registry sums of each period kept across batches (one per server process), for a subtree at one
 * registry version: the summary's pages then read the cases only when the data changed. Small: per
 * period, the lines of each unit and officer. Only the latest version of each subtree is kept.
 */
export class RegistrySumsCache {
  private readonly entries = new Map<string, { version: string; sums: Map<string, PeriodSums> }>();

  /** The sums of `root`'s subtree at `version`, emptied when the version moved. */
  sumsOf(root: string, version: string): Map<string, PeriodSums> {
    const entry = this.entries.get(root);
    if (entry && entry.version === version) return entry.sums;
    const sums = new Map<string, PeriodSums>();
    this.entries.set(root, { version, sums });
    return sums;
  }
}

/**
 * Opens a batch over `unit` and every unit under it: reads the units and the officers; the registry
 * cases of the subtree are read and replayed once, when a period's sums are first needed (with a
 * `cache`, only when they are not cached at the current registry version). Throws NOT_FOUND for an
 * unknown unit; a report throws INVALID_EVENT when the stored events break the rules (as
 * `resolveReport` does).
 */
export async function openReportBatch(
  db: Kysely<Database>,
  options: { unit: string; cache?: RegistrySumsCache },
): Promise<ReportBatch> {
  // The version first, the cases after: sums computed from data newer than their version are
  // recomputed at the next version, never the reverse.
  const version = options.cache ? await registryVersion(db) : null;
  const units = await listUnits(db);
  if (!units.some((u) => u.code === options.unit)) throw unitNotFound(options.unit);
  const covered = subtreeCodes(units, options.unit);
  const coveredSet = new Set(covered);
  const parents = new Set(units.map((u) => u.parent).filter((p): p is string => p !== null));
  const officers = (await listOfficers(db)).filter((o) => coveredSet.has(o.unit));

  const sums =
    options.cache && version !== null
      ? options.cache.sumsOf(options.unit, version)
      : new Map<string, PeriodSums>();
  /** The sums of a period: summed from the monthly movements (movements.ts), a few rows per unit and officer. */
  async function sumsAt(period: Period): Promise<PeriodSums> {
    const key = `${period.year}/${period.month}`;
    const cached = sums.get(key);
    if (cached) return cached;
    await ensureMovements(db);
    const found = await movementSumsAt(db, covered, period);
    sums.set(key, found);
    return found;
  }

  const aggregateYears = new Map<number, Promise<Map<string, ReportLines>>>();
  function aggregatesOf(year: number): Promise<Map<string, ReportLines>> {
    let found = aggregateYears.get(year);
    if (!found) {
      found = db
        .selectFrom('aggregate_lines')
        .selectAll()
        .where('year', '=', year)
        .execute()
        .then((rows) => {
          // As findAggregateLines: a measure without a row is all unknown.
          const given = new Map<string, ReportLines>();
          for (const row of rows) {
            const key = `${row.unit}/${Number(row.month)}`;
            const entry = given.get(key) ?? { cases: unknownLines(), money: unknownLines() };
            entry[row.measure as Measure] = linesFromRow(row);
            given.set(key, entry);
          }
          const derived = new Map<string, ReportLines>();
          for (const [key, lines] of given) {
            derived.set(key, {
              cases: deriveUnknownLines('cases', lines.cases),
              money: deriveUnknownLines('money', lines.money),
            });
          }
          return derived;
        });
      aggregateYears.set(year, found);
    }
    return found;
  }

  const targetYears = new Map<number, Promise<TargetRow[]>>();
  function targetRowsOf(year: number): Promise<TargetRow[]> {
    let found = targetYears.get(year);
    if (!found) {
      found = db.selectFrom('targets').selectAll().where('year', '=', year).execute();
      targetYears.set(year, found);
    }
    return found;
  }

  /** The subject checked as `resolveReport` checks it. */
  function coverageOf(subject: BatchSubject): {
    unit: string;
    scope: Scope;
    officer: string | null;
    registryOnly: boolean;
  } {
    if (!coveredSet.has(subject.unit)) {
      if (!units.some((u) => u.code === subject.unit)) throw unitNotFound(subject.unit);
      throw new DomainError('INVALID_INPUT', `Đơn vị ${subject.unit} không thuộc ${options.unit}`, {
        unit: subject.unit,
      });
    }
    const officer = subject.officer ?? null;
    if (officer !== null) {
      const record = officers.find((o) => o.code === officer);
      if (!record) {
        throw new DomainError('NOT_FOUND', `Không tìm thấy chấp hành viên mã "${officer}"`, {
          officer,
        });
      }
      if (record.unit !== subject.unit) {
        throw new DomainError(
          'INVALID_INPUT',
          `Chấp hành viên ${officer} không thuộc đơn vị ${subject.unit}`,
          { officer, unit: subject.unit },
        );
      }
      if (subject.scope === 'total') {
        throw new DomainError(
          'INVALID_INPUT',
          'Báo cáo theo chấp hành viên chỉ có phạm vi own (các việc của chấp hành viên đó)',
        );
      }
      return { unit: subject.unit, scope: 'own', officer, registryOnly: true };
    }
    const scope = subject.scope ?? 'total';
    const effective = parents.has(subject.unit) ? scope : 'total';
    return { unit: subject.unit, scope, officer: null, registryOnly: effective === 'own' };
  }

  /** A copy: the sums may be cached and shared, reports must not alias them. */
  const copyOf = (lines: KnownReportLines): KnownReportLines => ({
    cases: { ...lines.cases },
    money: { ...lines.money },
  });

  async function registryLinesOf(
    coverage: ReturnType<typeof coverageOf>,
    period: Period,
  ): Promise<KnownReportLines> {
    const at = await sumsAt(period);
    if (coverage.officer !== null) {
      const lines = at.byOfficer.get(`${coverage.unit}\u0000${coverage.officer}`);
      return lines ? copyOf(lines) : zeroReportLines();
    }
    if (coverage.registryOnly) {
      const lines = at.own.get(coverage.unit);
      return lines ? copyOf(lines) : zeroReportLines();
    }
    let total = zeroReportLines();
    for (const code of subtreeCodes(units, coverage.unit)) {
      const own = at.own.get(code);
      if (own)
        total = {
          cases: addKnownLines(total.cases, own.cases),
          money: addKnownLines(total.money, own.money),
        };
    }
    return total;
  }

  async function linesOf(
    coverage: ReturnType<typeof coverageOf>,
    period: Period,
  ): Promise<{ source: ReportSource; lines: ReportLines }> {
    if (!coverage.registryOnly) {
      const given = (await aggregatesOf(period.year)).get(`${coverage.unit}/${period.month}`);
      if (given) return { source: 'aggregate', lines: given };
    }
    return { source: 'registry', lines: await registryLinesOf(coverage, period) };
  }

  const reports = new Map<string, Promise<Report>>();
  async function report(subject: BatchSubject, year: number, month: number): Promise<Report> {
    const coverage = coverageOf(subject);
    const key = `${coverage.unit}/${coverage.scope}/${coverage.officer ?? ''}/${year}/${month}`;
    let found = reports.get(key);
    if (!found) {
      found = (async () => {
        const period = periodOf(year, month);
        const current = await linesOf(coverage, period);
        const previousYearEnd =
          year - 1 >= 1900 ? (await linesOf(coverage, periodOf(year - 1, 12))).lines : null;
        return assembleReport({
          unit: coverage.unit,
          scope: coverage.scope,
          officer: coverage.officer,
          mode: null,
          period,
          ruleSet: ruleSetForYear(year),
          source: current.source,
          lines: current.lines,
          previousYearEnd,
          previousMonth: null,
        });
      })();
      reports.set(key, found);
    }
    return found;
  }

  async function progress(subject: BatchSubject, year: number, month: number): Promise<Progress> {
    const current = await report(subject, year, month);
    const hasPreviousYear = year - 1 >= 1900;
    const previousYearEnd = hasPreviousYear ? await report(subject, year - 1, 12) : null;
    const previousYearAtMonth =
      !hasPreviousYear || month === 12 ? previousYearEnd : await report(subject, year - 1, month);
    const previousMonth =
      current.officer !== null && month > 1 ? await report(subject, year, month - 1) : null;
    const targets = targetSetOf(
      await targetRowsOf(year),
      {
        unit: current.unit,
        scope: current.scope,
        year,
        month,
        officer: current.officer,
      },
      parents.has(current.unit),
    );
    return buildProgress({
      report: current,
      previousYearAtMonth,
      previousYearEnd,
      previousMonth,
      targets,
      ruleSet: ruleSetForYear(year),
    });
  }

  return {
    root: options.unit,
    units,
    covered,
    hasChildren: (unit) => parents.has(unit),
    officersOf: (unit) => officers.filter((o) => o.unit === unit),
    report,
    progress,
  };
}

/** The latest working month with data, and the first working year with any. */
export interface DataRange {
  latest: { year: number; month: number };
  earliestYear: number;
}

/**
 * The latest working-year month with data on or before `today` (Decision: a month has data when a
 * case was received or an event is dated in it, or an aggregate report row exists for it), and the
 * earliest working year with any; null when the database holds neither cases nor aggregate rows.
 * Months after today's are not offered even if an aggregate row names them.
 */
export async function dataRange(db: Kysely<Database>, today: IsoDate): Promise<DataRange | null> {
  const received = await db
    .selectFrom('cases')
    .select((eb) => [eb.fn.min('received_on').as('first'), eb.fn.max('received_on').as('last')])
    .where('received_on', '<=', today)
    .executeTakeFirst();
  const events = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('date').as('last'))
    .where('date', '<=', today)
    .executeTakeFirst();
  const aggregates = await db
    .selectFrom('aggregate_lines')
    .select(['year', 'month'])
    .distinct()
    .execute();
  const todayYear = workingYearOf(today);
  const todayMonth = workingMonthOf(today);
  const periods: { year: number; month: number }[] = [];
  for (const date of [received?.last, events?.last]) {
    if (typeof date === 'string')
      periods.push({ year: workingYearOf(date), month: workingMonthOf(date) });
  }
  let earliest: number | null =
    typeof received?.first === 'string' ? workingYearOf(received.first) : null;
  for (const row of aggregates) {
    const p = { year: Number(row.year), month: Number(row.month) };
    if (p.year > todayYear || (p.year === todayYear && p.month > todayMonth)) continue;
    periods.push(p);
    earliest = earliest === null ? p.year : Math.min(earliest, p.year);
  }
  if (periods.length === 0 || earliest === null) return null;
  const latest = periods.reduce((a, b) =>
    b.year > a.year || (b.year === a.year && b.month > a.month) ? b : a,
  );
  return { latest, earliestYear: earliest };
}
