/**
 * The command line against a temporary SQLite file (and PostgreSQL when THADS_TEST_POSTGRES_URL is
 * set), run in process through `main`, and once as a real process.
 */
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { migrations } from '@thads/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, 'fixtures', 'worked-example');
const SERVER = resolve(here, '../..');
const temp = mkdtempSync(join(tmpdir(), 'thads-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function runner(databaseUrl: string, extraEnv: Record<string, string> = {}) {
  return async (...argv: string[]): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      env: { DATABASE_URL: databaseUrl, ...extraEnv },
      cwd: temp,
      now: () => new Date('2025-11-25T03:00:00Z'),
    };
    const status = await main(argv, io);
    return { status, stdout, stderr };
  };
}

const fixture = (name: string) => join(FIXTURES, name);

/** HN `total`, working year 2017, month 12, as computed by hand in statistics.md §12. */
const HN_TOTAL_2017_12 = {
  unit: 'HN',
  scope: 'total',
  officer: null,
  mode: null,
  year: 2017,
  month: 12,
  periodStart: '2016-10-01',
  periodEnd: '2017-09-30',
  ruleSet: 'TT01-2013',
  source: 'registry',
  cases: {
    broughtForward: 5,
    newlyReceived: 6,
    totalReceived: 11,
    exited: 2,
    toEnforce: 9,
    able: 8,
    unable: 1,
    completed: 3,
    completedFull: 2,
    terminated: 1,
    inProgress: 3,
    postponed: 1,
    suspended: 1,
    carriedOver: 6,
    ableCarriedOver: 5,
    rate: '37.50',
    carryOverChange: '0.00',
  },
  money: {
    broughtForward: '7700',
    newlyReceived: '2400',
    totalReceived: '10100',
    exited: '1900',
    toEnforce: '8200',
    able: '7800',
    unable: '400',
    completed: '2700',
    completedFull: '2100',
    terminated: '500',
    reduced: '100',
    inProgress: '4500',
    postponed: '400',
    suspended: '200',
    carriedOver: '5500',
    ableCarriedOver: '5100',
    rate: '34.62',
    carryOverChange: '-33.77',
  },
  // "No findings, except a V12 warning for c2 (N, not published)" (statistics.md §12).
  validation: [
    {
      rule: 'V12',
      severity: 'warning',
      measure: 'cases',
      message:
        'Danh sách công khai: việc c2 chưa có điều kiện thi hành tại ngày 30/09/2017 (quyết định số 12/QĐ-CCTHADS ngày 01/02/2017) nhưng chưa được công khai',
    },
  ],
};

async function importWorkedExample(thads: (...argv: string[]) => Promise<Run>): Promise<void> {
  expect(await thads('import', 'units', fixture('units.csv'))).toEqual({
    status: 0,
    stdout: 'Đơn vị: tạo mới 2, cập nhật 0, không đổi 0.\n',
    stderr: '',
  });
  expect((await thads('import', 'officers', fixture('officers.csv'))).stdout).toBe(
    'Chấp hành viên: tạo mới 2, cập nhật 0, không đổi 0.\n',
  );
  expect(await thads('import', 'cases', fixture('cases.csv'), fixture('events.csv'))).toEqual({
    status: 0,
    stdout: 'Việc: tạo mới 13, cập nhật 0, không đổi 0.\n',
    stderr: '',
  });
}

describe('pnpm thads on a SQLite file', () => {
  const thads = runner(`sqlite:${join(temp, 'thads.sqlite')}`);
  beforeAll(async () => {
    const migrated = (await thads('migrate')).stdout;
    expect(migrated).toMatch(/^Đã cập nhật cấu trúc cơ sở dữ liệu .*thads\.sqlite: /);
    expect(migrated.endsWith(`: ${Object.keys(migrations).join(', ')}.\n`)).toBe(true);
    await importWorkedExample(thads);
  });

  it('re-importing the same extract reports it unchanged and writes nothing', async () => {
    expect(await thads('import', 'cases', fixture('cases.csv'), fixture('events.csv'))).toEqual({
      status: 0,
      stdout: 'Việc: tạo mới 0, cập nhật 0, không đổi 13. Không có thay đổi, không ghi gì.\n',
      stderr: '',
    });
    expect((await thads('import', 'units', fixture('units.csv'))).stdout).toMatch(
      /không đổi 2\. Không có thay đổi/,
    );
  });

  it('report: the JSON of statistics.md §12', async () => {
    const run = await thads('report', '--unit', 'HN', '--year', '2017', '--month', '12');
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(JSON.parse(run.stdout)).toEqual(HN_TOTAL_2017_12);
    const officer = JSON.parse(
      (
        await thads(
          'report',
          '--unit',
          'HN-BDI',
          '--officer',
          'BDI-2',
          '--year',
          '2017',
          '--month',
          '12',
        )
      ).stdout,
    );
    expect([
      officer.scope,
      officer.officer,
      officer.cases.toEnforce,
      officer.money.postponed,
      officer.cases.carryOverChange,
    ]).toEqual(['own', 'BDI-2', 2, '400', '100.00']);
    const own = JSON.parse(
      (await thads('report', '--unit', 'HN', '--scope', 'own', '--year', '2017', '--month', '12'))
        .stdout,
    );
    expect([own.scope, own.money.completed, own.money.rate, own.money.carryOverChange]).toEqual([
      'own',
      '1000',
      '20.00',
      '-20.00',
    ]);
  });

  it('report --format csv: header line,cases,money and one row per key of money', async () => {
    const run = await thads(
      'report',
      '--unit',
      'HN-BDI',
      '--year',
      '2017',
      '--month',
      '12',
      '--format',
      'csv',
    );
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'line,cases,money',
      'broughtForward,4,2700',
      'newlyReceived,6,2400',
      'totalReceived,10,5100',
      'exited,2,1900',
      'toEnforce,8,3200',
      'able,7,2800',
      'unable,1,400',
      'completed,3,1700',
      'completedFull,2,1100',
      'terminated,1,500',
      'reduced,,100',
      'inProgress,2,500',
      'postponed,1,400',
      'suspended,1,200',
      'carriedOver,5,1500',
      'ableCarriedOver,4,1100',
      'rate,42.86,60.71',
      'carryOverChange,0.00,-59.26',
      '',
    ]);
  });

  it('report --out writes the file and nothing to stdout', async () => {
    const run = await thads(
      'report',
      '--unit',
      'HN',
      '--year',
      '2017',
      '--month',
      '12',
      '--out',
      'hn.json',
    );
    expect([run.status, run.stdout]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(join(temp, 'hn.json'), 'utf8'))).toEqual(HN_TOTAL_2017_12);
  });

  it('cases: CSV by default, JSON on request, in byte order of case ids', async () => {
    const list = await thads(
      'cases',
      '--unit',
      'HN',
      '--year',
      '2017',
      '--month',
      '12',
      '--line',
      'inProgress',
    );
    expect(list).toEqual({ status: 0, stdout: 'case_id\nc1\nc12\nh1\n', stderr: '' });
    const money = await thads(
      'cases',
      '--unit',
      'HN-BDI',
      '--year',
      '2017',
      '--month',
      '12',
      '--line',
      'exited',
      '--measure',
      'money',
    );
    expect(money.stdout).toBe('case_id,amount\nc11,900\nc3,700\nc6,300\n');
    const json = await thads(
      'cases',
      '--unit',
      'HN-BDI',
      '--officer',
      'BDI-1',
      '--year',
      '2017',
      '--month',
      '12',
      '--line',
      'completed',
      '--measure',
      'money',
      '--format',
      'json',
    );
    expect(JSON.parse(json.stdout)).toEqual([{ case_id: 'c1', amount: '200' }]);
    const plain = await thads(
      'cases',
      '--unit',
      'HN',
      '--year',
      '2017',
      '--month',
      '12',
      '--line',
      'unable',
      '--format',
      'json',
    );
    expect(JSON.parse(plain.stdout)).toEqual([{ case_id: 'c2' }]);
  });

  it('fails with exit 1 and a one-line reason', async () => {
    const cases = [
      [
        ['report', '--unit', 'HN-XXX', '--year', '2017', '--month', '12'],
        'lỗi: Không tìm thấy đơn vị mã "HN-XXX"\n',
      ],
      [
        ['report', '--unit', 'HN', '--year', '2017', '--month', '12', '--source', 'aggregate'],
        'lỗi: Không có số liệu tổng hợp của đơn vị HN cho tháng 12 năm 2017\n',
      ],
      [['report', '--unit', 'HN', '--year', '2017'], 'lỗi: thiếu tuỳ chọn bắt buộc --month <N>\n'],
      [
        ['report', '--unit', 'HN', '--year', '2017', '--month', '12', '--format', 'pdf'],
        'lỗi: --format <json|csv|xlsx>: định dạng "pdf" không hợp lệ; cần json hoặc csv hoặc xlsx\n',
      ],
      [
        ['cases', '--unit', 'HN', '--year', '2017', '--month', '12', '--line', 'rate'],
        'lỗi: --line <LINE>: dòng "rate" là tỷ lệ, không có danh sách việc\n',
      ],
      [
        ['cases', '--unit', 'HN', '--year', '2017', '--month', '12', '--line', 'reduced'],
        'lỗi: Dòng "reduced" (giảm, miễn) chỉ có ở thước đo về tiền (--measure money)\n',
      ],
      [['import', 'units', 'missing.csv'], 'lỗi: không tìm thấy tệp missing.csv\n'],
      [['phuc-vu'], 'lỗi: lệnh không hợp lệ: phuc-vu (xem pnpm thads --help)\n'],
    ] as const;
    for (const [argv, stderr] of cases) {
      expect(await thads(...argv), argv.join(' ')).toEqual({ status: 1, stdout: '', stderr });
    }
  });

  it('a bad extract: the first error as file:line:column, nothing written; --dry-run lists every error', async () => {
    writeFileSync(
      join(temp, 'bad-cases.csv'),
      'case_id,unit,received_on,amount\nn1,HN-BDI,2017-01-01,100\nn2,HN-BDI,2017-01-01,1.000\nn3,HN-BDI,2017-02-30,5\n',
    );
    writeFileSync(
      join(temp, 'bad-events.csv'),
      'case_id,date,kind,amount\nn1,2017-02-01,pay,200\nn1,2017-02-01,verify,5\n',
    );
    const run = await thads('import', 'cases', 'bad-cases.csv', 'bad-events.csv');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^bad-cases\.csv:3:amount: cần số nguyên đồng chỉ gồm chữ số[^\n]*\n$/,
    );
    const dry = await thads('import', 'cases', 'bad-cases.csv', 'bad-events.csv', '--dry-run');
    expect(dry.status).toBe(1);
    expect(dry.stderr.split('\n').map((l) => l.split(': ')[0])).toEqual([
      'bad-cases.csv:3:amount',
      'bad-cases.csv:4:received_on',
      'bad-events.csv:3:amount',
      'Có 3 lỗi; không ghi gì.',
      '',
    ]);
    // n1 alone is valid but for its over-settlement, which the rules catch once the rows are well formed.
    writeFileSync(
      join(temp, 'bad-cases.csv'),
      'case_id,unit,received_on,amount\nn1,HN-BDI,2017-01-01,100\n',
    );
    const rules = await thads('import', 'cases', 'bad-cases.csv', 'bad-events.csv', '--dry-run');
    expect(rules.stderr).toMatch(
      /^bad-events\.csv:3:amount: việc n1: sự kiện verify không dùng cột amount/,
    );
    writeFileSync(
      join(temp, 'bad-events.csv'),
      'case_id,date,kind,amount\nn1,2017-02-01,pay,200\n',
    );
    const over = await thads('import', 'cases', 'bad-cases.csv', 'bad-events.csv');
    expect(over.stderr).toBe(
      'bad-events.csv:2:amount: Việc n1, sự kiện thứ 1 (pay ngày 2017-02-01 200 đồng): số tiền vượt quá số còn phải thi hành (100 đồng)\n',
    );
    const count = await thads(
      'cases',
      '--unit',
      'HN-BDI',
      '--year',
      '2017',
      '--month',
      '12',
      '--line',
      'totalReceived',
    );
    expect(count.stdout.split('\n').filter((l) => l.startsWith('n'))).toEqual([]);
  });

  it('a dry run that finds nothing wrong says what it would do and writes nothing', async () => {
    writeFileSync(
      join(temp, 'new-units.csv'),
      'code,name,kind,parent\nHN-HKI,Chi cục THADS quận Hoàn Kiếm,quan,HN\n',
    );
    expect((await thads('import', 'units', 'new-units.csv', '--dry-run')).stdout).toBe(
      'Chạy thử, không ghi gì. Đơn vị: sẽ tạo mới 1, cập nhật 0, không đổi 0.\n',
    );
    expect(
      (await thads('report', '--unit', 'HN-HKI', '--year', '2017', '--month', '12')).status,
    ).toBe(1);
  });

  it('imports aggregate lines, which then answer the report', async () => {
    writeFileSync(
      join(temp, 'aggregate.csv'),
      'unit,year,month,measure,broughtForward,newlyReceived\nHN,2016,6,cases,40,2\nHN,2016,6,money,1000,\n',
    );
    expect((await thads('import', 'aggregate', 'aggregate.csv')).stdout).toBe(
      'Dòng số liệu tổng hợp: tạo mới 2, cập nhật 0, không đổi 0.\n',
    );
    const r = JSON.parse(
      (await thads('report', '--unit', 'HN', '--year', '2016', '--month', '6')).stdout,
    );
    expect([
      r.source,
      r.cases.totalReceived,
      r.money.broughtForward,
      r.money.totalReceived,
    ]).toEqual(['aggregate', 42, '1000', null]);
    writeFileSync(
      join(temp, 'aggregate.csv'),
      'unit,year,month,measure,reduced\nHN,2016,6,cases,5\n',
    );
    expect((await thads('import', 'aggregate', 'aggregate.csv')).stderr).toMatch(
      /^aggregate\.csv:2:reduced: /,
    );
  });
});

describe('seed demo', () => {
  it('loads the Hanoi demo data, and changes nothing the second time', async () => {
    // The small variant (the full demo's figures are checked in seed-demo.test.ts).
    const thads = runner(`sqlite:${join(temp, 'demo.sqlite')}`, { THADS_DEMO_SCALE: '0.08' });
    const first = await thads('seed', 'demo');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /^Đơn vị: tạo mới 31, cập nhật 0, không đổi 0\.\nChấp hành viên: tạo mới \d+, cập nhật 0, không đổi 0\.\nViệc: tạo mới \d{4}, cập nhật 0, không đổi 0\.\nDanh sách công khai: tạo mới \d+, cập nhật 0, không đổi 0\.\nChỉ tiêu: tạo mới \d+, cập nhật 0, không đổi 0\.\nTài khoản: tạo mới 6, cập nhật 0, không đổi 0\.\nBáo cáo: tạo mới 6, cập nhật 0, không đổi 0\.\n$/,
    );
    const second = await thads('seed', 'demo');
    expect(
      second.stdout.match(
        /tạo mới 0, cập nhật 0, không đổi \d+\. Không có thay đổi, không ghi gì\./g,
      ),
    ).toHaveLength(7);
    for (const year of [2016, 2017, 2018]) {
      const r = JSON.parse(
        (await thads('report', '--unit', 'HN', '--year', String(year), '--month', '12')).stdout,
      );
      expect(r.cases.totalReceived).toBeGreaterThan(1500);
      expect(r.validation.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    }
  }, 600_000); // seeds twice; slow when every package's tests run in parallel
});

describe('pnpm thads as a process', () => {
  it('exits 0 or 1 with the reason on stderr', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: `sqlite:${join(temp, 'process.sqlite')}` };
    const tsx = join(SERVER, 'node_modules', '.bin', 'tsx');
    const ok = await run(tsx, ['src/cli/main.ts', 'migrate'], { cwd: SERVER, env });
    expect(ok.stdout).toMatch(/^Đã cập nhật cấu trúc/);
    const failed = await run(
      tsx,
      ['src/cli/main.ts', 'report', '--unit', 'X', '--year', '2017', '--month', '1'],
      { cwd: SERVER, env },
    ).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect([failed?.code, failed?.stdout, failed?.stderr]).toEqual([
      1,
      '',
      'lỗi: Không tìm thấy đơn vị mã "X"\n',
    ]);
    expect(existsSync(join(temp, 'process.sqlite'))).toBe(true);
    // Two real processes (tsx compiles the CLI each time): slow on a busy two-core machine.
  }, 180_000);
});

const postgresUrl = process.env.THADS_TEST_POSTGRES_URL;
describe.runIf(Boolean(postgresUrl))('pnpm thads on PostgreSQL (THADS_TEST_POSTGRES_URL)', () => {
  const name = `thads_cli_${process.pid}`;
  const target = new URL(postgresUrl ?? 'postgres://localhost/none');
  target.pathname = `/${name}`;
  const thads = runner(target.toString());
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  beforeAll(() => admin(`create database "${name}"`));
  afterAll(() => admin(`drop database if exists "${name}" with (force)`));

  it('refuses an outdated schema, migrates, imports and reports the same numbers', async () => {
    expect(
      (await thads('report', '--unit', 'HN', '--year', '2017', '--month', '12')).stderr,
    ).toMatch(/chưa ở cấu trúc mới nhất.*pnpm thads migrate/);
    expect((await thads('migrate')).status).toBe(0);
    await importWorkedExample(thads);
    expect(
      JSON.parse((await thads('report', '--unit', 'HN', '--year', '2017', '--month', '12')).stdout),
    ).toEqual(HN_TOTAL_2017_12);
  });
});

describe('report --format xlsx (statistics.md §13)', () => {
  const thads = runner(`sqlite:${join(temp, 'forms.sqlite')}`);
  beforeAll(async () => {
    await importWorkedExample(thads);
  });

  it('writes Biểu 01 and Biểu 02 of HN total into the file named by --out', async () => {
    const run = await thads(
      'report',
      '--unit',
      'HN',
      '--year',
      '2017',
      '--month',
      '12',
      '--format',
      'xlsx',
      '--out',
      'hn.xlsx',
    );
    expect([run.status, run.stdout]).toEqual([0, '']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(temp, 'hn.xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Biểu 01', 'Biểu 02']);
    const totals: unknown[] = [];
    workbook.worksheets[1]!.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (values[0] === 'Tổng cộng') totals.push(...values.slice(1));
    });
    // HN total money of statistics.md §12: T C M U P K X1 X2 GM D H S N R CKS KCS
    expect(totals).toEqual([
      10100, 7700, 2400, 1900, 8200, 7800, 2100, 500, 100, 4500, 400, 200, 400, 34.62, 5500, 5100,
    ]);
  });

  it('refuses xlsx without --out', async () => {
    const run = await thads(
      'report',
      '--unit',
      'HN',
      '--year',
      '2017',
      '--month',
      '12',
      '--format',
      'xlsx',
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--format xlsx cần --out/);
  });
});
