/**
 * The leadership summary (issue 11), composed from the report batch of @thads/db (the figures of
 * `resolveReport` and `resolveProgress`, read once per request) and the pure helpers of the domain:
 * where the city, a unit or an officer stands against its targets, with the same period last year;
 * the ranked table of units (or officers); the monthly curves of the two rates; and the PDF and XLSX
 * documents of the same.
 *
 * Batches are shared within one HTTP request: the summary's pages ask for the overview and the table
 * together, and tRPC's batch link sends them as one request, so units, officers, targets and
 * aggregate rows are read once for all of them; the registry's sums of each period are kept across
 * requests until the registry changes (RegistrySumsCache of @thads/db), so the cases are read and
 * replayed only after a change.
 */
import {
  RegistrySumsCache,
  openReportBatch,
  type BatchSubject,
  type Database,
  type ReportBatch,
  type UnitRecord,
} from '@thads/db';
import type { Kysely } from 'kysely';
import {
  DomainError,
  OFFICER_METRICS,
  UNIT_METRICS,
  atRiskMetrics,
  calendarMonthOf,
  compareMetric,
  formatCentiOrNull,
  metCount,
  paceAt,
  progressToJson,
  rankOf,
  reportPeriod,
  ruleSetForYear,
  summaryFigures,
  type Centi,
  type FigureComparison,
  type IsoDate,
  type MetricProgressJson,
  type OfficerMetric,
  type Progress,
  type Report,
  type ReportSource,
  type Scope,
  type SummaryFigures,
  type UnitMetric,
} from '@thads/domain';
import {
  OFFICER_ROW_HEADING,
  OWN_OFFICE_LABEL,
  UNIT_ROW_HEADING,
  type SummaryDocument,
  type SummaryFigure,
  type SummaryMetric,
  type SummaryTable,
  type SummaryTableRow,
} from '@thads/forms';
import type { Context } from '../context.js';
import { placeOf } from './forms.js';

/** What a summary page is about; the unit defaults to the city, the scope to `total`. */
export interface SummaryRequest {
  year: number;
  month: number;
  unit?: string | undefined;
  scope?: Scope | undefined;
  officer?: string | undefined;
}

const perRequest = new WeakMap<object, Map<string, Promise<ReportBatch>>>();

/**
 * The registry's period sums kept across requests, one cache per database (per server process),
 * valid while the registry version (the audit trail's latest change that can move a figure) stays.
 */
const sumsCaches = new WeakMap<Kysely<Database>, RegistrySumsCache>();

function sumsCacheOf(db: Kysely<Database>): RegistrySumsCache {
  let cache = sumsCaches.get(db);
  if (!cache) sumsCaches.set(db, (cache = new RegistrySumsCache()));
  return cache;
}

/**
 * The batch over `unit`'s subtree, opened once per HTTP request (direct calls without a request
 * open their own), over the database's cache of period sums.
 */
export function batchFor(ctx: Pick<Context, 'db' | 'request'>, unit: string): Promise<ReportBatch> {
  const open = () => openReportBatch(ctx.db, { unit, cache: sumsCacheOf(ctx.db) });
  if (!ctx.request) return open();
  let batches = perRequest.get(ctx.request);
  if (!batches) perRequest.set(ctx.request, (batches = new Map()));
  let batch = batches.get(unit);
  if (!batch) batches.set(unit, (batch = open()));
  return batch;
}

/** The city: the root unit of the hierarchy (a Cục when there are several roots). */
export function cityOf(units: readonly UnitRecord[]): UnitRecord {
  const roots = units.filter((u) => u.parent === null);
  const city = roots.find((u) => u.kind === 'cuc') ?? roots[0];
  if (!city) throw new DomainError('NOT_FOUND', 'Chưa có đơn vị nào trong cơ sở dữ liệu');
  return city;
}

/** "Toàn thành phố Hà Nội" for "Cục Thi hành án dân sự thành phố Hà Nội"; "Toàn <name>" otherwise. */
export function cityLabel(name: string): string {
  const match = /(thành phố|tỉnh)\s+(.+)$/iu.exec(name);
  return match ? `Toàn ${match[1]!.toLowerCase()} ${match[2]!.trim()}` : `Toàn ${name}`;
}

export interface SubjectJson {
  unit: string;
  unitName: string;
  /** The scope asked for (`own` for an officer). */
  scope: Scope;
  officer: string | null;
  officerName: string | null;
  /** How the page names it: "Toàn thành phố Hà Nội", "Văn phòng Cục", a Chi cục, an officer. */
  label: string;
  /** The city's total. */
  isCity: boolean;
  /** The unit has units under it (its `total` drills down to units, its `own` to officers). */
  hasChildren: boolean;
  city: { code: string; name: string; label: string };
  /** One level up, for the way back: null for the city. */
  parent: { unit: string; scope: Scope; label: string } | null;
}

interface Subject extends SubjectJson {
  batchSubject: BatchSubject;
}

function unitOf(batch: ReportBatch, code: string): UnitRecord {
  const unit = batch.units.find((u) => u.code === code);
  if (!unit)
    throw new DomainError('NOT_FOUND', `Không tìm thấy đơn vị mã "${code}"`, { unit: code });
  return unit;
}

function unitLabel(batch: ReportBatch, unit: UnitRecord, scope: Scope, city: UnitRecord): string {
  if (!batch.hasChildren(unit.code)) return unit.name;
  if (scope === 'own')
    return unit.code === city.code ? OWN_OFFICE_LABEL : `${unit.name} (riêng đơn vị)`;
  return unit.code === city.code ? cityLabel(unit.name) : unit.name;
}

/** Who a request is about, checked: the unit (default: the city), its scope, the officer. */
function subjectOf(batch: ReportBatch, request: SummaryRequest): Subject {
  const city = cityOf(batch.units);
  const unit = unitOf(batch, request.unit ?? city.code);
  const officerCode = request.officer ?? null;
  const scope: Scope = officerCode !== null ? 'own' : (request.scope ?? 'total');
  const hasChildren = batch.hasChildren(unit.code);
  const cityInfo = { code: city.code, name: city.name, label: cityLabel(city.name) };
  if (officerCode !== null) {
    const officer = batch.officersOf(unit.code).find((o) => o.code === officerCode);
    if (!officer) {
      throw new DomainError(
        'NOT_FOUND',
        `Không tìm thấy chấp hành viên mã "${officerCode}" của đơn vị ${unit.code}`,
        { officer: officerCode, unit: unit.code },
      );
    }
    return {
      unit: unit.code,
      unitName: unit.name,
      scope,
      officer: officer.code,
      officerName: officer.name,
      label: `Chấp hành viên ${officer.name}`,
      isCity: false,
      hasChildren,
      city: cityInfo,
      parent: {
        unit: unit.code,
        scope: hasChildren ? 'own' : 'total',
        label: unitLabel(batch, unit, hasChildren ? 'own' : 'total', city),
      },
      batchSubject: { unit: unit.code, officer: officer.code },
    };
  }
  const effective: Scope = hasChildren ? scope : 'total';
  const isCity = unit.code === city.code && effective === 'total';
  let parent: SubjectJson['parent'] = null;
  if (!isCity) {
    const up = unit.code === city.code || unit.parent === null ? city : unitOf(batch, unit.parent);
    parent = { unit: up.code, scope: 'total', label: unitLabel(batch, up, 'total', city) };
  }
  return {
    unit: unit.code,
    unitName: unit.name,
    scope,
    officer: null,
    officerName: null,
    label: unitLabel(batch, unit, effective, city),
    isCity,
    hasChildren,
    city: cityInfo,
    parent,
    batchSubject: { unit: unit.code, scope: effective },
  };
}

/** The batch a request needs: the subtree of its unit (the city's when none is given). */
async function batchOfRequest(ctx: Context, request: SummaryRequest): Promise<ReportBatch> {
  return batchFor(ctx, request.unit ?? (await cityCode(ctx)));
}

/** The city's code, read without loading a batch (cityOf's rule). */
async function cityCode(ctx: Context): Promise<string> {
  const roots = await ctx.db
    .selectFrom('units')
    .select(['code', 'kind'])
    .where('parent', 'is', null)
    .orderBy('code')
    .execute();
  const city = roots.find((r) => r.kind === 'cuc') ?? roots[0];
  if (!city) throw new DomainError('NOT_FOUND', 'Chưa có đơn vị nào trong cơ sở dữ liệu');
  return city.code;
}

export interface SummaryMetricJson extends MetricProgressJson {
  /** The same metric at the same month of the previous working year. */
  lastYear: string | null;
  /** value − lastYear, in points. */
  vsLastYearPoints: string | null;
}

export interface FigureJson {
  /** Counts and đồng as strings of digits. */
  value: string | null;
  lastYear: string | null;
  /** Relative change in percent, two decimals. */
  changePercent: string | null;
}

export interface MeasureFiguresJson {
  completed: FigureJson;
  able: FigureJson;
  carriedOverBase: FigureJson;
  previousYearEndBase: string | null;
}

export interface OverviewJson {
  subject: SubjectJson;
  year: number;
  month: number;
  periodStart: string;
  periodEnd: string;
  source: ReportSource;
  metrics: Record<UnitMetric, SummaryMetricJson>;
  metCount: number;
  allFour: boolean;
  atRisk: UnitMetric[];
  figures: { cases: MeasureFiguresJson; money: MeasureFiguresJson };
  /** An officer's figures of month n alone (casesCompleted, moneyCompleted); null otherwise. */
  monthly: Record<OfficerMetric, MetricProgressJson> | null;
}

/** Everything the overview of a subject holds, before it becomes JSON or a document. */
interface Overview {
  subject: Subject;
  report: Report;
  progress: Progress;
  metrics: SummaryMetric[];
  figures: SummaryFigures;
}

async function overviewOf(batch: ReportBatch, request: SummaryRequest): Promise<Overview> {
  const subject = subjectOf(batch, request);
  const { year, month } = request;
  const progress = await batch.progress(subject.batchSubject, year, month);
  const report = await batch.report(subject.batchSubject, year, month);
  const lastYear =
    year - 1 >= 1900 ? await batch.report(subject.batchSubject, year - 1, month) : null;
  const previousYearEnd =
    year - 1 >= 1900 ? await batch.report(subject.batchSubject, year - 1, 12) : null;
  const metrics = UNIT_METRICS.map((metric) => ({
    metric,
    ...progress.metrics[metric],
    ...compareMetric(report, lastYear, metric),
  }));
  return {
    subject,
    report,
    progress,
    metrics,
    figures: summaryFigures(report, lastYear, previousYearEnd, ruleSetForYear(year)),
  };
}

const digits = (value: bigint | null): string | null => (value === null ? null : value.toString());

function figureJson(f: FigureComparison): FigureJson {
  return {
    value: digits(f.value),
    lastYear: digits(f.lastYear),
    changePercent: formatCentiOrNull(f.changePercent),
  };
}

function subjectJson(subject: Subject): SubjectJson {
  const { batchSubject: _batchSubject, ...json } = subject;
  return json;
}

/** The overview of a subject at working year Y, month n. */
export async function summaryOverview(
  ctx: Context,
  request: SummaryRequest,
): Promise<OverviewJson> {
  const overview = await overviewOf(await batchOfRequest(ctx, request), request);
  const json = progressToJson(overview.progress);
  const metrics = {} as Record<UnitMetric, SummaryMetricJson>;
  for (const m of overview.metrics) {
    metrics[m.metric] = {
      ...json.metrics[m.metric],
      lastYear: formatCentiOrNull(m.lastYear),
      vsLastYearPoints: formatCentiOrNull(m.vsLastYearPoints),
    };
  }
  let monthly: OverviewJson['monthly'] = null;
  if (overview.progress.completed) {
    monthly = {} as Record<OfficerMetric, MetricProgressJson>;
    for (const metric of OFFICER_METRICS) monthly[metric] = json.metrics[metric]!;
  }
  const measure = (m: 'cases' | 'money'): MeasureFiguresJson => ({
    completed: figureJson(overview.figures[m].completed),
    able: figureJson(overview.figures[m].able),
    carriedOverBase: figureJson(overview.figures[m].carriedOverBase),
    previousYearEndBase: digits(overview.figures[m].previousYearEndBase),
  });
  return {
    subject: subjectJson(overview.subject),
    year: overview.report.year,
    month: overview.report.month,
    periodStart: overview.report.periodStart,
    periodEnd: overview.report.periodEnd,
    source: overview.report.source,
    metrics,
    metCount: metCount(overview.progress),
    allFour: overview.progress.allFour,
    atRisk: atRiskMetrics(overview.progress),
    figures: { cases: measure('cases'), money: measure('money') },
    monthly,
  };
}

export interface SummaryCellJson {
  value: string | null;
  target: string | null;
  provisional: boolean;
  met: boolean | null;
  gapPoints: string | null;
  forecast: string | null;
  onTrack: boolean | null;
}

export interface SummaryRowJson {
  /** Where the row drills down to. */
  unit: string;
  scope: Scope;
  officer: string | null;
  /** The unit's or officer's code, and its name as the table shows it. */
  code: string;
  name: string;
  /** Null for the total row, outside the ranking. */
  rank: number | null;
  metrics: Record<UnitMetric, SummaryCellJson>;
  metCount: number;
  allFour: boolean;
  atRisk: UnitMetric[];
}

export interface SummaryTableJson {
  subject: SubjectJson;
  year: number;
  month: number;
  /** `units`: the units under the subject and its own office; `officers`: its officers. */
  kind: 'units' | 'officers';
  rows: SummaryRowJson[];
  /** The subject itself, unranked. */
  total: SummaryRowJson;
}

interface Row {
  subject: BatchSubject & { scope: Scope };
  code: string;
  name: string;
  progress: Progress;
}

function rowJson(row: Row, rank: number | null): SummaryRowJson {
  const metrics = {} as Record<UnitMetric, SummaryCellJson>;
  for (const metric of UNIT_METRICS) {
    const p = row.progress.metrics[metric];
    metrics[metric] = {
      value: formatCentiOrNull(p.value),
      target: formatCentiOrNull(p.target),
      provisional: p.provisional,
      met: p.met,
      gapPoints: formatCentiOrNull(p.gapPoints),
      forecast: formatCentiOrNull(p.forecast),
      onTrack: p.onTrack,
    };
  }
  return {
    unit: row.subject.unit,
    scope: row.subject.scope,
    officer: row.subject.officer ?? null,
    code: row.code,
    name: row.name,
    rank,
    metrics,
    metCount: metCount(row.progress),
    allFour: row.progress.allFour,
    atRisk: atRiskMetrics(row.progress),
  };
}

interface Table {
  subject: Subject;
  kind: 'units' | 'officers';
  rows: { row: Row; rank: number }[];
  total: Row;
}

/**
 * The rows under a subject: for a unit with units under it in scope `total` (the city), each active
 * unit directly under it (scope `total`) and then its own office (scope `own`); otherwise the
 * subject's active officers. Ranked (domain `rankOf`), in rank order, ties in code order.
 */
async function tableOf(batch: ReportBatch, request: SummaryRequest): Promise<Table> {
  const subject = subjectOf(batch, request);
  if (subject.officer !== null) {
    throw new DomainError(
      'INVALID_INPUT',
      'Chấp hành viên không có bảng các đơn vị hoặc chấp hành viên',
    );
  }
  const { year, month } = request;
  const city = cityOf(batch.units);
  const unit = unitOf(batch, subject.unit);
  const units = subject.hasChildren && subject.batchSubject.scope === 'total';
  const rows: Row[] = [];
  if (units) {
    for (const child of batch.units) {
      if (child.parent !== unit.code || !child.active) continue;
      const s = { unit: child.code, scope: 'total' as const };
      rows.push({
        subject: s,
        code: child.code,
        name: child.name,
        progress: await batch.progress(s, year, month),
      });
    }
    const own = { unit: unit.code, scope: 'own' as const };
    rows.push({
      subject: own,
      code: unit.code,
      name: unitLabel(batch, unit, 'own', city),
      progress: await batch.progress(own, year, month),
    });
  } else {
    for (const officer of batch.officersOf(unit.code)) {
      if (!officer.active) continue;
      const s = { unit: unit.code, scope: 'own' as const, officer: officer.code };
      rows.push({
        subject: s,
        code: officer.code,
        name: officer.name,
        progress: await batch.progress(s, year, month),
      });
    }
  }
  const ranks = rankOf(
    rows.map((r) => ({
      metCount: metCount(r.progress),
      caseRate: r.progress.metrics.caseRate.value,
      moneyRate: r.progress.metrics.moneyRate.value,
    })),
  );
  const ranked = rows
    .map((row, i) => ({ row, rank: ranks[i]! }))
    .sort(
      (a, b) => a.rank - b.rank || (a.row.code < b.row.code ? -1 : a.row.code > b.row.code ? 1 : 0),
    );
  const totalSubject = { ...subject.batchSubject, scope: subject.batchSubject.scope ?? 'total' };
  return {
    subject,
    kind: units ? 'units' : 'officers',
    rows: ranked,
    total: {
      subject: totalSubject,
      code: subject.unit,
      name: subject.label,
      progress: await batch.progress(totalSubject, year, month),
    },
  };
}

/** The ranked table under a subject (the city's units by default). */
export async function summaryTable(
  ctx: Context,
  request: SummaryRequest,
): Promise<SummaryTableJson> {
  const table = await tableOf(await batchOfRequest(ctx, request), request);
  return {
    subject: subjectJson(table.subject),
    year: request.year,
    month: request.month,
    kind: table.kind,
    rows: table.rows.map(({ row, rank }) => rowJson(row, rank)),
    total: rowJson(table.total, null),
  };
}

export interface TrendPointJson {
  /** Working-year month 1..12. */
  month: number;
  /** The calendar month it ends, "10/2016". */
  calendar: string;
  /** Year Y up to the month asked for (null after it), Y−1 for every month, the pace line. */
  thisYear: string | null;
  lastYear: string | null;
  pace: string | null;
}

export interface TrendsJson {
  subject: SubjectJson;
  year: number;
  month: number;
  caseRate: { target: string | null; provisional: boolean; points: TrendPointJson[] };
  moneyRate: { target: string | null; provisional: boolean; points: TrendPointJson[] };
}

/**
 * The cumulative rate of each month of working year Y (up to month n) and of Y−1 (all twelve), and
 * the straight pace line of Y's target (target × m ÷ 12), for the case rate and the money rate.
 */
export async function summaryTrends(ctx: Context, request: SummaryRequest): Promise<TrendsJson> {
  const batch = await batchOfRequest(ctx, request);
  const subject = subjectOf(batch, request);
  const { year, month } = request;
  const progress = await batch.progress(subject.batchSubject, year, month);
  const thisYear: Report[] = [];
  const lastYear: (Report | null)[] = [];
  for (let m = 1; m <= 12; m++) {
    if (m <= month) thisYear.push(await batch.report(subject.batchSubject, year, m));
    lastYear.push(year - 1 >= 1900 ? await batch.report(subject.batchSubject, year - 1, m) : null);
  }
  const curve = (metric: 'caseRate' | 'moneyRate') => {
    const measure = metric === 'caseRate' ? 'cases' : 'money';
    const target = progress.metrics[metric].target;
    const points: TrendPointJson[] = [];
    for (let m = 1; m <= 12; m++) {
      const cal = calendarMonthOf(year, m);
      const pace: Centi | null = target === null ? null : paceAt(target, m);
      points.push({
        month: m,
        calendar: `${String(cal.month).padStart(2, '0')}/${cal.year}`,
        thisYear: formatCentiOrNull(thisYear[m - 1]?.[measure].rate ?? null),
        lastYear: formatCentiOrNull(lastYear[m - 1]?.[measure].rate ?? null),
        pace: formatCentiOrNull(pace),
      });
    }
    return {
      target: formatCentiOrNull(target),
      provisional: progress.metrics[metric].provisional,
      points,
    };
  };
  return {
    subject: subjectJson(subject),
    year,
    month,
    caseRate: curve('caseRate'),
    moneyRate: curve('moneyRate'),
  };
}

const FIGURE_LABELS: readonly [
  keyof Omit<SummaryFigures['cases'], 'previousYearEndBase'>,
  string,
  string,
][] = [
  ['completed', 'Việc thi hành xong', 'Tiền thi hành xong'],
  ['able', 'Việc có điều kiện thi hành', 'Tiền có điều kiện thi hành'],
  ['carriedOverBase', 'Việc có điều kiện chuyển kỳ sau', 'Tiền có điều kiện chuyển kỳ sau'],
];

function documentFigures(figures: SummaryFigures): SummaryFigure[] {
  const out: SummaryFigure[] = [];
  for (const measure of ['cases', 'money'] as const) {
    for (const [key, caseLabel, moneyLabel] of FIGURE_LABELS) {
      const f = figures[measure][key];
      out.push({
        label: measure === 'cases' ? caseLabel : moneyLabel,
        kind: measure === 'cases' ? 'count' : 'money',
        value: f.value,
        lastYear: f.lastYear,
        changePercent: f.changePercent,
      });
    }
  }
  return out;
}

function documentRow(row: Row, rank: number | null, emphasis = false): SummaryTableRow {
  return {
    rank,
    code: row.code,
    name: row.name,
    metrics: row.progress.metrics,
    metCount: metCount(row.progress),
    allFour: row.progress.allFour,
    atRisk: atRiskMetrics(row.progress),
    ...(emphasis ? { emphasis } : {}),
  };
}

function documentTable(table: Table): SummaryTable {
  return {
    title: table.kind === 'units' ? 'Các đơn vị' : 'Các chấp hành viên',
    rowHeading: table.kind === 'units' ? UNIT_ROW_HEADING : OFFICER_ROW_HEADING,
    rows: [
      ...table.rows.map(({ row, rank }) => documentRow(row, rank)),
      documentRow(table.total, null, true),
    ],
  };
}

function subjectLine(subject: Subject): string {
  if (subject.isCity) return `${subject.label} – ${subject.unitName} (${subject.unit})`;
  if (subject.officer !== null)
    return `${subject.label} (${subject.officer}) – ${subject.unitName} (${subject.unit})`;
  return `${subject.label} (${subject.unit})`;
}

/** The summary page of a subject as a document (the PDF and XLSX exports), and who it is about. */
export async function summaryDocument(
  ctx: Context,
  request: SummaryRequest,
  date: IsoDate,
): Promise<{ document: SummaryDocument; subject: SubjectJson }> {
  const batch = await batchOfRequest(ctx, request);
  const overview = await overviewOf(batch, request);
  const table = overview.subject.officer === null ? await tableOf(batch, request) : null;
  const document: SummaryDocument = {
    subject: subjectLine(overview.subject),
    period: reportPeriod(request.year, request.month),
    date,
    place: placeOf(overview.subject.city.name),
    metrics: overview.metrics,
    metCount: metCount(overview.progress),
    allFour: overview.progress.allFour,
    figures: documentFigures(overview.figures),
    table: table ? documentTable(table) : null,
  };
  return { document, subject: subjectJson(overview.subject) };
}

/** "tom-tat_HN-total_2017-09" and the like: the name of an exported file, without extension. */
export function summaryFileStem(
  kind: 'tom-tat' | 'bang',
  request: SummaryRequest,
  subject: SubjectJson,
): string {
  const who = subject.officer
    ? `${subject.unit}-${subject.officer}`
    : `${subject.unit}-${subject.scope}`;
  return `${kind}_${who}_${request.year}-${String(request.month).padStart(2, '0')}`;
}
