/**
 * The yearly classification review (issue 7: rà soát, phân loại hồ sơ đầu năm).
 *
 * For a working year Y, the cases to review are those in the year's books so far (@thads/domain
 * `inReviewPopulation`): received on or before min(today, the year's last day) and not closed or
 * exited before its first day. Each belongs to the officer holding it now (`cases.current_officer`;
 * none: "chưa phân công"). A reviewer confirms the classification as it stands or corrects it; the
 * review of (case, Y) is one row of `case_reviews` (who, when, the officer then, the result and the
 * classification it ended with), written in ONE transaction with the case's new classification
 * and an audit record (entity `case_review`, action `confirm` or `correct`, before and after).
 * Reviewing again in the same year replaces the row (the audit keeps both).
 *
 * Who (checked here, from the write context): an officer account only the cases it holds now; the
 * other writers (unit heads, clerks, the Cục manager) the cases of their units.
 */
import {
  CASE_FLAGS,
  DomainError,
  JUDGMENT_TYPES,
  OPEN_STATES,
  flagsFromStored,
  foldForSearch,
  formatFlags,
  isCaseFlag,
  isCaseMode,
  isCaseState,
  isJudgmentType,
  normalizeFlags,
  reportPeriod,
  sameClassification,
  type CaseFlag,
  type CaseMode,
  type CaseState,
  type Classification,
  type FlagFilter,
  type IsoDate,
  type JudgmentType,
  type JudgmentTypeFilter,
} from '@thads/domain';
import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { recordAuditBatch, type AuditActor, type AuditEntry } from './audit.js';
import { applyCaseChanges } from './movements.js';
import { replayStored, toJudgmentType } from './queries/cases.js';
import { likePattern } from './queries/case-list.js';
import { storedEventsOf } from './registry.js';
import type { Database } from './schema.js';
import { inTransaction, isPostgres } from './write-helpers.js';

export interface ReviewYear {
  year: number;
  /** The year's first day (1 October of Y−1). */
  start: IsoDate;
  /** min(today, the year's last day): the cases received by then are in the review. */
  asOf: IsoDate;
}

/** The review year Y seen from `today`; INVALID_INPUT for a year not yet started or out of range. */
export function reviewYear(year: number, today: IsoDate): ReviewYear {
  if (!Number.isInteger(year) || year < 1990 || year > 2200) {
    throw new DomainError('INVALID_INPUT', `Năm công tác "${String(year)}" không hợp lệ`, {
      field: 'year',
    });
  }
  const period = reportPeriod(year, 12);
  if (period.start > today) {
    throw new DomainError(
      'INVALID_INPUT',
      `Năm công tác ${year} chưa bắt đầu (bắt đầu từ ${period.start.split('-').reverse().join('/')})`,
      { field: 'year' },
    );
  }
  return { year, start: period.start, asOf: period.end < today ? period.end : today };
}

type CasesEb = ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>;

/** The SQL of `inReviewPopulation`, on the table alias `c`. */
function inPopulation(eb: CasesEb, y: ReviewYear) {
  return eb.and([
    eb('c.received_on', '<=', y.asOf),
    eb.or([eb('c.state', 'in', [...OPEN_STATES]), eb('c.state_since', '>=', y.start)]),
  ]);
}

/** `flags` (codes joined by ';') has flag X. */
function hasFlag(flag: CaseFlag) {
  return sql<SqlBool>`(';' || c.flags || ';') like ${`%;${flag};%`}`;
}

export interface ReviewListQuery {
  year: number;
  today: IsoDate;
  /** The units whose cases are listed. */
  units: readonly string[];
  /** undefined: every officer; null: the cases no officer holds; a code: that officer's. */
  officer?: string | null;
  /** Reviewed this year or not yet. */
  status?: 'reviewed' | 'pending';
  mode?: CaseMode | 'none';
  judgmentType?: JudgmentTypeFilter;
  flag?: FlagFilter;
  /** A substring of the case id, debtor name or decision numbers, folded (no accents). */
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface ReviewRow {
  id: string;
  unit: string;
  receivedOn: IsoDate;
  amount: bigint;
  state: CaseState;
  debtorName: string | null;
  judgmentRef: string | null;
  officer: string | null;
  classification: Classification;
  review: {
    result: 'confirmed' | 'corrected';
    reviewedBy: string;
    reviewedAt: string;
    officer: string | null;
  } | null;
}

export interface ReviewList {
  year: number;
  /** The cases to review of the selection (units and officer), whatever the other filters. */
  progress: { reviewed: number; total: number };
  /** How many rows pass every filter, and the page of them (by case id). */
  count: number;
  page: number;
  pageSize: number;
  rows: ReviewRow[];
}

function toCount(value: unknown): number {
  return Number(value ?? 0);
}

/** A page of the cases to review, with the progress of the selection. */
export async function listReviewCases(
  db: Kysely<Database>,
  query: ReviewListQuery,
): Promise<ReviewList> {
  const y = reviewYear(query.year, query.today);
  const page = Math.max(1, query.page ?? 1);
  const pageSize = Math.min(200, Math.max(1, query.pageSize ?? 50));
  if (query.units.length === 0) {
    return {
      year: y.year,
      progress: { reviewed: 0, total: 0 },
      count: 0,
      page,
      pageSize,
      rows: [],
    };
  }
  const base = db
    .selectFrom('cases as c')
    .leftJoin('case_reviews as r', (j) =>
      j.onRef('r.case_id', '=', 'c.id').on('r.year', '=', y.year),
    )
    .where('c.unit', 'in', [...query.units])
    .where((eb) => inPopulation(eb as unknown as CasesEb, y))
    .$if(query.officer !== undefined, (q) =>
      query.officer === null
        ? q.where('c.current_officer', 'is', null)
        : q.where('c.current_officer', '=', query.officer!),
    );
  const progressRow = await base
    .select((eb) => [eb.fn.countAll().as('total'), eb.fn.count('r.case_id').as('reviewed')])
    .executeTakeFirst();
  let filtered = base;
  if (query.status === 'reviewed') filtered = filtered.where('r.case_id', 'is not', null);
  if (query.status === 'pending') filtered = filtered.where('r.case_id', 'is', null);
  if (query.mode !== undefined)
    filtered =
      query.mode === 'none'
        ? filtered.where('c.mode', 'is', null)
        : filtered.where('c.mode', '=', query.mode);
  if (query.judgmentType !== undefined)
    filtered =
      query.judgmentType === 'none'
        ? filtered.where('c.judgment_type', 'is', null)
        : filtered.where('c.judgment_type', '=', query.judgmentType);
  const flag = query.flag;
  if (flag !== undefined) {
    if (flag === 'none') filtered = filtered.where('c.flags', '=', '');
    else if (flag.startsWith('not:'))
      filtered = filtered.where((eb) => eb.not(hasFlag(flag.slice(4) as CaseFlag)));
    else filtered = filtered.where(hasFlag(flag as CaseFlag));
  }
  const folded = foldForSearch(query.q ?? '').trim();
  if (folded !== '')
    filtered = filtered.where(sql<SqlBool>`c.search_text like ${likePattern(folded)} escape '\\'`);
  const countRow = await filtered.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await filtered
    .select([
      'c.id',
      'c.unit',
      'c.received_on',
      'c.amount',
      'c.state',
      'c.debtor_name',
      'c.judgment_ref',
      'c.current_officer',
      'c.mode',
      'c.judgment_type',
      'c.flags',
      'r.result',
      'r.reviewed_by',
      'r.reviewed_at',
      'r.officer as review_officer',
    ])
    .orderBy(isPostgres(db) ? sql`c.id collate "C"` : sql`c.id`)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    year: y.year,
    progress: { reviewed: toCount(progressRow?.reviewed), total: toCount(progressRow?.total) },
    count: toCount(countRow?.n),
    page,
    pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      unit: r.unit,
      receivedOn: r.received_on,
      amount: r.amount,
      state: isCaseState(r.state) ? r.state : 'able',
      debtorName: r.debtor_name,
      judgmentRef: r.judgment_ref,
      officer: r.current_officer,
      classification: {
        mode: r.mode === 'chu_dong' || r.mode === 'theo_yeu_cau' ? r.mode : null,
        judgmentType: toJudgmentType(r.judgment_type, r.id),
        flags: flagsFromStored(r.flags, r.id),
      },
      review:
        r.result === null || r.reviewed_by === null || r.reviewed_at === null
          ? null
          : {
              result: r.result === 'corrected' ? 'corrected' : 'confirmed',
              reviewedBy: r.reviewed_by,
              reviewedAt: r.reviewed_at,
              officer: r.review_officer,
            },
    })),
  };
}

export interface ReviewProgressRow {
  /** An officer's code, a unit's code, or null for the unit's unassigned cases. */
  key: string | null;
  name: string;
  reviewed: number;
  total: number;
}

/**
 * The progress of a unit's review, per officer holding the cases now (plus "chưa phân công" when
 * it has any), and the unit's whole: the rows add up to it.
 */
export async function reviewProgressByOfficer(
  db: Kysely<Database>,
  params: { year: number; today: IsoDate; unit: string },
): Promise<{ rows: ReviewProgressRow[]; whole: { reviewed: number; total: number } }> {
  const y = reviewYear(params.year, params.today);
  const counts = await db
    .selectFrom('cases as c')
    .leftJoin('case_reviews as r', (j) =>
      j.onRef('r.case_id', '=', 'c.id').on('r.year', '=', y.year),
    )
    .where('c.unit', '=', params.unit)
    .where((eb) => inPopulation(eb as unknown as CasesEb, y))
    .groupBy('c.current_officer')
    .select((eb) => [
      'c.current_officer',
      eb.fn.countAll().as('total'),
      eb.fn.count('r.case_id').as('reviewed'),
    ])
    .execute();
  const officers = await db
    .selectFrom('officers')
    .select(['code', 'name', 'active'])
    .where('unit', '=', params.unit)
    .orderBy('code')
    .execute();
  const byOfficer = new Map(counts.map((c) => [c.current_officer, c]));
  const rows: ReviewProgressRow[] = [];
  for (const o of officers) {
    const c = byOfficer.get(o.code);
    // A disabled officer holding no case to review is left out.
    if (!c && Number(o.active) === 0) continue;
    rows.push({
      key: o.code,
      name: o.name,
      reviewed: toCount(c?.reviewed),
      total: toCount(c?.total),
    });
  }
  const unassigned = byOfficer.get(null);
  if (unassigned)
    rows.push({
      key: null,
      name: 'Chưa phân công',
      reviewed: toCount(unassigned.reviewed),
      total: toCount(unassigned.total),
    });
  const whole = counts.reduce(
    (w, c) => ({ reviewed: w.reviewed + toCount(c.reviewed), total: w.total + toCount(c.total) }),
    { reviewed: 0, total: 0 },
  );
  return { rows, whole };
}

/** The progress of each of `units` (its own cases), in the order given, and their whole. */
export async function reviewProgressByUnit(
  db: Kysely<Database>,
  params: { year: number; today: IsoDate; units: readonly string[] },
): Promise<{ rows: ReviewProgressRow[]; whole: { reviewed: number; total: number } }> {
  const y = reviewYear(params.year, params.today);
  if (params.units.length === 0) return { rows: [], whole: { reviewed: 0, total: 0 } };
  const counts = await db
    .selectFrom('cases as c')
    .leftJoin('case_reviews as r', (j) =>
      j.onRef('r.case_id', '=', 'c.id').on('r.year', '=', y.year),
    )
    .where('c.unit', 'in', [...params.units])
    .where((eb) => inPopulation(eb as unknown as CasesEb, y))
    .groupBy('c.unit')
    .select((eb) => [
      'c.unit',
      eb.fn.countAll().as('total'),
      eb.fn.count('r.case_id').as('reviewed'),
    ])
    .execute();
  const names = new Map(
    (
      await db
        .selectFrom('units')
        .select(['code', 'name'])
        .where('code', 'in', [...params.units])
        .execute()
    ).map((u) => [u.code, u.name]),
  );
  const byUnit = new Map(counts.map((c) => [c.unit, c]));
  const rows = params.units.map((code) => {
    const c = byUnit.get(code);
    return {
      key: code,
      name: names.get(code) ?? code,
      reviewed: toCount(c?.reviewed),
      total: toCount(c?.total),
    };
  });
  const whole = rows.reduce(
    (w, r) => ({ reviewed: w.reviewed + r.reviewed, total: w.total + r.total }),
    { reviewed: 0, total: 0 },
  );
  return { rows, whole };
}

export interface ReviewInput {
  caseId: string;
  /** The classification the reviewer confirms (as it stands) or sets (a correction). */
  mode: CaseMode | null;
  judgmentType: JudgmentType | null;
  flags: readonly CaseFlag[];
}

export interface ReviewContext {
  actor: AuditActor;
  at: Date;
  today: IsoDate;
  /** The units whose cases the account may review; null: every unit. */
  units: ReadonlySet<string> | null;
  /** An officer account: only the cases it holds now. null for the other roles. */
  officer: string | null;
}

function classificationOf(input: ReviewInput): Classification {
  if (input.mode !== null && !isCaseMode(input.mode))
    throw new DomainError(
      'INVALID_INPUT',
      `Việc ${input.caseId}: loại việc "${String(input.mode)}" không hợp lệ (chu_dong, theo_yeu_cau hoặc để trống)`,
      { field: 'mode', caseId: input.caseId },
    );
  if (input.judgmentType !== null && !isJudgmentType(input.judgmentType))
    throw new DomainError(
      'INVALID_INPUT',
      `Việc ${input.caseId}: loại bản án "${String(input.judgmentType)}" không hợp lệ (cần ${JUDGMENT_TYPES.join(', ')} hoặc để trống)`,
      { field: 'judgmentType', caseId: input.caseId },
    );
  const unknown = input.flags.filter((f) => !isCaseFlag(f));
  if (unknown.length > 0)
    throw new DomainError(
      'INVALID_INPUT',
      `Việc ${input.caseId}: dấu hiệu ${unknown.join(', ')} không hợp lệ (cần ${CASE_FLAGS.join(', ')})`,
      { field: 'flags', caseId: input.caseId },
    );
  return { mode: input.mode, judgmentType: input.judgmentType, flags: normalizeFlags(input.flags) };
}

/**
 * Records the review of working year `year` for each case given, all or nothing: each must be in
 * the year's review and the account's to review (FORBIDDEN names the first that is not). Returns
 * how many were confirmed and corrected.
 */
export async function recordCaseReviews(
  db: Kysely<Database>,
  params: { year: number; reviews: readonly ReviewInput[] },
  ctx: ReviewContext,
): Promise<{ confirmed: number; corrected: number }> {
  const y = reviewYear(params.year, ctx.today);
  if (params.reviews.length === 0)
    throw new DomainError('INVALID_INPUT', 'Chưa chọn việc nào để rà soát');
  if (params.reviews.length > 500)
    throw new DomainError('INVALID_INPUT', 'Mỗi lần rà soát tối đa 500 việc');
  const seen = new Set<string>();
  for (const r of params.reviews) {
    if (seen.has(r.caseId))
      throw new DomainError('INVALID_INPUT', `Việc ${r.caseId} được gửi hai lần`, {
        caseId: r.caseId,
      });
    seen.add(r.caseId);
  }
  const wanted = params.reviews.map((r) => ({ input: r, after: classificationOf(r) }));
  return inTransaction(db, async (trx) => {
    let query = trx
      .selectFrom('cases as c')
      .leftJoin('case_reviews as r', (j) =>
        j.onRef('r.case_id', '=', 'c.id').on('r.year', '=', y.year),
      )
      .select([
        'c.id',
        'c.unit',
        'c.received_on',
        'c.amount',
        'c.officer',
        'c.state',
        'c.state_since',
        'c.current_officer',
        'c.mode',
        'c.judgment_type',
        'c.flags',
        'r.result',
        'r.reviewed_by',
        'r.reviewed_at',
      ])
      .where('c.id', 'in', [...seen]);
    if (isPostgres(trx)) query = query.forUpdate('c');
    const found = new Map((await query.execute()).map((row) => [row.id, row]));
    let confirmed = 0;
    let corrected = 0;
    const audits: AuditEntry[] = [];
    const when = ctx.at.toISOString();
    for (const { input, after } of wanted) {
      const row = found.get(input.caseId);
      if (!row)
        throw new DomainError('NOT_FOUND', `Không tìm thấy việc mã "${input.caseId}"`, {
          caseId: input.caseId,
        });
      if (ctx.units && !ctx.units.has(row.unit))
        throw new DomainError(
          'FORBIDDEN',
          `Tài khoản của bạn không có quyền với việc ${row.id} của đơn vị ${row.unit}`,
          { caseId: row.id },
        );
      if (ctx.officer !== null && row.current_officer !== ctx.officer)
        throw new DomainError(
          'FORBIDDEN',
          `Việc ${row.id} không do chấp hành viên ${ctx.officer} thụ lý: chấp hành viên chỉ rà soát các việc mình đang giữ`,
          { caseId: row.id },
        );
      const inYear =
        row.received_on <= y.asOf &&
        ((OPEN_STATES as readonly string[]).includes(row.state) || row.state_since >= y.start);
      if (!inYear)
        throw new DomainError(
          'INVALID_INPUT',
          `Việc ${row.id} không thuộc diện rà soát năm ${y.year} (đã kết thúc trước ${y.start.split('-').reverse().join('/')} hoặc thụ lý sau ${y.asOf.split('-').reverse().join('/')})`,
          { caseId: row.id },
        );
      const before: Classification = {
        mode: row.mode === 'chu_dong' || row.mode === 'theo_yeu_cau' ? row.mode : null,
        judgmentType: toJudgmentType(row.judgment_type, row.id),
        flags: flagsFromStored(row.flags, row.id),
      };
      const same = sameClassification(before, after);
      const result = same ? 'confirmed' : 'corrected';
      if (same) confirmed++;
      else {
        corrected++;
        await trx
          .updateTable('cases')
          .set({
            mode: after.mode,
            judgment_type: after.judgmentType,
            flags: formatFlags(after.flags),
          })
          .where('id', '=', row.id)
          .execute();
        // The mode is a dimension of the monthly movements: move the case's figures from the old
        // mode's rows to the new one's in this transaction, as every registry write does.
        if (after.mode !== before.mode) {
          const events = await storedEventsOf(trx, row.id);
          const facts = {
            id: row.id,
            unit: row.unit,
            receivedOn: row.received_on,
            amount: row.amount,
            officer: row.officer,
            events,
          };
          await applyCaseChanges(trx, [
            {
              before: replayStored({ ...facts, mode: before.mode }),
              after: replayStored({ ...facts, mode: after.mode }),
            },
          ]);
        }
      }
      const review = {
        case_id: row.id,
        year: y.year,
        officer: row.current_officer,
        result,
        mode: after.mode,
        judgment_type: after.judgmentType,
        flags: formatFlags(after.flags),
        reviewed_by: ctx.actor.username,
        reviewed_at: when,
      };
      await trx
        .insertInto('case_reviews')
        .values(review)
        .onConflict((oc) =>
          oc.columns(['case_id', 'year']).doUpdateSet({
            officer: review.officer,
            result: review.result,
            mode: review.mode,
            judgment_type: review.judgment_type,
            flags: review.flags,
            reviewed_by: review.reviewed_by,
            reviewed_at: review.reviewed_at,
          }),
        )
        .execute();
      audits.push({
        actor: ctx.actor,
        at: ctx.at,
        entity: 'case_review',
        entityId: row.id,
        action: same ? 'confirm' : 'correct',
        unit: row.unit,
        before: {
          year: y.year,
          classification: before,
          review:
            row.result === null
              ? null
              : { result: row.result, reviewedBy: row.reviewed_by, reviewedAt: row.reviewed_at },
        },
        after: { year: y.year, classification: after, officer: row.current_officer, result },
      });
    }
    await recordAuditBatch(trx, audits);
    return { confirmed, corrected };
  });
}
