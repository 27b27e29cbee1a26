// Biểu 01 and Biểu 02 of a report through the API (statistics.md §13), read back from the workbook.
// Expected figures are the hand-computed ones of statistics.md §12 (worked example, 2017 month 12).
import { resolveReport } from '@thads/db';
import { testDialects, useTestDatabase } from '@thads/db/testing';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, importWorkedExample } from './helpers.js';

/** The numbers of a form row, in the column order of §13 (T, C, M, U, P, K, X1, X2, [GM], D, H, S, N, R, CKS, KCS). */
function rowValues(sheet: ExcelJS.Worksheet, label: string): (number | string | null)[] {
  let found: (number | string | null)[] | null = null;
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    if (values[0] === label) {
      found = values
        .slice(1)
        .map((v) => (v === undefined || v === null ? null : (v as number | string)));
    }
  });
  if (found === null) throw new Error(`no row "${label}" in sheet ${sheet.name}`);
  return found;
}

async function workbookOf(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return workbook;
}

describe.each(await testDialects())('forms over $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
  });

  it('HN total: a row per unit under it, "Văn phòng Cục", "Tổng cộng"', async () => {
    const file = await callerFor(t.db).reports.forms({
      unit: 'HN',
      year: 2017,
      month: 12,
      scope: 'total',
      format: 'xlsx',
    });
    expect(file.fileName).toBe('bieu-01-02_HN-total_2017-12.xlsx');
    const [cases, money] = (await workbookOf(file.base64)).worksheets;
    //                                              T   C  M  U  P  K X1 X2  D  H  S  N      R CKS KCS
    expect(rowValues(cases!, 'Chi cục THADS quận Ba Đình')).toEqual([
      10, 4, 6, 2, 8, 7, 2, 1, 2, 1, 1, 1, 42.86, 5, 4,
    ]);
    expect(rowValues(cases!, 'Văn phòng Cục')).toEqual([
      1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1,
    ]);
    expect(rowValues(cases!, 'Tổng cộng')).toEqual([
      11, 5, 6, 2, 9, 8, 2, 1, 3, 1, 1, 1, 37.5, 6, 5,
    ]);
    //                                        T     C     M     U     P     K    X1   X2  GM     D    H    S    N      R   CKS   KCS
    expect(rowValues(money!, 'Tổng cộng')).toEqual([
      10100, 7700, 2400, 1900, 8200, 7800, 2100, 500, 100, 4500, 400, 200, 400, 34.62, 5500, 5100,
    ]);
    expect(rowValues(money!, 'Văn phòng Cục')).toEqual([
      5000, 5000, 0, 0, 5000, 5000, 1000, 0, 0, 4000, 0, 0, 0, 20, 4000, 4000,
    ]);
  });

  it('HN-BDI: a row per officer, "Chưa phân công", "Tổng cộng"', async () => {
    const file = await callerFor(t.db).reports.forms({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'total',
      format: 'xlsx',
    });
    const [cases, money] = (await workbookOf(file.base64)).worksheets;
    expect(rowValues(cases!, 'Nguyễn Văn An')).toEqual([
      1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1,
    ]);
    expect(rowValues(cases!, 'Trần Thị Bình')).toEqual([
      2, 1, 1, 0, 2, 2, 0, 0, 1, 1, 0, 0, 0, 2, 2,
    ]);
    expect(rowValues(cases!, 'Chưa phân công')).toEqual([
      7, 2, 5, 2, 5, 4, 2, 1, 0, 0, 1, 1, 75, 2, 1,
    ]);
    expect(rowValues(money!, 'Chưa phân công')).toEqual([
      4000, 1600, 2400, 1900, 2100, 1700, 900, 500, 100, 0, 0, 200, 400, 88.24, 600, 200,
    ]);
    expect(rowValues(money!, 'Tổng cộng')).toEqual([
      5100, 2700, 2400, 1900, 3200, 2800, 1100, 500, 100, 500, 400, 200, 400, 60.71, 1500, 1100,
    ]);
  });

  it('an officer report has one row; the PDF is a PDF', async () => {
    const caller = callerFor(t.db);
    const xlsx = await caller.reports.forms({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'own',
      officer: 'BDI-1',
      format: 'xlsx',
    });
    const [cases] = (await workbookOf(xlsx.base64)).worksheets;
    expect(rowValues(cases!, 'Nguyễn Văn An')).toEqual([
      1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1,
    ]);
    const pdf = await caller.reports.forms({
      unit: 'HN',
      year: 2017,
      month: 12,
      scope: 'total',
      format: 'pdf',
    });
    expect(pdf.mimeType).toBe('application/pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('the unassigned cases of a unit as a report of their own (V11 with the officers)', async () => {
    const report = await resolveReport(t.db, {
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      unassigned: true,
    });
    expect(report.scope).toBe('own');
    expect(report.cases.lines.totalReceived).toBe(7n);
    expect(report.money.lines.completed).toBe(1500n);
    await expect(
      resolveReport(t.db, {
        unit: 'HN-BDI',
        year: 2017,
        month: 12,
        unassigned: true,
        officer: 'BDI-1',
      }),
    ).rejects.toThrow(/chưa phân công/);
  });
});
