import type { AuditActor } from '../audit.js';

/**
 * What an import reports: problems with the input, each naming the file, the physical line where
 * the record starts (the header is line 1) and the column, in Vietnamese (interfaces.md §2).
 */
export interface ImportIssue {
  /** The file's name as the user gave it. */
  file: string;
  /** Physical line where the record starts; 1 is the header. */
  line: number;
  /** The column at fault, or null when the whole record or file is. */
  column: string | null;
  /** Vietnamese: what is wrong and what is expected. */
  message: string;
}

/** `file:line:column: message` (or `file:line: message`), one line. */
export function formatIssue(issue: ImportIssue): string {
  const where =
    issue.column === null
      ? `${issue.file}:${issue.line}`
      : `${issue.file}:${issue.line}:${issue.column}`;
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
}

export interface ImportOptions {
  /** Validate everything, list every issue, write nothing. */
  dryRun?: boolean;
  /** Called with a short Vietnamese description of each phase of long work. */
  onProgress?: (message: string) => void;
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

/** Collects issues in the order files are read; the first in file order is what stops an import. */
export class IssueList {
  readonly items: ImportIssue[] = [];
  constructor(private readonly fileOrder: readonly string[]) {}

  add(file: string, line: number, column: string | null, message: string): void {
    this.items.push({ file, line, column, message });
  }

  get size(): number {
    return this.items.length;
  }

  /** Every issue in file order (files as given to the constructor, then line), stable otherwise. */
  sorted(): ImportIssue[] {
    const rank = (f: string) => {
      const i = this.fileOrder.indexOf(f);
      return i < 0 ? this.fileOrder.length : i;
    };
    return this.items
      .map((issue, i) => ({ issue, i }))
      .sort(
        (a, b) =>
          rank(a.issue.file) - rank(b.issue.file) || a.issue.line - b.issue.line || a.i - b.i,
      )
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
