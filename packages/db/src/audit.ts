/**
 * The audit trail (issue 4): every change writes, in the SAME transaction, who, when, which entity
 * and its values before and after. The log is append-only (triggers refuse UPDATE and DELETE) and
 * hash-chained: row n stores `prev_hash` = the hash of row n−1 (64 zeros for row 1) and `hash` =
 * SHA-256 of its canonical content including `prev_hash`, so an edited, removed or inserted row
 * breaks the chain from there on (`verifyAuditChain`, `pnpm thads audit verify`).
 *
 * Writers: call `recordAudit(trx, entry)` (or `recordAuditBatch`) inside the transaction of the
 * change. Appends are serialised: on PostgreSQL by a transaction-scoped advisory lock taken before
 * the last row is read; on SQLite by the database's single writer (a transaction that read a stale
 * last row cannot commit its write). On PostgreSQL `recordAudit` reads the last row and inserts the
 * record in one statement, the database computing the same hash (`appendAfterHead`).
 */
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { AuditLogRow, Database } from './schema.js';
import { insertRows } from './write-helpers.js';

/** Who did it: a username (or `cli` / `anonymous`) and the role the account had then. */
export interface AuditActor {
  username: string;
  role: string | null;
}

/** The command line, when no signed-in user stands behind it. */
export const CLI_ACTOR: AuditActor = { username: 'cli', role: null };
/** A visitor without a session (failed logins). */
export const ANONYMOUS_ACTOR: AuditActor = { username: 'anonymous', role: null };
/** Names the audit trail uses for non-persons; no account may take them. */
export const RESERVED_USERNAMES: readonly string[] = ['cli', 'anonymous', 'system'];

export interface AuditEntry {
  actor: AuditActor;
  /** When the change happened (the request's or command's clock). */
  at: Date;
  /** unit, officer, case, aggregate_line, user, session, import, … */
  entity: string;
  entityId: string;
  /** create, update, delete, login, login_failed, logout, import, … */
  action: string;
  /** The unit the change concerns (for filtering by unit), if any. */
  unit?: string | null;
  /**
   * Values before (null/undefined for a creation) and after (null/undefined for a deletion); a
   * `CanonicalJson` is stored as its text.
   */
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Advisory lock key of the audit chain on PostgreSQL ('thads' in ASCII). */
const AUDIT_LOCK_KEY = 0x7468616473n;

/**
 * JSON with object keys sorted at every level, `bigint` as a string of digits, `Date` as ISO 8601,
 * undefined properties left out: the same value always gives the same text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

/**
 * A value given as its canonical JSON text already: writers of many records (imports) build the
 * text directly, which costs a fraction of `canonicalJson`'s sorting of every object's keys.
 */
export class CanonicalJson {
  constructor(readonly text: string) {}
}

/** The stored text of a record's before or after value. */
function storedJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return value instanceof CanonicalJson ? value.text : canonicalJson(value);
}

function canonical(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

interface HashedFields {
  seq: bigint;
  at: string;
  actor: string;
  actor_role: string | null;
  unit: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
}

/** SHA-256 (hex) of a row's canonical content: a JSON array of its fields in a fixed order. */
export function auditRowHash(row: HashedFields): string {
  const content = JSON.stringify([
    'thads-audit-v1',
    row.seq.toString(),
    row.at,
    row.actor,
    row.actor_role,
    row.unit,
    row.entity,
    row.entity_id,
    row.action,
    row.before,
    row.after,
    row.prev_hash,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The SQL call that takes the audit chain's lock on PostgreSQL (transaction-scoped). A writer that
 * takes it inside a statement of its own (`recordAudit(…, { locked: true })`) must call it only
 * after every row lock of its transaction, and in a statement BEFORE the one that reads the
 * chain's head (READ COMMITTED takes a statement's snapshot when the statement starts: a head read
 * in the statement that waited for the lock could miss the record of the writer it waited for).
 */
export function auditLockCall(): RawBuilder<unknown> {
  return sql`pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
}

async function chainHead(trx: Kysely<Database>): Promise<{ seq: bigint; hash: string }> {
  if (isPostgres(trx)) await sql`select ${auditLockCall()}`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ? { seq: BigInt(last.seq), hash: last.hash } : { seq: 0n, hash: GENESIS_HASH };
}

/** A record's fields but its hash. */
function fieldsOf(entry: AuditEntry, seq: bigint, prevHash: string): HashedFields {
  return {
    seq,
    at: entry.at.toISOString(),
    actor: entry.actor.username,
    actor_role: entry.actor.role,
    unit: entry.unit ?? null,
    entity: entry.entity,
    entity_id: entry.entityId,
    action: entry.action,
    before: storedJson(entry.before),
    after: storedJson(entry.after),
    prev_hash: prevHash,
  };
}

function toRow(entry: AuditEntry, seq: bigint, prevHash: string): HashedFields & { hash: string } {
  const fields = fieldsOf(entry, seq, prevHash);
  return { ...fields, hash: auditRowHash(fields) };
}

function requireTransaction(trx: Kysely<Database>): void {
  if (!trx.isTransaction)
    throw new Error('recordAudit must run inside the transaction of the change it records');
}

/** Rows per multi-row insert of audit rows (12 columns: far below both dialects' limits). */
const AUDIT_ROWS_PER_INSERT = 1000;
/** The columns of an audit record, as `recordAuditBatch` inserts them. */
export const AUDIT_COLUMNS = [
  'seq',
  'at',
  'actor',
  'actor_role',
  'unit',
  'entity',
  'entity_id',
  'action',
  'before',
  'after',
  'prev_hash',
  'hash',
] as const;

/**
 * Appends one audit record in the caller's transaction (throws when `trx` is not a transaction).
 * Returns its sequence number and hash.
 */
export async function recordAudit(
  trx: Kysely<Database>,
  entry: AuditEntry,
  /**
   * `locked`: the caller took the chain's lock already, in an earlier statement of this
   * transaction (`auditLockCall`); PostgreSQL only.
   */
  options: { locked?: boolean } = {},
): Promise<{ seq: bigint; hash: string }> {
  requireTransaction(trx);
  if (isPostgres(trx)) {
    if (!options.locked) await sql`select ${auditLockCall()}`.execute(trx);
    return appendAfterHead(trx, entry);
  }
  const head = await chainHead(trx);
  const row = toRow(entry, head.seq + 1n, head.hash);
  await trx.insertInto('audit_log').values(row).execute();
  return { seq: row.seq, hash: row.hash };
}

/**
 * PostgreSQL, with the chain's lock held (taken in an earlier statement): reads the head and
 * inserts the record after it in ONE statement, the hash computed by the database. The hashed
 * content (`auditRowHash`) is JSON text in which only the sequence number and the previous hash
 * depend on the head, and both are plain digits and hex that JSON writes unescaped: the text
 * around them is built here with JSON.stringify, the database puts in the two values and takes the
 * SHA-256 of the UTF-8 bytes, as `auditRowHash` does.
 */
async function appendAfterHead(
  trx: Kysely<Database>,
  entry: AuditEntry,
): Promise<{ seq: bigint; hash: string }> {
  // The head's seq and hash are put in by the database; the hash is the database's too.
  const fields = fieldsOf(entry, 0n, '');
  const middle = JSON.stringify([
    fields.at,
    fields.actor,
    fields.actor_role,
    fields.unit,
    fields.entity,
    fields.entity_id,
    fields.action,
    fields.before,
    fields.after,
  ]).slice(1, -1);
  const text = (value: string | null) => sql`cast(${value} as text)`;
  const { rows } = await sql<{ seq: bigint | string; hash: string }>`
    insert into audit_log (seq, at, actor, actor_role, unit, entity, entity_id, action, before, after,
      prev_hash, hash)
    select head.seq + 1, ${text(fields.at)}, ${text(fields.actor)}, ${text(fields.actor_role)},
      ${text(fields.unit)}, ${text(fields.entity)}, ${text(fields.entity_id)}, ${text(fields.action)},
      ${text(fields.before)}, ${text(fields.after)}, head.hash,
      encode(sha256(convert_to(${text('["thads-audit-v1","')} || cast(head.seq + 1 as text)
        || ${text(`",${middle},"`)} || head.hash || ${text('"]')}, 'UTF8')), 'hex')
    from (
      select coalesce(last.seq, 0) as seq, coalesce(last.hash, ${text(GENESIS_HASH)}) as hash
      from (select 1) as one
      left join (select seq, hash from audit_log order by seq desc limit 1) as last on true
    ) as head
    returning seq, hash`.execute(trx);
  const row = rows[0]!;
  return { seq: BigInt(row.seq), hash: row.hash };
}

/** Appends many audit records, in order, in the caller's transaction. Returns how many. */
export async function recordAuditBatch(
  trx: Kysely<Database>,
  entries: Iterable<AuditEntry>,
): Promise<number> {
  requireTransaction(trx);
  let head: { seq: bigint; hash: string } | null = null;
  let batch: ReturnType<typeof toRow>[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await insertRows(
      trx,
      'audit_log',
      AUDIT_COLUMNS,
      batch.map((row) => AUDIT_COLUMNS.map((c) => row[c])),
    );
    batch = [];
  };
  for (const entry of entries) {
    head ??= await chainHead(trx);
    const row = toRow(entry, head.seq + 1n, head.hash);
    head = { seq: row.seq, hash: row.hash };
    batch.push(row);
    count++;
    if (batch.length >= AUDIT_ROWS_PER_INSERT) await flush();
  }
  await flush();
  return count;
}

export type AuditVerification =
  | { ok: true; count: number }
  | {
      ok: false;
      /** Records checked and found intact before the broken one. */
      count: number;
      /** The first record that does not fit the chain. */
      seq: bigint;
      /** Vietnamese: what is wrong with it. */
      reason: string;
    };

/** Walks the whole chain in order; stops at the first record that does not fit. */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: { batchSize?: number } = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 5000;
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq as never)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { ok: true, count };
    for (const row of rows) {
      const seq = BigInt(row.seq);
      if (seq !== expectedSeq)
        return {
          ok: false,
          count,
          seq,
          reason: `thiếu bản ghi số ${expectedSeq} (bản ghi tiếp theo là số ${seq})`,
        };
      if (row.prev_hash !== prevHash)
        return {
          ok: false,
          count,
          seq,
          reason:
            'mã băm của bản ghi trước không khớp (bản ghi trước đã bị sửa, xoá hoặc chèn thêm)',
        };
      if (auditRowHash({ ...row, seq }) !== row.hash)
        return {
          ok: false,
          count,
          seq,
          reason: 'nội dung đã bị sửa sau khi ghi (mã băm không khớp)',
        };
      prevHash = row.hash;
      expectedSeq = seq + 1n;
      count++;
    }
  }
}

export interface AuditFilter {
  /** Exact username (or `cli`, `anonymous`). */
  actor?: string;
  /** Records concerning any of these units (the caller expands a unit to its subtree). */
  units?: readonly string[];
  entity?: string;
  entityId?: string;
  /** Inclusive bounds on `at`, ISO 8601 (a date `YYYY-MM-DD` works as a prefix bound). */
  from?: string;
  to?: string;
}

export interface AuditRecord {
  seq: string;
  at: string;
  actor: string;
  actorRole: string | null;
  unit: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: string | null;
  after: string | null;
}

function toRecord(row: AuditLogRow): AuditRecord {
  return {
    seq: BigInt(row.seq).toString(),
    at: row.at,
    actor: row.actor,
    actorRole: row.actor_role,
    unit: row.unit,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    before: row.before,
    after: row.after,
  };
}

/** A page of the log, newest first, with the total matching the filter. */
export async function listAudit(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { offset: number; limit: number },
): Promise<{ total: number; records: AuditRecord[] }> {
  let query = db.selectFrom('audit_log');
  if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
  if (filter.units !== undefined) {
    if (filter.units.length === 0) return { total: 0, records: [] };
    query = query.where('unit', 'in', [...filter.units]);
  }
  if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', filter.entityId);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  // A bare date as upper bound includes that whole day.
  if (filter.to !== undefined)
    query = query.where('at', '<=', filter.to.length === 10 ? `${filter.to}T99` : filter.to);
  const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('seq', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total: Number(total.n), records: rows.map(toRecord) };
}

/** Distinct entity names in the log, for the console's filter. */
export async function auditEntities(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('entity')
    .distinct()
    .orderBy('entity')
    .execute();
  return rows.map((r) => r.entity);
}
