/**
 * `import cases <workbook.xlsx>` (interfaces.md §2, §3): the registry's files as one XLSX workbook,
 * one sheet per file (`units`, `officers`, `cases`, `events`; any of them may be left out, but
 * `cases` and `events` go together), all or nothing in ONE transaction: units first, then officers,
 * then cases with their events, each checked by the same code as its CSV file. Issues name the
 * workbook, the sheet, the row (the header is row 1) and the column.
 *
 * Cases may refer to units and officers of the same workbook, so they are checked against the
 * database as the units and officers sheets leave it: those are written inside the transaction
 * first, and the transaction is rolled back when anything is wrong or the import is a dry run.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { importCaseTables, CASES_SPEC, EVENTS_SPEC, type CasesImportOptions } from './cases.js';
import {
  IssueList,
  emptyCounts,
  failed,
  type BinaryFile,
  type ImportPart,
  type ImportResult,
} from './issues.js';
import { OFFICERS_SPEC, UNITS_SPEC, importOfficerTable, importUnitTable } from './units.js';
import {
  WORKBOOK_SHEETS,
  loadWorkbook,
  readSheet,
  type SheetSpec,
  type WorkbookSheet,
} from './xlsx.js';

const SHEET_SPECS = {
  units: { ...UNITS_SPEC, label: 'Trang units', money: [] },
  officers: { ...OFFICERS_SPEC, label: 'Trang officers', money: [] },
  cases: { ...CASES_SPEC, label: 'Trang cases', money: ['amount'] },
  events: { ...EVENTS_SPEC, label: 'Trang events', money: ['amount'] },
} satisfies Record<(typeof WORKBOOK_SHEETS)[number], SheetSpec>;

const PART_LABELS: Readonly<Record<ImportPart['kind'], string>> = {
  units: 'Đơn vị',
  officers: 'Chấp hành viên',
  cases: 'Việc',
};

/** Thrown inside the transaction to roll it back with the result in hand. */
class Rollback {
  constructor(readonly result: ImportResult) {}
}

/** Whether a file is an XLSX workbook by its name (the command line and the console decide by it). */
export function isWorkbookName(name: string): boolean {
  return /\.xlsx$/i.test(name);
}

export async function importWorkbook(
  db: Kysely<Database>,
  file: BinaryFile,
  options: CasesImportOptions,
): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  const progress = options.onProgress ?? (() => {});
  const order = WORKBOOK_SHEETS.map((sheet) => IssueList.sheetKey(file.name, sheet));
  const issues = new IssueList([file.name, ...order]);
  progress(`Đang đọc ${file.name}…`);
  const sheets = await loadWorkbook(file, issues);
  if (!sheets) return failed(issues, dryRun);

  // Each part (units, officers, cases with events) collects its own issues, so that a part is
  // written (inside the transaction) unless it has issues itself; they all go to `issues` at the end.
  const partIssues = new Map<string, IssueList>();
  const listFor = (name: WorkbookSheet) => {
    const part = name === 'events' ? 'cases' : name;
    let list = partIssues.get(part);
    if (!list) partIssues.set(part, (list = new IssueList([file.name, ...order])));
    return list;
  };
  const tables = new Map<string, NonNullable<ReturnType<typeof readSheet>>>();
  let unreadable = false;
  for (const name of WORKBOOK_SHEETS) {
    const sheet = sheets.get(name);
    if (!sheet) continue;
    const list = listFor(name);
    const table = readSheet(sheet, list.sheet(file.name, name), SHEET_SPECS[name], list);
    if (table) tables.set(name, table);
    else unreadable = true;
  }
  const hasCases = sheets.has('cases');
  if (hasCases !== sheets.has('events')) {
    issues.add(
      file.name,
      1,
      null,
      `bảng tính có trang ${hasCases ? 'cases' : 'events'} mà không có trang ${hasCases ? 'events' : 'cases'}: hai trang này đi cùng nhau (một trang chỉ có dòng tiêu đề là không có dòng nào)`,
    );
    unreadable = true;
  }
  if (unreadable) {
    for (const list of partIssues.values()) issues.addAll(list);
    return failed(issues, dryRun);
  }

  // Units and officers are written (then rolled back for a dry run) so that cases can use them.
  const inner = { ...options, dryRun: false };
  const parts: ImportPart[] = [];
  let written = false;
  try {
    return await db.transaction().execute(async (trx) => {
      const add = (kind: ImportPart['kind'], result: ImportResult) => {
        parts.push({ kind, label: PART_LABELS[kind], counts: result.counts });
        written ||= result.written;
      };
      const units = tables.get('units');
      if (units) add('units', await importUnitTable(trx, units, [file], inner, listFor('units')));
      const officers = tables.get('officers');
      if (officers)
        add(
          'officers',
          await importOfficerTable(trx, officers, [file], inner, listFor('officers')),
        );
      const cases = tables.get('cases');
      const events = tables.get('events');
      if (cases && events) {
        // With issues above nothing is written below, but cases are still checked (a dry run
        // lists every error); a dry run of cases writes nothing itself.
        const before = [...partIssues.values()].reduce((n, list) => n + list.size, 0);
        const ofCases = await importCaseTables(
          trx,
          { cases, events },
          [file],
          { ...options, dryRun: dryRun || before > 0 },
          listFor('cases'),
        );
        add('cases', ofCases);
      }
      for (const list of partIssues.values()) issues.addAll(list);
      const counts = emptyCounts();
      for (const part of parts) {
        counts.created += part.counts.created;
        counts.updated += part.counts.updated;
        counts.unchanged += part.counts.unchanged;
      }
      if (issues.size > 0) throw new Rollback(failed(issues, dryRun));
      const result: ImportResult = {
        dryRun,
        issues: [],
        counts,
        written: !dryRun && written,
        notes: [],
        parts,
      };
      if (dryRun) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}
