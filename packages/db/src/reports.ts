/**
 * The report service (interfaces.md §5): which source answers a report, and the cases behind a line.
 *
 * Source resolution, applied to every report the system needs (the report asked for, the previous
 * working year's month 12 for carryOverChange and V9, month n−1 for V13):
 * - `--officer` and `--mode` reports always come from the registry;
 * - a unit's `own` scope (for a unit with units under it) always comes from the registry;
 * - otherwise the aggregate row of that unit, year and month answers when one exists for either
 *   measure (the other measure is then all null), else the registry over the whole subtree (never a
 *   sum of the aggregate rows of the units under it);
 * - `source` forces the source of the report asked for; the previous-year and previous-month bases
 *   are always resolved by the rule above (Decision: forcing one report does not change what its
 *   comparisons are against).
 * For a unit without units under it, `own` is treated as `total`; the report echoes the scope asked for.
 *
 * Classification (issue 7): `judgmentType` and `flag` filter the registry like `mode` (registry
 * only; the filters combine); `resolveBreakdown` gives one report per bucket of a dimension and the
 * registry total they add up to (see @thads/domain classification.ts for the buckets).
 */
import {
  DomainError,
  assembleReport,
  breakdownPlan,
  isBreakdownDimension,
  isFlagFilter,
  isJudgmentTypeFilter,
  type BreakdownDimension,
  type FlagFilter,
  type JudgmentTypeFilter,
  casesBehindLine,
  contributionsFor,
  deriveUnknownLines,
  isLineCode,
  registryLines,
  reportPeriod,
  ruleSetForYear,
  type CaseBehindLine,
  type ContributionFilter,
  type Measure,
  type ModeFilter,
  type Period,
  type ReplayedCase,
  type Report,
  type ReportLines,
  type ReportSource,
  type RuleSet,
  type Scope,
  withFindings,
  type Finding,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { findAggregateLinesAt } from './queries/aggregates.js';
import { loadCases, replayStored } from './queries/cases.js';
import {
  ensureMovements,
  movementLines,
  movementSubtreeLines,
  movementsServe,
} from './movements.js';
import { publicListFindingsFor } from './queries/public-list.js';
import { publicListFindingsAt } from './queries/public-list-v12.js';
import { getOfficer, unitNotFound, unitSubtreeContext } from './queries/units.js';

export interface ReportRequest {
  unit: string;
  /** Default `total`; with an officer, `own` (the only scope an officer report has). */
  scope?: Scope;
  year: number;
  /** Working-year month 1..12 (1 = October). */
  month: number;
  /** An officer of `unit`: the cases assigned to that officer at the end of the period. */
  officer?: string | null;
  /**
   * The unit's own cases that no officer holds at the end of the period ("Chưa phân công"): the
   * officers of a unit plus these sum to the unit (V11). Registry only, scope `own`.
   */
  unassigned?: boolean;
  mode?: ModeFilter | null;
  /** Only the cases of this judgment type ('none': not classified). Registry only. */
  judgmentType?: JudgmentTypeFilter | null;
  /** `X`: cases with flag X; `not:X`: without it; 'none': no flag at all. Registry only. */
  flag?: FlagFilter | null;
  /** Forces the source of this report; `aggregate` without a row is NOT_FOUND. */
  source?: ReportSource;
  /** Default: the rule set of the working year. */
  ruleSet?: RuleSet;
  /**
   * How registry lines are computed: `movements` (default) sums the monthly movements table
   * (movements.ts) where it serves the request, `replay` replays every case of the units (the
   * reference the table is checked against). Both give the same report.
   */
  engine?: 'movements' | 'replay';
}

export interface CasesBehindRequest {
  unit: string;
  scope?: Scope;
  year: number;
  month: number;
  /** A line code of statistics.md §2 (not `rate`). */
  line: string;
  /** Default `cases`. */
  measure?: Measure;
  officer?: string | null;
  /** As in ReportRequest. */
  unassigned?: boolean;
  mode?: ModeFilter | null;
  judgmentType?: JudgmentTypeFilter | null;
  flag?: FlagFilter | null;
}

/** What a request covers once units, scope and officer are checked. */
interface Coverage {
  unit: string;
  /** The scope asked for (echoed in the report). */
  scope: Scope;
  /** `own` only for a unit with units under it and no officer. */
  effectiveScope: Scope;
  officer: string | null;
  /** Only the cases without an officer at E. */
  unassigned: boolean;
  mode: ModeFilter | null;
  judgmentType: JudgmentTypeFilter | null;
  flag: FlagFilter | null;
  /** Units whose cases the registry report reads. */
  units: string[];
  /** Read with the subtree (`unitSubtreeContext`): the number of units in all, for V12. */
  unitCount: number;
  /** Read with the subtree: the start of automatic publication, for V12. */
  autoPublishFrom: string | null;
  /** Read with the subtree: whether the monthly movements are maintained. */
  movementsBuilt: boolean;
}

const MODES: readonly ModeFilter[] = ['chu_dong', 'theo_yeu_cau', 'none'];

async function resolveCoverage(
  db: Kysely<Database>,
  request: {
    unit: string;
    scope?: Scope | undefined;
    officer?: string | null | undefined;
    unassigned?: boolean | undefined;
    mode?: ModeFilter | null | undefined;
    judgmentType?: JudgmentTypeFilter | null | undefined;
    flag?: FlagFilter | null | undefined;
  },
): Promise<Coverage> {
  const context = await unitSubtreeContext(db, request.unit);
  if (!context) throw unitNotFound(request.unit);
  const { subtree, unitCount, autoPublishFrom, movementsBuilt } = context;
  const read = { unitCount, autoPublishFrom, movementsBuilt };
  const unit = { code: request.unit };
  const hasChildren = subtree.length > 1;
  const officer = request.officer ?? null;
  const mode = request.mode ?? null;
  if (mode !== null && !MODES.includes(mode)) {
    throw new DomainError(
      'INVALID_INPUT',
      `Loại việc "${String(mode)}" không hợp lệ (cần chu_dong, theo_yeu_cau hoặc none)`,
    );
  }
  const judgmentType = request.judgmentType ?? null;
  if (judgmentType !== null && !isJudgmentTypeFilter(judgmentType)) {
    throw new DomainError(
      'INVALID_INPUT',
      `Loại bản án "${String(judgmentType)}" không hợp lệ (cần dan_su, hinh_su, hanh_chinh, hon_nhan_gia_dinh, kinh_doanh_thuong_mai, lao_dong, pha_san, trong_tai, khac hoặc none)`,
    );
  }
  const flag = request.flag ?? null;
  if (flag !== null && !isFlagFilter(flag)) {
    throw new DomainError(
      'INVALID_INPUT',
      `Dấu hiệu "${String(flag)}" không hợp lệ (cần gia_tri_lon, ngan_sach, tin_dung_ngan_hang, dan_su_trong_hinh_su, ton_dong_lau_nam, not:<mã> hoặc none)`,
    );
  }
  const filters = { mode, judgmentType, flag, ...read };
  if (request.scope !== undefined && request.scope !== 'own' && request.scope !== 'total') {
    throw new DomainError(
      'INVALID_INPUT',
      `Phạm vi "${String(request.scope)}" không hợp lệ (cần own hoặc total)`,
    );
  }
  if (request.unassigned) {
    if (officer !== null) {
      throw new DomainError(
        'INVALID_INPUT',
        'Không thể vừa chọn một chấp hành viên vừa chọn các việc chưa phân công',
      );
    }
    return {
      unit: unit.code,
      scope: 'own',
      effectiveScope: 'own',
      officer: null,
      unassigned: true,
      ...filters,
      units: [unit.code],
    };
  }
  if (officer !== null) {
    const record = await getOfficer(db, officer);
    if (record.unit !== unit.code) {
      throw new DomainError(
        'INVALID_INPUT',
        `Chấp hành viên ${officer} không thuộc đơn vị ${unit.code}`,
        {
          officer,
          unit: unit.code,
        },
      );
    }
    if (request.scope === 'total') {
      throw new DomainError(
        'INVALID_INPUT',
        'Báo cáo theo chấp hành viên chỉ có phạm vi own (các việc của chấp hành viên đó)',
      );
    }
    return {
      unit: unit.code,
      scope: 'own',
      effectiveScope: 'own',
      officer,
      unassigned: false,
      ...filters,
      units: [unit.code],
    };
  }
  const scope = request.scope ?? 'total';
  const effectiveScope = hasChildren ? scope : 'total';
  return {
    unit: unit.code,
    scope,
    effectiveScope,
    officer,
    unassigned: false,
    ...filters,
    units: effectiveScope === 'own' ? [unit.code] : subtree,
  };
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

function filterOf(coverage: Coverage): ContributionFilter {
  const filter: ContributionFilter = {};
  if (coverage.officer !== null) filter.officer = coverage.officer;
  if (coverage.unassigned) filter.officer = null;
  if (coverage.mode !== null) filter.mode = coverage.mode;
  if (coverage.judgmentType !== null) filter.judgmentType = coverage.judgmentType;
  if (coverage.flag !== null) filter.flag = coverage.flag;
  return filter;
}

/** Loads and replays the registry cases of a coverage once, for every period that needs them. */
function registryReader(db: Kysely<Database>, coverage: Coverage): () => Promise<ReplayedCase[]> {
  let loaded: Promise<ReplayedCase[]> | null = null;
  return () =>
    (loaded ??= loadCases(db, { units: coverage.units }).then((cases) => cases.map(replayStored)));
}

/**
 * One report (interfaces.md §5), with its previous-year and previous-month bases resolved the same
 * way. Throws DomainError NOT_FOUND for an unknown unit or officer, or `source: 'aggregate'` where no
 * aggregate row serves the request; INVALID_INPUT for an officer of another unit, an officer with
 * scope `total`, or a period out of range.
 */
export async function resolveReport(
  db: Kysely<Database>,
  request: ReportRequest,
  /** The replayed cases of the request's units when the caller already has them (breakdowns). */
  shared?: { cases: () => Promise<ReplayedCase[]> },
): Promise<Report> {
  const coverage = await resolveCoverage(db, request);
  const period = periodOf(request.year, request.month);
  const readRegistry = shared?.cases ?? registryReader(db, coverage);
  const filter = filterOf(coverage);
  const classified =
    coverage.mode !== null || coverage.judgmentType !== null || coverage.flag !== null;
  const useMovements = request.engine !== 'replay' && movementsServe(filter);
  // The periods a report needs: the one asked, the previous year's month 12 (carryOverChange,
  // V9) and the previous month (V13), each read for all three at once.
  const needed = [
    period,
    ...(period.year - 1 >= 1900 ? [periodOf(period.year - 1, 12)] : []),
    ...(period.month > 1 ? [periodOf(period.year, period.month - 1)] : []),
  ];
  const key = (p: Period) => `${p.year}/${p.month}`;
  let fromMovements: Promise<Map<string, ReportLines>> | null = null;
  function movementsOf(): Promise<Map<string, ReportLines>> {
    return (fromMovements ??= (async () => {
      // Read with the subtree; only a table not maintained yet needs `ensureMovements`.
      if (!coverage.movementsBuilt) await ensureMovements(db);
      // A total over units below: the unit's own rows and those of the units below it.
      const lines =
        coverage.units.length > 1 && Object.keys(filter).length === 0
          ? await movementSubtreeLines(db, coverage.unit, needed)
          : await movementLines(db, coverage.units, needed, filter);
      return new Map(needed.map((p, i) => [key(p), lines[i]!]));
    })());
  }
  // V12's findings with the movements (public-list-v12.ts: only the cases that can give one).
  let findingsAt: Promise<Finding[]> | null = null;
  function findingsOf(): Promise<Finding[]> {
    return (findingsAt ??= publicListFindingsAt(db, coverage.units, period, filter, {
      unitCount: coverage.unitCount,
      autoPublishFrom: coverage.autoPublishFrom,
    }));
  }
  async function registryLinesFor(p: Period): Promise<ReportLines> {
    if (useMovements) {
      // The report asked is a registry report: its V12 read is needed and does not depend on the
      // movements, so it runs alongside them on another connection of the pool (outside a
      // transaction only; the report's reads are separate statements either way, each seeing the
      // data committed when it starts).
      if (p === period && !db.isTransaction) findingsOf().catch(() => {});
      return (await movementsOf()).get(key(p))!;
    }
    return registryLines(await readRegistry(), p, filter);
  }
  let aggregates: Promise<Map<string, ReportLines>> | null = null;
  const registryOnly =
    coverage.officer !== null ||
    coverage.unassigned ||
    classified ||
    coverage.effectiveScope === 'own';

  async function linesFor(
    p: Period,
    force?: ReportSource,
  ): Promise<{ source: ReportSource; lines: ReportLines }> {
    if (registryOnly || force === 'registry') {
      if (force === 'aggregate') {
        throw new DomainError(
          'NOT_FOUND',
          coverage.officer !== null || coverage.unassigned || classified
            ? 'Báo cáo theo chấp hành viên hoặc theo phân loại việc chỉ tính từ sổ thụ lý, không có số liệu tổng hợp'
            : `Phạm vi own của đơn vị ${coverage.unit} chỉ tính từ sổ thụ lý, không có số liệu tổng hợp`,
          { unit: coverage.unit },
        );
      }
      return { source: 'registry', lines: await registryLinesFor(p) };
    }
    const given = (await (aggregates ??= findAggregateLinesAt(db, coverage.unit, needed))).get(
      key(p),
    );
    if (given) {
      return {
        source: 'aggregate',
        lines: {
          cases: deriveUnknownLines('cases', given.cases),
          money: deriveUnknownLines('money', given.money),
        },
      };
    }
    if (force === 'aggregate') {
      throw new DomainError(
        'NOT_FOUND',
        `Không có số liệu tổng hợp của đơn vị ${coverage.unit} cho tháng ${p.month} năm ${p.year}`,
        { unit: coverage.unit, year: p.year, month: p.month },
      );
    }
    return { source: 'registry', lines: await registryLinesFor(p) };
  }

  const current = await linesFor(period, request.source);
  const previousYearEnd = period.year - 1 >= 1900 ? (await linesFor(needed[1]!)).lines : null;
  const previousMonth =
    period.month > 1 ? (await linesFor(needed[needed.length - 1]!)).lines : null;
  const report = assembleReport({
    unit: coverage.unit,
    scope: coverage.scope,
    officer: coverage.officer,
    mode: coverage.mode,
    judgmentType: coverage.judgmentType,
    flag: coverage.flag,
    period,
    ruleSet: request.ruleSet ?? ruleSetForYear(period.year),
    source: current.source,
    lines: current.lines,
    previousYearEnd,
    previousMonth,
  });
  // V12 (statistics.md §8): a registry report also checks its cases against the public list.
  if (current.source !== 'registry') return report;
  // With the movements, only the cases that can give a finding are read (public-list-v12.ts);
  // the replay engine has every case of the units already and checks them all.
  const findings = useMovements
    ? await findingsOf()
    : await publicListFindingsFor(db, await readRegistry(), period, filter);
  return withFindings(report, findings);
}

/**
 * The cases behind one line of the registry report (interfaces.md §5 `cases`): every case counted
 * in the line, or for money every case whose money in the line is not 0 with what it contributes;
 * ascending by the bytes of the case id. Always the registry, whatever aggregate rows exist.
 * Throws DomainError INVALID_INPUT for `rate`, an unknown line, or `reduced` with the cases measure.
 */
export async function casesBehind(
  db: Kysely<Database>,
  request: CasesBehindRequest,
): Promise<CaseBehindLine[]> {
  const measure = request.measure ?? 'cases';
  if (measure !== 'cases' && measure !== 'money') {
    throw new DomainError(
      'INVALID_INPUT',
      `Thước đo "${String(measure)}" không hợp lệ (cần cases hoặc money)`,
    );
  }
  if (request.line === 'rate' || request.line === 'carryOverChange') {
    throw new DomainError(
      'INVALID_INPUT',
      `Dòng "${request.line}" là tỷ lệ, không có danh sách việc`,
    );
  }
  if (!isLineCode(request.line)) {
    throw new DomainError('INVALID_INPUT', `Không có dòng báo cáo "${request.line}"`);
  }
  if (request.line === 'reduced' && measure === 'cases') {
    throw new DomainError(
      'INVALID_INPUT',
      'Dòng "reduced" (giảm, miễn) chỉ có ở thước đo về tiền (--measure money)',
    );
  }
  const coverage = await resolveCoverage(db, request);
  const period = periodOf(request.year, request.month);
  const cases = await registryReader(db, coverage)();
  return casesBehindLine(
    contributionsFor(cases, period, filterOf(coverage)),
    request.line,
    measure,
  );
}

export interface BreakdownRequest extends ReportRequest {
  /** mode, judgmentType, flags, or flag:<code> (@thads/domain BREAKDOWN_DIMENSIONS). */
  by: BreakdownDimension;
}

export interface Breakdown {
  dimension: BreakdownDimension;
  label: string;
  /**
   * True when every case is in exactly one bucket: then, for every line of both measures, the
   * buckets add up to `total`. False for `flags` (a case with two flags is in two buckets).
   */
  partition: boolean;
  /** The report of the request's filters over the registry, whatever aggregate rows exist. */
  total: Report;
  buckets: { key: string; label: string; report: Report }[];
}

/**
 * A report broken down by a classification dimension (issue 7): one registry report per bucket
 * (the request's own filters plus the bucket's) and the registry total. The registry is read and
 * replayed once for all of them. INVALID_INPUT for an unknown dimension, a breakdown along a
 * dimension the request already filters on, or `source: 'aggregate'` (an aggregate row has no
 * cases to classify).
 */
export async function resolveBreakdown(
  db: Kysely<Database>,
  request: BreakdownRequest,
): Promise<Breakdown> {
  const { by, ...base } = request;
  if (!isBreakdownDimension(by)) {
    throw new DomainError(
      'INVALID_INPUT',
      `Tiêu chí phân tách "${String(by)}" không hợp lệ (cần mode, judgmentType, flags hoặc flag:<mã dấu hiệu>)`,
    );
  }
  if (base.source === 'aggregate') {
    throw new DomainError(
      'INVALID_INPUT',
      'Phân tách theo phân loại việc chỉ tính từ sổ thụ lý, không có số liệu tổng hợp',
    );
  }
  const conflict =
    (by === 'mode' && base.mode) ||
    (by === 'judgmentType' && base.judgmentType) ||
    ((by === 'flags' || by.startsWith('flag:')) && base.flag);
  if (conflict) {
    throw new DomainError(
      'INVALID_INPUT',
      'Không thể vừa lọc vừa phân tách theo cùng một tiêu chí phân loại; bỏ bộ lọc đó hoặc chọn tiêu chí khác',
    );
  }
  const coverage = await resolveCoverage(db, base);
  const shared = { cases: registryReader(db, coverage) };
  const plan = breakdownPlan(by);
  const total = await resolveReport(db, { ...base, source: 'registry' }, shared);
  const buckets: Breakdown['buckets'] = [];
  for (const bucket of plan.buckets) {
    buckets.push({
      key: bucket.key,
      label: bucket.label,
      report: await resolveReport(db, { ...base, source: 'registry', ...bucket.filter }, shared),
    });
  }
  return { dimension: by, label: plan.label, partition: plan.partition, total, buckets };
}
