/**
 * `import cases <cases.csv> <events.csv>` (interfaces.md §3): a registry extract, all or nothing.
 *
 * A case is listed when it appears in either file; after the import each listed case has exactly
 * its rows of events.csv (none if it has none), in their order, and its facts as given in cases.csv
 * (an optional column absent from the header is empty: a row states the case whole; except the
 * classification columns `judgment_type` and `flags` of issue 7, whose absence keeps what is stored).
 * Cases not
 * listed are untouched. Every listed case is replayed with the domain rules (`replayCase`, with
 * today and the officers' units), so an invalid event is rejected naming the case and the event.
 * Only cases whose facts or history differ are written, so a re-import that changes nothing writes
 * nothing.
 */
import {
  EVENT_KINDS,
  JUDGMENT_TYPES,
  caseSearchText,
  formatFlags,
  isJudgmentType,
  parseFlags,
  caseSummaryOf,
  foldForSearch,
  isEventKind,
  isValidIsoDate,
  replayCase,
  type CaseEvent,
  type CaseMode,
  type EventKind,
  type EventViolationCode,
  type IsoDate,
  type ReplayedCase,
  type UnableGround,
} from '@thads/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Database, NewCaseEventRow, NewCaseRow } from '../schema.js';
import { CHUNK, chunks, loadCasesById, replayStored, type CaseFacts } from '../queries/cases.js';
import { toFlag } from '../queries/units.js';
import { insertRows, oneOf } from '../write-helpers.js';
import { assertCaseChangesUnlocked } from '../locks.js';
import { applyCaseChanges } from '../movements.js';
import { CanonicalJson } from '../audit.js';
import { auditImport, importAuditContext, type ImportAuditContext } from './audit.js';
import { parseMoney, readCsv, type CsvSpec, type CsvTable } from './csv.js';
import {
  IssueList,
  emptyCounts,
  failed,
  type BinaryFile,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  type InputFile,
} from './issues.js';

export interface CasesImportOptions extends ImportOptions {
  /** Today's local date (YYYY-MM-DD): an event dated after it is an error. */
  today: IsoDate;
}

export interface CasesExtract {
  cases: InputFile;
  events: InputFile;
}

const CASE_COLUMNS = [
  'case_id',
  'unit',
  'received_on',
  'amount',
  'mode',
  'officer',
  'judgment_ref',
  'decision_no',
  'decision_date',
  'obligation',
  'debtor_name',
  'debtor_address',
  'reverify_yearly',
  // Classification (issue 7), optional: a file without these columns leaves the stored ones as
  // they are (see importCaseTables).
  'judgment_type',
  'flags',
] as const;
const CASE_REQUIRED = ['case_id', 'unit', 'received_on', 'amount'] as const;
const EVENT_COLUMNS = [
  'case_id',
  'date',
  'kind',
  'amount',
  'officer',
  'ground',
  'decision_no',
] as const;
const EVENT_REQUIRED = ['case_id', 'date', 'kind'] as const;

export const CASES_SPEC: CsvSpec = {
  known: CASE_COLUMNS,
  required: CASE_REQUIRED,
  label: 'Tệp việc',
};
export const EVENTS_SPEC: CsvSpec = {
  known: EVENT_COLUMNS,
  required: EVENT_REQUIRED,
  label: 'Tệp sự kiện',
};

/** Which kinds use the columns that only some kinds use (statistics.md §5, interfaces.md §3). */
const KINDS_WITH: Readonly<Record<'amount' | 'officer' | 'ground', readonly EventKind[]>> = {
  amount: ['pay', 'reduce'],
  officer: ['assign'],
  ground: ['unable'],
};

/** The column a domain violation is about. */
const VIOLATION_COLUMN: Readonly<Record<EventViolationCode, (typeof EVENT_COLUMNS)[number]>> = {
  INVALID_DATE: 'date',
  FUTURE_DATE: 'date',
  BEFORE_INTAKE: 'date',
  AFTER_CLOSE: 'kind',
  NOT_ALLOWED_IN_STATE: 'kind',
  AMOUNT_REQUIRED: 'amount',
  AMOUNT_NOT_ALLOWED: 'amount',
  OVER_SETTLEMENT: 'amount',
  REMAINING_NOT_ZERO: 'kind',
  OFFICER_REQUIRED: 'officer',
  OFFICER_NOT_ALLOWED: 'officer',
  OFFICER_NOT_IN_UNIT: 'officer',
  GROUND_REQUIRED: 'ground',
  GROUND_NOT_ALLOWED: 'ground',
  DECISION_REQUIRED: 'decision_no',
};

interface CaseInput {
  line: number;
  facts: CaseFacts;
}

interface EventInput {
  line: number;
  caseId: string;
  event: CaseEvent;
}

/** A listed case as it will be after the import. */
interface Planned {
  facts: CaseFacts;
  /** From cases.csv, or null when only events.csv lists it (facts from the database). */
  caseLine: number | null;
  /** Rows of events.csv in file order. */
  rows: EventInput[];
  /** The events in applied order (date, then file order), once replayed. */
  applied: CaseEvent[];
  /** The case replayed with its new history. */
  replayed: ReplayedCase | null;
}

/** The facts of a case whose row could not be read, so that its events are not reported again. */
function placeholderFacts(id: string, unit: string): CaseFacts {
  return {
    id,
    unit,
    receivedOn: '',
    amount: 0n,
    mode: null,
    judgmentType: null,
    flags: [],
    officer: null,
    judgmentRef: null,
    decisionNo: null,
    decisionDate: null,
    obligation: null,
    debtorName: null,
    debtorAddress: null,
    reverifyYearly: false,
  };
}

function orNull(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text;
}

/** Imports a registry extract in one transaction. See the module comment for the rules. */
export async function importCases(
  db: Kysely<Database>,
  extract: CasesExtract,
  options: CasesImportOptions,
): Promise<ImportResult> {
  const progress = options.onProgress ?? (() => {});
  const issues = new IssueList([extract.cases.name, extract.events.name]);
  progress(`Đang đọc ${extract.cases.name}…`);
  const casesTable = readCsv(extract.cases, CASES_SPEC, issues);
  progress(`Đang đọc ${extract.events.name}…`);
  const eventsTable = readCsv(extract.events, EVENTS_SPEC, issues);
  if (!casesTable || !eventsTable) return failed(issues, options.dryRun ?? false);
  return db
    .transaction()
    .execute((trx) =>
      importCaseTables(
        trx,
        { cases: casesTable, events: eventsTable },
        [extract.cases, extract.events],
        options,
        issues,
      ),
    );
}

/**
 * The rows of a registry extract already read (cases and events, from CSV files or a workbook's
 * sheets), in the caller's transaction: checked, then written unless `options.dryRun` or any issue.
 * Issues go to `issues` under each table's `file`; `files` are what the audit record names.
 */
export async function importCaseTables(
  trx: Transaction<Database>,
  tables: { cases: CsvTable; events: CsvTable },
  files: readonly (InputFile | BinaryFile)[],
  options: CasesImportOptions,
  issues: IssueList,
): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  const progress = options.onProgress ?? (() => {});
  const audit = importAuditContext(options);
  const casesTable = tables.cases;
  const eventsTable = tables.events;
  const casesName = casesTable.file;
  const eventsName = eventsTable.file;
  const allowed = options.scope?.caseUnits ?? null;
  const forbidden = (unit: string) =>
    `tài khoản của bạn không có quyền với các việc của đơn vị ${unit}`;
  const units = new Set(
    (await trx.selectFrom('units').select('code').execute()).map((r) => r.code),
  );
  const officerUnit = new Map(
    (await trx.selectFrom('officers').select(['code', 'unit']).execute()).map((r) => [
      r.code,
      r.unit,
    ]),
  );

  progress(
    `Đang kiểm tra ${casesTable.records.length} việc và ${eventsTable.records.length} sự kiện…`,
  );
  // Rows of cases.csv: formats and references; a case with a faulty row is not replayed.
  const caseInputs = new Map<string, CaseInput>();
  const faulty = new Set<string>();
  for (const { line, values, bad } of casesTable.records) {
    const add = (column: string, message: string) => issues.add(casesName, line, column, message);
    const id = values.case_id!;
    if (id === '') {
      add('case_id', 'thiếu mã việc');
      continue;
    }
    const before = caseInputs.get(id);
    if (before) {
      add('case_id', `mã việc ${id} lặp lại (đã có ở dòng ${before.line})`);
      continue;
    }
    if (bad) {
      // A workbook cell that is not text, already reported: the case is known, not checked.
      caseInputs.set(id, { line, facts: placeholderFacts(id, values.unit!) });
      faulty.add(id);
      continue;
    }
    const size = issues.size;
    const unit = values.unit!;
    if (!units.has(unit))
      add(
        'unit',
        unit === '' ? 'thiếu mã đơn vị' : `không có đơn vị mã ${unit} trong cơ sở dữ liệu`,
      );
    else if (allowed !== null && !allowed.has(unit)) add('unit', forbidden(unit));
    const receivedOn = values.received_on!;
    if (!isValidIsoDate(receivedOn))
      add('received_on', `ngày thụ lý "${receivedOn}" không hợp lệ, cần dạng YYYY-MM-DD`);
    const amount = parseMoney(values.amount!);
    if (typeof amount === 'string') add('amount', amount);
    const mode = values.mode ?? '';
    if (mode !== '' && mode !== 'chu_dong' && mode !== 'theo_yeu_cau') {
      add('mode', `loại việc "${mode}" không hợp lệ; cần chu_dong, theo_yeu_cau hoặc để trống`);
    }
    const judgmentType = values.judgment_type ?? '';
    if (judgmentType !== '' && !isJudgmentType(judgmentType)) {
      add(
        'judgment_type',
        `loại bản án "${judgmentType}" không hợp lệ; cần một trong ${JUDGMENT_TYPES.join(', ')} hoặc để trống (chưa phân loại)`,
      );
    }
    const flags = parseFlags(values.flags ?? '');
    if (!flags.ok) add('flags', flags.message);
    const officer = orNull(values.officer);
    if (officer !== null) {
      const of = officerUnit.get(officer);
      if (of === undefined)
        add('officer', `không có chấp hành viên mã ${officer} trong cơ sở dữ liệu`);
      else if (units.has(unit) && of !== unit)
        add(
          'officer',
          `chấp hành viên ${officer} thuộc đơn vị ${of}, không thuộc đơn vị ${unit} của việc`,
        );
    }
    const decisionDate = orNull(values.decision_date);
    if (decisionDate !== null && !isValidIsoDate(decisionDate)) {
      add('decision_date', `ngày quyết định "${decisionDate}" không hợp lệ, cần dạng YYYY-MM-DD`);
    }
    const reverify = values.reverify_yearly ?? '';
    if (reverify !== '' && reverify !== 'true' && reverify !== 'false') {
      add('reverify_yearly', `cần true, false hoặc để trống, nhận được "${reverify}"`);
    }
    const facts: CaseFacts = {
      id,
      unit,
      receivedOn,
      amount: typeof amount === 'bigint' ? amount : 0n,
      mode: mode === '' ? null : (mode as CaseMode),
      judgmentType: isJudgmentType(judgmentType) ? judgmentType : null,
      flags: flags.ok ? flags.flags : [],
      officer,
      judgmentRef: orNull(values.judgment_ref),
      decisionNo: orNull(values.decision_no),
      decisionDate,
      obligation: orNull(values.obligation),
      debtorName: orNull(values.debtor_name),
      debtorAddress: orNull(values.debtor_address),
      reverifyYearly: reverify === 'true',
    };
    caseInputs.set(id, { line, facts });
    if (issues.size > size) faulty.add(id);
  }

  // Rows of events.csv: formats and which columns each kind uses.
  const eventInputs: EventInput[] = [];
  for (const { line, values, bad } of eventsTable.records) {
    const add = (column: string, message: string) => issues.add(eventsName, line, column, message);
    const caseId = values.case_id!;
    if (caseId === '') {
      add('case_id', 'thiếu mã việc');
      continue;
    }
    if (bad) {
      faulty.add(caseId); // a workbook cell that is not text, already reported
      continue;
    }
    const size = issues.size;
    const date = values.date!;
    if (!isValidIsoDate(date)) add('date', `ngày "${date}" không hợp lệ, cần dạng YYYY-MM-DD`);
    else if (date > options.today)
      add('date', `việc ${caseId}: ngày ${date} sau ngày hôm nay (${options.today})`);
    const kind = values.kind!;
    if (!isEventKind(kind)) {
      add('kind', `loại sự kiện "${kind}" không hợp lệ; cần một trong: ${EVENT_KINDS.join(', ')}`);
      faulty.add(caseId);
      continue;
    }
    const event: CaseEvent = { date, kind };
    for (const column of ['amount', 'officer', 'ground'] as const) {
      const value = values[column] ?? '';
      const uses = KINDS_WITH[column].includes(kind);
      if (value === '' && uses)
        add(column, `việc ${caseId}: sự kiện ${kind} cần giá trị ở cột ${column}`);
      if (value !== '' && !uses) {
        add(
          column,
          `việc ${caseId}: sự kiện ${kind} không dùng cột ${column} (chỉ ${KINDS_WITH[column].join(', ')})`,
        );
      }
    }
    const amountText = values.amount ?? '';
    if (amountText !== '' && KINDS_WITH.amount.includes(kind)) {
      const amount = parseMoney(amountText);
      if (typeof amount === 'string') add('amount', amount);
      else if (amount === 0n) add('amount', `việc ${caseId}: số tiền phải lớn hơn 0`);
      else event.amount = amount;
    }
    const officer = values.officer ?? '';
    if (officer !== '' && kind === 'assign') {
      if (!officerUnit.has(officer))
        add('officer', `không có chấp hành viên mã ${officer} trong cơ sở dữ liệu`);
      event.officer = officer;
    }
    const ground = values.ground ?? '';
    if (ground !== '' && kind === 'unable') {
      if (ground !== 'a' && ground !== 'b' && ground !== 'c')
        add('ground', `căn cứ "${ground}" không hợp lệ; cần a, b hoặc c (Điều 44a)`);
      else event.ground = ground as UnableGround;
    }
    const decisionNo = values.decision_no ?? '';
    if (decisionNo !== '') event.decisionNo = decisionNo;
    else if (kind === 'unable')
      add('decision_no', `việc ${caseId}: quyết định chưa có điều kiện thi hành cần số quyết định`);
    if (issues.size > size) faulty.add(caseId);
    eventInputs.push({ line, caseId, event });
  }

  // The listed cases and what the database already holds about them.
  const listed = new Set<string>([...caseInputs.keys(), ...eventInputs.map((e) => e.caseId)]);
  const existing = await loadCasesById(trx, [...listed]);
  const planned = new Map<string, Planned>();
  // Decision: a cases file without the judgment_type (or flags) column keeps what is stored (the
  // classification reviewed in the console survives re-importing an older extract); with the
  // column, an empty cell is "not classified" (no flag).
  const hasJudgmentType = casesTable.columns.includes('judgment_type');
  const hasFlags = casesTable.columns.includes('flags');
  for (const [id, input] of caseInputs) {
    const old = existing.get(id);
    if (!hasJudgmentType) input.facts.judgmentType = old?.facts.judgmentType ?? null;
    if (!hasFlags) input.facts.flags = old?.facts.flags ?? [];
    if (old && units.has(input.facts.unit) && old.facts.unit !== input.facts.unit) {
      issues.add(
        casesName,
        input.line,
        'unit',
        `việc ${id} đã thuộc đơn vị ${old.facts.unit}; không được đổi đơn vị của việc đã có`,
      );
      faulty.add(id);
    } else if (old && allowed !== null && !allowed.has(old.facts.unit) && !faulty.has(id)) {
      issues.add(casesName, input.line, 'unit', forbidden(old.facts.unit));
      faulty.add(id);
    }
    planned.set(id, {
      facts: input.facts,
      caseLine: input.line,
      rows: [],
      applied: [],
      replayed: null,
    });
  }
  for (const row of eventInputs) {
    let plan = planned.get(row.caseId);
    if (!plan) {
      const old = existing.get(row.caseId);
      if (!old) {
        issues.add(
          eventsName,
          row.line,
          'case_id',
          `không có việc ${row.caseId} trong tệp việc hay trong cơ sở dữ liệu`,
        );
        faulty.add(row.caseId);
        continue;
      }
      if (allowed !== null && !allowed.has(old.facts.unit)) {
        issues.add(eventsName, row.line, 'case_id', forbidden(old.facts.unit));
        faulty.add(row.caseId);
        continue;
      }
      planned.set(
        row.caseId,
        (plan = { facts: old.facts, caseLine: null, rows: [], applied: [], replayed: null }),
      );
    }
    plan.rows.push(row);
  }

  // Every listed case, replayed with the domain rules; events apply by date, then in file order.
  const unitOfOfficer = (code: string) => officerUnit.get(code);
  for (const [id, plan] of planned) {
    if (faulty.has(id)) continue;
    const applied = sortByDate(plan.rows);
    plan.applied = applied.map((r) => r.event);
    const result = replayCase(
      { ...plan.facts, events: plan.applied },
      { today: options.today, officerUnit: unitOfOfficer },
    );
    if (result.ok) {
      plan.replayed = result.replayed;
      continue;
    }
    const v = result.violation;
    if (v.eventIndex < 0) issues.add(casesName, plan.caseLine ?? 1, 'officer', v.message);
    else issues.add(eventsName, applied[v.eventIndex]!.line, VIOLATION_COLUMN[v.code], v.message);
  }
  if (issues.size > 0) return failed(issues, dryRun);

  // What changes.
  const counts = emptyCounts();
  const toWrite: { id: string; plan: Planned; isNew: boolean }[] = [];
  for (const [id, plan] of planned) {
    const old = existing.get(id);
    // Every plan was replayed: an import with a faulty case stopped above.
    if (old && sameFacts(old.facts, plan.facts) && sameEvents(old.events, plan.applied)) {
      counts.unchanged++;
      continue;
    }
    if (old) counts.updated++;
    else counts.created++;
    toWrite.push({ id, plan, isNew: !old });
  }
  // Approved reports lock their unit's registry (statistics.md §10): LOCKED, nothing written.
  await assertCaseChangesUnlocked(
    trx,
    toWrite.map(({ id, plan }) => ({
      before: existing.get(id) ?? null,
      after: { facts: plan.facts, events: plan.applied },
    })),
  );
  if (!dryRun && toWrite.length > 0) {
    await writeCases(trx, toWrite, audit, progress);
    progress('Đang cập nhật số liệu báo cáo theo tháng…');
    await applyCaseChanges(
      trx,
      toWrite.map(({ id, plan }) => {
        const old = existing.get(id);
        return {
          before: old ? replayStored({ ...old.facts, events: old.events }) : null,
          after: plan.replayed!,
        };
      }),
    );
    progress('Đang ghi nhật ký kiểm toán…');
    await auditImport(
      trx,
      audit,
      'cases',
      files,
      counts,
      toWrite.map(({ id, plan }) => {
        const old = existing.get(id);
        return {
          entity: 'case',
          entityId: id,
          unit: plan.facts.unit,
          before: old ? caseAuditValue(old.facts, old.events) : null,
          after: caseAuditValue(plan.facts, plan.applied),
        };
      }),
    );
    progress('Đang lưu vào cơ sở dữ liệu…');
  }
  return { dryRun, issues: [], counts, written: !dryRun && toWrite.length > 0, notes: [] };
}

/**
 * A case as the audit trail records it: its facts and its events in applied order, as the
 * canonical JSON of `{ ...facts, events }` (`canonicalJson`). An import writes one such record
 * per case, so the text is built directly: the object's keys are written in sorted order and its
 * bigints as digits, which is what `canonicalJson` would make of it, at a fraction of the cost of
 * sorting every object's keys (test/audit-canonical.test.ts checks that the texts agree).
 */
export function caseAuditValue(facts: CaseFacts, events: readonly CaseEvent[]): CanonicalJson {
  return new CanonicalJson(
    JSON.stringify({
      amount: facts.amount.toString(),
      debtorAddress: facts.debtorAddress,
      debtorName: facts.debtorName,
      decisionDate: facts.decisionDate,
      decisionNo: facts.decisionNo,
      events: events.map((e) => ({
        amount: e.amount === undefined || e.amount === null ? null : e.amount.toString(),
        date: e.date,
        decisionNo: e.decisionNo ?? null,
        ground: e.ground ?? null,
        kind: e.kind,
        officer: e.officer ?? null,
      })),
      flags: facts.flags,
      id: facts.id,
      judgmentRef: facts.judgmentRef,
      judgmentType: facts.judgmentType,
      mode: facts.mode,
      obligation: facts.obligation,
      officer: facts.officer,
      receivedOn: facts.receivedOn,
      reverifyYearly: facts.reverifyYearly,
      unit: facts.unit,
    }),
  );
}

/** Stable sort by date: rows of the same date keep their file order. */
function sortByDate(rows: readonly EventInput[]): EventInput[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) =>
      a.row.event.date < b.row.event.date
        ? -1
        : a.row.event.date > b.row.event.date
          ? 1
          : a.i - b.i,
    )
    .map(({ row }) => row);
}

function sameFacts(a: CaseFacts, b: CaseFacts): boolean {
  return (
    a.unit === b.unit &&
    a.receivedOn === b.receivedOn &&
    a.amount === b.amount &&
    a.mode === b.mode &&
    a.judgmentType === b.judgmentType &&
    formatFlags(a.flags) === formatFlags(b.flags) &&
    a.officer === b.officer &&
    a.judgmentRef === b.judgmentRef &&
    a.decisionNo === b.decisionNo &&
    a.decisionDate === b.decisionDate &&
    a.obligation === b.obligation &&
    a.debtorName === b.debtorName &&
    a.debtorAddress === b.debtorAddress &&
    a.reverifyYearly === b.reverifyYearly
  );
}

/** Same history in applied order. */
function sameEvents(a: readonly CaseEvent[], b: readonly CaseEvent[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return (
      x.date === y.date &&
      x.kind === y.kind &&
      (x.amount ?? null) === (y.amount ?? null) &&
      (x.officer ?? null) === (y.officer ?? null) &&
      (x.ground ?? null) === (y.ground ?? null) &&
      (x.decisionNo ?? null) === (y.decisionNo ?? null)
    );
  });
}

/**
 * A case's row: its facts, and what the case list keeps beside them (state, settled, current
 * officer, last event date, folded search text and debtor name), derived from its history.
 */
export function caseRowOf(f: CaseFacts, replayed: ReplayedCase): NewCaseRow {
  const summary = caseSummaryOf(replayed);
  return {
    id: f.id,
    unit: f.unit,
    received_on: f.receivedOn,
    amount: f.amount,
    mode: f.mode,
    judgment_type: f.judgmentType,
    flags: formatFlags(f.flags),
    officer: f.officer,
    judgment_ref: f.judgmentRef,
    decision_no: f.decisionNo,
    decision_date: f.decisionDate,
    obligation: f.obligation,
    debtor_name: f.debtorName,
    debtor_address: f.debtorAddress,
    reverify_yearly: toFlag(f.reverifyYearly),
    state: summary.state,
    settled: summary.settled,
    current_officer: summary.officer,
    last_event_on: summary.lastEventOn,
    state_since: summary.stateSince,
    search_text: caseSearchText(f, replayed.case.events),
    debtor_folded: foldForSearch(f.debtorName ?? ''),
  };
}

/** Cases a progress step. */
const ROWS_PER_INSERT = 1000;

/** The columns an import writes (`caseRowOf`); an existing case gets all but its id and unit replaced. */
export const CASE_TABLE_COLUMNS = [
  'id',
  'unit',
  'received_on',
  'amount',
  'mode',
  'judgment_type',
  'flags',
  'officer',
  'judgment_ref',
  'decision_no',
  'decision_date',
  'obligation',
  'debtor_name',
  'debtor_address',
  'reverify_yearly',
  'state',
  'settled',
  'current_officer',
  'last_event_on',
  'state_since',
  'search_text',
  'debtor_folded',
] as const satisfies readonly (keyof NewCaseRow)[];
const CASE_UPSERT = `on conflict (id) do update set ${CASE_TABLE_COLUMNS.filter(
  (c) => c !== 'id' && c !== 'unit',
)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`;
/** The columns of an event an import writes. */
export const EVENT_TABLE_COLUMNS = [
  'case_id',
  'seq',
  'date',
  'kind',
  'amount',
  'officer',
  'ground',
  'decision_no',
  'recorded_by',
  'recorded_at',
] as const satisfies readonly (keyof NewCaseEventRow)[];

/** What identifies an event's content, to keep who recorded an event that an import leaves as it was. */
function eventKey(e: {
  date: string;
  kind: string;
  amount?: bigint | null;
  officer?: string | null;
  ground?: string | null;
  decision_no?: string | null;
  decisionNo?: string | null;
}): string {
  return JSON.stringify([
    e.date,
    e.kind,
    e.amount?.toString() ?? null,
    e.officer ?? null,
    e.ground ?? null,
    e.decision_no ?? e.decisionNo ?? null,
  ]);
}

/**
 * Upserts the changed cases with their derived columns (their unit never changes: that was
 * checked), then replaces the event history of each: the events of updated cases are deleted and
 * every planned row is inserted with `seq` = its position among the case's rows as given. An event
 * the new history keeps unchanged keeps who recorded it and when; the others are recorded by the
 * import's actor at its time.
 */
async function writeCases(
  trx: Transaction<Database>,
  toWrite: { id: string; plan: Planned; isNew: boolean }[],
  audit: ImportAuditContext,
  progress: (message: string, progress?: ImportProgress) => void,
): Promise<void> {
  const total = toWrite.length;
  const casesMessage = `Đang ghi ${total} việc…`;
  progress(casesMessage, { done: 0, total });
  let done = 0;
  for (const part of chunks(toWrite, ROWS_PER_INSERT)) {
    await insertRows(
      trx,
      'cases',
      CASE_TABLE_COLUMNS,
      part.map((w) => {
        const row = caseRowOf(w.plan.facts, w.plan.replayed!);
        return CASE_TABLE_COLUMNS.map((c) => row[c] ?? null);
      }),
      CASE_UPSERT,
    );
    done += part.length;
    progress(casesMessage, { done, total });
  }
  const replaced = toWrite.filter((w) => !w.isNew).map((w) => w.id);
  const recorded = new Map<string, { by: string | null; at: string | null }[]>();
  for (const part of chunks(replaced, CHUNK)) {
    const old = await trx
      .selectFrom('case_events')
      .select([
        'case_id',
        'date',
        'kind',
        'amount',
        'officer',
        'ground',
        'decision_no',
        'recorded_by',
        'recorded_at',
      ])
      .where(oneOf(trx, 'case_id', part))
      .orderBy('case_id')
      .orderBy('date')
      .orderBy('seq')
      .execute();
    for (const row of old) {
      const key = `${row.case_id}\u0000${eventKey(row)}`;
      const list = recorded.get(key) ?? [];
      list.push({ by: row.recorded_by, at: row.recorded_at });
      recorded.set(key, list);
    }
    await trx
      .deleteFrom('case_events')
      .where(oneOf(trx, 'case_id', part))
      .execute();
  }
  const events = toWrite.reduce((n, w) => n + w.plan.rows.length, 0);
  const eventsMessage = `Đang ghi ${events} sự kiện…`;
  progress(eventsMessage, { done: 0, total: events });
  let written = 0;
  const by = audit.actor.username;
  const at = audit.at.toISOString();
  let batch: NewCaseEventRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await insertRows(
      trx,
      'case_events',
      EVENT_TABLE_COLUMNS,
      batch.map((row) => EVENT_TABLE_COLUMNS.map((c) => row[c] ?? null)),
    );
    written += batch.length;
    progress(eventsMessage, { done: written, total: events });
    batch = [];
  };
  for (const w of toWrite) {
    let seq = 0;
    for (const row of w.plan.rows) {
      const e = row.event;
      const kept =
        recorded.size > 0 ? recorded.get(`${w.id}\u0000${eventKey(e)}`)?.shift() : undefined;
      batch.push({
        case_id: w.id,
        seq: ++seq,
        date: e.date,
        kind: e.kind,
        amount: e.amount ?? null,
        officer: e.officer ?? null,
        ground: e.ground ?? null,
        decision_no: e.decisionNo ?? null,
        recorded_by: kept ? kept.by : by,
        recorded_at: kept ? kept.at : at,
      });
      if (batch.length >= ROWS_PER_INSERT) await flush();
    }
  }
  await flush();
}
