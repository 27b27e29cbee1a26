// The registry as one XLSX workbook (interfaces.md §3) on both dialects: the same registry and the
// same report as the CSV files; issues that name the sheet, the row (the header is row 1) and the
// column; a numeric money cell is an error; a dry run lists every bad row and writes nothing;
// all or nothing across the sheets; the console's import scope; who recorded the events.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  importCases,
  importWorkbook,
  loadCases,
  resolveReport,
  type BinaryFile,
  type ImportIssue,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { FIXTURES, TODAY, expectOk, importWorkedExample } from './helpers.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dialects = await testDialects();

type Cell = string | number | boolean | Date | { formula: string };

/** The rows of a worked-example CSV file, every cell text. */
function csvRows(name: string): Cell[][] {
  return readFileSync(join(FIXTURES, 'worked-example', name), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

async function workbook(
  sheets: Record<string, Cell[][]>,
  name = 'so-thu-ly.xlsx',
): Promise<BinaryFile> {
  const book = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(sheetName);
    for (const row of rows) sheet.addRow(row);
  }
  return { name, bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
}

const WORKED = () => ({
  units: csvRows('units.csv'),
  officers: csvRows('officers.csv'),
  cases: csvRows('cases.csv'),
  events: csvRows('events.csv'),
});

const where = (issues: readonly ImportIssue[]) =>
  issues.map((i) => `${i.sheet ?? ''}:${i.line}:${i.column ?? ''}`);

describe.each(dialects)('the registry as an XLSX workbook on $label', (dialect) => {
  const t = useTestDatabase(dialect, { reset: true });

  it('imports units, officers, cases and events in one go: the same report as the CSV files', async () => {
    const result = await importWorkbook(t.db, await workbook(WORKED()), { today: TODAY });
    expectOk(result);
    expect(result.parts).toEqual([
      { kind: 'units', label: 'Đơn vị', counts: { created: 2, updated: 0, unchanged: 0 } },
      {
        kind: 'officers',
        label: 'Chấp hành viên',
        counts: { created: 2, updated: 0, unchanged: 0 },
      },
      { kind: 'cases', label: 'Việc', counts: { created: 13, updated: 0, unchanged: 0 } },
    ]);
    const report = await resolveReport(t.db, { unit: 'HN-BDI', year: 2017, month: 12 });
    // statistics.md §12: HN-BDI money X 1700, K 2800; cases R 42.86.
    expect([report.money.lines.completed, report.money.lines.able, report.cases.rate]).toEqual([
      1700n,
      2800n,
      4286n,
    ]);
    const again = await importWorkbook(t.db, await workbook(WORKED()), { today: TODAY });
    expect([again.written, again.counts]).toEqual([
      false,
      { created: 0, updated: 0, unchanged: 17 },
    ]);
  });

  it('a numeric money cell, a date cell and a formula are errors naming sheet, row and column', async () => {
    const sheets = WORKED();
    sheets.cases[2]![3] = 500; // c2's amount as a spreadsheet number
    sheets.cases[4]![2] = new Date(Date.UTC(2015, 0, 1)); // c4's received_on as a date cell
    sheets.events[1]![3] = { formula: '100*3' }; // c1's first payment as a formula
    const file = await workbook(sheets);
    const result = await importWorkbook(t.db, file, { today: TODAY, dryRun: true });
    expect(where(result.issues)).toEqual([
      'cases:3:amount',
      'cases:5:received_on',
      'events:2:amount',
    ]);
    expect(formatIssue(result.issues[0]!)).toBe(
      'so-thu-ly.xlsx!cases:3:amount: ô D3 là số của bảng tính (500); số tiền phải nhập dạng văn bản (chỉ gồm chữ số) vì số của bảng tính mất đồng khi vượt 2^53',
    );
    expect(result.issues[1]!.message).toBe(
      'ô C5 là ngày của bảng tính; ngày phải nhập dạng văn bản YYYY-MM-DD',
    );
    // Nothing written, not even the units and officers of the sheets that were right.
    expect(await t.db.selectFrom('units').selectAll().execute()).toEqual([]);
    // Without --dry-run only the first error is reported.
    const first = await importWorkbook(t.db, file, { today: TODAY });
    expect(where(first.issues)).toEqual(['cases:3:amount']);
    expect(await t.db.selectFrom('cases').selectAll().execute()).toEqual([]);
  });

  it('checks cases against the units and officers of the same workbook, and rolls everything back on a rule error', async () => {
    const sheets = WORKED();
    sheets.events.push(['c8', '2016-10-01', 'postpone', '', '', '', '']); // postponed twice
    const result = await importWorkbook(t.db, await workbook(sheets), {
      today: TODAY,
      dryRun: true,
    });
    expect(where(result.issues)).toEqual(['events:20:kind']);
    expect(result.issues[0]!.message).toMatch(
      /^Việc c8, sự kiện thứ 2 \(postpone ngày 2016-10-01\)/,
    );
    expect(await t.db.selectFrom('units').selectAll().execute()).toEqual([]);
  });

  it('refuses unknown sheets, cases without events, and a file that is not a workbook', async () => {
    const unknown = await importWorkbook(t.db, await workbook({ ...WORKED(), notes: [['x']] }), {
      today: TODAY,
    });
    expect(unknown.issues.map((i) => [i.file, i.sheet, i.line, i.message])).toEqual([
      [
        'so-thu-ly.xlsx',
        undefined,
        1,
        'trang tính "notes" không được biết; các trang hợp lệ: units, officers, cases, events',
      ],
    ]);
    const { events: _events, ...noEvents } = WORKED();
    const alone = await importWorkbook(t.db, await workbook(noEvents), { today: TODAY });
    expect(alone.issues[0]!.message).toMatch(/có trang cases mà không có trang events/);
    const junk = await importWorkbook(
      t.db,
      { name: 'cases.xlsx', bytes: new TextEncoder().encode('case_id,unit\n') },
      { today: TODAY },
    );
    expect(junk.issues[0]!.message).toMatch(/không đọc được tệp bảng tính/);
  });

  it('takes whole numbers typed in code columns as their digits, TRUE as true', async () => {
    await importWorkedExample(t.db);
    const result = await importWorkbook(
      t.db,
      await workbook({
        cases: [
          ['case_id', 'unit', 'received_on', 'amount', 'reverify_yearly'],
          [2024001, 'HN-BDI', '2024-01-02', '1000', true],
        ],
        events: [['case_id', 'date', 'kind', 'amount', 'officer', 'ground', 'decision_no']],
      }),
      { today: TODAY },
    );
    expectOk(result);
    const [c] = await loadCases(t.db, { units: ['HN-BDI'] }).then((all) =>
      all.filter((x) => x.id === '2024001'),
    );
    expect(c).toMatchObject({ id: '2024001', amount: 1000n });
  });

  it('the console scope: cases of other units and units are refused as issues', async () => {
    await importWorkedExample(t.db);
    const result = await importWorkbook(t.db, await workbook(WORKED()), {
      today: TODAY,
      dryRun: true,
      scope: { units: false, officerUnits: new Set(['HN-BDI']), caseUnits: new Set(['HN-BDI']) },
    });
    expect(where(result.issues)).toEqual(['units:1:', 'cases:14:unit']);
    const events = await importWorkbook(
      t.db,
      await workbook({
        cases: [WORKED().cases[0]!],
        events: [WORKED().events[0]!, ['h1', '2017-06-01', 'verify', '', '', '', '']],
      }),
      {
        today: TODAY,
        dryRun: true,
        scope: { units: false, officerUnits: null, caseUnits: new Set(['HN-BDI']) },
      },
    );
    expect(events.issues.map((i) => `${i.sheet}:${i.line}:${i.column}: ${i.message}`)).toEqual([
      'events:2:case_id: tài khoản của bạn không có quyền với các việc của đơn vị HN',
    ]);
  });

  it('an import records who recorded each event, and keeps it for events a re-import leaves alone', async () => {
    await importWorkedExample(t.db);
    const changed = WORKED();
    changed.events.push(['c1', '2017-02-01', 'pay', '100', '', '', '']);
    await importWorkbook(t.db, await workbook({ cases: changed.cases, events: changed.events }), {
      today: TODAY,
      actor: { username: 'vanthu', role: 'clerk' },
      now: new Date('2025-11-25T03:00:00Z'),
    });
    const rows = await t.db
      .selectFrom('case_events')
      .select(['date', 'kind', 'recorded_by'])
      .where('case_id', '=', 'c1')
      .orderBy('date')
      .execute();
    expect(rows).toEqual([
      { date: '2016-06-01', kind: 'pay', recorded_by: 'cli' },
      { date: '2017-01-10', kind: 'pay', recorded_by: 'cli' },
      { date: '2017-02-01', kind: 'pay', recorded_by: 'vanthu' },
    ]);
  });

  it('the CSV import and the workbook import give the same registry', async () => {
    await importWorkbook(t.db, await workbook(WORKED()), { today: TODAY });
    const fromBook = await loadCases(t.db, { units: ['HN', 'HN-BDI'] });
    await t.db.deleteFrom('case_events').execute();
    await t.db.deleteFrom('cases').execute();
    const file = (name: string) => ({
      name,
      text: readFileSync(join(FIXTURES, 'worked-example', name), 'utf8'),
    });
    expectOk(
      await importCases(
        t.db,
        { cases: file('cases.csv'), events: file('events.csv') },
        { today: TODAY },
      ),
    );
    expect(await loadCases(t.db, { units: ['HN', 'HN-BDI'] })).toEqual(fromBook);
  });
});
