/**
 * The command line and the reports workflow (statistics.md §10) on a temporary SQLite file: once
 * HN-BDI's report of 2017, 12 months is approved, `import cases` touching a locked date exits 1
 * with the Vietnamese LOCKED message and writes nothing, `import aggregate` cannot change the lines
 * of an approved report, and `report --format xlsx` prints the signer under "Thủ trưởng đơn vị".
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  approveReport,
  getReportWorkflow,
  openDatabase,
  submitReport,
  type WorkflowActor,
} from '@thads/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, 'fixtures', 'worked-example');
const temp = mkdtempSync(join(tmpdir(), 'thads-cli-workflow-'));
const url = `sqlite:${join(temp, 'thads.sqlite')}`;
const NOW = new Date('2025-11-25T03:00:00Z');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function thads(
  ...argv: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { DATABASE_URL: url },
    cwd: temp,
    now: () => NOW,
  };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

const HEAD: WorkflowActor = {
  username: 'truongbadinh',
  name: 'Nguyễn Văn Trưởng',
  role: 'unit_head',
  unit: 'HN-BDI',
};
const MANAGER: WorkflowActor = {
  username: 'quanly',
  name: 'Quản lý',
  role: 'cuc_manager',
  unit: null,
};
const BDI = { unit: 'HN-BDI', year: 2017, month: 12 };

describe('pnpm thads and an approved report', () => {
  beforeAll(async () => {
    expect((await thads('migrate')).status).toBe(0);
    for (const [kind, ...files] of [
      ['units', 'units.csv'],
      ['officers', 'officers.csv'],
      ['cases', 'cases.csv', 'events.csv'],
    ] as const)
      expect((await thads('import', kind, ...files.map((f) => join(FIXTURES, f)))).status).toBe(0);
    const opened = openDatabase(url);
    try {
      const view = await getReportWorkflow(opened.db, BDI, NOW);
      const acknowledgements = Object.fromEntries(
        view.findings.filter((f) => f.severity === 'warning').map((f) => [f.key, 'Đã rà soát']),
      );
      await submitReport(opened.db, { ...BDI, acknowledgements }, HEAD, NOW);
      await approveReport(opened.db, BDI, MANAGER, NOW);
    } finally {
      await opened.close();
    }
  });

  it('import cases touching a locked date: exit 1, the LOCKED message, nothing written', async () => {
    const events = join(temp, 'events.csv');
    writeFileSync(
      events,
      readFileSync(join(FIXTURES, 'events.csv'), 'utf8') + 'c1,2017-08-01,pay,100,,,\n',
    );
    const before = (await thads('report', '--unit', 'HN-BDI', '--year', '2017', '--month', '12'))
      .stdout;
    const run = await thads('import', 'cases', join(FIXTURES, 'cases.csv'), events);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'lỗi: Sổ thụ lý của đơn vị Chi cục THADS quận Ba Đình (HN-BDI) đã khóa đến hết ngày 30/09/2017 vì ' +
        'báo cáo 12 tháng năm 2017 (đến tháng 09/2017) đã được duyệt: không thể thêm sự kiện ngày ' +
        '01/08/2017 của việc c1. Cần gửi yêu cầu mở khóa để Cục duyệt.\n',
    );
    expect(
      (await thads('report', '--unit', 'HN-BDI', '--year', '2017', '--month', '12')).stdout,
    ).toBe(before);
    // After the lock date the registry stays open.
    writeFileSync(
      events,
      readFileSync(join(FIXTURES, 'events.csv'), 'utf8') + 'c1,2017-10-02,pay,100,,,\n',
    );
    expect((await thads('import', 'cases', join(FIXTURES, 'cases.csv'), events)).status).toBe(0);
  });

  it('import aggregate cannot change the lines of an approved report', async () => {
    const file = join(temp, 'aggregate.csv');
    writeFileSync(file, 'unit,year,month,measure,broughtForward\nHN-BDI,2017,12,cases,4\n');
    const run = await thads('import', 'aggregate', file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^lỗi: Báo cáo 12 tháng năm 2017 .* đã được duyệt: không thể sửa số liệu tổng hợp/,
    );
  });

  it('report --format xlsx prints the signer under "Thủ trưởng đơn vị"', async () => {
    const out = join(temp, 'bdi.xlsx');
    const run = await thads(
      'report',
      '--unit',
      'HN-BDI',
      '--year',
      '2017',
      '--month',
      '12',
      '--format',
      'xlsx',
      '--out',
      out,
    );
    expect(run.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') texts.push(cell.value);
      }),
    );
    expect(texts).toContain('Thủ trưởng đơn vị');
    expect(texts).toContain('Nguyễn Văn Trưởng');
  });
});
