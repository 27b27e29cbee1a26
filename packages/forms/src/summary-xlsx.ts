/**
 * The table of the leadership summary (units, or the officers of a unit) as an XLSX workbook: one
 * sheet, a title, who and which period, a two-row heading (each metric's result, target, met and
 * forecast), one row per unit in rank order, the total last. Rates are number cells with two
 * decimals (exact: a two-decimal figure of at most a few thousand is a double without loss); "đạt
 * cả 4 chỉ tiêu" rows are filled green; a provisional target carries a note.
 */
import ExcelJS from 'exceljs';
import { UNIT_METRICS, UNIT_METRIC_SHORT_LABELS_VI, type Centi } from '@thads/domain';
import { placeAndDate } from './layout.js';
import {
  RANKING_NOTE,
  SUMMARY_TITLE,
  atRiskText,
  summaryPeriodText,
  type SummaryDocument,
} from './summary.js';

const FONT = { name: 'Times New Roman', size: 11 };
const RATE_FORMAT = '0.00';
const ALL_FOUR_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE3F1E6' },
};
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Row numbers (1-based), fixed so that readers and tests can rely on them. */
export const SUMMARY_XLSX_ROWS = {
  title: 1,
  subject: 2,
  period: 3,
  headingFirst: 5,
  headingSecond: 6,
  firstData: 7,
} as const;

/** The four columns of each metric, after Hạng, Mã, Tên. */
export const SUMMARY_METRIC_SUBCOLUMNS = [
  'Kết quả (%)',
  'Chỉ tiêu (%)',
  'Đánh giá',
  'Dự báo cuối năm (%)',
] as const;

function rateValue(value: Centi | null): number | null {
  return value === null ? null : Number(value) / 100;
}

/** The table of `input` (which must have one) as the bytes of an XLSX workbook. */
export async function renderSummaryTableXlsx(input: SummaryDocument): Promise<Uint8Array> {
  const table = input.table;
  if (!table) throw new RangeError('the summary has no table to export');
  const workbook = new ExcelJS.Workbook();
  const stamp = new Date(`${input.date}T00:00:00Z`);
  workbook.creator = 'THADS';
  workbook.lastModifiedBy = 'THADS';
  workbook.created = stamp;
  workbook.modified = stamp;
  const R = SUMMARY_XLSX_ROWS;
  const sheet = workbook.addWorksheet(table.title, {
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${R.headingFirst}:${R.headingSecond}`,
    },
    views: [{ state: 'frozen', xSplit: 3, ySplit: R.headingSecond }],
  });
  const metricColumn = (i: number) => 4 + i * SUMMARY_METRIC_SUBCOLUMNS.length;
  const afterMetrics = metricColumn(UNIT_METRICS.length);
  const last = afterMetrics + 2;

  sheet.getColumn(1).width = 7;
  sheet.getColumn(2).width = 10;
  sheet.getColumn(3).width = 36;
  for (let c = 4; c < afterMetrics; c++) sheet.getColumn(c).width = 11;
  sheet.getColumn(afterMetrics).width = 10;
  sheet.getColumn(afterMetrics + 1).width = 12;
  sheet.getColumn(afterMetrics + 2).width = 40;

  const line = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    sheet.mergeCells(row, 1, row, last);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { ...FONT, ...font };
    cell.alignment = { horizontal: 'center' };
  };
  line(R.title, `${SUMMARY_TITLE}: ${table.title.toUpperCase()}`, { size: 14, bold: true });
  line(R.subject, input.subject, { bold: true });
  line(R.period, summaryPeriodText(input.period), { italic: true });

  const heading = (row: number, col: number, text: string, rowSpan = 1, colSpan = 1) => {
    if (rowSpan > 1 || colSpan > 1)
      sheet.mergeCells(row, col, row + rowSpan - 1, col + colSpan - 1);
    const cell = sheet.getCell(row, col);
    cell.value = text;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    for (let r = row; r < row + rowSpan; r++)
      for (let c = col; c < col + colSpan; c++) sheet.getCell(r, c).border = THIN;
  };
  heading(R.headingFirst, 1, 'Hạng', 2);
  heading(R.headingFirst, 2, 'Mã', 2);
  heading(R.headingFirst, 3, table.rowHeading, 2);
  UNIT_METRICS.forEach((metric, i) => {
    heading(
      R.headingFirst,
      metricColumn(i),
      UNIT_METRIC_SHORT_LABELS_VI[metric],
      1,
      SUMMARY_METRIC_SUBCOLUMNS.length,
    );
    SUMMARY_METRIC_SUBCOLUMNS.forEach((text, j) =>
      heading(R.headingSecond, metricColumn(i) + j, text),
    );
  });
  heading(R.headingFirst, afterMetrics, 'Số chỉ tiêu đạt', 2);
  heading(R.headingFirst, afterMetrics + 1, 'Đạt cả 4 chỉ tiêu', 2);
  heading(R.headingFirst, afterMetrics + 2, 'Nguy cơ không đạt (dự báo cuối năm)', 2);
  sheet.getRow(R.headingFirst).height = 30;
  sheet.getRow(R.headingSecond).height = 30;

  table.rows.forEach((row, i) => {
    const r = R.firstData + i;
    const put = (col: number, value: ExcelJS.CellValue, format?: string) => {
      const cell = sheet.getCell(r, col);
      cell.value = value;
      cell.font = { ...FONT, bold: row.emphasis === true };
      cell.border = THIN;
      if (format) cell.numFmt = format;
      if (row.allFour) cell.fill = ALL_FOUR_FILL;
      return cell;
    };
    put(1, row.rank).alignment = { horizontal: 'center' };
    put(2, row.code);
    put(3, row.name);
    UNIT_METRICS.forEach((metric, k) => {
      const m = row.metrics[metric];
      const col = metricColumn(k);
      put(col, rateValue(m.value), RATE_FORMAT);
      const target = put(col + 1, rateValue(m.target), RATE_FORMAT);
      if (m.provisional) target.note = 'Chỉ tiêu tạm tính';
      put(col + 2, m.met === null ? '' : m.met ? 'Đạt' : 'Chưa đạt');
      put(col + 3, rateValue(m.forecast), RATE_FORMAT);
    });
    put(afterMetrics, row.metCount).alignment = { horizontal: 'center' };
    put(afterMetrics + 1, row.allFour ? 'Đạt cả 4' : '');
    put(afterMetrics + 2, atRiskText(row.atRisk));
  });
  const end = R.firstData + table.rows.length;
  sheet.autoFilter = {
    from: { row: R.headingSecond, column: 1 },
    to: { row: end - 1, column: last },
  };
  const note = (row: number, text: string) => {
    sheet.mergeCells(row, 1, row, last);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { ...FONT, italic: true, size: 10 };
  };
  note(
    end + 1,
    'Nền xanh: đạt cả 4 chỉ tiêu. Nguy cơ không đạt: các chỉ tiêu có dự báo cuối năm không đạt chỉ tiêu được giao.',
  );
  note(end + 2, RANKING_NOTE);
  note(end + 3, placeAndDate(input.place, input.date));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
