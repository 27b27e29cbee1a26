/**
 * What the forms are drawn from. Independent of the database: the caller resolves the reports and
 * chooses the rows (statistics.md §13), this package only lays them out.
 */
import { compareBytes, type IsoDate, type Period, type Report } from '@thads/domain';

export interface FormUnit {
  code: string;
  name: string;
}

/** One row of the table: its label as printed and the report whose lines fill it. */
export interface FormRow {
  label: string;
  report: Report;
  /** Printed in bold (the "Tổng cộng" row). */
  emphasis?: boolean;
}

export interface FormInput {
  period: Period;
  /** Đơn vị báo cáo. */
  reportingUnit: FormUnit;
  /** Đơn vị nhận báo cáo: the parent unit; null for a root (the line is printed with no name). */
  receivingUnit: FormUnit | null;
  /**
   * The rows in printed order: the units under a Cục in code order, "Văn phòng Cục", "Tổng cộng";
   * or the officers of a unit, "Chưa phân công", "Tổng cộng"; or one row (see the helpers below).
   */
  rows: readonly FormRow[];
  /** Heading of the first column; "Đơn vị" by default. */
  rowHeading?: string;
  /** Place of the footer date, e.g. "Hà Nội". */
  place: string;
  /** The footer date ("Hà Nội, ngày 15 tháng 03 năm 2018"), passed in: nothing here reads the clock. */
  date: IsoDate;
  /** Người lập biểu. */
  preparedBy?: string | null;
  /** Thủ trưởng đơn vị who signed the submitted report. */
  signer?: string | null;
}

export const OWN_OFFICE_LABEL = 'Văn phòng Cục';
export const UNASSIGNED_LABEL = 'Chưa phân công';
export const TOTAL_LABEL = 'Tổng cộng';
export const UNIT_ROW_HEADING = 'Đơn vị';
export const OFFICER_ROW_HEADING = 'Chấp hành viên';

interface Labelled {
  code: string;
  name: string;
  report: Report;
}

function byCode(items: readonly Labelled[]): FormRow[] {
  return [...items]
    .sort((a, b) => compareBytes(a.code, b.code))
    .map((i) => ({ label: i.name, report: i.report }));
}

/**
 * Rows of a Cục's `total` report: each unit under it in code order, then "Văn phòng Cục" (its `own`
 * scope), then "Tổng cộng" (the `total` report itself).
 */
export function unitBreakdownRows(
  units: readonly Labelled[],
  own: Report,
  total: Report,
): FormRow[] {
  return [
    ...byCode(units),
    { label: OWN_OFFICE_LABEL, report: own },
    { label: TOTAL_LABEL, report: total, emphasis: true },
  ];
}

/**
 * Rows of the report of a unit without units under it: each officer in code order, then
 * "Chưa phân công" (the unassigned cases), then "Tổng cộng" (the unit's report).
 */
export function officerBreakdownRows(
  officers: readonly Labelled[],
  unassigned: Report,
  total: Report,
): FormRow[] {
  return [
    ...byCode(officers),
    { label: UNASSIGNED_LABEL, report: unassigned },
    { label: TOTAL_LABEL, report: total, emphasis: true },
  ];
}

/** Any other report (the Cục's `own`, an officer, a mode, an aggregate report): one row. */
export function singleRow(label: string, report: Report): FormRow[] {
  return [{ label, report }];
}
