/**
 * Biểu 01 and Biểu 02 as one XLSX workbook, one sheet each.
 *
 * Library: exceljs (4.4.0). It writes merged cells, borders, number formats, column widths and the
 * print setup (A4 landscape, fit to width, repeated heading rows) that an official form needs, and
 * it reads workbooks back, which the tests use. It is the most used maintained XLSX writer on npm
 * (SheetJS is no longer published there) and pure JavaScript, so nothing is compiled or downloaded.
 *
 * Money: spreadsheet cells are doubles. A value within ±(2^53 − 1) is an exact number cell with a
 * thousands format; beyond that it becomes a right-aligned text cell "12.345.678.901.234.567", so no
 * đồng is ever lost. The number format is `#,##0`: spreadsheet programs show its grouping with the
 * reader's own separators (1.234.567 on a Vietnamese system); a literal-dot format cannot cover
 * numbers of any length.
 */
import ExcelJS from 'exceljs';
import { formatViInteger } from '@thads/domain';
import type { FormInput } from './input.js';
import { buildFormLayout, type FormCell, type FormLayout } from './layout.js';

const FONT_NAME = 'Times New Roman';
const INTEGER_FORMAT = '#,##0';
const RATE_FORMAT = '0.00';
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Row numbers of the sheet (1-based), fixed so that readers and tests can rely on them. */
export const XLSX_ROWS = {
  formNumber: 1,
  reportingUnit: 1,
  receivingUnit: 2,
  unitOfMeasure: 3,
  title: 4,
  period: 5,
  headingFirst: 7,
  numbering: 9,
  firstData: 10,
} as const;

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The spreadsheet value of an exact integer: a number when a double holds it exactly, else text. */
export function integerCellValue(value: bigint): number | string {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : formatViInteger(value);
}

function setValueCell(cell: ExcelJS.Cell, value: FormCell, bold: boolean): void {
  cell.border = THIN;
  cell.font = { name: FONT_NAME, size: 11, bold };
  cell.alignment = { horizontal: 'right', vertical: 'middle' };
  switch (value.type) {
    case 'integer': {
      const v = integerCellValue(value.value);
      cell.value = v;
      if (typeof v === 'number') cell.numFmt = INTEGER_FORMAT;
      break;
    }
    case 'rate':
      // Hundredths to a double: 4328 / 100 is the double nearest 43.28, shown exactly with 0.00.
      cell.value = Number(value.value) / 100;
      cell.numFmt = RATE_FORMAT;
      break;
    case 'empty':
      cell.value = null;
      break;
  }
}

function mergeText(
  sheet: ExcelJS.Worksheet,
  row: number,
  fromCol: number,
  toCol: number,
  text: string,
  style: {
    bold?: boolean;
    italic?: boolean;
    size?: number;
    horizontal?: 'left' | 'center' | 'right';
  },
): void {
  if (toCol > fromCol) sheet.mergeCells(row, fromCol, row, toCol);
  const cell = sheet.getCell(row, fromCol);
  cell.value = text;
  cell.font = {
    name: FONT_NAME,
    size: style.size ?? 11,
    bold: style.bold ?? false,
    italic: style.italic ?? false,
  };
  cell.alignment = { horizontal: style.horizontal ?? 'left', vertical: 'middle', wrapText: false };
}

function addFormSheet(workbook: ExcelJS.Workbook, layout: FormLayout): void {
  const lastCol = layout.columns.length + 1;
  const sheet = workbook.addWorksheet(layout.shortName, {
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${XLSX_ROWS.headingFirst}:${XLSX_ROWS.numbering}`,
    },
    views: [{ state: 'frozen', xSplit: 1, ySplit: XLSX_ROWS.numbering }],
  });

  sheet.getColumn(1).width = 32;
  layout.columns.forEach((c, i) => {
    sheet.getColumn(i + 2).width = c.kind === 'rate' ? 10 : layout.measure === 'money' ? 17 : 11;
  });

  // Header: form number on the left, units on the right, title and period across.
  const rightFrom = Math.max(2, lastCol - 6);
  mergeText(sheet, XLSX_ROWS.formNumber, 1, 3, layout.formNumber, { bold: true });
  mergeText(sheet, XLSX_ROWS.reportingUnit, rightFrom, lastCol, layout.reportingUnitLine, {});
  mergeText(sheet, XLSX_ROWS.receivingUnit, rightFrom, lastCol, layout.receivingUnitLine, {});
  mergeText(sheet, XLSX_ROWS.unitOfMeasure, rightFrom, lastCol, layout.unitOfMeasureLine, {
    italic: true,
  });
  mergeText(sheet, XLSX_ROWS.title, 1, lastCol, layout.title, {
    bold: true,
    size: 14,
    horizontal: 'center',
  });
  mergeText(sheet, XLSX_ROWS.period, 1, lastCol, layout.periodLine, {
    italic: true,
    horizontal: 'center',
  });

  // Two heading rows, then the numbering row.
  for (const h of layout.heading) {
    const top = XLSX_ROWS.headingFirst + h.row;
    const left = h.col + 1;
    const bottom = top + h.rowSpan - 1;
    const right = left + h.colSpan - 1;
    if (bottom > top || right > left) sheet.mergeCells(top, left, bottom, right);
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) sheet.getCell(r, c).border = THIN;
    }
    const cell = sheet.getCell(top, left);
    cell.value = h.text;
    cell.font = { name: FONT_NAME, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  sheet.getRow(XLSX_ROWS.headingFirst).height = 22;
  sheet.getRow(XLSX_ROWS.headingFirst + 1).height = 48;
  layout.numbering.forEach((text, i) => {
    const cell = sheet.getCell(XLSX_ROWS.numbering, i + 1);
    cell.value = text;
    cell.border = THIN;
    cell.font = { name: FONT_NAME, size: 9, italic: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });

  // One row per input row.
  layout.rows.forEach((row, i) => {
    const r = XLSX_ROWS.firstData + i;
    const label = sheet.getCell(r, 1);
    label.value = row.label;
    label.border = THIN;
    label.font = { name: FONT_NAME, size: 11, bold: row.emphasis };
    label.alignment = {
      horizontal: row.emphasis ? 'center' : 'left',
      vertical: 'middle',
      wrapText: true,
    };
    row.cells.forEach((value, j) => setValueCell(sheet.getCell(r, j + 2), value, row.emphasis));
  });

  // Footer: place and date over the signer, the preparer on the left.
  const f = XLSX_ROWS.firstData + layout.rows.length + 1;
  const leftTo = Math.min(3, lastCol);
  const { footer } = layout;
  mergeText(sheet, f, rightFrom, lastCol, footer.placeDate, { italic: true, horizontal: 'center' });
  mergeText(sheet, f + 1, 1, leftTo, footer.preparedByTitle, { bold: true, horizontal: 'center' });
  mergeText(sheet, f + 1, rightFrom, lastCol, footer.signerTitle, {
    bold: true,
    horizontal: 'center',
  });
  mergeText(sheet, f + 2, 1, leftTo, footer.preparedByHint, { italic: true, horizontal: 'center' });
  mergeText(sheet, f + 2, rightFrom, lastCol, footer.signerHint, {
    italic: true,
    horizontal: 'center',
  });
  if (footer.preparedBy)
    mergeText(sheet, f + 6, 1, leftTo, footer.preparedBy, { bold: true, horizontal: 'center' });
  if (footer.signer)
    mergeText(sheet, f + 6, rightFrom, lastCol, footer.signer, {
      bold: true,
      horizontal: 'center',
    });
}

/** Biểu 01 (cases) and Biểu 02 (money) as the bytes of one XLSX workbook. */
export async function renderFormsXlsx(input: FormInput): Promise<Uint8Array> {
  const layouts = [buildFormLayout(input, 'cases'), buildFormLayout(input, 'money')];
  const workbook = new ExcelJS.Workbook();
  const stamp = new Date(`${input.date}T00:00:00Z`);
  workbook.creator = 'THADS';
  workbook.lastModifiedBy = 'THADS';
  workbook.created = stamp;
  workbook.modified = stamp;
  for (const layout of layouts) addFormSheet(workbook, layout);
  // exceljs resolves a Node Buffer (a Uint8Array); copy it into a plain Uint8Array.
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
