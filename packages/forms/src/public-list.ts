/**
 * Exports of the public list of "chưa có điều kiện" debtors (statistics.md §11) for the editors of
 * the Cục's website: the same rows and fields as the public page `/cong-khai`, as CSV and as an
 * XLSX sheet. Only the fields of §11 exist here: the caller cannot pass anything else of a case.
 *
 * - CSV: UTF-8 with a byte-order mark (so that spreadsheet programs read the Vietnamese text),
 *   CRLF line ends and RFC 4180 quoting; money as a plain string of digits (exact đồng), dates
 *   dd/mm/yyyy as on the page.
 * - XLSX: one sheet, a title, the export date, a header row (frozen, with a filter), one row per
 *   entry; money as a number cell with a thousands format while a double holds it exactly (up to
 *   2^53 − 1), beyond that as exact text "12.345.678.901.234.567".
 */
import ExcelJS from 'exceljs';
import { formatViDate, groundReferenceVi, type UnableGround } from '@thads/domain';
import { integerCellValue } from './xlsx.js';

/** One entry as the public sees it (the fields of statistics.md §11). */
export interface PublicListExportRow {
  unitName: string;
  debtorName: string | null;
  /** Null when withheld (`addressWithheld`) or not recorded. */
  debtorAddress: string | null;
  addressWithheld: boolean;
  judgmentRef: string | null;
  enforcementDecisionNo: string | null;
  enforcementDecisionDate: string | null;
  obligation: string | null;
  remaining: bigint;
  ground: UnableGround;
  decisionNo: string;
  decisionDate: string;
  publishedOn: string;
}

/** The columns of both exports, in order, with their Vietnamese headers. */
export const PUBLIC_LIST_COLUMNS = [
  'STT',
  'Cơ quan thi hành án',
  'Người phải thi hành án',
  'Địa chỉ',
  'Bản án, quyết định',
  'Số quyết định thi hành án',
  'Ngày quyết định thi hành án',
  'Nghĩa vụ chưa thi hành',
  'Số tiền còn phải thi hành (đồng)',
  'Căn cứ chưa có điều kiện thi hành',
  'Số quyết định về việc chưa có điều kiện thi hành',
  'Ngày quyết định về việc chưa có điều kiện thi hành',
  'Ngày công khai',
] as const;

/** What a withheld address reads as, everywhere the public sees it. */
export const WITHHELD_ADDRESS_VI = 'Không công khai';

function dateOrEmpty(date: string | null): string {
  return date === null || date === '' ? '' : formatViDate(date);
}

function addressOf(row: PublicListExportRow): string {
  return row.addressWithheld ? WITHHELD_ADDRESS_VI : (row.debtorAddress ?? '');
}

/** The text cells of one row (money as digits), in PUBLIC_LIST_COLUMNS order. */
function textCells(row: PublicListExportRow, index: number): string[] {
  return [
    String(index + 1),
    row.unitName,
    row.debtorName ?? '',
    addressOf(row),
    row.judgmentRef ?? '',
    row.enforcementDecisionNo ?? '',
    dateOrEmpty(row.enforcementDecisionDate),
    row.obligation ?? '',
    row.remaining.toString(),
    groundReferenceVi(row.ground),
    row.decisionNo,
    dateOrEmpty(row.decisionDate),
    dateOrEmpty(row.publishedOn),
  ];
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The rows as CSV text (with the byte-order mark). */
export function publicListCsv(rows: readonly PublicListExportRow[]): string {
  const lines = [PUBLIC_LIST_COLUMNS.map(csvField).join(',')];
  rows.forEach((row, i) => lines.push(textCells(row, i).map(csvField).join(',')));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const FONT = { name: 'Times New Roman', size: 11 };
const WIDTHS = [6, 30, 26, 34, 34, 18, 14, 26, 20, 40, 22, 16, 14];

/**
 * The rows as the bytes of an XLSX workbook. `date` (YYYY-MM-DD) is the export date printed under
 * the title and stamped as the workbook's date, so the same rows and date give the same content.
 */
export async function renderPublicListXlsx(
  rows: readonly PublicListExportRow[],
  options: { date: string; filterLine?: string },
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const stamp = new Date(`${options.date}T00:00:00Z`);
  workbook.creator = 'THADS';
  workbook.lastModifiedBy = 'THADS';
  workbook.created = stamp;
  workbook.modified = stamp;
  const sheet = workbook.addWorksheet('Danh sách', {
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '4:4',
    },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  WIDTHS.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const last = PUBLIC_LIST_COLUMNS.length;

  sheet.mergeCells(1, 1, 1, last);
  const title = sheet.getCell(1, 1);
  title.value = 'DANH SÁCH NGƯỜI PHẢI THI HÀNH ÁN CHƯA CÓ ĐIỀU KIỆN THI HÀNH';
  title.font = { ...FONT, size: 14, bold: true };
  title.alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, last);
  const sub = sheet.getCell(2, 1);
  sub.value = `Xuất ngày ${formatViDate(options.date)}${options.filterLine ? `; ${options.filterLine}` : ''}; ${rows.length} người phải thi hành án`;
  sub.font = { ...FONT, italic: true };
  sub.alignment = { horizontal: 'center' };

  const header = sheet.getRow(4);
  PUBLIC_LIST_COLUMNS.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
  });
  header.height = 45;

  rows.forEach((row, i) => {
    const r = sheet.getRow(5 + i);
    const cells = textCells(row, i);
    cells.forEach((text, j) => {
      const cell = r.getCell(j + 1);
      cell.font = FONT;
      cell.alignment = { vertical: 'top', wrapText: true };
      if (j === 0) {
        cell.value = i + 1;
      } else if (j === 8) {
        const value = integerCellValue(row.remaining);
        cell.value = value;
        if (typeof value === 'number') cell.numFmt = '#,##0';
        cell.alignment = { vertical: 'top', horizontal: 'right' };
      } else {
        cell.value = text;
      }
    });
  });
  sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4 + rows.length, column: last } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
