/**
 * The official forms of a report (statistics.md §13): which rows the form has, resolved from the
 * database, and the rendered XLSX or PDF. One place for the CLI (`report --format xlsx`) and the
 * console's downloads.
 */
import { getOfficer, listOfficers, listUnits, resolveReport, type ReportRequest } from '@thads/db';
import type { Database } from '@thads/db';
import { classificationFilterTextVi, compareBytes, type IsoDate, type Report } from '@thads/domain';
import {
  OFFICER_ROW_HEADING,
  officerBreakdownRows,
  renderFormsPdf,
  renderFormsXlsx,
  singleRow,
  unitBreakdownRows,
  type FormInput,
  type FormRow,
} from '@thads/forms';
import type { Kysely } from 'kysely';

export type FormFormat = 'xlsx' | 'pdf';

/**
 * The place printed in the footer: the province of the unit's Cục, taken from the Cục's name
 * ("Cục Thi hành án dân sự thành phố Hà Nội" → "Hà Nội"); the unit's own name otherwise.
 */
export function placeOf(cucName: string): string {
  const match = /(?:thành phố|tỉnh)\s+(.+)$/iu.exec(cucName);
  return match ? match[1]!.trim() : cucName;
}

/** The rows of the form of `request` (§13) and everything the header and footer need. */
export async function resolveFormInput(
  db: Kysely<Database>,
  request: ReportRequest,
  options: { date: IsoDate; signer?: string | null; preparedBy?: string | null },
): Promise<FormInput> {
  const report = await resolveReport(db, request);
  const units = await listUnits(db);
  const unit = units.find((u) => u.code === report.unit)!;
  const parent = unit.parent === null ? null : (units.find((u) => u.code === unit.parent) ?? null);
  const children = units
    .filter((u) => u.parent === unit.code)
    .sort((a, b) => compareBytes(a.code, b.code));
  const byCode = new Map(units.map((u) => [u.code, u]));
  let cuc: (typeof units)[number] | undefined = unit;
  while (cuc && cuc.kind !== 'cuc') cuc = cuc.parent === null ? undefined : byCode.get(cuc.parent);
  const same = { year: report.year, month: report.month };
  const plain =
    report.source === 'registry' &&
    report.officer === null &&
    report.mode === null &&
    !report.judgmentType &&
    !report.flag;

  let rows: FormRow[];
  let rowHeading: string | undefined;
  if (plain && children.length > 0 && report.scope === 'total') {
    // The Cục's total: each unit under it, then its own office, then the total.
    const childRows = [];
    for (const child of children) {
      childRows.push({
        code: child.code,
        name: child.name,
        report: await resolveReport(db, {
          ...same,
          unit: child.code,
          scope: 'total',
          source: 'registry',
        }),
      });
    }
    const own = await resolveReport(db, { ...same, unit: unit.code, scope: 'own' });
    rows = unitBreakdownRows(childRows, own, report);
  } else if (plain && children.length === 0) {
    // A unit without units under it: each officer, the unassigned cases, then the unit.
    const officerRows: { code: string; name: string; report: Report }[] = [];
    for (const officer of await listOfficers(db, unit.code)) {
      officerRows.push({
        code: officer.code,
        name: officer.name,
        report: await resolveReport(db, { ...same, unit: unit.code, officer: officer.code }),
      });
    }
    const unassigned = await resolveReport(db, { ...same, unit: unit.code, unassigned: true });
    rows = officerBreakdownRows(officerRows, unassigned, report);
    rowHeading = OFFICER_ROW_HEADING;
  } else {
    const officer = report.officer === null ? null : await getOfficer(db, report.officer);
    // A report filtered by classification (issue 7) says so in its one row.
    const filters = classificationFilterTextVi(report);
    const name = officer ? officer.name : unit.name;
    rows = singleRow(filters ? `${name} (${filters})` : name, report);
    if (officer) rowHeading = OFFICER_ROW_HEADING;
  }
  return {
    period: {
      year: report.year,
      month: report.month,
      start: report.periodStart,
      end: report.periodEnd,
    },
    reportingUnit: { code: unit.code, name: unit.name },
    receivingUnit: parent ? { code: parent.code, name: parent.name } : null,
    rows,
    ...(rowHeading ? { rowHeading } : {}),
    place: placeOf(cuc?.name ?? unit.name),
    date: options.date,
    preparedBy: options.preparedBy ?? null,
    signer: options.signer ?? null,
  };
}

export interface RenderedForms {
  /** e.g. "bieu-01-02_HN-BDI_2017-12.xlsx". */
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

const MIME: Readonly<Record<FormFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Biểu 01 and Biểu 02 of `request` as one XLSX workbook or one PDF. */
export async function renderReportForms(
  db: Kysely<Database>,
  request: ReportRequest,
  format: FormFormat,
  options: { date: IsoDate; signer?: string | null },
): Promise<RenderedForms> {
  const input = await resolveFormInput(db, request, options);
  const bytes = format === 'xlsx' ? await renderFormsXlsx(input) : await renderFormsPdf(input);
  const who = request.officer
    ? `${request.unit}-${request.officer}`
    : `${request.unit}-${request.scope ?? 'total'}`;
  const month = String(request.month).padStart(2, '0');
  const filters = [request.mode, request.judgmentType, request.flag]
    .flatMap((f) => (f ? [`_${f.replace(':', '-')}`] : []))
    .join('');
  return {
    fileName: `bieu-01-02_${who}${filters}_${request.year}-${month}.${format}`,
    mimeType: MIME[format],
    bytes,
  };
}
