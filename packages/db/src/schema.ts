/**
 * The database schema as Kysely sees it, written by hand (kysely-org's habit): one interface per
 * table, with `Selectable` / `Insertable` / `Updateable` row types derived from it.
 *
 * Integer columns come back differently from the two drivers: better-sqlite3 with safe integers
 * returns every INTEGER as `bigint`, `pg` returns `integer` (int4) as `number` and `bigint` (int8)
 * as `bigint` through the parser this package installs. So:
 * - money is `bigint` on both (64-bit columns, read back as `bigint` everywhere);
 * - small integers (year, month, seq, 0/1 flags) are `number | bigint` when read and must be
 *   converted with `Number(...)` where they are used; they are written as `number`.
 * Dates are text 'YYYY-MM-DD' on both: they compare correctly as strings and carry no time zone.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** An INTEGER (int4) column: `bigint` from better-sqlite3, `number` from pg. */
export type SmallInt = ColumnType<number | bigint, number, number>;

/** A 64-bit money column (integer đồng). */
export type Money = ColumnType<bigint, bigint, bigint>;

/** A 0/1 flag stored as INTEGER (SQLite has no boolean; one schema serves both dialects). */
export type Flag = SmallInt;

export interface UnitsTable {
  code: string;
  name: string;
  /** tong_cuc, cuc, quan, huyen, thi_xa, thanh_pho, khu_vuc. */
  kind: string;
  parent: string | null;
  active: Flag;
}

export interface OfficersTable {
  code: string;
  name: string;
  unit: string;
  active: Flag;
}

export interface CasesTable {
  id: string;
  unit: string;
  received_on: string;
  amount: Money;
  /** chu_dong, theo_yeu_cau, or null (not classified). */
  mode: string | null;
  /** Officer assigned at intake. */
  officer: string | null;
  judgment_ref: string | null;
  decision_no: string | null;
  decision_date: string | null;
  obligation: string | null;
  debtor_name: string | null;
  debtor_address: string | null;
  reverify_yearly: Flag;
  /** Judgment type code (@thads/domain JUDGMENT_TYPES), or null (not classified). Migration 2025-12-01. */
  judgment_type: ColumnType<string | null, string | null | undefined, string | null>;
  /** Steering flags, codes in vocabulary order joined by ';' ('' for none). */
  flags: ColumnType<string, string | undefined, string>;
  // Derived from the case and its events (migration 2025-11-30-registry-console), written in the
  // same transaction as every change of either: what the case list filters and sorts on.
  /** The state now: able, postponed, suspended, unable, completed, terminated, transferred, withdrawn. */
  state: ColumnType<string, string | undefined, string>;
  /** Paid plus reduced, in đồng. */
  settled: ColumnType<bigint, bigint | undefined, bigint>;
  /** The officer holding the case now (intake officer or last `assign`). */
  current_officer: ColumnType<string | null, string | null | undefined, string | null>;
  last_event_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** Since when the case is in `state` (its last state-setting event, or its intake date). */
  state_since: ColumnType<string, string | undefined, string>;
  /** Folded case id, debtor name and decision numbers, one per line (domain `caseSearchText`). */
  search_text: ColumnType<string, string | undefined, string>;
  /** The folded debtor name, to sort by. */
  debtor_folded: ColumnType<string, string | undefined, string>;
}

export interface CaseEventsTable {
  id: Generated<number | bigint>;
  case_id: string;
  /** Position of the event among its case's rows as given (file order); applied order is (date, seq). */
  seq: SmallInt;
  date: string;
  kind: string;
  amount: ColumnType<bigint | null, bigint | null, bigint | null>;
  officer: string | null;
  ground: string | null;
  decision_no: string | null;
  /** Who recorded the event (a username, or `cli`) and when (ISO 8601, UTC); null before 2025-11-30. */
  recorded_by: ColumnType<string | null, string | null | undefined, string | null>;
  recorded_at: ColumnType<string | null, string | null | undefined, string | null>;
}

type LineColumn = ColumnType<bigint | null, bigint | null, bigint | null>;

/**
 * One imported aggregate report row (interfaces.md §4): the lines as given, `null` where unknown.
 * Unknown lines are derived when the report is read, never stored.
 */
export interface AggregateLinesTable {
  unit: string;
  year: SmallInt;
  month: SmallInt;
  /** cases or money. */
  measure: string;
  brought_forward: LineColumn;
  newly_received: LineColumn;
  total_received: LineColumn;
  exited: LineColumn;
  to_enforce: LineColumn;
  able: LineColumn;
  unable: LineColumn;
  completed: LineColumn;
  completed_full: LineColumn;
  terminated: LineColumn;
  reduced: LineColumn;
  in_progress: LineColumn;
  postponed: LineColumn;
  suspended: LineColumn;
  carried_over: LineColumn;
  able_carried_over: LineColumn;
}

/** An account (interfaces.md §6). `role` is one of domain's ROLES. */
export interface UsersTable {
  id: Generated<number | bigint>;
  /** Lower case letters, digits, '.', '_' and '-'; unique. */
  username: string;
  display_name: string;
  /** `scrypt$…` (see @thads/api's password.ts); never the password. */
  password_hash: string;
  role: string;
  /** The unit of a branch role (unit_head, clerk) or of the officer; null for Cục-wide roles. */
  unit: string | null;
  /** The officer record of an `officer` account. */
  officer: string | null;
  active: Flag;
  /** ISO 8601 timestamps (UTC). */
  created_at: string;
  updated_at: string;
}

/** A server-side session; `id` is the SHA-256 (hex) of the cookie's token. */
export interface SessionsTable {
  id: string;
  user_id: number | bigint;
  created_at: string;
  /** The last request; the session ends 8 hours after it. */
  last_seen_at: string;
  address: string | null;
}

/** One login attempt, for throttling (per account and per address). */
export interface LoginAttemptsTable {
  id: Generated<number | bigint>;
  at: string;
  /** As typed (trimmed, lower case), whether or not such an account exists. */
  username: string;
  address: string;
  succeeded: Flag;
}

/**
 * The audit trail: append-only, hash-chained. `hash` is the SHA-256 of the row's canonical content
 * including `prev_hash` (see audit.ts); `before` and `after` are canonical JSON or null.
 */
export interface AuditLogTable {
  seq: ColumnType<bigint, bigint, never>;
  at: string;
  /** The username, `cli` for the command line, `anonymous` for a visitor. */
  actor: string;
  actor_role: string | null;
  /** The unit the change concerns, for filtering; null when none. */
  unit: string | null;
  /** What kind of thing changed: unit, officer, case, aggregate_line, user, session, import, … */
  entity: string;
  entity_id: string;
  /** create, update, delete, login, login_failed, logout, import, … */
  action: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * A target in force (chỉ tiêu, interfaces.md §7), keyed by (unit, scope, year, metric, month,
 * officer). `month` 0 is an annual target (the four unit metrics); 1..12 a working-year month of an
 * officer's `casesCompleted` / `moneyCompleted`. `officer` '' is the unit's own target. `value` is a
 * percentage in hundredths, a count, or đồng, by metric. For a unit without units under it the
 * scope is always stored as `total` (own is treated as total everywhere).
 */
export interface TargetsTable {
  unit: string;
  scope: string;
  year: SmallInt;
  metric: string;
  month: SmallInt;
  officer: string;
  value: Money;
  provisional: Flag;
  /** import, console, copy_targets (copied from last year's targets), copy_results (from its results). */
  origin: string;
  /** ISO 8601 (UTC) and the username (or `cli`) of who recorded this value. */
  recorded_at: string;
  recorded_by: string | null;
}

/** A target value that was replaced or removed, as it was, with when and by whom. */
export interface TargetHistoryTable extends TargetsTable {
  id: Generated<number | bigint>;
  replaced_at: string;
  replaced_by: string | null;
}

/**
 * The publication of a public-list entry (statistics.md §11): the entry is the registry's unable
 * event (case, decision number, decision date); this row holds only what the registry does not.
 */
export interface PublicListPublicationsTable {
  case_id: string;
  decision_no: string;
  decision_date: string;
  /** The entry is on the public page from this date (≥ the decision date). */
  published_on: string;
  /** `confirmed` by the Cục, or `automatic` (recorded when the automatic setting was changed). */
  source: string;
  recorded_by: string;
  /** ISO 8601 (UTC). */
  recorded_at: string;
  /** Only for a record whose decision the registry no longer has: withdrawn by hand. */
  withdrawn_on: string | null;
  withdrawn_reason: string | null;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
}

/** A debtor at risk whose address is not published (per case; the reason is required). */
export interface PublicListWithholdingsTable {
  case_id: string;
  reason: string;
  withheld_by: string;
  withheld_at: string;
}

/** One row (id 1) at most: no row means every publication is confirmed by the Cục. */
export interface PublicListSettingsTable {
  id: number;
  /** Unable decisions dated on or after it are published on their decision date automatically. */
  auto_publish_from: string | null;
  updated_by: string;
  updated_at: string;
}

/**
 * The workflow state of one monthly report (statistics.md §10), keyed by (unit, scope, year,
 * month). A unit without units under it has one report, stored with scope `total`.
 */
export interface ReportsTable {
  unit: string;
  scope: string;
  year: SmallInt;
  month: SmallInt;
  /** draft, submitted, returned, approved. */
  status: string;
  /** The number of the latest submitted version; 0 before the first submission. */
  current_version: SmallInt;
  /** ISO 8601 (UTC) of the first submission: timeliness never changes after it. */
  first_submitted_at: string | null;
  /** E(n) while this approved report locks its unit's registry; null otherwise. */
  locks_through: string | null;
  /** JSON `{findingKey: comment}` of a draft's warning acknowledgements. */
  draft_acknowledgements: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** One submitted version: immutable (triggers refuse UPDATE and DELETE). */
export interface ReportVersionsTable {
  unit: string;
  scope: string;
  year: SmallInt;
  month: SmallInt;
  version: SmallInt;
  submitted_at: string;
  signer_username: string;
  signer_name: string;
  signer_role: string;
  /** The canonical JSON (RFC 8785) of the version: exactly the text that was hashed. */
  content: string;
  /** SHA-256 of `content`, lowercase hex. */
  hash: string;
}

/** The history of a report: submit, approve, return, reopen (with reasons). */
export interface ReportActionsTable {
  id: Generated<number | bigint>;
  unit: string;
  scope: string;
  year: SmallInt;
  month: SmallInt;
  action: string;
  version: SmallInt | null;
  actor: string;
  actor_name: string;
  at: string;
  reason: string | null;
}

/** A request to reopen a unit's locked registry from working-year month (year, month) on. */
export interface UnlockRequestsTable {
  id: Generated<number | bigint>;
  unit: string;
  year: SmallInt;
  month: SmallInt;
  reason: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: string;
  /** pending, granted, rejected. */
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

/** An `unable` decision waiting for review (issue 7): see the migration 2025-12-03-pending-decisions. */
export interface PendingDecisionsTable {
  id: Generated<number | bigint>;
  case_id: string;
  unit: string;
  decision_date: string;
  /** a, b or c (Điều 44a). */
  ground: string;
  decision_no: string;
  /** The verification record (biên bản xác minh) the decision rests on: its number and date. */
  verification_no: string;
  verification_date: string;
  /** pending, returned, confirmed, withdrawn. */
  status: string;
  proposed_by: string;
  proposed_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  return_reason: string | null;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  /** The event the confirmation recorded. */
  event_id: SmallInt | null;
}

/** A case's enforcement plan (kế hoạch thi hành án): one row per case that has one. */
export interface EnforcementPlansTable {
  case_id: string;
  /** The template it was started from (domain PLAN_TEMPLATE_CODES), or null. */
  template: string | null;
  created_by: string;
  /** ISO 8601 (UTC). */
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** One measure (biện pháp) of a plan. */
export interface PlanMeasuresTable {
  id: Generated<number | bigint>;
  case_id: string;
  /** domain MEASURE_KINDS. */
  kind: string;
  detail: string | null;
  due_on: string;
  /** The officer responsible; null when nobody is named. */
  officer: string | null;
  /** planned, in_progress, done, cancelled. */
  status: string;
  outcome: string | null;
  /** Set exactly when done. */
  done_on: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** One case's yearly classification review (migration 2025-12-01-classification). */
export interface CaseReviewsTable {
  case_id: string;
  /** The working year reviewed. */
  year: SmallInt;
  /** The officer holding the case when it was reviewed. */
  officer: string | null;
  /** confirmed (classification unchanged) or corrected. */
  result: string;
  mode: string | null;
  judgment_type: string | null;
  flags: ColumnType<string, string | undefined, string>;
  reviewed_by: string;
  reviewed_at: string;
}

/**
 * The value columns of `report_movements`: `c_<line>` (cases) and `m_<line>` (money, đồng) for every
 * line of statistics.md §2 in MONEY_LINE_CODES order (`c_reduced` is always 0).
 */
export type MovementValueColumn =
  | 'c_brought_forward'
  | 'c_newly_received'
  | 'c_total_received'
  | 'c_exited'
  | 'c_to_enforce'
  | 'c_able'
  | 'c_unable'
  | 'c_completed'
  | 'c_completed_full'
  | 'c_terminated'
  | 'c_reduced'
  | 'c_in_progress'
  | 'c_postponed'
  | 'c_suspended'
  | 'c_carried_over'
  | 'c_able_carried_over'
  | 'm_brought_forward'
  | 'm_newly_received'
  | 'm_total_received'
  | 'm_exited'
  | 'm_to_enforce'
  | 'm_able'
  | 'm_unable'
  | 'm_completed'
  | 'm_completed_full'
  | 'm_terminated'
  | 'm_reduced'
  | 'm_in_progress'
  | 'm_postponed'
  | 'm_suspended'
  | 'm_carried_over'
  | 'm_able_carried_over';

/**
 * What the registry reports need, kept up to date in the same transaction as every registry write
 * (migration 2025-12-05-movement-deltas, movements.ts), per unit, officer at the period end (''
 * unassigned) and mode ('' none): kind 0 rows (year, month 1..12) hold the change, from the month
 * before, of what the unit's cases contribute to the report of that month (registry-report.ts
 * `caseContribution`); kind 1 rows (year, month 0) what the cases whose last event is in the year
 * before contribute to every later report. Rows with officer '*' and mode '*' hold the unit's total.
 */
export type ReportMovementsTable = Record<MovementValueColumn, Money> & {
  unit: string;
  officer: string;
  mode: string;
  kind: SmallInt;
  year: SmallInt;
  month: SmallInt;
};

/** One row (id 1) while `report_movements` is maintained: written by its build. */
export interface ReportMovementStatusTable {
  id: number;
  built_at: string;
}

export interface Database {
  units: UnitsTable;
  officers: OfficersTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_reviews: CaseReviewsTable;
  aggregate_lines: AggregateLinesTable;
  public_list_publications: PublicListPublicationsTable;
  public_list_withholdings: PublicListWithholdingsTable;
  public_list_settings: PublicListSettingsTable;
  targets: TargetsTable;
  reports: ReportsTable;
  report_versions: ReportVersionsTable;
  report_actions: ReportActionsTable;
  unlock_requests: UnlockRequestsTable;
  pending_decisions: PendingDecisionsTable;
  target_history: TargetHistoryTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  enforcement_plans: EnforcementPlansTable;
  plan_measures: PlanMeasuresTable;
  report_movements: ReportMovementsTable;
  report_movement_status: ReportMovementStatusTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type NewUnitRow = Insertable<UnitsTable>;
export type UnitUpdate = Updateable<UnitsTable>;
export type OfficerRow = Selectable<OfficersTable>;
export type NewOfficerRow = Insertable<OfficersTable>;
export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = Insertable<CasesTable>;
export type CaseEventRow = Selectable<CaseEventsTable>;
export type NewCaseEventRow = Insertable<CaseEventsTable>;
export type AggregateLinesRow = Selectable<AggregateLinesTable>;
export type NewAggregateLinesRow = Insertable<AggregateLinesTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type TargetRow = Selectable<TargetsTable>;
export type TargetHistoryRow = Selectable<TargetHistoryTable>;
export type ReportRow = Selectable<ReportsTable>;
export type ReportVersionRow = Selectable<ReportVersionsTable>;
export type ReportActionRow = Selectable<ReportActionsTable>;
export type UnlockRequestRow = Selectable<UnlockRequestsTable>;
export type PendingDecisionRow = Selectable<PendingDecisionsTable>;
