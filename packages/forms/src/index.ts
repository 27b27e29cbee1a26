/**
 * @thads/forms: the official statistical forms of statistics.md §13, Biểu 01 (cases) and Biểu 02
 * (money), as an XLSX workbook and a printable PDF. Callers choose and resolve the reports; this
 * package lays them out and returns bytes (it writes no file).
 */
export * from './input.js';
export {
  buildFormLayout,
  formColumns,
  formatCell,
  placeAndDate,
  assertFormInput,
} from './layout.js';
export type {
  ColumnKey,
  ColumnKind,
  FormCell,
  FormColumn,
  FormLayout,
  FormTableRow,
  HeadingCell,
} from './layout.js';
export { renderFormsXlsx, integerCellValue, XLSX_ROWS } from './xlsx.js';
export { renderFormsPdf, PAGE_WIDTH, PAGE_HEIGHT } from './pdf.js';
export {
  PUBLIC_LIST_COLUMNS,
  WITHHELD_ADDRESS_VI,
  publicListCsv,
  renderPublicListXlsx,
  type PublicListExportRow,
} from './public-list.js';
export * from './summary.js';
export { renderSummaryPdf, SUMMARY_PAGE_WIDTH, SUMMARY_PAGE_HEIGHT } from './summary-pdf.js';
export {
  renderSummaryTableXlsx,
  SUMMARY_XLSX_ROWS,
  SUMMARY_METRIC_SUBCOLUMNS,
} from './summary-xlsx.js';
