/**
 * The monthly report workflow (statistics.md §10, issue 8): draft → submitted (signed by the head
 * of the unit) → approved by a Cục manager, or returned with a reason; a returned report is
 * resubmitted as a new version. Approval of a report that bears a lock locks its unit's registry up
 * to E(n) (locks.ts); a granted unlock request reopens it.
 *
 * Who does what (checked here, so every caller gets the same rules; the API adds the role check):
 * - submit and save a draft: the `unit_head` whose unit is the report's unit. The Cục's reports
 *   (its `own` and the city `total`) are submitted by a `cuc_manager` acting as the Cục's head,
 *   unless the Cục has an active `unit_head` account, who then signs them. A Cục manager never signs
 *   for a Chi cục.
 * - approve, return: `cuc_manager`. A `total` of a unit with units under it is approved only when
 *   the `own` report and the report of every active unit under it are approved.
 * - unlock requests: asked by `cuc_manager`, `unit_head` or `clerk` within their units; granted or
 *   rejected by `cuc_manager`.
 *
 * Every write runs in one transaction with its audit record.
 */
import {
  DomainError,
  REPORT_STATUS_LABELS_VI,
  calendarMonthOf,
  diffReportLines,
  findingKey,
  formatViDate,
  isoDate,
  localDateOf,
  nextStatus,
  reportPeriod,
  reportToJson,
  ruleSetForYear,
  submissionDeadline,
  subtreeCodes,
  timelinessOf,
  unacknowledgedWarnings,
  type Finding,
  type LineDifference,
  type ReportJson,
  type ReportStatus,
  type ReportWorkflowStatus,
  type Scope,
  type Timeliness,
  type WorkflowAction,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import { recordAudit, type AuditActor } from './audit.js';
import { registryLockOf, type RegistryLock } from './locks.js';
import { listUnits, unitNotFound, type UnitRecord } from './queries/units.js';
import {
  parseVersionContent,
  sealVersion,
  verifyVersionRow,
  versionFindings,
  type ReportVersionContent,
  type VersionFinding,
  REPORT_VERSION_FORMAT,
} from './report-versions.js';
import { resolveReport } from './reports.js';
import type { Database, ReportRow, ReportVersionRow } from './schema.js';

/** Who acts: the signed-in account (its name signs versions). */
export interface WorkflowActor {
  username: string;
  /** Display name, printed as the signer. */
  name: string;
  role: string;
  /** The account's unit (branch roles), or null. */
  unit: string | null;
}

export interface ReportKeyInput {
  unit: string;
  /** Default `total`; a unit without units under it has only `total` (own is total). */
  scope?: Scope | undefined;
  year: number;
  month: number;
}

/** A report as the workflow knows it: the scope normalized, with its unit. */
export interface ReportKey {
  unit: string;
  scope: Scope;
  year: number;
  month: number;
}

interface ResolvedKey extends ReportKey {
  record: UnitRecord;
  units: UnitRecord[];
  hasChildren: boolean;
  /** The Cục (kind `cuc`, or a root): deadline day 6 and its own signing rule. */
  isCuc: boolean;
  /** Whether approving it locks its unit's registry (all but the `total` of a unit with units under it). */
  bearsLock: boolean;
}

const MIN_REASON = 5;

function auditActor(actor: WorkflowActor): AuditActor {
  return { username: actor.username, role: actor.role };
}

function entityId(key: ReportKey): string {
  return `${key.unit}/${key.scope}/${key.year}/${key.month}`;
}

export function reportLabelVi(key: ReportKey, unitName?: string): string {
  const cal = calendarMonthOf(key.year, key.month);
  const scope = key.scope === 'own' ? ' (riêng văn phòng)' : '';
  const who = unitName ? `${unitName} (${key.unit})` : key.unit;
  return `báo cáo ${key.month} tháng năm ${key.year} (đến tháng ${String(cal.month).padStart(2, '0')}/${cal.year}) của ${who}${scope}`;
}

function isCucUnit(unit: UnitRecord): boolean {
  return unit.kind === 'cuc' || unit.parent === null;
}

/** Checks the unit and the period; `own` of a unit without units under it becomes `total`. */
export async function resolveReportKey(
  db: Kysely<Database>,
  input: ReportKeyInput,
): Promise<ResolvedKey> {
  const units = await listUnits(db);
  const record = units.find((u) => u.code === input.unit);
  if (!record) throw unitNotFound(input.unit);
  try {
    reportPeriod(input.year, input.month);
  } catch (error) {
    throw new DomainError('INVALID_INPUT', error instanceof Error ? error.message : String(error));
  }
  const hasChildren = units.some((u) => u.parent === record.code);
  const scope: Scope = hasChildren ? (input.scope ?? 'total') : 'total';
  return {
    unit: record.code,
    scope,
    year: input.year,
    month: input.month,
    record,
    units,
    hasChildren,
    isCuc: isCucUnit(record),
    bearsLock: scope === 'own' || !hasChildren,
  };
}

async function findRow(db: Kysely<Database>, key: ReportKey): Promise<ReportRow | undefined> {
  return db
    .selectFrom('reports')
    .selectAll()
    .where('unit', '=', key.unit)
    .where('scope', '=', key.scope)
    .where('year', '=', key.year)
    .where('month', '=', key.month)
    .executeTakeFirst();
}

function statusOf(row: ReportRow | undefined): ReportWorkflowStatus {
  return row ? (row.status as ReportStatus) : 'not_started';
}

function parseComments(text: string | null): Record<string, string> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
      return out;
    }
  } catch {
    // A damaged draft only loses its comments.
  }
  return {};
}

function cleanComments(comments: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(comments)) {
    const text = v.trim();
    if (text !== '') out[k] = text;
  }
  return out;
}

/**
 * Throws FORBIDDEN unless `actor` may prepare, sign and submit the report of `key` (the rules in
 * the module comment).
 */
export async function assertMaySubmit(
  db: Kysely<Database>,
  key: ResolvedKey,
  actor: WorkflowActor,
): Promise<void> {
  const name = `${key.record.name} (${key.unit})`;
  if (actor.role === 'unit_head') {
    if (actor.unit === key.unit) return;
    throw new DomainError(
      'FORBIDDEN',
      `Chỉ thủ trưởng của ${name} mới ký và gửi được báo cáo của đơn vị này`,
      { unit: key.unit },
    );
  }
  if (actor.role === 'cuc_manager') {
    if (!key.isCuc)
      throw new DomainError(
        'FORBIDDEN',
        `Báo cáo của ${name} do thủ trưởng đơn vị ký và gửi; Cục chỉ duyệt hoặc trả lại`,
        { unit: key.unit },
      );
    const head = await db
      .selectFrom('users')
      .select(['username', 'display_name'])
      .where('role', '=', 'unit_head')
      .where('unit', '=', key.unit)
      .where('active', '=', 1)
      .orderBy('username')
      .executeTakeFirst();
    if (head)
      throw new DomainError(
        'FORBIDDEN',
        `${name} có tài khoản thủ trưởng (${head.display_name}, ${head.username}): báo cáo của Cục do thủ trưởng ký và gửi`,
        { unit: key.unit, head: head.username },
      );
    return;
  }
  throw new DomainError('FORBIDDEN', 'Chỉ thủ trưởng đơn vị mới ký và gửi được báo cáo', {
    unit: key.unit,
  });
}

function assertManager(actor: WorkflowActor, what: string): void {
  if (actor.role !== 'cuc_manager')
    throw new DomainError('FORBIDDEN', `Chỉ quản lý cấp Cục mới ${what}`);
}

function periodIsOver(key: ReportKey, now: Date): void {
  const period = reportPeriod(key.year, key.month);
  const today = localDateOf(now.toISOString(), ruleSetForYear(key.year).deadlines.timeZone);
  if (today <= period.end)
    throw new DomainError(
      'CONFLICT',
      `Kỳ báo cáo chưa kết thúc (đến hết ngày ${formatViDate(period.end)}): chưa gửi được báo cáo`,
      { periodEnd: period.end },
    );
}

async function writeAction(
  trx: Kysely<Database>,
  key: ReportKey,
  action: WorkflowAction,
  actor: WorkflowActor,
  at: Date,
  extra: { version?: number | null; reason?: string | null } = {},
): Promise<void> {
  await trx
    .insertInto('report_actions')
    .values({
      unit: key.unit,
      scope: key.scope,
      year: key.year,
      month: key.month,
      action,
      version: extra.version ?? null,
      actor: actor.username,
      actor_name: actor.name,
      at: at.toISOString(),
      reason: extra.reason ?? null,
    })
    .execute();
}

function requestOf(key: ReportKey) {
  return { unit: key.unit, scope: key.scope, year: key.year, month: key.month };
}

/** Saves the acknowledgement comments of a report being prepared (creates the draft). */
export async function saveReportDraft(
  db: Kysely<Database>,
  input: ReportKeyInput & { acknowledgements: Readonly<Record<string, string>> },
  actor: WorkflowActor,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const key = await resolveReportKey(trx, input);
    await assertMaySubmit(trx, key, actor);
    const row = await findRow(trx, key);
    const status = statusOf(row);
    if (status === 'submitted' || status === 'approved')
      throw new DomainError(
        'CONFLICT',
        `Báo cáo đang ở trạng thái "${REPORT_STATUS_LABELS_VI[status]}": không sửa được bản nháp`,
      );
    const comments = JSON.stringify(cleanComments(input.acknowledgements));
    const at = now.toISOString();
    if (row) {
      await trx
        .updateTable('reports')
        .set({ draft_acknowledgements: comments, updated_at: at, updated_by: actor.username })
        .where('unit', '=', key.unit)
        .where('scope', '=', key.scope)
        .where('year', '=', key.year)
        .where('month', '=', key.month)
        .execute();
    } else {
      await trx
        .insertInto('reports')
        .values({
          ...requestOf(key),
          status: 'draft',
          current_version: 0,
          first_submitted_at: null,
          locks_through: null,
          draft_acknowledgements: comments,
          created_at: at,
          created_by: actor.username,
          updated_at: at,
          updated_by: actor.username,
        })
        .execute();
    }
    await recordAudit(trx, {
      actor: auditActor(actor),
      at: now,
      entity: 'report',
      entityId: entityId(key),
      action: 'save_draft',
      unit: key.unit,
      before: row
        ? { status: row.status, acknowledgements: parseComments(row.draft_acknowledgements) }
        : null,
      after: { status: row?.status ?? 'draft', acknowledgements: JSON.parse(comments) as unknown },
    });
  });
}

export interface SubmittedVersion {
  version: number;
  hash: string;
  submittedAt: string;
}

/**
 * Signs and submits the report as it is now: recomputes it (resolveReport), refuses it while it
 * has an error finding (V1–V7) or a warning without an acknowledgement comment, and stores a new
 * immutable version. CONFLICT when the status does not allow it or the period has not ended;
 * INVALID_INPUT listing the warnings left unacknowledged.
 */
export async function submitReport(
  db: Kysely<Database>,
  input: ReportKeyInput & { acknowledgements: Readonly<Record<string, string>> },
  actor: WorkflowActor,
  now: Date,
): Promise<SubmittedVersion> {
  return db.transaction().execute(async (trx) => {
    const key = await resolveReportKey(trx, input);
    await assertMaySubmit(trx, key, actor);
    const row = await findRow(trx, key);
    const status = row ? (row.status as ReportStatus) : 'draft';
    nextStatus(status, 'submit');
    periodIsOver(key, now);
    const report = await resolveReport(trx, requestOf(key));
    const errors = report.validation.filter((f) => f.severity === 'error');
    if (errors.length > 0)
      throw new DomainError(
        'CONFLICT',
        `Báo cáo còn ${errors.length} lỗi, chưa gửi được: ${errors
          .slice(0, 5)
          .map((f) => `${f.rule} ${f.message}`)
          .join('; ')}${errors.length > 5 ? '; …' : ''}`,
        { errors: errors.map((f) => f.rule) },
      );
    const comments = cleanComments(input.acknowledgements);
    const missing = unacknowledgedWarnings(report.validation, comments);
    if (missing.length > 0)
      throw new DomainError(
        'INVALID_INPUT',
        `Cần ghi ý kiến giải trình cho ${missing.length} cảnh báo trước khi gửi: ${missing
          .slice(0, 5)
          .map((f) => `${f.rule} ${f.message}`)
          .join('; ')}${missing.length > 5 ? '; …' : ''}`,
        { missing: missing.map(findingKey) },
      );
    const version = Number(row?.current_version ?? 0) + 1;
    const previous =
      version > 1
        ? await trx
            .selectFrom('report_versions')
            .select('hash')
            .where('unit', '=', key.unit)
            .where('scope', '=', key.scope)
            .where('year', '=', key.year)
            .where('month', '=', key.month)
            .where('version', '=', version - 1)
            .executeTakeFirst()
        : undefined;
    const json = reportToJson(report);
    const submittedAt = now.toISOString();
    const content: ReportVersionContent = {
      format: REPORT_VERSION_FORMAT,
      unit: key.unit,
      unitName: key.record.name,
      scope: key.scope,
      year: key.year,
      month: key.month,
      periodStart: json.periodStart,
      periodEnd: json.periodEnd,
      ruleSet: json.ruleSet,
      source: json.source,
      version,
      previousHash: previous?.hash ?? null,
      submittedAt,
      signer: { username: actor.username, name: actor.name, role: actor.role },
      cases: json.cases,
      money: json.money,
      findings: versionFindings(report.validation, comments),
    };
    const sealed = sealVersion(content);
    if (row) {
      await trx
        .updateTable('reports')
        .set({
          status: 'submitted',
          current_version: version,
          first_submitted_at: row.first_submitted_at ?? submittedAt,
          draft_acknowledgements: null,
          updated_at: submittedAt,
          updated_by: actor.username,
        })
        .where('unit', '=', key.unit)
        .where('scope', '=', key.scope)
        .where('year', '=', key.year)
        .where('month', '=', key.month)
        .execute();
    } else {
      await trx
        .insertInto('reports')
        .values({
          ...requestOf(key),
          status: 'submitted',
          current_version: version,
          first_submitted_at: submittedAt,
          locks_through: null,
          draft_acknowledgements: null,
          created_at: submittedAt,
          created_by: actor.username,
          updated_at: submittedAt,
          updated_by: actor.username,
        })
        .execute();
    }
    await trx
      .insertInto('report_versions')
      .values({
        ...requestOf(key),
        version,
        submitted_at: submittedAt,
        signer_username: actor.username,
        signer_name: actor.name,
        signer_role: actor.role,
        content: sealed.text,
        hash: sealed.hash,
      })
      .execute();
    await writeAction(trx, key, 'submit', actor, now, { version });
    await recordAudit(trx, {
      actor: auditActor(actor),
      at: now,
      entity: 'report',
      entityId: entityId(key),
      action: 'submit',
      unit: key.unit,
      before: row ? { status: row.status, version: Number(row.current_version) } : null,
      after: { status: 'submitted', version, hash: sealed.hash },
    });
    return { version, hash: sealed.hash, submittedAt };
  });
}

async function latestVersionRow(
  db: Kysely<Database>,
  key: ReportKey,
): Promise<ReportVersionRow | undefined> {
  return db
    .selectFrom('report_versions')
    .selectAll()
    .where('unit', '=', key.unit)
    .where('scope', '=', key.scope)
    .where('year', '=', key.year)
    .where('month', '=', key.month)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The line-by-line difference between the latest version and the report recomputed now. */
async function changesSinceSubmitted(
  db: Kysely<Database>,
  key: ReportKey,
  version: ReportVersionRow | undefined,
  current?: ReportJson,
): Promise<LineDifference[] | null> {
  if (!version) return null;
  const content = parseVersionContent(version);
  const now = current ?? reportToJson(await resolveReport(db, requestOf(key)));
  return diffReportLines(content, now);
}

/** Units whose reports must be approved before the `total` of `key` is. */
async function unapprovedUnder(
  trx: Kysely<Database>,
  key: ResolvedKey,
): Promise<{ unit: string; scope: Scope; status: ReportWorkflowStatus }[]> {
  const active = new Map(key.units.filter((u) => u.active).map((u) => [u.code, u]));
  const codes = subtreeCodes(key.units, key.unit);
  const needed: ReportKey[] = [];
  for (const code of codes) {
    const unit = active.get(code);
    if (!unit && code !== key.unit) continue;
    const inner = key.units.some((u) => u.parent === code);
    if (inner) needed.push({ unit: code, scope: 'own', year: key.year, month: key.month });
    if (code !== key.unit)
      needed.push({ unit: code, scope: 'total', year: key.year, month: key.month });
  }
  const rows = await trx
    .selectFrom('reports')
    .select(['unit', 'scope', 'status'])
    .where('year', '=', key.year)
    .where('month', '=', key.month)
    .where('unit', 'in', codes)
    .execute();
  const status = new Map(rows.map((r) => [`${r.unit}/${r.scope}`, r.status as ReportStatus]));
  return needed
    .map((k) => ({
      unit: k.unit,
      scope: k.scope,
      status: status.get(`${k.unit}/${k.scope}`) ?? 'not_started',
    }))
    .filter((k) => k.status !== 'approved') as {
    unit: string;
    scope: Scope;
    status: ReportWorkflowStatus;
  }[];
}

/**
 * Approves a submitted report (cuc_manager). Refused (CONFLICT) when the registry behind it changed
 * since it was submitted (return it instead), or, for the `total` of a unit with units under it,
 * while any report under it is not approved. A report bearing a lock locks its unit's registry
 * through the period end.
 */
export async function approveReport(
  db: Kysely<Database>,
  input: ReportKeyInput,
  actor: WorkflowActor,
  now: Date,
): Promise<void> {
  assertManager(actor, 'duyệt được báo cáo');
  await db.transaction().execute(async (trx) => {
    const key = await resolveReportKey(trx, input);
    const row = await findRow(trx, key);
    nextStatus(row ? (row.status as ReportStatus) : 'draft', 'approve');
    if (key.hasChildren && key.scope === 'total') {
      const missing = await unapprovedUnder(trx, key);
      if (missing.length > 0)
        throw new DomainError(
          'CONFLICT',
          `Chưa duyệt được báo cáo toàn đơn vị: còn ${missing.length} báo cáo chưa được duyệt: ${missing
            .slice(0, 10)
            .map(
              (m) =>
                `${m.unit}${m.scope === 'own' ? ' (riêng văn phòng)' : ''} – ${REPORT_STATUS_LABELS_VI[m.status]}`,
            )
            .join(', ')}${missing.length > 10 ? ', …' : ''}`,
          { missing },
        );
    }
    const latest = await latestVersionRow(trx, key);
    const changes = await changesSinceSubmitted(trx, key, latest);
    if (changes && changes.length > 0)
      throw new DomainError(
        'CONFLICT',
        `Số liệu đã thay đổi sau khi gửi (${changes.length} dòng khác): không duyệt được phiên bản đã gửi; hãy trả lại để đơn vị gửi lại`,
        { changes: changes.length },
      );
    const period = reportPeriod(key.year, key.month);
    // Decision: a report computed from aggregate lines locks those lines (locks.ts
    // assertAggregateUnlocked), not the registry, which its figures do not come from.
    const fromRegistry = latest ? parseVersionContent(latest).source === 'registry' : true;
    const locksThrough = key.bearsLock && fromRegistry ? period.end : null;
    await trx
      .updateTable('reports')
      .set({
        status: 'approved',
        locks_through: locksThrough,
        updated_at: now.toISOString(),
        updated_by: actor.username,
      })
      .where('unit', '=', key.unit)
      .where('scope', '=', key.scope)
      .where('year', '=', key.year)
      .where('month', '=', key.month)
      .execute();
    const version = Number(row!.current_version);
    await writeAction(trx, key, 'approve', actor, now, { version });
    await recordAudit(trx, {
      actor: auditActor(actor),
      at: now,
      entity: 'report',
      entityId: entityId(key),
      action: 'approve',
      unit: key.unit,
      before: { status: row!.status, version },
      after: { status: 'approved', version, locksThrough },
    });
  });
}

function requireReason(reason: string, what: string): string {
  const text = reason.trim();
  if (text.length < MIN_REASON)
    throw new DomainError('INVALID_INPUT', `Cần ghi lý do ${what} (ít nhất ${MIN_REASON} ký tự)`);
  return text;
}

/** Returns a submitted report to its unit with a mandatory reason (cuc_manager). */
export async function returnReport(
  db: Kysely<Database>,
  input: ReportKeyInput & { reason: string },
  actor: WorkflowActor,
  now: Date,
): Promise<void> {
  assertManager(actor, 'trả lại được báo cáo');
  const reason = requireReason(input.reason, 'trả lại');
  await db.transaction().execute(async (trx) => {
    const key = await resolveReportKey(trx, input);
    const row = await findRow(trx, key);
    nextStatus(row ? (row.status as ReportStatus) : 'draft', 'return');
    await trx
      .updateTable('reports')
      .set({ status: 'returned', updated_at: now.toISOString(), updated_by: actor.username })
      .where('unit', '=', key.unit)
      .where('scope', '=', key.scope)
      .where('year', '=', key.year)
      .where('month', '=', key.month)
      .execute();
    const version = Number(row!.current_version);
    await writeAction(trx, key, 'return', actor, now, { version, reason });
    await recordAudit(trx, {
      actor: auditActor(actor),
      at: now,
      entity: 'report',
      entityId: entityId(key),
      action: 'return',
      unit: key.unit,
      before: { status: row!.status, version },
      after: { status: 'returned', version, reason },
    });
  });
}

export interface VersionSummary {
  version: number;
  submittedAt: string;
  signerUsername: string;
  signerName: string;
  hash: string;
  /** The stored text still hashes to the stored hash and says what its columns say. */
  verified: boolean;
  verificationError: string | null;
}

export interface ReportActionView {
  action: WorkflowAction;
  version: number | null;
  actor: string;
  actorName: string;
  at: string;
  reason: string | null;
}

export interface WorkflowFinding {
  key: string;
  rule: string;
  severity: 'error' | 'warning';
  measure: 'cases' | 'money';
  message: string;
  /** The comment saved in the draft, else the one given in the latest version, else ''. */
  comment: string;
}

export interface ReportWorkflowView {
  unit: string;
  unitName: string;
  scope: Scope;
  year: number;
  month: number;
  periodStart: string;
  periodEnd: string;
  status: ReportWorkflowStatus;
  currentVersion: number;
  firstSubmittedAt: string | null;
  deadline: string;
  timeliness: Timeliness;
  /** Whether approving it locks the unit's registry (false for a `total` with units under it). */
  bearsLock: boolean;
  /** Through when this report locks the registry (approved and bearing a lock), else null. */
  locksThrough: string | null;
  /** The unit's registry lock now (from any approved report), or null. */
  registryLock: RegistryLock | null;
  /** The report as it is now (recomputed). */
  report: ReportJson;
  findings: WorkflowFinding[];
  versions: VersionSummary[];
  actions: ReportActionView[];
  /**
   * Against the latest version: null before any submission, else every line that differs now
   * (empty when unchanged). `changed` is true when there is any.
   */
  changes: LineDifference[] | null;
  changed: boolean;
  /** For a `total` of a unit with units under it: the reports under it not yet approved. */
  unapprovedUnder: { unit: string; scope: Scope; status: ReportWorkflowStatus }[];
}

function summarizeVersion(row: ReportVersionRow): VersionSummary {
  const check = verifyVersionRow(row);
  return {
    version: Number(row.version),
    submittedAt: row.submitted_at,
    signerUsername: row.signer_username,
    signerName: row.signer_name,
    hash: row.hash,
    verified: check.ok,
    verificationError: check.ok ? null : check.reason,
  };
}

/** Everything the workflow page shows for one report. */
export async function getReportWorkflow(
  db: Kysely<Database>,
  input: ReportKeyInput,
  now: Date,
): Promise<ReportWorkflowView> {
  const key = await resolveReportKey(db, input);
  const row = await findRow(db, key);
  const report = reportToJson(await resolveReport(db, requestOf(key)));
  const versionRows = await db
    .selectFrom('report_versions')
    .selectAll()
    .where('unit', '=', key.unit)
    .where('scope', '=', key.scope)
    .where('year', '=', key.year)
    .where('month', '=', key.month)
    .orderBy('version', 'desc')
    .execute();
  const actions = await db
    .selectFrom('report_actions')
    .selectAll()
    .where('unit', '=', key.unit)
    .where('scope', '=', key.scope)
    .where('year', '=', key.year)
    .where('month', '=', key.month)
    .orderBy('id')
    .execute();
  const latest = versionRows[0];
  const latestFindings: VersionFinding[] = latest ? parseVersionContent(latest).findings : [];
  const given = new Map(latestFindings.map((f) => [f.key, f.acknowledgement?.comment ?? '']));
  const draft = parseComments(row?.draft_acknowledgements ?? null);
  const findings: WorkflowFinding[] = report.validation.map((f) => {
    const k = findingKey(f as Pick<Finding, 'rule' | 'measure' | 'message'>);
    return {
      key: k,
      rule: f.rule,
      severity: f.severity as 'error' | 'warning',
      measure: f.measure,
      message: f.message,
      comment: f.severity === 'warning' ? (draft[k] ?? given.get(k) ?? '') : '',
    };
  });
  const ruleSet = ruleSetForYear(key.year);
  const changes = await changesSinceSubmitted(db, key, latest, report);
  return {
    unit: key.unit,
    unitName: key.record.name,
    scope: key.scope,
    year: key.year,
    month: key.month,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    status: statusOf(row),
    currentVersion: Number(row?.current_version ?? 0),
    firstSubmittedAt: row?.first_submitted_at ?? null,
    deadline: submissionDeadline(key.year, key.month, key.isCuc, ruleSet),
    timeliness: timelinessOf(
      row?.first_submitted_at ?? null,
      now.toISOString(),
      key.year,
      key.month,
      key.isCuc,
      ruleSet,
    ),
    bearsLock: key.bearsLock && report.source === 'registry',
    locksThrough: row?.locks_through ?? null,
    registryLock: await registryLockOf(db, key.unit),
    report,
    findings,
    versions: versionRows.map(summarizeVersion),
    actions: actions.map((a) => ({
      action: a.action as WorkflowAction,
      version: a.version === null ? null : Number(a.version),
      actor: a.actor,
      actorName: a.actor_name,
      at: a.at,
      reason: a.reason,
    })),
    changes,
    changed: (changes?.length ?? 0) > 0,
    unapprovedUnder: key.hasChildren && key.scope === 'total' ? await unapprovedUnder(db, key) : [],
  };
}

export interface StoredVersion extends VersionSummary {
  content: ReportVersionContent;
  /** The stored canonical text, exactly as hashed. */
  text: string;
}

/** One stored version, read back whole with its verification. NOT_FOUND when there is none. */
export async function getReportVersion(
  db: Kysely<Database>,
  input: ReportKeyInput & { version: number },
): Promise<StoredVersion> {
  const key = await resolveReportKey(db, input);
  const row = await db
    .selectFrom('report_versions')
    .selectAll()
    .where('unit', '=', key.unit)
    .where('scope', '=', key.scope)
    .where('year', '=', key.year)
    .where('month', '=', key.month)
    .where('version', '=', input.version)
    .executeTakeFirst();
  if (!row)
    throw new DomainError(
      'NOT_FOUND',
      `Không có phiên bản ${input.version} của ${reportLabelVi(key, key.record.name)}`,
    );
  return { ...summarizeVersion(row), content: parseVersionContent(row), text: row.content };
}

/**
 * The signer to print under "Thủ trưởng đơn vị" on the forms of a report: the signer of its latest
 * version while the report stands submitted or approved; null otherwise (a draft or returned report
 * is not signed as it stands).
 */
export async function currentSignerName(
  db: Kysely<Database>,
  input: ReportKeyInput,
): Promise<string | null> {
  const key = await resolveReportKey(db, input);
  const row = await findRow(db, key);
  if (!row || (row.status !== 'submitted' && row.status !== 'approved')) return null;
  const version = await latestVersionRow(db, key);
  return version?.signer_name ?? null;
}

export interface StatusBoardRow {
  unit: string;
  unitName: string;
  parent: string | null;
  scope: Scope;
  isCuc: boolean;
  /** The unit has units under it (its reports are `own` and `total`). */
  hasChildren: boolean;
  status: ReportWorkflowStatus;
  currentVersion: number;
  firstSubmittedAt: string | null;
  deadline: string;
  timeliness: Timeliness;
  locksThrough: string | null;
}

/**
 * Every report of a period for the units given (default every active unit): a unit with units
 * under it has two (`own`, then `total`), every other unit one. In unit tree order (the Cục first).
 */
export async function reportStatusBoard(
  db: Kysely<Database>,
  params: { year: number; month: number; units?: ReadonlySet<string> },
  now: Date,
): Promise<StatusBoardRow[]> {
  try {
    reportPeriod(params.year, params.month);
  } catch (error) {
    throw new DomainError('INVALID_INPUT', error instanceof Error ? error.message : String(error));
  }
  const units = await listUnits(db);
  const rows = await db
    .selectFrom('reports')
    .selectAll()
    .where('year', '=', params.year)
    .where('month', '=', params.month)
    .execute();
  const byKey = new Map(rows.map((r) => [`${r.unit}/${r.scope}`, r]));
  const ruleSet = ruleSetForYear(params.year);
  const ordered: UnitRecord[] = [];
  const roots = units.filter((u) => u.parent === null || !units.some((p) => p.code === u.parent));
  for (const root of roots)
    for (const code of subtreeCodes(units, root.code))
      ordered.push(units.find((u) => u.code === code)!);
  const out: StatusBoardRow[] = [];
  for (const unit of ordered) {
    if (!unit.active) continue;
    if (params.units && !params.units.has(unit.code)) continue;
    const hasChildren = units.some((u) => u.parent === unit.code);
    const isCuc = isCucUnit(unit);
    for (const scope of hasChildren ? (['own', 'total'] as const) : (['total'] as const)) {
      const row = byKey.get(`${unit.code}/${scope}`);
      out.push({
        unit: unit.code,
        unitName: unit.name,
        parent: unit.parent,
        scope,
        isCuc,
        hasChildren,
        status: statusOf(row),
        currentVersion: Number(row?.current_version ?? 0),
        firstSubmittedAt: row?.first_submitted_at ?? null,
        deadline: submissionDeadline(params.year, params.month, isCuc, ruleSet),
        timeliness: timelinessOf(
          row?.first_submitted_at ?? null,
          now.toISOString(),
          params.year,
          params.month,
          isCuc,
          ruleSet,
        ),
        locksThrough: row?.locks_through ?? null,
      });
    }
  }
  return out;
}

// --- Unlock requests -----------------------------------------------------------------------------

export type UnlockStatus = 'pending' | 'granted' | 'rejected';

export interface UnlockRequestView {
  id: number;
  unit: string;
  unitName: string;
  year: number;
  month: number;
  /** The first day the request opens: day 1 of the calendar month of (year, month). */
  from: string;
  reason: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  status: UnlockStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

function firstDayOf(year: number, month: number): string {
  const cal = calendarMonthOf(year, month);
  return isoDate(cal.year, cal.month, 1);
}

/**
 * Asks the Cục to reopen a unit's registry from working-year month (year, month) on: the unit's
 * registry must be locked at the start of that month, or an approved report of the unit computed
 * from aggregate lines must end on or after it. CONFLICT otherwise.
 */
export async function requestUnlock(
  db: Kysely<Database>,
  input: { unit: string; year: number; month: number; reason: string },
  actor: WorkflowActor,
  now: Date,
): Promise<{ id: number }> {
  const reason = requireReason(input.reason, 'mở khóa');
  return db.transaction().execute(async (trx) => {
    const key = await resolveReportKey(trx, { ...input, scope: 'own' });
    const lock = await registryLockOf(trx, key.unit);
    const from = firstDayOf(key.year, key.month);
    // An approved report from aggregate lines locks only its lines: reopening it is an unlock too.
    const approvedAggregate = (
      await trx
        .selectFrom('reports')
        .select(['year', 'month'])
        .where('unit', '=', key.unit)
        .where('status', '=', 'approved')
        .where('locks_through', 'is', null)
        .execute()
    ).some((r) => reportPeriod(Number(r.year), Number(r.month)).end >= from);
    if ((!lock || lock.through < from) && !approvedAggregate)
      throw new DomainError(
        'CONFLICT',
        `Sổ thụ lý của ${key.record.name} (${key.unit}) không bị khóa từ ngày ${formatViDate(from)}${
          lock ? ` (chỉ khóa đến hết ngày ${formatViDate(lock.through)})` : ''
        }: không cần mở khóa`,
      );
    const inserted = await trx
      .insertInto('unlock_requests')
      .values({
        unit: key.unit,
        year: key.year,
        month: key.month,
        reason,
        requested_by: actor.username,
        requested_by_name: actor.name,
        requested_at: now.toISOString(),
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(inserted.id);
    await recordAudit(trx, {
      actor: auditActor(actor),
      at: now,
      entity: 'unlock_request',
      entityId: String(id),
      action: 'create',
      unit: key.unit,
      after: { unit: key.unit, year: key.year, month: key.month, from, reason, status: 'pending' },
    });
    return { id };
  });
}

/**
 * Grants or rejects a pending unlock request (cuc_manager). Granting reopens (approved → returned,
 * lock lifted) every approved report of the unit whose lock reaches the first day of the requested
 * month, and every approved `total` above it (and its own) for the periods ending on or after that
 * day, so no approved report stands on data that may now change; each is then resubmitted as a new
 * version and approved again, which locks again. A rejection needs a note (the reason).
 */
export async function decideUnlock(
  db: Kysely<Database>,
  input: { id: number; grant: boolean; note?: string | undefined },
  actor: WorkflowActor,
  now: Date,
): Promise<{ reopened: ReportKey[] }> {
  assertManager(actor, 'duyệt được yêu cầu mở khóa');
  const note = input.grant
    ? (input.note ?? '').trim() || null
    : requireReason(input.note ?? '', 'từ chối');
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('unlock_requests')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!request) throw new DomainError('NOT_FOUND', `Không có yêu cầu mở khóa số ${input.id}`);
    if (request.status !== 'pending')
      throw new DomainError(
        'CONFLICT',
        `Yêu cầu mở khóa số ${input.id} đã được ${request.status === 'granted' ? 'chấp thuận' : 'từ chối'}`,
      );
    const at = now.toISOString();
    const status: UnlockStatus = input.grant ? 'granted' : 'rejected';
    await trx
      .updateTable('unlock_requests')
      .set({ status, decided_by: actor.username, decided_at: at, decision_note: note })
      .where('id', '=', input.id)
      .execute();
    const reopened: ReportKey[] = [];
    if (input.grant) {
      const from = firstDayOf(Number(request.year), Number(request.month));
      const units = await listUnits(trx);
      // The unit itself and every unit above it (their totals cover it).
      const chain: string[] = [];
      for (let u = units.find((x) => x.code === request.unit); u;) {
        chain.push(u.code);
        const parent = u.parent;
        u = parent === null ? undefined : units.find((x) => x.code === parent);
      }
      const approved = await trx
        .selectFrom('reports')
        .selectAll()
        .where('status', '=', 'approved')
        .where('unit', 'in', chain)
        .execute();
      const reason = `Mở khóa sổ thụ lý từ ngày ${formatViDate(from)} theo yêu cầu số ${input.id}: ${request.reason}`;
      for (const row of approved) {
        const key: ReportKey = {
          unit: row.unit,
          scope: row.scope as Scope,
          year: Number(row.year),
          month: Number(row.month),
        };
        const own = row.unit === request.unit && row.locks_through !== null;
        const above = row.scope === 'total' && row.locks_through === null;
        if (!own && !above) continue;
        if (reportPeriod(key.year, key.month).end < from) continue;
        nextStatus('approved', 'reopen');
        await trx
          .updateTable('reports')
          .set({
            status: 'returned',
            locks_through: null,
            updated_at: at,
            updated_by: actor.username,
          })
          .where('unit', '=', key.unit)
          .where('scope', '=', key.scope)
          .where('year', '=', key.year)
          .where('month', '=', key.month)
          .execute();
        await writeAction(trx, key, 'reopen', actor, now, {
          version: Number(row.current_version),
          reason,
        });
        await recordAudit(trx, {
          actor: auditActor(actor),
          at: now,
          entity: 'report',
          entityId: entityId(key),
          action: 'reopen',
          unit: key.unit,
          before: { status: 'approved', locksThrough: row.locks_through },
          after: { status: 'returned', locksThrough: null, unlockRequest: input.id },
        });
        reopened.push(key);
      }
    }
    await recordAudit(trx, {
      actor: auditActor(actor),
      at: now,
      entity: 'unlock_request',
      entityId: String(input.id),
      action: input.grant ? 'grant' : 'reject',
      unit: request.unit,
      before: { status: 'pending' },
      after: {
        status,
        note,
        reopened: reopened.map((k) => entityId(k)),
      },
    });
    return { reopened };
  });
}

/** Unlock requests, newest first, of the given units (default all) and status (default any). */
export async function listUnlockRequests(
  db: Kysely<Database>,
  params: { units?: ReadonlySet<string>; status?: UnlockStatus } = {},
): Promise<UnlockRequestView[]> {
  let query = db.selectFrom('unlock_requests').selectAll().orderBy('id', 'desc');
  if (params.status) query = query.where('status', '=', params.status);
  const rows = await query.execute();
  const names = new Map((await listUnits(db)).map((u) => [u.code, u.name]));
  return rows
    .filter((r) => !params.units || params.units.has(r.unit))
    .map((r) => ({
      id: Number(r.id),
      unit: r.unit,
      unitName: names.get(r.unit) ?? r.unit,
      year: Number(r.year),
      month: Number(r.month),
      from: firstDayOf(Number(r.year), Number(r.month)),
      reason: r.reason,
      requestedBy: r.requested_by,
      requestedByName: r.requested_by_name,
      requestedAt: r.requested_at,
      status: r.status as UnlockStatus,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
      decisionNote: r.decision_note,
    }));
}
