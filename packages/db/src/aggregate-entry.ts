/**
 * Aggregate reports in the console (issue 8): a Cục manager enters or corrects a report line by
 * line (for years the registry does not hold), with the same storage, derivation and findings as
 * `import aggregate` (interfaces.md §4): lines are stored as given, unknown lines stay null and are
 * derived when read (domain `deriveUnknownLines`), identities are checked (V1–V7) and the report
 * resolves like any other. And the reconciliation: an aggregate report against what the registry
 * gives for the same unit and period, line by line, where both exist.
 */
import {
  DomainError,
  MONEY_LINE_CODES,
  checkIdentities,
  deriveUnknownLines,
  reportPeriod,
  reportToJson,
  unknownLines,
  type Finding,
  type LineCode,
  type Lines,
  type Measure,
  type ReportJson,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from './audit.js';
import { assertAggregateUnlocked } from './locks.js';
import { findAggregateLines, lineColumnsOf, linesFromRow } from './queries/aggregates.js';
import { listUnits, unitNotFound } from './queries/units.js';
import type { WorkflowActor } from './report-workflow.js';
import { resolveReport } from './reports.js';
import type { Database } from './schema.js';

/** Lines as typed: digit strings, null (or '') for unknown. Counts and money alike. */
export type LineInputs = Partial<Record<LineCode, string | null>>;

export interface AggregateEntryInput {
  unit: string;
  year: number;
  month: number;
  cases: LineInputs;
  money: LineInputs;
}

function parseLines(measure: Measure, input: LineInputs): Lines {
  const lines = unknownLines();
  for (const code of MONEY_LINE_CODES) {
    const raw = input[code];
    const text = raw === null || raw === undefined ? '' : raw.trim();
    if (text === '') continue;
    if (measure === 'cases' && code === 'reduced')
      throw new DomainError(
        'INVALID_INPUT',
        'Dòng giảm, miễn chỉ có ở thước đo về tiền; để trống ở thước đo về việc',
      );
    if (!/^\d+$/.test(text))
      throw new DomainError(
        'INVALID_INPUT',
        `${measure === 'cases' ? 'Về việc' : 'Về tiền'}, dòng ${code}: "${text}" không phải ${
          measure === 'cases' ? 'số việc nguyên' : 'số nguyên đồng'
        } không âm`,
        { measure, line: code },
      );
    const value = BigInt(text);
    if (value > 9_223_372_036_854_775_807n)
      throw new DomainError('INVALID_INPUT', `Dòng ${code}: giá trị quá lớn`);
    lines[code] = value;
  }
  return lines;
}

function allUnknown(lines: Lines): boolean {
  return MONEY_LINE_CODES.every((c) => lines[c] === null);
}

export interface AggregatePreview {
  /** Derived lines per measure (digit strings, null unknown) and which were given. */
  measures: Record<
    Measure,
    { line: LineCode; given: string | null; value: string | null; derived: boolean }[]
  >;
  /** V1–V7 on the derived lines (what the import reports as notes). */
  findings: Finding[];
}

/** Derives and checks lines as the aggregate import does, without storing anything. */
export function previewAggregate(
  input: Pick<AggregateEntryInput, 'cases' | 'money'>,
): AggregatePreview {
  const findings: Finding[] = [];
  const measures = {} as AggregatePreview['measures'];
  for (const measure of ['cases', 'money'] as const) {
    const given = parseLines(measure, input[measure]);
    const derived = deriveUnknownLines(measure, given);
    if (!allUnknown(given)) findings.push(...checkIdentities(measure, derived, true));
    measures[measure] = MONEY_LINE_CODES.filter((c) => measure === 'money' || c !== 'reduced').map(
      (line) => ({
        line,
        given: given[line]?.toString() ?? null,
        value: derived[line]?.toString() ?? null,
        derived: given[line] === null && derived[line] !== null,
      }),
    );
  }
  return { measures, findings };
}

/**
 * Stores (replaces) the aggregate lines of a unit, working year and month, both measures; a measure
 * left all empty removes its row (both empty: the report goes back to the registry). Refused with
 * LOCKED while the report of that unit and period is approved. Audited like the import
 * (`aggregate_line` records). Returns the report as it now resolves (null when nothing is stored).
 */
export async function saveAggregateReport(
  db: Kysely<Database>,
  input: AggregateEntryInput,
  actor: WorkflowActor,
  now: Date,
): Promise<ReportJson | null> {
  if (actor.role !== 'cuc_manager')
    throw new DomainError('FORBIDDEN', 'Chỉ quản lý cấp Cục mới nhập được số liệu tổng hợp');
  try {
    reportPeriod(input.year, input.month);
  } catch (error) {
    throw new DomainError('INVALID_INPUT', error instanceof Error ? error.message : String(error));
  }
  const lines = {
    cases: parseLines('cases', input.cases),
    money: parseLines('money', input.money),
  };
  return db.transaction().execute(async (trx) => {
    const units = await listUnits(trx);
    if (!units.some((u) => u.code === input.unit)) throw unitNotFound(input.unit);
    await assertAggregateUnlocked(trx, input.unit, input.year, input.month);
    for (const measure of ['cases', 'money'] as const) {
      const old = await trx
        .selectFrom('aggregate_lines')
        .selectAll()
        .where('unit', '=', input.unit)
        .where('year', '=', input.year)
        .where('month', '=', input.month)
        .where('measure', '=', measure)
        .executeTakeFirst();
      const oldLines = old ? linesFromRow(old) : null;
      const next = lines[measure];
      const key = { unit: input.unit, year: input.year, month: input.month, measure };
      const entityId = `${input.unit}/${input.year}/${input.month}/${measure}`;
      if (allUnknown(next)) {
        if (!old) continue;
        await trx
          .deleteFrom('aggregate_lines')
          .where('unit', '=', input.unit)
          .where('year', '=', input.year)
          .where('month', '=', input.month)
          .where('measure', '=', measure)
          .execute();
        await recordAudit(trx, {
          actor: { username: actor.username, role: actor.role },
          at: now,
          entity: 'aggregate_line',
          entityId,
          action: 'delete',
          unit: input.unit,
          before: { ...key, lines: oldLines },
        });
        continue;
      }
      if (oldLines && MONEY_LINE_CODES.every((c) => oldLines[c] === next[c])) continue;
      const columns = lineColumnsOf(next);
      await trx
        .insertInto('aggregate_lines')
        .values({ ...key, ...columns })
        .onConflict((oc) => oc.columns(['unit', 'year', 'month', 'measure']).doUpdateSet(columns))
        .execute();
      await recordAudit(trx, {
        actor: { username: actor.username, role: actor.role },
        at: now,
        entity: 'aggregate_line',
        entityId,
        action: old ? 'update' : 'create',
        unit: input.unit,
        before: old ? { ...key, lines: oldLines } : null,
        after: { ...key, lines: next },
      });
    }
    const stored = await findAggregateLines(trx, input);
    if (!stored) return null;
    return reportToJson(
      await resolveReport(trx, {
        unit: input.unit,
        scope: 'total',
        year: input.year,
        month: input.month,
        source: 'aggregate',
      }),
    );
  });
}

/** The aggregate lines stored for a unit and period, as given (digit strings, null unknown). */
export async function getAggregateEntry(
  db: Kysely<Database>,
  params: { unit: string; year: number; month: number },
): Promise<{
  cases: Record<LineCode, string | null>;
  money: Record<LineCode, string | null>;
} | null> {
  const stored = await findAggregateLines(db, params);
  if (!stored) return null;
  const text = (lines: Lines) =>
    Object.fromEntries(MONEY_LINE_CODES.map((c) => [c, lines[c]?.toString() ?? null])) as Record<
      LineCode,
      string | null
    >;
  return { cases: text(stored.cases), money: text(stored.money) };
}

/** The units, years and months that have aggregate rows (of the units given, default all). */
export async function listAggregatePeriods(
  db: Kysely<Database>,
  params: { units?: ReadonlySet<string> } = {},
): Promise<{ unit: string; year: number; month: number; measures: Measure[] }[]> {
  const rows = await db
    .selectFrom('aggregate_lines')
    .select(['unit', 'year', 'month', 'measure'])
    .orderBy('unit')
    .orderBy('year')
    .orderBy('month')
    .orderBy('measure')
    .execute();
  const out = new Map<string, { unit: string; year: number; month: number; measures: Measure[] }>();
  for (const row of rows) {
    if (params.units && !params.units.has(row.unit)) continue;
    const k = `${row.unit}/${row.year}/${row.month}`;
    let entry = out.get(k);
    if (!entry)
      out.set(
        k,
        (entry = {
          unit: row.unit,
          year: Number(row.year),
          month: Number(row.month),
          measures: [],
        }),
      );
    entry.measures.push(row.measure as Measure);
  }
  return [...out.values()];
}

export interface ReconciliationLine {
  measure: Measure;
  line: LineCode;
  /** Given in the aggregate row (not derived). */
  given: boolean;
  aggregate: string;
  registry: string;
  /** aggregate − registry. */
  difference: string;
}

export interface AggregateReconciliation {
  unit: string;
  year: number;
  month: number;
  /** Every line known in both, in report order. */
  lines: ReconciliationLine[];
  /** How many of them differ. */
  differing: number;
}

/**
 * An imported (or entered) aggregate report against what the registry gives for the same unit,
 * scope `total` and period, line by line where both exist. NOT_FOUND when there is no aggregate row.
 */
export async function reconcileAggregateWithRegistry(
  db: Kysely<Database>,
  params: { unit: string; year: number; month: number },
): Promise<AggregateReconciliation> {
  const request = {
    unit: params.unit,
    scope: 'total' as const,
    year: params.year,
    month: params.month,
  };
  const aggregate = reportToJson(await resolveReport(db, { ...request, source: 'aggregate' }));
  const registry = reportToJson(await resolveReport(db, { ...request, source: 'registry' }));
  const given = (await findAggregateLines(db, params))!;
  const lines: ReconciliationLine[] = [];
  for (const measure of ['cases', 'money'] as const) {
    for (const line of MONEY_LINE_CODES) {
      if (measure === 'cases' && line === 'reduced') continue;
      const a = (aggregate[measure] as Record<string, number | string | null>)[line];
      const r = (registry[measure] as Record<string, number | string | null>)[line];
      if (a === null || a === undefined || r === null || r === undefined) continue;
      const av = BigInt(a);
      const rv = BigInt(r);
      lines.push({
        measure,
        line,
        given: given[measure][line] !== null,
        aggregate: av.toString(),
        registry: rv.toString(),
        difference: (av - rv).toString(),
      });
    }
  }
  return {
    ...params,
    lines,
    differing: lines.filter((l) => l.difference !== '0').length,
  };
}
