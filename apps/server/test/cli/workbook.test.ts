/**
 * `pnpm thads import cases <workbook.xlsx> [--dry-run]` (interfaces.md §2, §3) in process, against
 * a temporary SQLite file: the worked example as one workbook gives the §12 report; a numeric money
 * cell stops the import naming the sheet, the row and the column; a dry run lists every error.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, 'fixtures', 'worked-example');
const temp = mkdtempSync(join(tmpdir(), 'thads-cli-xlsx-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function thads(databaseUrl: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { DATABASE_URL: databaseUrl },
    cwd: temp,
    now: () => new Date('2025-11-25T03:00:00Z'),
  };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

type Cell = string | number;

function sheetOf(name: string): Cell[][] {
  return readFileSync(join(FIXTURES, `${name}.csv`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

async function writeWorkbook(file: string, edit: (sheets: Record<string, Cell[][]>) => void) {
  const sheets: Record<string, Cell[][]> = {};
  for (const name of ['units', 'officers', 'cases', 'events']) sheets[name] = sheetOf(name);
  edit(sheets);
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  writeFileSync(join(temp, file), Buffer.from(await book.xlsx.writeBuffer()));
}

describe('import cases <workbook.xlsx>', () => {
  it('imports the worked example from one workbook; the report is that of statistics.md §12', async () => {
    const db = `sqlite:${join(temp, 'good.sqlite')}`;
    await writeWorkbook('so-thu-ly.xlsx', () => {});
    const dry = await thads(db, 'import', 'cases', 'so-thu-ly.xlsx', '--dry-run');
    expect(dry).toEqual({
      status: 0,
      stdout:
        'Chạy thử, không ghi gì. Đơn vị: sẽ tạo mới 2, cập nhật 0, không đổi 0; Chấp hành viên: sẽ tạo mới 2, cập nhật 0, không đổi 0; Việc: sẽ tạo mới 13, cập nhật 0, không đổi 0.\n',
      stderr: '',
    });
    expect((await thads(db, 'import', 'cases', 'so-thu-ly.xlsx')).stdout).toBe(
      'Đơn vị: tạo mới 2, cập nhật 0, không đổi 0; Chấp hành viên: tạo mới 2, cập nhật 0, không đổi 0; Việc: tạo mới 13, cập nhật 0, không đổi 0.\n',
    );
    const report = JSON.parse(
      (await thads(db, 'report', '--unit', 'HN-BDI', '--year', '2017', '--month', '12')).stdout,
    ) as { cases: { rate: string }; money: { rate: string; completed: string } };
    expect([report.cases.rate, report.money.rate, report.money.completed]).toEqual([
      '42.86',
      '60.71',
      '1700',
    ]);
    expect((await thads(db, 'import', 'cases', 'so-thu-ly.xlsx')).stdout).toMatch(
      /Không có thay đổi, không ghi gì\.\n$/,
    );
    // The cases behind a line, of one mode (interfaces.md §2 `cases --mode`): the worked example
    // classifies none, so every case of "Tổng số thụ lý" is `none` and none is `chu_dong`.
    const none = await thads(
      db,
      'cases',
      '--unit',
      'HN-BDI',
      '--year',
      '2017',
      '--month',
      '12',
      '--line',
      'totalReceived',
      '--mode',
      'none',
    );
    expect(none.stdout.trim().split('\n')).toHaveLength(11); // header + 10 cases
    const active = await thads(
      db,
      'cases',
      '--unit',
      'HN-BDI',
      '--year',
      '2017',
      '--month',
      '12',
      '--line',
      'totalReceived',
      '--mode',
      'chu_dong',
    );
    expect(active.stdout).toBe('case_id\n');
  });

  it('a numeric money cell stops the import: sheet, row and column; --dry-run lists every error', async () => {
    const db = `sqlite:${join(temp, 'bad.sqlite')}`;
    await writeWorkbook('loi.xlsx', (sheets) => {
      sheets.cases![2]![3] = 500; // c2's amount typed as a number
      sheets.events![5]![3] = 100; // c3's payment typed as a number
    });
    const run = await thads(db, 'import', 'cases', 'loi.xlsx');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'loi.xlsx!cases:3:amount: ô D3 là số của bảng tính (500); số tiền phải nhập dạng văn bản (chỉ gồm chữ số) vì số của bảng tính mất đồng khi vượt 2^53\n',
    );
    const dry = await thads(db, 'import', 'cases', 'loi.xlsx', '--dry-run');
    expect(dry.status).toBe(1);
    expect(dry.stderr.split('\n').map((l) => l.split(': ')[0])).toEqual([
      'loi.xlsx!cases:3:amount',
      'loi.xlsx!events:6:amount',
      'Có 2 lỗi; không ghi gì.',
      '',
    ]);
    const units = await thads(db, 'report', '--unit', 'HN', '--year', '2017', '--month', '12');
    expect(units.status).toBe(1); // nothing was written, not even the units
  });

  it('one file that is not a workbook needs its events file', async () => {
    const run = await thads(`sqlite:${join(temp, 'x.sqlite')}`, 'import', 'cases', 'cases.csv');
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'lỗi: cần hai tệp cases.csv và events.csv, hoặc một bảng tính .xlsx (nhận được cases.csv)\n',
    });
  });
});
