/**
 * Targets (chỉ tiêu) and their history (statistics.md §9, interfaces.md §7). Queries take `db`
 * first and work unchanged on a transaction; the callers (the import, the API) own the transaction
 * and write the audit records of the changes these functions return.
 *
 * Keys: (unit, scope, year, metric, month, officer). `month` null is an annual target (the four
 * unit metrics), 1..12 an officer's monthly `casesCompleted` / `moneyCompleted`; `officer` null is
 * the unit's own target. For a unit without units under it `own` is treated as `total` everywhere,
 * so such keys are stored with `total` (`canonicalScope`).
 */
import {
  DomainError,
  OFFICER_METRICS,
  UNIT_METRICS,
  formatCenti,
  isPercentMetric,
  metricValue,
  parseCenti,
  proposeOfficerTargets,
  type OfficerTargetProposal,
  type Scope,
  type TargetMetric,
  type TargetSet,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import { recordAuditBatch, type AuditActor } from '../audit.js';
import { MAX_INT64, parseMoney } from '../import/csv.js';
import type { Database, TargetRow } from '../schema.js';
import { resolveReport } from '../reports.js';
import { fromFlag, listOfficers, listUnits, toFlag, unitNotFound } from './units.js';

export type TargetOrigin = 'import' | 'console' | 'copy_targets' | 'copy_results';

export interface TargetKey {
  unit: string;
  scope: Scope;
  year: number;
  metric: TargetMetric;
  /** Null for an annual target; 1..12 for an officer's monthly target. */
  month: number | null;
  /** Null for the unit's own target. */
  officer: string | null;
}

export interface TargetRecord extends TargetKey {
  /** Hundredths of a percent, a count, or đồng (by metric). */
  value: bigint;
  provisional: boolean;
  origin: TargetOrigin;
  recordedAt: string;
  recordedBy: string | null;
}

export interface TargetHistoryRecord extends TargetRecord {
  replacedAt: string;
  replacedBy: string | null;
}

/** One target to write: a value (null removes the target, keeping it in the history). */
export interface TargetWrite extends TargetKey {
  value: bigint | null;
  provisional: boolean;
}

export interface TargetWriteCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/** One change, for the audit trail: the target before and after (null: did not exist / removed). */
export interface TargetChange {
  key: TargetKey;
  entityId: string;
  before: TargetAuditValue | null;
  after: TargetAuditValue | null;
}

/** A target as the audit trail records it: the value as written in targets.csv. */
export interface TargetAuditValue {
  value: string;
  provisional: boolean;
  origin: TargetOrigin;
}

/** "70.00" for a percentage, digits for a count or đồng: the value as targets.csv writes it. */
export function formatTargetValue(metric: TargetMetric, value: bigint): string {
  return isPercentMetric(metric) ? formatCenti(value) : value.toString();
}

/** A stable identifier of a target key for the audit trail: `2018/HN-BDI/total/caseRate[/BDI-1][/3]`. */
export function targetEntityId(key: TargetKey): string {
  const parts = [String(key.year), key.unit, key.scope, key.metric];
  if (key.officer !== null) parts.push(key.officer);
  if (key.month !== null) parts.push(String(key.month));
  return parts.join('/');
}

/**
 * The stored scope of a target of `unit`: `total` for a unit without units under it; an officer's
 * target takes the scope of an officer report (`own`, which is `total` for such a unit).
 */
export function canonicalScope(hasChildren: boolean, scope: Scope, officer: string | null): Scope {
  if (!hasChildren) return 'total';
  return officer !== null ? 'own' : scope;
}

const HUNDRED_PERCENT = 10_000n;

/**
 * A target value as targets.csv and the console write it: percent with up to two decimals (a dot)
 * for the four unit metrics, a rate between 0 and 100 and a reduction at most 100 (0 and negative
 * allowed: a negative reduction is an allowed increase); a non-negative whole count for
 * `casesCompleted`; integer đồng for `moneyCompleted`. The value, or a Vietnamese reason.
 */
export function parseTargetValue(metric: TargetMetric, text: string): bigint | string {
  if (metric === 'moneyCompleted') return parseMoney(text);
  if (metric === 'casesCompleted') {
    if (!/^\d+$/.test(text)) return `cần số việc là số nguyên không âm, nhận được "${text}"`;
    const value = BigInt(text);
    return value > MAX_INT64 ? `số ${text} quá lớn` : value;
  }
  let value: bigint;
  try {
    value = parseCenti(text);
  } catch {
    return `cần tỷ lệ phần trăm có tối đa hai chữ số thập phân, dấu chấm thập phân (ví dụ 70 hoặc 72.50), nhận được "${text}"`;
  }
  if (metric === 'caseRate' || metric === 'moneyRate') {
    if (value < 0n || value > HUNDRED_PERCENT)
      return `chỉ tiêu tỷ lệ phải từ 0 đến 100, nhận được "${text}"`;
  } else if (value > HUNDRED_PERCENT) {
    return `chỉ tiêu giảm không thể vượt quá 100 %, nhận được "${text}"`;
  }
  return value;
}

/** Units that have units under them. */
export async function unitsWithChildren(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db
    .selectFrom('units')
    .select('parent')
    .where('parent', 'is not', null)
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.parent!));
}

function toRecord(row: TargetRow): TargetRecord {
  return {
    unit: row.unit,
    scope: row.scope as Scope,
    year: Number(row.year),
    metric: row.metric as TargetMetric,
    month: Number(row.month) === 0 ? null : Number(row.month),
    officer: row.officer === '' ? null : row.officer,
    value: BigInt(row.value),
    provisional: fromFlag(row.provisional),
    origin: row.origin as TargetOrigin,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

function storedKey(key: TargetKey) {
  return {
    unit: key.unit,
    scope: key.scope,
    year: key.year,
    metric: key.metric,
    month: key.month ?? 0,
    officer: key.officer ?? '',
  };
}

export interface TargetFilter {
  year: number;
  /** Only these units. */
  units?: readonly string[];
  /** `unit`: the units' own targets only; `officers`: officers' only; a code: that officer's. */
  holder?: 'unit' | 'officers' | { officer: string };
  metrics?: readonly TargetMetric[];
}

/** Targets in force, ordered by unit, scope, officer, metric, month. */
export async function listTargets(
  db: Kysely<Database>,
  filter: TargetFilter,
): Promise<TargetRecord[]> {
  let query = db.selectFrom('targets').selectAll().where('year', '=', filter.year);
  if (filter.units !== undefined) {
    if (filter.units.length === 0) return [];
    query = query.where('unit', 'in', [...filter.units]);
  }
  const holder = filter.holder;
  if (holder === 'unit') query = query.where('officer', '=', '');
  else if (holder === 'officers') query = query.where('officer', '<>', '');
  else if (holder !== undefined) query = query.where('officer', '=', holder.officer);
  if (filter.metrics !== undefined) query = query.where('metric', 'in', [...filter.metrics]);
  const rows = await query
    .orderBy('unit')
    .orderBy('scope')
    .orderBy('officer')
    .orderBy('metric')
    .orderBy('month')
    .execute();
  return rows.map(toRecord);
}

/** Every value a target key had before the one in force, oldest first. */
export async function targetHistory(
  db: Kysely<Database>,
  key: TargetKey,
): Promise<TargetHistoryRecord[]> {
  const k = storedKey(key);
  const rows = await db
    .selectFrom('target_history')
    .selectAll()
    .where('unit', '=', k.unit)
    .where('scope', '=', k.scope)
    .where('year', '=', k.year)
    .where('metric', '=', k.metric)
    .where('month', '=', k.month)
    .where('officer', '=', k.officer)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...toRecord(r),
    replacedAt: r.replaced_at,
    replacedBy: r.replaced_by,
  }));
}

function auditValue(
  metric: TargetMetric,
  record: {
    value: bigint;
    provisional: boolean;
    origin: TargetOrigin;
  },
): TargetAuditValue {
  return {
    value: formatTargetValue(metric, record.value),
    provisional: record.provisional,
    origin: record.origin,
  };
}

export interface WriteTargetsOptions {
  origin: TargetOrigin;
  actor: AuditActor;
  at: Date;
  /** Count what would change, write nothing. */
  dryRun?: boolean;
}

/**
 * Writes targets whose keys are already checked and canonical (`canonicalScope`): a new key is
 * created; a different value or provisional flag replaces the one in force, which goes to the
 * history; an identical one changes nothing; a null value removes the target (kept in the history).
 * Returns the counts and the changes (for the caller's audit records, in the same transaction).
 */
export async function writeTargets(
  db: Kysely<Database>,
  writes: readonly TargetWrite[],
  options: WriteTargetsOptions,
): Promise<{ counts: TargetWriteCounts; changes: TargetChange[] }> {
  const counts: TargetWriteCounts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  const changes: TargetChange[] = [];
  const at = options.at.toISOString();
  const by = options.actor.username;
  for (const write of writes) {
    const k = storedKey(write);
    const old = await db
      .selectFrom('targets')
      .selectAll()
      .where('unit', '=', k.unit)
      .where('scope', '=', k.scope)
      .where('year', '=', k.year)
      .where('metric', '=', k.metric)
      .where('month', '=', k.month)
      .where('officer', '=', k.officer)
      .executeTakeFirst();
    const before = old ? toRecord(old) : null;
    if (write.value === null && before === null) continue;
    if (
      write.value !== null &&
      before !== null &&
      before.value === write.value &&
      before.provisional === write.provisional
    ) {
      counts.unchanged++;
      continue;
    }
    const after =
      write.value === null
        ? null
        : { value: write.value, provisional: write.provisional, origin: options.origin };
    if (before === null) counts.created++;
    else if (after === null) counts.removed++;
    else counts.updated++;
    changes.push({
      key: { ...write },
      entityId: targetEntityId(write),
      before: before && auditValue(write.metric, before),
      after: after && auditValue(write.metric, after),
    });
    if (options.dryRun) continue;
    if (old) {
      await db
        .insertInto('target_history')
        .values({
          unit: old.unit,
          scope: old.scope,
          year: Number(old.year),
          metric: old.metric,
          month: Number(old.month),
          officer: old.officer,
          value: BigInt(old.value),
          provisional: Number(old.provisional),
          origin: old.origin,
          recorded_at: old.recorded_at,
          recorded_by: old.recorded_by,
          replaced_at: at,
          replaced_by: by,
        })
        .execute();
    }
    const where = db
      .deleteFrom('targets')
      .where('unit', '=', k.unit)
      .where('scope', '=', k.scope)
      .where('year', '=', k.year)
      .where('metric', '=', k.metric)
      .where('month', '=', k.month)
      .where('officer', '=', k.officer);
    if (after === null) {
      await where.execute();
      continue;
    }
    const values = {
      value: after.value,
      provisional: toFlag(after.provisional),
      origin: after.origin,
      recorded_at: at,
      recorded_by: by,
    };
    await db
      .insertInto('targets')
      .values({ ...k, ...values })
      .onConflict((oc) =>
        oc.columns(['unit', 'scope', 'year', 'metric', 'month', 'officer']).doUpdateSet(values),
      )
      .execute();
  }
  return { counts, changes };
}

export interface TargetsForRequest {
  unit: string;
  /** The scope asked for (`own` is `total` for a unit without units under it). */
  scope: Scope;
  year: number;
  month: number;
  officer: string | null;
}

/**
 * The targets that apply to a progress request (interfaces.md §8). For a unit: its annual targets
 * of the (canonical) scope. For an officer: the monthly `casesCompleted` / `moneyCompleted` of month
 * n, and for the four unit metrics the officer's own annual targets where recorded, else those of
 * the officer's unit (Decision: an officer works toward its unit's rates unless given its own).
 */
export async function targetsFor(
  db: Kysely<Database>,
  request: TargetsForRequest,
): Promise<TargetSet> {
  const parents = await unitsWithChildren(db);
  const hasChildren = parents.has(request.unit);
  const unitScope = canonicalScope(hasChildren, request.scope, request.officer);
  const rows = await db
    .selectFrom('targets')
    .selectAll()
    .where('unit', '=', request.unit)
    .where('year', '=', request.year)
    .where('scope', '=', unitScope)
    .where('officer', 'in', request.officer === null ? [''] : ['', request.officer])
    .where('month', 'in', request.officer === null ? [0] : [0, request.month])
    .execute();
  return targetSetOf(rows, request, hasChildren);
}

/**
 * The targets of `request` among stored target rows (any superset of the ones that apply, such as
 * every row of the year): the rules of `targetsFor`, for callers that read the rows once for many
 * requests (the leadership summary).
 */
export function targetSetOf(
  rows: readonly TargetRow[],
  request: TargetsForRequest,
  hasChildren: boolean,
): TargetSet {
  const unitScope = canonicalScope(hasChildren, request.scope, request.officer);
  const set: TargetSet = {};
  const pick = (metric: TargetMetric, officer: string, month: number) => {
    const row = rows.find(
      (r) =>
        r.unit === request.unit &&
        Number(r.year) === request.year &&
        r.scope === unitScope &&
        r.metric === metric &&
        r.officer === officer &&
        Number(r.month) === month,
    );
    return row ? { value: BigInt(row.value), provisional: fromFlag(row.provisional) } : undefined;
  };
  for (const metric of UNIT_METRICS) {
    const target =
      (request.officer !== null ? pick(metric, request.officer, 0) : undefined) ??
      pick(metric, '', 0);
    if (target) set[metric] = target;
  }
  if (request.officer !== null) {
    for (const metric of OFFICER_METRICS) {
      const target = pick(metric, request.officer, request.month);
      if (target) set[metric] = target;
    }
  }
  return set;
}

export type ProvisionalSource = 'targets' | 'results';

export interface CopyProvisionalRequest {
  /** The working year that receives provisional targets; they come from year − 1. */
  year: number;
  from: ProvisionalSource;
  /** Only these units (default: every unit). */
  units?: readonly string[];
  actor: AuditActor;
  at: Date;
}

/**
 * Provisional targets (tạm tính, statistics.md §9) for `year`, copied from the previous year: its
 * unit targets (`targets`), or its month-12 results (`results`: the rates and the reductions the
 * unit reached). Each key of every unit (scope `total`, plus `own` for a unit with units under it)
 * gets the copied value marked provisional, unless an official target is already in force there:
 * official targets are never replaced by a copy. A provisional value already there is replaced
 * (kept in the history). Officers' targets are not copied. Run it inside a transaction.
 */
export async function copyProvisionalTargets(
  db: Kysely<Database>,
  request: CopyProvisionalRequest,
): Promise<{ counts: TargetWriteCounts; skippedOfficial: number; changes: TargetChange[] }> {
  const units = await listUnits(db);
  const wanted = request.units === undefined ? null : new Set(request.units);
  for (const code of wanted ?? []) {
    if (!units.some((u) => u.code === code)) throw unitNotFound(code);
  }
  const parents = await unitsWithChildren(db);
  const origin: TargetOrigin = request.from === 'targets' ? 'copy_targets' : 'copy_results';
  const candidates: TargetWrite[] = [];
  if (request.from === 'targets') {
    const previous = await listTargets(db, { year: request.year - 1, holder: 'unit' });
    for (const t of previous) {
      if (wanted && !wanted.has(t.unit)) continue;
      candidates.push({ ...t, year: request.year, value: t.value, provisional: true });
    }
  } else {
    for (const unit of units) {
      if (wanted ? !wanted.has(unit.code) : !unit.active) continue;
      const scopes: Scope[] = parents.has(unit.code) ? ['total', 'own'] : ['total'];
      for (const scope of scopes) {
        const report = await resolveReport(db, {
          unit: unit.code,
          scope,
          year: request.year - 1,
          month: 12,
        });
        for (const metric of UNIT_METRICS) {
          const value = metricValue(report, metric);
          if (value === null) continue;
          candidates.push({
            unit: unit.code,
            scope,
            year: request.year,
            metric,
            month: null,
            officer: null,
            value,
            provisional: true,
          });
        }
      }
    }
  }
  const official = await listTargets(db, { year: request.year, holder: 'unit' });
  const isOfficial = new Set(official.filter((t) => !t.provisional).map((t) => targetEntityId(t)));
  const writes = candidates.filter((c) => !isOfficial.has(targetEntityId(c)));
  const result = await writeTargets(db, writes, {
    origin,
    actor: request.actor,
    at: request.at,
  });
  return { ...result, skippedOfficial: candidates.length - writes.length };
}

export interface OfficerProposalRequest {
  unit: string;
  year: number;
  /** First month to propose (1 = October); months before it keep what was saved. */
  fromMonth: number;
}

export interface OfficerProposalRow extends OfficerTargetProposal {
  name: string;
  /** The caseload the proposal starts from: K and what was completed before `fromMonth`. */
  basis: {
    able: { cases: bigint; money: bigint };
    completedBefore: { cases: bigint; money: bigint };
  };
  /** The annual rate targets used (the officer's own, else its unit's); null where none. */
  caseRate: bigint | null;
  moneyRate: bigint | null;
}

/**
 * Proposed monthly targets for every active officer of `unit` (domain `proposeOfficerTargets`).
 * The caseload K: from month 1, what the officer carried over with means at the end of the previous
 * year (KCS of its month-12 report: the year's caseload known on 1 October); from a later month m,
 * K of the officer's report at month m−1, less X of that report already completed.
 * Throws NOT_FOUND for an unknown unit.
 */
export async function proposeOfficerMonthlyTargets(
  db: Kysely<Database>,
  request: OfficerProposalRequest,
): Promise<OfficerProposalRow[]> {
  const { unit, year, fromMonth } = request;
  if (!Number.isInteger(fromMonth) || fromMonth < 1 || fromMonth > 12) {
    throw new DomainError(
      'INVALID_INPUT',
      `Tháng bắt đầu phải từ 1 đến 12, nhận được ${fromMonth}`,
    );
  }
  const units = await listUnits(db);
  if (!units.some((u) => u.code === unit)) throw unitNotFound(unit);
  const officers = (await listOfficers(db, unit)).filter((o) => o.active);
  const rows: OfficerProposalRow[] = [];
  for (const officer of officers) {
    const basisReport = await resolveReport(db, {
      unit,
      officer: officer.code,
      year: fromMonth === 1 ? year - 1 : year,
      month: fromMonth === 1 ? 12 : fromMonth - 1,
    });
    const line = (measure: 'cases' | 'money', code: 'able' | 'ableCarriedOver' | 'completed') =>
      basisReport[measure].lines[code] ?? 0n;
    const basis =
      fromMonth === 1
        ? {
            able: {
              cases: line('cases', 'ableCarriedOver'),
              money: line('money', 'ableCarriedOver'),
            },
            completedBefore: { cases: 0n, money: 0n },
          }
        : {
            able: { cases: line('cases', 'able'), money: line('money', 'able') },
            completedBefore: {
              cases: line('cases', 'completed'),
              money: line('money', 'completed'),
            },
          };
    const targets = await targetsFor(db, {
      unit,
      scope: 'own',
      year,
      month: fromMonth,
      officer: officer.code,
    });
    const caseRate = targets.caseRate?.value ?? null;
    const moneyRate = targets.moneyRate?.value ?? null;
    const [proposal] = proposeOfficerTargets({
      caseRate,
      moneyRate,
      fromMonth,
      officers: [{ officer: officer.code, ...basis }],
    });
    rows.push({ ...proposal!, name: officer.name, basis, caseRate, moneyRate });
  }
  return rows;
}

/** Appends one audit record per target change (entity `target`), in the caller's transaction. */
export async function auditTargetChanges(
  trx: Kysely<Database>,
  context: { actor: AuditActor; at: Date },
  changes: readonly TargetChange[],
): Promise<void> {
  await recordAuditBatch(
    trx,
    changes.map((c) => ({
      actor: context.actor,
      at: context.at,
      entity: 'target',
      entityId: c.entityId,
      action: c.before === null ? 'create' : c.after === null ? 'delete' : 'update',
      unit: c.key.unit,
      before: c.before,
      after: c.after,
    })),
  );
}

/** A target as the console sends it: the value as text (null removes it). */
export interface TargetInput {
  unit: string;
  /** Default `total`. */
  scope?: Scope;
  year: number;
  metric: TargetMetric;
  month?: number | null;
  officer?: string | null;
  value: string | null;
  provisional?: boolean;
}

/**
 * Checks targets sent by the console against the rules of targets.csv (interfaces.md §7) and
 * returns them as canonical writes. Throws DomainError INVALID_INPUT naming the first target at
 * fault, NOT_FOUND for an unknown unit or officer.
 */
export async function prepareTargetWrites(
  db: Kysely<Database>,
  inputs: readonly TargetInput[],
): Promise<TargetWrite[]> {
  const units = new Set((await listUnits(db)).map((u) => u.code));
  const parents = await unitsWithChildren(db);
  const officers = new Map(
    (await db.selectFrom('officers').select(['code', 'unit']).execute()).map((o) => [
      o.code,
      o.unit,
    ]),
  );
  const seen = new Set<string>();
  return inputs.map((input) => {
    const officer = input.officer ?? null;
    const month = input.month ?? null;
    const who = officer ?? input.unit;
    const fail = (message: string): never => {
      throw new DomainError('INVALID_INPUT', `Chỉ tiêu ${input.metric} của ${who}: ${message}`, {
        unit: input.unit,
        metric: input.metric,
      });
    };
    if (!units.has(input.unit)) throw unitNotFound(input.unit);
    const monthly = !isPercentMetric(input.metric);
    if (monthly && (month === null || !Number.isInteger(month) || month < 1 || month > 12))
      fail('cần tháng của năm công tác từ 1 đến 12');
    if (!monthly && month !== null) fail('chỉ tiêu năm không có tháng');
    if (monthly && officer === null) fail('cần chấp hành viên');
    if (officer !== null) {
      const unit = officers.get(officer);
      if (unit === undefined)
        throw new DomainError('NOT_FOUND', `Không tìm thấy chấp hành viên mã "${officer}"`, {
          officer,
        });
      if (unit !== input.unit) fail(`chấp hành viên không thuộc đơn vị ${input.unit}`);
      if (input.scope === 'total' && parents.has(input.unit))
        fail('chỉ tiêu của chấp hành viên có phạm vi own');
    }
    let value: bigint | null = null;
    if (input.value !== null) {
      const parsed = parseTargetValue(input.metric, input.value.trim());
      if (typeof parsed === 'string') fail(parsed);
      value = parsed as bigint;
    }
    const write: TargetWrite = {
      unit: input.unit,
      scope: canonicalScope(parents.has(input.unit), input.scope ?? 'total', officer),
      year: input.year,
      metric: input.metric,
      month,
      officer,
      value,
      provisional: input.provisional ?? false,
    };
    const id = targetEntityId(write);
    if (seen.has(id)) fail('gửi hai lần');
    seen.add(id);
    return write;
  });
}
