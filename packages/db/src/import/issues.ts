import type { AuditActor } from '../audit.js';

/**
 * What an import reports: problems with the input, each naming the file, the physical line where
 * the record starts (the header is line 1) and the column, in Vietnamese (interfaces.md §2).
 */
export interface ImportIssue {
  /** The file's name as the user gave it. */
  file: string;
  /** In an XLSX workbook: the sheet (`units`, `officers`, `cases`, `events`); absent for CSV. */
  sheet?: string;
  /** Physical line where the record starts; 1 is the header (in a sheet: its row number). */
  line: number;
  /** The column at fault, or null when the whole record or file is. */
  column: string | null;
  /** Vietnamese: what is wrong and what is expected. */
  message: string;
}

/**
 * `file:line:column: message` (or `file:line: message`), one line; in a workbook
 * `file!sheet:row:column: message`, the sheet named as spreadsheets name it in a cell reference.
 */
export function formatIssue(issue: ImportIssue): string {
  const file = issue.sheet === undefined ? issue.file : `${issue.file}!${issue.sheet}`;
  const where =
    issue.column === null ? `${file}:${issue.line}` : `${file}:${issue.line}:${issue.column}`;
  return `${where}: ${issue.message.replace(/\s*\n\s*/g, ' ')}`;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult {
  /** Nothing was written: a dry run, or an import with issues. */
  dryRun: boolean;
  /** Empty when the import succeeded (or would succeed, in a dry run). */
  issues: ImportIssue[];
  /** Records created, updated and left unchanged (what would be, in a dry run). */
  counts: ImportCounts;
  /** Whether anything was written (false for a dry run, for issues, and when nothing changed). */
  written: boolean;
  /** Remarks that do not stop an import (e.g. aggregate rows that break an identity), Vietnamese. */
  notes: string[];
  /** A workbook's parts (units, officers, cases), each with its counts; absent for one file. */
  parts?: ImportPart[];
}

export interface ImportPart {
  /** units, officers or cases. */
  kind: 'units' | 'officers' | 'cases';
  /** Vietnamese: "Đơn vị", "Chấp hành viên", "Việc". */
  label: string;
  counts: ImportCounts;
}

/** How far long work has got: `done` of `total` items of the current phase. */
export interface ImportProgress {
  done: number;
  total: number;
}

/**
 * What an account may import (the console's imports); absent: everything (the command line).
 * Rows outside it are issues, so a dry run lists them like any other error.
 */
export interface ImportScope {
  /** Whether units may be created or changed. */
  units: boolean;
  /** The units whose officers may be created or changed (null: every unit). */
  officerUnits: ReadonlySet<string> | null;
  /** The units whose cases and events may be imported (null: every unit). */
  caseUnits: ReadonlySet<string> | null;
}

export interface ImportOptions {
  /** Validate everything, list every issue, write nothing. */
  dryRun?: boolean;
  /**
   * Called with a short Vietnamese description of each phase of long work and, while writing,
   * how far it has got.
   */
  onProgress?: (message: string, progress?: ImportProgress) => void;
  /** What the account may import; absent: everything (the command line). */
  scope?: ImportScope;
  /** Who imports, for the audit trail: the signed-in user, or `CLI_ACTOR` (the default). */
  actor?: AuditActor;
  /** When, for the audit trail; defaults to the moment the import is called. */
  now?: Date;
}

/** An input file: its name for messages and its text (UTF-8 decoded). */
export interface InputFile {
  name: string;
  text: string;
}

/** A binary input file (an XLSX workbook): its name for messages and its bytes. */
export interface BinaryFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Collects issues in the order files are read; the first in file order is what stops an import.
 * Issues are added under a source key: a file's name, or for a workbook's sheet the key given to
 * `sheet()`, which the issue then reports as its file and sheet.
 */
export class IssueList {
  readonly items: ImportIssue[] = [];
  private readonly sheets = new Map<string, { file: string; sheet: string }>();
  constructor(private readonly fileOrder: readonly string[]) {}

  /** The source key of a sheet of a workbook (`file!sheet`), for `add` and the file order. */
  static sheetKey(file: string, sheet: string): string {
    return `${file}!${sheet}`;
  }

  /** Declares a workbook's sheet, so that issues added under its key name the file and sheet. */
  sheet(file: string, sheet: string): string {
    const key = IssueList.sheetKey(file, sheet);
    this.sheets.set(key, { file, sheet });
    return key;
  }

  add(file: string, line: number, column: string | null, message: string): void {
    const sheet = this.sheets.get(file);
    this.items.push(
      sheet
        ? { file: sheet.file, sheet: sheet.sheet, line, column, message }
        : { file, line, column, message },
    );
  }

  /** Adds the issues of another list (a part of the same import). */
  addAll(other: IssueList): void {
    for (const [key, sheet] of other.sheets) this.sheets.set(key, sheet);
    this.items.push(...other.items);
  }

  get size(): number {
    return this.items.length;
  }

  /** Every issue in file order (files as given to the constructor, then line), stable otherwise. */
  sorted(): ImportIssue[] {
    const rank = (issue: ImportIssue) => {
      const key =
        issue.sheet === undefined ? issue.file : IssueList.sheetKey(issue.file, issue.sheet);
      const i = this.fileOrder.indexOf(key);
      return i < 0 ? this.fileOrder.length : i;
    };
    return this.items
      .map((issue, i) => ({ issue, i }))
      .sort((a, b) => rank(a.issue) - rank(b.issue) || a.issue.line - b.issue.line || a.i - b.i)
      .map(({ issue }) => issue);
  }
}

export function emptyCounts(): ImportCounts {
  return { created: 0, updated: 0, unchanged: 0 };
}

/**
 * The result of an import that found issues: every issue for a dry run, the first in file order
 * otherwise (an import stops at its first error).
 */
export function failed(issues: IssueList, dryRun: boolean): ImportResult {
  const sorted = issues.sorted();
  return {
    dryRun,
    issues: dryRun ? sorted : sorted.slice(0, 1),
    counts: emptyCounts(),
    written: false,
    notes: [],
  };
}
