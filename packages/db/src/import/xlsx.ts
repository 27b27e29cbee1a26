/**
 * Reading the registry's files as one XLSX workbook (interfaces.md §3): one sheet per file
 * (`units`, `officers`, `cases`, `events`), the header in row 1, the same columns as the CSV files,
 * every cell text. Each record keeps its row number, so issues name the sheet, the row and the
 * column like CSV issues name the file, the line and the column.
 *
 * Cells that are not text (Decision, beyond "a numeric cell in a money column is an error"):
 * - a number in a money column is an error: spreadsheet numbers are doubles and lose đồng past 2^53;
 * - a number elsewhere is taken as its digits when it is a whole number within 2^53 (a case id or
 *   code typed as digits becomes a number in a spreadsheet without anyone choosing it), else an error;
 * - a date cell is an error (a spreadsheet date has no single text: time zones and the 1900 calendar
 *   of spreadsheets make it ambiguous): dates are typed as text `YYYY-MM-DD`;
 * - a formula is an error (its cached result may be stale); TRUE/FALSE is `true`/`false`; rich text
 *   and hyperlinks are their text.
 */
import ExcelJS from 'exceljs';
import type { CsvSpec, CsvTable } from './csv.js';
import type { BinaryFile, IssueList } from './issues.js';

/** The sheets a workbook may have, in the order they are imported. */
export const WORKBOOK_SHEETS = ['units', 'officers', 'cases', 'events'] as const;
export type WorkbookSheet = (typeof WORKBOOK_SHEETS)[number];

export interface SheetSpec extends CsvSpec {
  /** Columns holding money (integer đồng): a numeric cell there is an error. */
  money: readonly string[];
}

/**
 * The workbook's sheets by name, or null when the file is not a readable XLSX workbook or has a
 * sheet that is not one of WORKBOOK_SHEETS (an issue in `issues` either way).
 */
export async function loadWorkbook(
  file: BinaryFile,
  issues: IssueList,
): Promise<Map<WorkbookSheet, ExcelJS.Worksheet> | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(
        file.bytes.buffer,
        file.bytes.byteOffset,
        file.bytes.byteLength,
      ) as unknown as ArrayBuffer,
    );
  } catch {
    issues.add(
      file.name,
      1,
      null,
      'không đọc được tệp bảng tính: cần một tệp Excel .xlsx (Office Open XML), không phải .xls hay CSV',
    );
    return null;
  }
  const sheets = new Map<WorkbookSheet, ExcelJS.Worksheet>();
  let ok = true;
  for (const sheet of workbook.worksheets) {
    const name = sheet.name.trim();
    if (!(WORKBOOK_SHEETS as readonly string[]).includes(name)) {
      issues.add(
        file.name,
        1,
        null,
        `trang tính "${sheet.name}" không được biết; các trang hợp lệ: ${WORKBOOK_SHEETS.join(', ')}`,
      );
      ok = false;
      continue;
    }
    sheets.set(name as WorkbookSheet, sheet);
  }
  if (ok && sheets.size === 0) {
    issues.add(
      file.name,
      1,
      null,
      `bảng tính không có trang nào trong các trang ${WORKBOOK_SHEETS.join(', ')}`,
    );
    ok = false;
  }
  return ok ? sheets : null;
}

type CellText = { text: string } | { error: string };

function cellText(cell: ExcelJS.Cell, money: boolean): CellText {
  const value = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return { text: '' };
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
      return { text: String(value) };
    case ExcelJS.ValueType.RichText:
      return { text: (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') };
    case ExcelJS.ValueType.Hyperlink:
      return { text: String((value as ExcelJS.CellHyperlinkValue).text ?? '') };
    case ExcelJS.ValueType.Boolean:
      return { text: value ? 'true' : 'false' };
    case ExcelJS.ValueType.Number: {
      const n = value as number;
      if (money)
        return {
          error: `ô ${cell.address} là số của bảng tính (${n}); số tiền phải nhập dạng văn bản (chỉ gồm chữ số) vì số của bảng tính mất đồng khi vượt 2^53`,
        };
      if (Number.isSafeInteger(n) && n >= 0) return { text: String(n) };
      return {
        error: `ô ${cell.address} là số của bảng tính (${n}); cần nhập dạng văn bản`,
      };
    }
    case ExcelJS.ValueType.Date:
      return {
        error: `ô ${cell.address} là ngày của bảng tính; ngày phải nhập dạng văn bản YYYY-MM-DD`,
      };
    case ExcelJS.ValueType.Formula:
      return {
        error: `ô ${cell.address} chứa công thức; cần nhập giá trị dạng văn bản`,
      };
    default:
      return { error: `ô ${cell.address} không đọc được; cần nhập dạng văn bản` };
  }
}

/**
 * Reads one sheet against `spec` like `readCsv` reads a file: problems with the header are issues
 * and give null; a cell that is not text is an issue, and its record is kept with the column in
 * `bad` (so a dry run lists every bad cell, and the record's case is still known); rows with no
 * value at all are skipped. `key` is the issue source of the sheet
 * (`IssueList.sheet`).
 */
export function readSheet(
  sheet: ExcelJS.Worksheet,
  key: string,
  spec: SheetSpec,
  issues: IssueList,
): CsvTable | null {
  const headerRow = sheet.getRow(1);
  const header: string[] = [];
  let ok = true;
  const width = headerRow.cellCount;
  for (let c = 1; c <= width; c++) {
    const got = cellText(headerRow.getCell(c), false);
    header.push('text' in got ? got.text.trim() : '');
  }
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) {
    issues.add(
      key,
      1,
      null,
      `${spec.label} trống: cần dòng tiêu đề ở dòng 1 với các cột ${spec.required.join(', ')}`,
    );
    return null;
  }
  const seen = new Set<string>();
  header.forEach((column, i) => {
    if (column === '') {
      issues.add(key, 1, null, `ô ${headerRow.getCell(i + 1).address} của dòng tiêu đề trống`);
      ok = false;
    } else if (!spec.known.includes(column)) {
      issues.add(
        key,
        1,
        column,
        `cột "${column}" không được biết; các cột hợp lệ: ${spec.known.join(', ')}`,
      );
      ok = false;
    } else if (seen.has(column)) {
      issues.add(key, 1, column, `cột "${column}" lặp lại trong dòng tiêu đề`);
      ok = false;
    }
    seen.add(column);
  });
  for (const column of spec.required) {
    if (!seen.has(column)) {
      issues.add(key, 1, column, `thiếu cột bắt buộc "${column}"`);
      ok = false;
    }
  }
  if (!ok) return null;

  const records: CsvTable['records'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    const bad: string[] = [];
    let outside = false;
    let any = false;
    for (let c = 1; c <= Math.max(row.cellCount, header.length); c++) {
      const column = header[c - 1];
      const got = cellText(row.getCell(c), column !== undefined && spec.money.includes(column));
      if ('error' in got) {
        issues.add(key, rowNumber, column ?? null, got.error);
        if (column === undefined) outside = true;
        else {
          bad.push(column);
          values[column] = '';
          any = true;
        }
        continue;
      }
      if (got.text !== '') any = true;
      if (column === undefined) {
        if (got.text !== '') {
          issues.add(
            key,
            rowNumber,
            null,
            `ô ${row.getCell(c).address} nằm ngoài các cột của dòng tiêu đề`,
          );
          outside = true;
        }
        continue;
      }
      values[column] = got.text;
    }
    if (!any) return;
    if (outside && bad.length === 0) bad.push(...header);
    records.push(bad.length > 0 ? { line: rowNumber, values, bad } : { line: rowNumber, values });
  });
  return { file: key, columns: header, records };
}
