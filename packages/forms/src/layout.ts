/**
 * The layout of Biểu 01 and Biểu 02 (statistics.md §13) as plain data, shared by the XLSX and the
 * PDF renderers so that both print the same words and the same numbers.
 */
import {
  describePeriod,
  formatViCenti,
  formatViInteger,
  parseIsoDate,
  type Centi,
  type LineCode,
  type Measure,
} from '@thads/domain';
import { UNIT_ROW_HEADING, type FormInput } from './input.js';

export type ColumnKey = LineCode | 'rate';
export type ColumnKind = 'integer' | 'rate';

export interface FormColumn {
  key: ColumnKey;
  /** Printed heading. */
  label: string;
  /** Column number of the numbering row (1, 2, …); the label column is "A". */
  number: number;
  kind: ColumnKind;
  /** Under the "Trong đó" heading of the column before the group. */
  inGroup: boolean;
}

/** A value cell: exact integers (counts or đồng), a two-decimal rate in hundredths, or unknown. */
export type FormCell =
  { type: 'integer'; value: bigint } | { type: 'rate'; value: Centi } | { type: 'empty' };

export interface FormTableRow {
  label: string;
  emphasis: boolean;
  cells: FormCell[];
}

/**
 * A heading cell of the two heading rows. `col` 0 is the label column, `col` i ≥ 1 is columns[i − 1];
 * `row` 0 or 1; spans as in a spreadsheet merge.
 */
export interface HeadingCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

export interface FormLayout {
  measure: Measure;
  /** "Biểu số 01". */
  formNumber: string;
  /** Sheet name and PDF page label: "Biểu 01". */
  shortName: string;
  title: string;
  periodLine: string;
  reportingUnitLine: string;
  receivingUnitLine: string;
  /** "Đơn vị tính: việc" or "Đơn vị tính: đồng". */
  unitOfMeasureLine: string;
  columns: FormColumn[];
  /** Rows 0 and 1 of the heading; the numbering row follows them. */
  heading: HeadingCell[];
  headingRows: number;
  /** "A", "1", "2", … */
  numbering: string[];
  rows: FormTableRow[];
  footer: {
    placeDate: string;
    preparedByTitle: string;
    preparedByHint: string;
    preparedBy: string;
    signerTitle: string;
    signerHint: string;
    signer: string;
  };
}

const GROUP_HEADING = 'Trong đó';

/** Headings and order of the columns (statistics.md §13). */
const COLUMN_SPECS: readonly {
  key: ColumnKey;
  label: string;
  inGroup: boolean;
  moneyOnly?: boolean;
}[] = [
  { key: 'totalReceived', label: 'Tổng số thụ lý', inGroup: false },
  { key: 'broughtForward', label: 'Năm trước chuyển sang', inGroup: true },
  { key: 'newlyReceived', label: 'Mới thụ lý', inGroup: true },
  { key: 'exited', label: 'Ủy thác, thu hồi, hủy quyết định', inGroup: false },
  { key: 'toEnforce', label: 'Tổng số phải thi hành', inGroup: false },
  { key: 'able', label: 'Có điều kiện thi hành', inGroup: false },
  { key: 'completedFull', label: 'Thi hành xong', inGroup: true },
  { key: 'terminated', label: 'Đình chỉ', inGroup: true },
  { key: 'reduced', label: 'Giảm, miễn', inGroup: true, moneyOnly: true },
  { key: 'inProgress', label: 'Đang thi hành', inGroup: true },
  { key: 'postponed', label: 'Hoãn', inGroup: true },
  { key: 'suspended', label: 'Tạm đình chỉ', inGroup: true },
  { key: 'unable', label: 'Chưa có điều kiện', inGroup: false },
  { key: 'rate', label: 'Tỷ lệ thi hành xong (%)', inGroup: false },
  { key: 'carriedOver', label: 'Chuyển kỳ sau', inGroup: false },
  { key: 'ableCarriedOver', label: 'Có điều kiện chuyển kỳ sau', inGroup: false },
];

export function formColumns(measure: Measure): FormColumn[] {
  return COLUMN_SPECS.filter((c) => measure === 'money' || !c.moneyOnly).map((c, i) => ({
    key: c.key,
    label: c.label,
    number: i + 1,
    kind: c.key === 'rate' ? 'rate' : 'integer',
    inGroup: c.inGroup,
  }));
}

/**
 * Two heading rows: a column outside any group spans both; a group ("Trong đó") spans the columns
 * after its parent column in row 0, and its columns sit in row 1.
 */
function headingCells(columns: readonly FormColumn[], rowHeading: string): HeadingCell[] {
  const cells: HeadingCell[] = [{ row: 0, col: 0, rowSpan: 2, colSpan: 1, text: rowHeading }];
  let i = 0;
  while (i < columns.length) {
    const column = columns[i]!;
    if (!column.inGroup) {
      cells.push({ row: 0, col: i + 1, rowSpan: 2, colSpan: 1, text: column.label });
      i += 1;
      continue;
    }
    const start = i;
    while (i < columns.length && columns[i]!.inGroup) {
      cells.push({ row: 1, col: i + 1, rowSpan: 1, colSpan: 1, text: columns[i]!.label });
      i += 1;
    }
    cells.push({ row: 0, col: start + 1, rowSpan: 1, colSpan: i - start, text: GROUP_HEADING });
  }
  return cells.sort((a, b) => a.row - b.row || a.col - b.col);
}

function cellOf(
  report: FormInput['rows'][number]['report'],
  measure: Measure,
  key: ColumnKey,
): FormCell {
  const figures = report[measure];
  if (key === 'rate')
    return figures.rate === null ? { type: 'empty' } : { type: 'rate', value: figures.rate };
  const value = figures.lines[key];
  return value === null ? { type: 'empty' } : { type: 'integer', value };
}

/** "Hà Nội, ngày 15 tháng 03 năm 2018". */
export function placeAndDate(place: string, date: string): string {
  const { year, month, day } = parseIsoDate(date);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${place}, ngày ${two(day)} tháng ${two(month)} năm ${year}`;
}

/** Vietnamese text in composed form: a decomposed "ạ" would print its mark apart in the PDF. */
function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Checks that the input can be printed as one form: at least one row, and every row's report of
 * the input's period. Throws a RangeError with a Vietnamese message otherwise.
 */
export function assertFormInput(input: FormInput): void {
  if (input.rows.length === 0) throw new RangeError('biểu báo cáo phải có ít nhất một dòng');
  for (const row of input.rows) {
    const r = row.report;
    if (r.year !== input.period.year || r.month !== input.period.month) {
      throw new RangeError(
        `dòng "${row.label}" là báo cáo ${r.month} tháng năm ${r.year}, khác kỳ của biểu (${input.period.month} tháng năm ${input.period.year})`,
      );
    }
  }
  parseIsoDate(input.date);
}

export function buildFormLayout(input: FormInput, measure: Measure): FormLayout {
  assertFormInput(input);
  const columns = formColumns(measure);
  const number = measure === 'cases' ? '01' : '02';
  return {
    measure,
    formNumber: `Biểu số ${number}`,
    shortName: `Biểu ${number}`,
    title:
      measure === 'cases'
        ? 'KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC'
        : 'KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN',
    periodLine: describePeriod(input.period),
    reportingUnitLine: nfc(`Đơn vị báo cáo: ${input.reportingUnit.name}`),
    receivingUnitLine: nfc(`Đơn vị nhận báo cáo: ${input.receivingUnit?.name ?? ''}`.trimEnd()),
    unitOfMeasureLine: measure === 'cases' ? 'Đơn vị tính: việc' : 'Đơn vị tính: đồng',
    columns,
    heading: headingCells(columns, nfc(input.rowHeading ?? UNIT_ROW_HEADING)),
    headingRows: 2,
    numbering: ['A', ...columns.map((c) => String(c.number))],
    rows: input.rows.map((row) => ({
      label: nfc(row.label),
      emphasis: row.emphasis ?? false,
      cells: columns.map((c) => cellOf(row.report, measure, c.key)),
    })),
    footer: {
      placeDate: nfc(placeAndDate(input.place, input.date)),
      preparedByTitle: 'Người lập biểu',
      preparedByHint: '(Ký, ghi rõ họ tên)',
      preparedBy: nfc(input.preparedBy ?? ''),
      signerTitle: 'Thủ trưởng đơn vị',
      signerHint: '(Ký tên, đóng dấu)',
      signer: nfc(input.signer ?? ''),
    },
  };
}

/** The cell as printed: "12.345.678", "43,28", or "" for unknown. */
export function formatCell(cell: FormCell): string {
  switch (cell.type) {
    case 'integer':
      return formatViInteger(cell.value);
    case 'rate':
      return formatViCenti(cell.value);
    case 'empty':
      return '';
  }
}
