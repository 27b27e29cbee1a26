/**
 * The public list of "chưa có điều kiện" debtors (statistics.md §11, issue 10).
 *
 * Entries are derived from the registry (an `unable` event and whatever ended it, see
 * @thads/domain's `unableDecisions`), so imports and event edits need no hook and the list always
 * follows the registry. Stored beside it: publication records, address withholdings and the
 * automatic-publication setting (migration 2025-11-28-public-list). Every write runs in one
 * transaction with its audit record.
 *
 * The public page (`publicListPage`) is one SQL query (the page, with the total as a window): unable events not ended by
 * an event dated by today, published on or before today, of the unit, whose debtor's folded name
 * contains the folded search (`cases.debtor_folded`: statistics.md §11's folding, done in
 * TypeScript by every writer of the registry, since neither SQLite nor PostgreSQL folds Unicode the
 * same way without extensions); only the page's rows are then read in full. See the README's
 * "Public list" section for numbers.
 */
import {
  DomainError,
  ENTRY_ENDING_KINDS,
  caseContribution,
  caseStateOn,
  compareBytes,
  entryKeyString,
  entryStatusOn,
  foldForSearch,
  isValidIsoDate,
  matchesFilter,
  publicListFindings,
  publicationDateOf,
  reconcilePublicList,
  reportPeriod,
  reverificationList,
  subtreeCodes,
  unableDecisions,
  type CaseState,
  type ContributionFilter,
  type EntryEnding,
  type EntryKey,
  type EntryStatus,
  type Finding,
  type IsoDate,
  type Period,
  type PublicationRecord,
  type PublicationSettings,
  type ReplayedCase,
  type ReverificationItem,
  type RuleSet,
  type Scope,
  type UnableDecision,
  type UnableGround,
} from '@thads/domain';
import { sql, type Insertable, type Kysely } from 'kysely';
import { recordAudit, recordAuditBatch, type AuditActor, type AuditEntry } from '../audit.js';
import type { Database, PublicListPublicationsTable } from '../schema.js';
import {
  caseEventFromRow,
  caseFactsFromRow,
  chunks,
  registryCaseOf,
  replayStored,
  type CaseFacts,
} from './cases.js';
import { listUnits, unitNotFound } from './units.js';

/** The kinds that end an entry, for SQL. */
const ENDING_KINDS: string[] = [...ENTRY_ENDING_KINDS];

export const PUBLIC_LIST_PAGE_SIZE = 20;

/** One row of the public page and of its exports: the fields of statistics.md §11, nothing else. */
export interface PublicListRow {
  unit: string;
  unitName: string;
  debtorName: string | null;
  /** Null when withheld (then `addressWithheld`) or not recorded. */
  debtorAddress: string | null;
  addressWithheld: boolean;
  /** Bản án, quyết định of the court. */
  judgmentRef: string | null;
  /** Số and ngày of the QĐ THA. */
  enforcementDecisionNo: string | null;
  enforcementDecisionDate: string | null;
  /** The nature of the obligation not yet executed. */
  obligation: string | null;
  /** What remained to execute at the unable decision, in đồng. */
  remaining: bigint;
  ground: UnableGround;
  decisionNo: string;
  decisionDate: string;
  publishedOn: string;
}

export interface PublicListQuery {
  /** The local date (Asia/Ho_Chi_Minh) of the request. */
  today: IsoDate;
  /** Name search, folded as §11 says; blank means every name. */
  q?: string | null;
  /** A unit code: only its entries (the unit itself, not the units under it). */
  unit?: string | null;
}

export interface PublicListPage {
  rows: PublicListRow[];
  /** Entries matching the query, on every page. */
  total: number;
  /** 1-based, clamped to [1, pageCount]. */
  page: number;
  pageCount: number;
  pageSize: number;
}

/** Cases by id with facts and replayed events (those that exist). */
async function loadReplayed(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { facts: CaseFacts; replayed: ReplayedCase }>> {
  const out = new Map<string, { facts: CaseFacts; replayed: ReplayedCase }>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('cases').selectAll().where('id', 'in', part).execute();
    if (rows.length === 0) continue;
    const events = await db
      .selectFrom('case_events')
      .select(['case_id', 'date', 'kind', 'amount', 'officer', 'ground', 'decision_no'])
      .where('case_id', 'in', part)
      .orderBy('case_id')
      .orderBy('date')
      .orderBy('seq')
      .execute();
    const byCase = new Map<string, ReturnType<typeof caseEventFromRow>[]>();
    for (const e of events) {
      let list = byCase.get(e.case_id);
      if (!list) byCase.set(e.case_id, (list = []));
      list.push(caseEventFromRow(e));
    }
    for (const row of rows) {
      const facts = caseFactsFromRow(row);
      const replayed = replayStored(registryCaseOf(facts, byCase.get(row.id) ?? []));
      out.set(row.id, { facts, replayed });
    }
  }
  return out;
}

/** The ids of the cases of these units that have at least one unable decision. */
async function casesWithUnable(db: Kysely<Database>, units: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(units)) {
    const rows = await db
      .selectFrom('cases as c')
      .select('c.id')
      .where('c.unit', 'in', part)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_events as e')
            .select(sql`1`.as('one'))
            .whereRef('e.case_id', '=', 'c.id')
            .where('e.kind', '=', 'unable'),
        ),
      )
      .execute();
    for (const r of rows) ids.push(r.id);
  }
  return ids.sort(compareBytes);
}

// ---------------------------------------------------------------------------------------------
// Settings and records.
// ---------------------------------------------------------------------------------------------

export interface PublicListSettingsView extends PublicationSettings {
  updatedBy: string | null;
  updatedAt: string | null;
}

export async function getPublicListSettings(db: Kysely<Database>): Promise<PublicListSettingsView> {
  const row = await db
    .selectFrom('public_list_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();
  return {
    autoPublishFrom: row?.auto_publish_from ?? null,
    updatedBy: row?.updated_by ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

export interface PublicationRecordView extends PublicationRecord {
  source: 'confirmed' | 'automatic';
  recordedBy: string;
  recordedAt: string;
  withdrawnReason: string | null;
}

/** The publication records of these cases. */
export async function loadPublicationRecords(
  db: Kysely<Database>,
  caseIds: readonly string[],
): Promise<PublicationRecordView[]> {
  const out: PublicationRecordView[] = [];
  for (const part of chunks([...new Set(caseIds)])) {
    const rows = await db
      .selectFrom('public_list_publications')
      .selectAll()
      .where('case_id', 'in', part)
      .execute();
    for (const r of rows)
      out.push({
        caseId: r.case_id,
        decisionNo: r.decision_no,
        decisionDate: r.decision_date,
        publishedOn: r.published_on,
        withdrawnOn: r.withdrawn_on,
        source: r.source === 'automatic' ? 'automatic' : 'confirmed',
        recordedBy: r.recorded_by,
        recordedAt: r.recorded_at,
        withdrawnReason: r.withdrawn_reason,
      });
  }
  return out;
}

async function loadWithholdings(
  db: Kysely<Database>,
  caseIds: readonly string[],
): Promise<Map<string, { reason: string; by: string; at: string }>> {
  const out = new Map<string, { reason: string; by: string; at: string }>();
  for (const part of chunks([...new Set(caseIds)])) {
    const rows = await db
      .selectFrom('public_list_withholdings')
      .selectAll()
      .where('case_id', 'in', part)
      .execute();
    for (const r of rows)
      out.set(r.case_id, { reason: r.reason, by: r.withheld_by, at: r.withheld_at });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The public page and its exports.
// ---------------------------------------------------------------------------------------------

interface Candidate {
  caseId: string;
  decisionNo: string;
  decisionDate: string;
  publishedOn: string;
}

/** `text` as a LIKE pattern that matches it literally (escape character `\`). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The standing, published entries of the query, newest publication first, then by name, as SQL:
 * the unable events that no event dated by today ended, published on or before today (by a record
 * not withdrawn, or by the automatic setting), of the unit, whose debtor's folded name
 * (`cases.debtor_folded`, written by every writer of the registry) contains the folded search.
 * With `page`, the total and that slice only; otherwise every row.
 */
async function publishedCandidates(
  db: Kysely<Database>,
  query: PublicListQuery,
  page?: { offset: number; limit: number },
): Promise<{ total: number; candidates: Candidate[] }> {
  const { today } = query;
  const settings = await getPublicListSettings(db);
  let base = db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .leftJoin('public_list_publications as p', (join) =>
      join
        .onRef('p.case_id', '=', 'e.case_id')
        .onRef('p.decision_no', '=', 'e.decision_no')
        .onRef('p.decision_date', '=', 'e.date'),
    )
    .where('e.kind', '=', 'unable')
    .where('e.date', '<=', today)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('case_events as x')
            .select(sql`1`.as('one'))
            .whereRef('x.case_id', '=', 'e.case_id')
            .where('x.kind', 'in', ENDING_KINDS)
            .where('x.date', '<=', today)
            .where((w) =>
              w.or([
                w('x.date', '>', w.ref('e.date')),
                w.and([w('x.date', '=', w.ref('e.date')), w('x.seq', '>', w.ref('e.seq'))]),
              ]),
            ),
        ),
      ),
    )
    .where((eb) => {
      const byRecord = eb.and([
        eb('p.published_on', '<=', today),
        eb.or([eb('p.withdrawn_on', 'is', null), eb('p.withdrawn_on', '>', today)]),
      ]);
      if (settings.autoPublishFrom === null) return byRecord;
      return eb.or([
        byRecord,
        eb.and([eb('p.case_id', 'is', null), eb('e.date', '>=', settings.autoPublishFrom)]),
      ]);
    });
  const unit = query.unit?.trim();
  if (unit) base = base.where('c.unit', '=', unit);
  const folded = query.q ? foldForSearch(query.q) : '';
  if (folded !== '')
    base = base.where(
      sql<boolean>`c.debtor_folded like ${`%${likeLiteral(folded)}%`} escape ${sql.lit('\\')}`,
    );

  const shownOn = sql<string>`coalesce(p.published_on, e.date)`;
  const ordered = base
    .select([
      'e.case_id',
      'e.decision_no',
      'e.date',
      shownOn.as('shown_on'),
      // The total of the whole result in the same pass (a window over every row).
      sql<number | bigint | string>`count(*) over ()`.as('total'),
    ])
    .orderBy(shownOn, 'desc')
    .orderBy('c.debtor_folded')
    .orderBy('c.debtor_name')
    .orderBy('e.case_id')
    .orderBy('e.date');
  const rows = await (page ? ordered.offset(page.offset).limit(page.limit) : ordered).execute();
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && page && page.offset > 0) {
    // Past the end: the window saw no row, count on its own.
    const counted = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    total = Number(counted.n);
  }
  return {
    total,
    candidates: rows.map((r) => ({
      caseId: r.case_id,
      decisionNo: r.decision_no ?? '',
      decisionDate: r.date,
      publishedOn: r.shown_on,
    })),
  };
}

/** The §11 fields of these candidates, in their order. */
async function toPublicRows(
  db: Kysely<Database>,
  candidates: readonly Candidate[],
): Promise<PublicListRow[]> {
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.caseId);
  const cases = await loadReplayed(db, ids);
  const withheld = await loadWithholdings(db, ids);
  const unitNames = new Map((await listUnits(db)).map((u) => [u.code, u.name]));
  const rows: PublicListRow[] = [];
  for (const c of candidates) {
    const loaded = cases.get(c.caseId);
    if (!loaded) continue; // removed between the two queries
    const decision = unableDecisions(loaded.replayed).find(
      (d) => d.decisionNo === c.decisionNo && d.decisionDate === c.decisionDate,
    );
    if (!decision) continue;
    const { facts } = loaded;
    const isWithheld = withheld.has(c.caseId);
    rows.push({
      unit: facts.unit,
      unitName: unitNames.get(facts.unit) ?? facts.unit,
      debtorName: facts.debtorName,
      debtorAddress: isWithheld ? null : facts.debtorAddress,
      addressWithheld: isWithheld,
      judgmentRef: facts.judgmentRef,
      enforcementDecisionNo: facts.decisionNo,
      enforcementDecisionDate: facts.decisionDate,
      obligation: facts.obligation,
      remaining: decision.remainingAtDecision,
      ground: decision.ground,
      decisionNo: decision.decisionNo,
      decisionDate: decision.decisionDate,
      publishedOn: c.publishedOn,
    });
  }
  return rows;
}

/**
 * One page of the public list (interfaces.md §6 `/cong-khai`): standing entries published on or
 * before `today`, filtered by name and unit. `page` is 1-based and clamped to the pages there are.
 */
export async function publicListPage(
  db: Kysely<Database>,
  query: PublicListQuery & { page?: number; pageSize?: number },
): Promise<PublicListPage> {
  const pageSize = Math.max(1, Math.min(query.pageSize ?? PUBLIC_LIST_PAGE_SIZE, 200));
  const requested = Number.isInteger(query.page) ? Math.max(1, query.page!) : 1;
  let result = await publishedCandidates(db, query, {
    offset: (requested - 1) * pageSize,
    limit: pageSize,
  });
  const pageCount = Math.max(1, Math.ceil(result.total / pageSize));
  const page = Math.min(requested, pageCount);
  // Past the last page: show the last one.
  if (page !== requested)
    result = await publishedCandidates(db, query, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
  return {
    rows: await toPublicRows(db, result.candidates),
    total: result.total,
    page,
    pageCount,
    pageSize,
  };
}

/** Every row of the query, for the CSV and XLSX exports. */
export async function publicListRows(
  db: Kysely<Database>,
  query: PublicListQuery,
): Promise<PublicListRow[]> {
  return toPublicRows(db, (await publishedCandidates(db, query)).candidates);
}

// ---------------------------------------------------------------------------------------------
// The console: entries of units with their status, the publication queue.
// ---------------------------------------------------------------------------------------------

/** An entry as the console shows it (internal: it carries the case id). */
export interface PublicListEntryView extends EntryKey {
  unit: string;
  debtorName: string | null;
  debtorAddress: string | null;
  ground: UnableGround;
  remaining: bigint;
  ending: EntryEnding | null;
  publishedOn: string | null;
  /** How the publication date came: a record (confirmed or automatic) or the setting. */
  publicationSource: 'confirmed' | 'automatic' | 'setting' | null;
  status: EntryStatus;
  addressWithheld: boolean;
  withholdingReason: string | null;
}

function entryView(
  decision: UnableDecision,
  facts: CaseFacts,
  record: PublicationRecordView | undefined,
  settings: PublicationSettings,
  withholding: { reason: string } | undefined,
  today: IsoDate,
): PublicListEntryView {
  const publishedOn = publicationDateOf(decision, record, settings);
  return {
    caseId: decision.caseId,
    decisionNo: decision.decisionNo,
    decisionDate: decision.decisionDate,
    unit: decision.unit,
    debtorName: facts.debtorName,
    debtorAddress: facts.debtorAddress,
    ground: decision.ground,
    remaining: decision.remainingAtDecision,
    ending: decision.ending,
    publishedOn,
    publicationSource: record ? record.source : publishedOn !== null ? 'setting' : null,
    status: entryStatusOn(decision, publishedOn, record?.withdrawnOn ?? null, today),
    addressWithheld: withholding !== undefined,
    withholdingReason: withholding?.reason ?? null,
  };
}

/**
 * Every entry (standing or ended) of the cases of these units (or of these cases: `caseIds`, the
 * case detail of the console), newest decision first. With `statuses`, only entries in those
 * statuses today.
 */
export async function listPublicListEntries(
  db: Kysely<Database>,
  params: {
    units: readonly string[];
    caseIds?: readonly string[];
    today: IsoDate;
    statuses?: readonly EntryStatus[];
  },
): Promise<PublicListEntryView[]> {
  const ids = params.caseIds ? [...params.caseIds] : await casesWithUnable(db, params.units);
  const cases = await loadReplayed(db, ids);
  const records = new Map(
    (await loadPublicationRecords(db, ids)).map((r) => [entryKeyString(r), r]),
  );
  const withheld = await loadWithholdings(db, ids);
  const settings = await getPublicListSettings(db);
  const out: PublicListEntryView[] = [];
  for (const id of ids) {
    const loaded = cases.get(id);
    if (!loaded) continue;
    for (const d of unableDecisions(loaded.replayed)) {
      const view = entryView(
        d,
        loaded.facts,
        records.get(entryKeyString(d)),
        settings,
        withheld.get(id),
        params.today,
      );
      if (!params.statuses || params.statuses.includes(view.status)) out.push(view);
    }
  }
  return out.sort(
    (a, b) =>
      (a.decisionDate < b.decisionDate ? 1 : a.decisionDate > b.decisionDate ? -1 : 0) ||
      compareBytes(a.caseId, b.caseId),
  );
}

// ---------------------------------------------------------------------------------------------
// Writes: each in one transaction with its audit record.
// ---------------------------------------------------------------------------------------------

export interface WriteContext {
  actor: AuditActor;
  /** The moment of the change (the request's clock). */
  at: Date;
}

function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

type PublicListPublicationsInsert = Insertable<PublicListPublicationsTable>;

const ENTITY_PUBLICATION = 'public_list_publication';
const ENTITY_WITHHOLDING = 'public_list_withholding';
const ENTITY_SETTINGS = 'public_list_settings';

function requireDate(text: string, what: string): void {
  if (!isValidIsoDate(text))
    throw new DomainError('INVALID_INPUT', `${what} "${text}" không hợp lệ (cần dạng YYYY-MM-DD)`);
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') throw new DomainError('INVALID_INPUT', 'Cần ghi rõ lý do');
  return trimmed;
}

async function findDecision(
  trx: Kysely<Database>,
  key: EntryKey,
): Promise<{ decision: UnableDecision; facts: CaseFacts }> {
  const loaded = (await loadReplayed(trx, [key.caseId])).get(key.caseId);
  if (!loaded)
    throw new DomainError('NOT_FOUND', `Không tìm thấy việc "${key.caseId}"`, {
      caseId: key.caseId,
    });
  const decision = unableDecisions(loaded.replayed).find(
    (d) => d.decisionNo === key.decisionNo && d.decisionDate === key.decisionDate,
  );
  if (!decision)
    throw new DomainError(
      'NOT_FOUND',
      `Việc ${key.caseId} không có quyết định chưa có điều kiện thi hành số ${key.decisionNo} ngày ${key.decisionDate}`,
      { ...key },
    );
  return { decision, facts: loaded.facts };
}

/**
 * The Cục confirms that an entry is published from `publishedOn` (on or after its decision date;
 * a later date schedules it). NOT_FOUND when the registry has no such decision; CONFLICT when the
 * entry already has a record, or ended on or before `publishedOn`.
 */
export async function confirmPublication(
  db: Kysely<Database>,
  params: EntryKey & { publishedOn: IsoDate } & WriteContext,
): Promise<PublicationRecordView> {
  requireDate(params.publishedOn, 'Ngày công khai');
  return inTransaction(db, async (trx) => {
    const { decision } = await findDecision(trx, params);
    if (params.publishedOn < decision.decisionDate)
      throw new DomainError(
        'INVALID_INPUT',
        `Ngày công khai ${params.publishedOn} trước ngày quyết định ${decision.decisionDate}`,
      );
    if (decision.ending && decision.ending.date <= params.publishedOn)
      throw new DomainError(
        'CONFLICT',
        `Quyết định số ${decision.decisionNo} đã kết thúc ngày ${decision.ending.date}, không thể công khai từ ngày ${params.publishedOn}`,
      );
    const existing = await trx
      .selectFrom('public_list_publications')
      .select('published_on')
      .where('case_id', '=', params.caseId)
      .where('decision_no', '=', params.decisionNo)
      .where('decision_date', '=', params.decisionDate)
      .executeTakeFirst();
    if (existing)
      throw new DomainError(
        'CONFLICT',
        `Quyết định số ${params.decisionNo} của việc ${params.caseId} đã được xác nhận công khai từ ngày ${existing.published_on}`,
      );
    const record = {
      case_id: params.caseId,
      decision_no: params.decisionNo,
      decision_date: params.decisionDate,
      published_on: params.publishedOn,
      source: 'confirmed',
      recorded_by: params.actor.username,
      recorded_at: params.at.toISOString(),
      withdrawn_on: null,
      withdrawn_reason: null,
      withdrawn_by: null,
      withdrawn_at: null,
    };
    await trx.insertInto('public_list_publications').values(record).execute();
    await recordAudit(trx, {
      actor: params.actor,
      at: params.at,
      entity: ENTITY_PUBLICATION,
      entityId: entryKeyString(params),
      action: 'confirm',
      unit: decision.unit,
      after: { publishedOn: params.publishedOn, source: 'confirmed' },
    });
    return {
      caseId: params.caseId,
      decisionNo: params.decisionNo,
      decisionDate: params.decisionDate,
      publishedOn: params.publishedOn,
      withdrawnOn: null,
      source: 'confirmed',
      recordedBy: params.actor.username,
      recordedAt: record.recorded_at,
      withdrawnReason: null,
    };
  });
}

/**
 * Confirms many publications at once (the queue's "confirm all", the demo seed), all or nothing:
 * each as `confirmPublication` checks it, except that an entry which already has a record is left
 * as it is (counted `unchanged`), so running it again changes nothing. One transaction, one audit
 * record per publication.
 */
export async function confirmPublications(
  db: Kysely<Database>,
  params: { records: readonly (EntryKey & { publishedOn: IsoDate })[] } & WriteContext,
): Promise<{ created: number; unchanged: number }> {
  for (const r of params.records) requireDate(r.publishedOn, 'Ngày công khai');
  return inTransaction(db, async (trx) => {
    const ids = params.records.map((r) => r.caseId);
    const existing = new Set(
      (await loadPublicationRecords(trx, ids)).map((r) => entryKeyString(r)),
    );
    const cases = await loadReplayed(trx, ids);
    const at = params.at.toISOString();
    const rows: PublicListPublicationsInsert[] = [];
    const audits: AuditEntry[] = [];
    const seen = new Set<string>();
    let unchanged = 0;
    for (const r of params.records) {
      const key = entryKeyString(r);
      if (existing.has(key) || seen.has(key)) {
        unchanged++;
        continue;
      }
      seen.add(key);
      const loaded = cases.get(r.caseId);
      const decision = loaded
        ? unableDecisions(loaded.replayed).find(
            (d) => d.decisionNo === r.decisionNo && d.decisionDate === r.decisionDate,
          )
        : undefined;
      if (!decision)
        throw new DomainError(
          'NOT_FOUND',
          `Việc ${r.caseId} không có quyết định chưa có điều kiện thi hành số ${r.decisionNo} ngày ${r.decisionDate}`,
          { caseId: r.caseId, decisionNo: r.decisionNo, decisionDate: r.decisionDate },
        );
      if (r.publishedOn < decision.decisionDate)
        throw new DomainError(
          'INVALID_INPUT',
          `Việc ${r.caseId}: ngày công khai ${r.publishedOn} trước ngày quyết định ${decision.decisionDate}`,
        );
      if (decision.ending && decision.ending.date <= r.publishedOn)
        throw new DomainError(
          'CONFLICT',
          `Việc ${r.caseId}: quyết định số ${decision.decisionNo} đã kết thúc ngày ${decision.ending.date}, không thể công khai từ ngày ${r.publishedOn}`,
        );
      rows.push({
        case_id: r.caseId,
        decision_no: r.decisionNo,
        decision_date: r.decisionDate,
        published_on: r.publishedOn,
        source: 'confirmed',
        recorded_by: params.actor.username,
        recorded_at: at,
        withdrawn_on: null,
        withdrawn_reason: null,
        withdrawn_by: null,
        withdrawn_at: null,
      });
      audits.push({
        actor: params.actor,
        at: params.at,
        entity: ENTITY_PUBLICATION,
        entityId: key,
        action: 'confirm',
        unit: decision.unit,
        after: { publishedOn: r.publishedOn, source: 'confirmed' },
      });
    }
    for (const part of chunks(rows, 500))
      await trx.insertInto('public_list_publications').values(part).execute();
    await recordAuditBatch(trx, audits);
    return { created: rows.length, unchanged };
  });
}

/**
 * Withdraws by hand a publication record whose decision the registry no longer has (a corrected
 * or removed unable decision): it leaves the reconciliation from `withdrawnOn`. A record that
 * still matches a decision cannot be withdrawn (CONFLICT): an entry ends only by a decision.
 */
export async function withdrawPublication(
  db: Kysely<Database>,
  params: EntryKey & { withdrawnOn: IsoDate; reason: string } & WriteContext,
): Promise<void> {
  requireDate(params.withdrawnOn, 'Ngày gỡ');
  const reason = requireReason(params.reason);
  await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('public_list_publications')
      .selectAll()
      .where('case_id', '=', params.caseId)
      .where('decision_no', '=', params.decisionNo)
      .where('decision_date', '=', params.decisionDate)
      .executeTakeFirst();
    if (!row)
      throw new DomainError(
        'NOT_FOUND',
        `Không có bản ghi công khai này của việc ${params.caseId}`,
      );
    if (row.withdrawn_on !== null)
      throw new DomainError('CONFLICT', `Bản ghi đã được gỡ từ ngày ${row.withdrawn_on}`);
    const loaded = (await loadReplayed(trx, [params.caseId])).get(params.caseId);
    const stillThere = loaded
      ? unableDecisions(loaded.replayed).some(
          (d) => d.decisionNo === params.decisionNo && d.decisionDate === params.decisionDate,
        )
      : false;
    if (stillThere)
      throw new DomainError(
        'CONFLICT',
        'Quyết định này vẫn có trong sổ thụ lý: việc công khai chỉ kết thúc khi có quyết định tiếp tục thi hành, đình chỉ, ủy thác, thu hồi hoặc thi hành xong',
      );
    await trx
      .updateTable('public_list_publications')
      .set({
        withdrawn_on: params.withdrawnOn,
        withdrawn_reason: reason,
        withdrawn_by: params.actor.username,
        withdrawn_at: params.at.toISOString(),
      })
      .where('case_id', '=', params.caseId)
      .where('decision_no', '=', params.decisionNo)
      .where('decision_date', '=', params.decisionDate)
      .execute();
    await recordAudit(trx, {
      actor: params.actor,
      at: params.at,
      entity: ENTITY_PUBLICATION,
      entityId: entryKeyString(params),
      action: 'withdraw',
      unit: loaded?.facts.unit ?? null,
      before: { publishedOn: row.published_on, withdrawnOn: null },
      after: { publishedOn: row.published_on, withdrawnOn: params.withdrawnOn, reason },
    });
  });
}

/**
 * Withholds the address of a debtor at risk from the public page and the exports (per case, so it
 * holds for every decision of the case). The reason is required and audited. NOT_FOUND for an
 * unknown case; CONFLICT when already withheld.
 */
export async function withholdAddress(
  db: Kysely<Database>,
  params: { caseId: string; reason: string } & WriteContext,
): Promise<void> {
  const reason = requireReason(params.reason);
  await inTransaction(db, async (trx) => {
    const c = await trx
      .selectFrom('cases')
      .select(['id', 'unit'])
      .where('id', '=', params.caseId)
      .executeTakeFirst();
    if (!c) throw new DomainError('NOT_FOUND', `Không tìm thấy việc "${params.caseId}"`);
    const existing = await trx
      .selectFrom('public_list_withholdings')
      .select('reason')
      .where('case_id', '=', params.caseId)
      .executeTakeFirst();
    if (existing)
      throw new DomainError(
        'CONFLICT',
        `Địa chỉ của người phải thi hành án trong việc ${params.caseId} đã không được công khai`,
      );
    await trx
      .insertInto('public_list_withholdings')
      .values({
        case_id: params.caseId,
        reason,
        withheld_by: params.actor.username,
        withheld_at: params.at.toISOString(),
      })
      .execute();
    await recordAudit(trx, {
      actor: params.actor,
      at: params.at,
      entity: ENTITY_WITHHOLDING,
      entityId: params.caseId,
      action: 'create',
      unit: c.unit,
      after: { reason },
    });
  });
}

/** Publishes the address again; the reason is required and audited. NOT_FOUND when not withheld. */
export async function releaseAddress(
  db: Kysely<Database>,
  params: { caseId: string; reason: string } & WriteContext,
): Promise<void> {
  const reason = requireReason(params.reason);
  await inTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('public_list_withholdings as w')
      .innerJoin('cases as c', 'c.id', 'w.case_id')
      .select(['w.reason', 'c.unit'])
      .where('w.case_id', '=', params.caseId)
      .executeTakeFirst();
    if (!existing)
      throw new DomainError(
        'NOT_FOUND',
        `Địa chỉ của người phải thi hành án trong việc ${params.caseId} đang được công khai`,
      );
    await trx.deleteFrom('public_list_withholdings').where('case_id', '=', params.caseId).execute();
    await recordAudit(trx, {
      actor: params.actor,
      at: params.at,
      entity: ENTITY_WITHHOLDING,
      entityId: params.caseId,
      action: 'delete',
      unit: existing.unit,
      before: { reason: existing.reason },
      after: { releaseReason: reason },
    });
  });
}

/**
 * Switches automatic publication on from `autoPublishFrom`, moves it, or switches it off (null).
 * The decisions the old setting published and the new one no longer covers keep their publication:
 * each gets an `automatic` record with its decision date first, so no past list changes.
 * Returns how many records were written that way.
 */
export async function setAutoPublication(
  db: Kysely<Database>,
  params: { autoPublishFrom: IsoDate | null } & WriteContext,
): Promise<{ recorded: number }> {
  if (params.autoPublishFrom !== null) requireDate(params.autoPublishFrom, 'Ngày bắt đầu');
  return inTransaction(db, async (trx) => {
    const before = await getPublicListSettings(trx);
    const from = before.autoPublishFrom;
    const to = params.autoPublishFrom;
    const audits: AuditEntry[] = [];
    let recorded = 0;
    if (from !== null && (to === null || to > from)) {
      // Decisions dated in [from, to) (or from `from` on) without a record lose the setting's cover.
      let query = trx
        .selectFrom('case_events as e')
        .innerJoin('cases as c', 'c.id', 'e.case_id')
        .leftJoin('public_list_publications as p', (join) =>
          join
            .onRef('p.case_id', '=', 'e.case_id')
            .onRef('p.decision_no', '=', 'e.decision_no')
            .onRef('p.decision_date', '=', 'e.date'),
        )
        .select(['e.case_id', 'e.decision_no', 'e.date', 'c.unit'])
        .distinct()
        .where('e.kind', '=', 'unable')
        .where('e.date', '>=', from)
        .where('p.case_id', 'is', null);
      if (to !== null) query = query.where('e.date', '<', to);
      const rows = await query.execute();
      const at = params.at.toISOString();
      for (const part of chunks(rows, 500)) {
        await trx
          .insertInto('public_list_publications')
          .values(
            part.map((r) => ({
              case_id: r.case_id,
              decision_no: r.decision_no ?? '',
              decision_date: r.date,
              published_on: r.date,
              source: 'automatic',
              recorded_by: params.actor.username,
              recorded_at: at,
              withdrawn_on: null,
              withdrawn_reason: null,
              withdrawn_by: null,
              withdrawn_at: null,
            })),
          )
          .execute();
      }
      for (const r of rows)
        audits.push({
          actor: params.actor,
          at: params.at,
          entity: ENTITY_PUBLICATION,
          entityId: entryKeyString({
            caseId: r.case_id,
            decisionNo: r.decision_no ?? '',
            decisionDate: r.date,
          }),
          action: 'create',
          unit: r.unit,
          after: { publishedOn: r.date, source: 'automatic' },
        });
      recorded = rows.length;
    }
    const values = {
      auto_publish_from: to,
      updated_by: params.actor.username,
      updated_at: params.at.toISOString(),
    };
    const exists = await trx
      .selectFrom('public_list_settings')
      .select('id')
      .where('id', '=', 1)
      .executeTakeFirst();
    if (exists)
      await trx.updateTable('public_list_settings').set(values).where('id', '=', 1).execute();
    else
      await trx
        .insertInto('public_list_settings')
        .values({ id: 1, ...values })
        .execute();
    await recordAudit(trx, {
      actor: params.actor,
      at: params.at,
      entity: ENTITY_SETTINGS,
      entityId: 'auto_publish_from',
      action: 'update',
      before: { autoPublishFrom: from },
      after: { autoPublishFrom: to, recorded },
    });
    await recordAuditBatch(trx, audits);
    return { recorded };
  });
}

// ---------------------------------------------------------------------------------------------
// Reconciliation (V12) and re-verification.
// ---------------------------------------------------------------------------------------------

function isFiltered(filter: ContributionFilter): boolean {
  return filter.officer !== undefined || filter.mode !== undefined;
}

/**
 * The V12 findings of a registry report (statistics.md §8): `cases` are the replayed cases of the
 * report's units; with an officer or mode filter only the cases the report counts are checked.
 */
export async function publicListFindingsFor(
  db: Kysely<Database>,
  cases: readonly ReplayedCase[],
  period: Period,
  filter: ContributionFilter = {},
): Promise<Finding[]> {
  const covered = isFiltered(filter)
    ? cases.filter((r) => {
        const c = caseContribution(r, period);
        return c !== null && matchesFilter(c, filter);
      })
    : cases;
  if (covered.length === 0) return [];
  const records = await loadPublicationRecords(
    db,
    covered.map((r) => r.case.id),
  );
  return publicListFindings(
    reconcilePublicList({
      cases: covered,
      records,
      settings: await getPublicListSettings(db),
      date: period.end,
    }),
  );
}

export interface ReconciliationRow {
  caseId: string;
  unit: string | null;
  debtorName: string | null;
  decisionNo: string;
  decisionDate: string;
  /** Unpublished: null (never) or a date after the period end; not unable: the record's date. */
  publishedOn: string | null;
  /** Not unable: the case's state at the period end (null: not received yet / not in the registry). */
  state: CaseState | null;
  /** Not unable: false when the registry no longer has the decision. */
  matchesRegistry: boolean;
}

export interface ReconciliationView {
  unit: string;
  scope: Scope;
  year: number;
  month: number;
  periodEnd: string;
  /** Cases N at the period end without a published entry. */
  unpublished: ReconciliationRow[];
  /** Published, standing entries whose case is not N at the period end. */
  notUnable: ReconciliationRow[];
  /** Records that match no decision of the registry any more (whatever their dates). */
  orphans: (ReconciliationRow & { withdrawnOn: string | null })[];
  /** What the report's V12 warnings say, one per mismatching case. */
  findings: Finding[];
}

/** The units a unit's scope covers: its subtree for `total`, itself for `own`. */
export async function unitsOfScope(
  db: Kysely<Database>,
  unit: string,
  scope: Scope,
): Promise<string[]> {
  const units = await listUnits(db);
  if (!units.some((u) => u.code === unit)) throw unitNotFound(unit);
  return scope === 'own' ? [unit] : subtreeCodes(units, unit);
}

/**
 * The reconciliation of the public list with the statistics for a unit (its scope) and a period
 * (working year, month): what the console shows and what the report's V12 warnings count.
 */
export async function publicListReconciliation(
  db: Kysely<Database>,
  params: { unit: string; scope: Scope; year: number; month: number },
): Promise<ReconciliationView> {
  let period: Period;
  try {
    period = reportPeriod(params.year, params.month);
  } catch (error) {
    throw new DomainError('INVALID_INPUT', (error as Error).message);
  }
  const units = await unitsOfScope(db, params.unit, params.scope);
  // A case that never had an unable decision can be N at no date and has no entry: skip it.
  const ids = new Set(await casesWithUnable(db, units));
  for (const part of chunks(units)) {
    const rows = await db
      .selectFrom('public_list_publications as p')
      .innerJoin('cases as c', 'c.id', 'p.case_id')
      .select('p.case_id')
      .where('c.unit', 'in', part)
      .execute();
    for (const r of rows) ids.add(r.case_id);
  }
  const loaded = await loadReplayed(db, [...ids]);
  const cases = [...loaded.values()].map((l) => l.replayed);
  const records = await loadPublicationRecords(db, [...ids]);
  const rec = reconcilePublicList({
    cases,
    records,
    settings: await getPublicListSettings(db),
    date: period.end,
  });
  const name = (id: string) => loaded.get(id)?.facts.debtorName ?? null;
  return {
    unit: params.unit,
    scope: params.scope,
    year: params.year,
    month: params.month,
    periodEnd: period.end,
    unpublished: rec.unpublished.map((u) => ({
      caseId: u.caseId,
      unit: u.unit,
      debtorName: name(u.caseId),
      decisionNo: u.decision.decisionNo,
      decisionDate: u.decision.decisionDate,
      publishedOn: u.publishedOn,
      state: 'unable',
      matchesRegistry: true,
    })),
    notUnable: rec.notUnable.map((n) => ({
      caseId: n.caseId,
      unit: n.unit,
      debtorName: name(n.caseId),
      decisionNo: n.record.decisionNo,
      decisionDate: n.record.decisionDate,
      publishedOn: n.record.publishedOn,
      state: n.state,
      matchesRegistry: n.matchesRegistry,
    })),
    orphans: rec.orphans.map((o) => ({
      caseId: o.caseId,
      unit: loaded.get(o.caseId)?.facts.unit ?? null,
      debtorName: name(o.caseId),
      decisionNo: o.decisionNo,
      decisionDate: o.decisionDate,
      publishedOn: o.publishedOn,
      state: loaded.has(o.caseId) ? caseStateOn(loaded.get(o.caseId)!.replayed, period.end) : null,
      matchesRegistry: false,
      withdrawnOn: o.withdrawnOn,
    })),
    findings: publicListFindings(rec),
  };
}

export interface ReverificationView extends ReverificationItem {
  debtorName: string | null;
}

/**
 * The re-verification due list (statistics.md §11) of the cases unable today in these units, by
 * due date; with `officer`, only that officer's cases (null: the unassigned ones); with
 * `overdueOnly`, only those past due.
 */
export async function reverificationDueList(
  db: Kysely<Database>,
  params: {
    units: readonly string[];
    today: IsoDate;
    ruleSet: RuleSet;
    officer?: string | null;
    overdueOnly?: boolean;
  },
): Promise<ReverificationView[]> {
  const ids = await casesWithUnable(db, params.units);
  const loaded = await loadReplayed(db, ids);
  const list = reverificationList(
    [...loaded.values()].map((l) => ({
      replayed: l.replayed,
      reverifyYearly: l.facts.reverifyYearly,
    })),
    params.today,
    params.ruleSet,
  );
  return list
    .filter((i) => params.officer === undefined || i.officer === params.officer)
    .filter((i) => !params.overdueOnly || i.overdue)
    .map((i) => ({ ...i, debtorName: loaded.get(i.caseId)?.facts.debtorName ?? null }));
}
