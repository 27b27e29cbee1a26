/**
 * Reading the registry's CSV files (interfaces.md §3): UTF-8, comma-separated, a header row, RFC 4180
 * quoting (csv-parse), columns in any order. Each record keeps the physical line where it starts.
 */
import { parse } from 'csv-parse/sync';
import type { IssueList, InputFile } from './issues.js';

export interface CsvRecord {
  /** Physical line where the record starts (the header is line 1). */
  line: number;
  /** Values of the columns present in the header, by column name; '' for an empty cell. */
  values: Readonly<Record<string, string>>;
  /**
   * Columns whose cell could not be read as text (a workbook's numeric money cell, a date cell…),
   * already reported; their value is ''. The record is kept so that its case is known, but the
   * importers take nothing else from it.
   */
  bad?: readonly string[];
}

export interface CsvTable {
  file: string;
  /** The columns of the header, in file order. */
  columns: readonly string[];
  records: CsvRecord[];
}

export interface CsvSpec {
  /** Every column the file may have. */
  known: readonly string[];
  /** Columns that must be in the header. */
  required: readonly string[];
  /** Vietnamese description of the file, for messages ("tệp việc"). */
  label: string;
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Parses `file` against `spec`. Problems with the file as a whole (malformed CSV, unknown, repeated
 * or missing columns) are added to `issues` and give null: nothing of such a file can be trusted.
 * A record with the wrong number of fields is an issue and is left out. Blank lines are skipped.
 */
export function readCsv(file: InputFile, spec: CsvSpec, issues: IssueList): CsvTable | null {
  let rows: string[][];
  try {
    // relax_column_count: a wrong field count is reported below, with its line, in Vietnamese.
    rows = parse(file.text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    issues.add(
      file.name,
      e.lines ?? 1,
      null,
      `${spec.label} không đúng định dạng CSV (RFC 4180): ${csvErrorVi(e.code, e.message)}`,
    );
    return null;
  }
  if (rows.length === 0) {
    issues.add(
      file.name,
      1,
      null,
      `${spec.label} trống: cần dòng tiêu đề với các cột ${spec.required.join(', ')}`,
    );
    return null;
  }
  const header = rows[0]!;
  let ok = true;
  const seen = new Set<string>();
  for (const column of header) {
    if (!spec.known.includes(column)) {
      issues.add(
        file.name,
        1,
        column,
        `cột "${column}" không được biết; các cột hợp lệ: ${spec.known.join(', ')}`,
      );
      ok = false;
    } else if (seen.has(column)) {
      issues.add(file.name, 1, column, `cột "${column}" lặp lại trong dòng tiêu đề`);
      ok = false;
    }
    seen.add(column);
  }
  for (const column of spec.required) {
    if (!seen.has(column)) {
      issues.add(file.name, 1, column, `thiếu cột bắt buộc "${column}"`);
      ok = false;
    }
  }
  if (!ok) return null;

  // csv-parse counts lines wrongly after a CRLF inside quotes, so lines are counted here: a record
  // spans one line plus the line breaks inside its quoted fields.
  const records: CsvRecord[] = [];
  let line = 1 + countFieldLineBreaks(header);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const start = line + 1;
    line = start + countFieldLineBreaks(row);
    if (row.length === 1 && row[0] === '' && header.length > 1) continue; // a blank line
    if (row.length !== header.length) {
      issues.add(
        file.name,
        start,
        null,
        `có ${row.length} ô, cần đúng ${header.length} ô như dòng tiêu đề`,
      );
      continue;
    }
    const values: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) values[header[c]!] = row[c]!;
    records.push({ line: start, values });
  }
  return { file: file.name, columns: header, records };
}

function countFieldLineBreaks(row: readonly string[]): number {
  let n = 0;
  for (const field of row) if (field.includes('\n')) n += countLineBreaks(field);
  return n;
}

function csvErrorVi(code: string | undefined, message: string | undefined): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'dấu ngoặc kép mở mà không đóng';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'sau dấu ngoặc kép đóng phải là dấu phẩy hoặc xuống dòng';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'có ký tự sau dấu ngoặc kép đóng';
    default:
      return message ?? 'lỗi không rõ';
  }
}

/** The largest value of a 64-bit integer column. */
export const MAX_INT64 = 9_223_372_036_854_775_807n;

/**
 * Integer đồng written with digits only (0 allowed), within a 64-bit column: the value, or a
 * Vietnamese reason why the text is not one.
 */
export function parseMoney(text: string): bigint | string {
  if (!/^\d+$/.test(text))
    return `cần số nguyên đồng chỉ gồm chữ số (không dấu chấm, phẩy, dấu trừ hay khoảng trắng), nhận được "${text}"`;
  const value = BigInt(text);
  if (value > MAX_INT64) return `số ${text} vượt quá giới hạn 9.223.372.036.854.775.807`;
  return value;
}
