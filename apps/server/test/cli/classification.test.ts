/**
 * The classification options of the command line (issue 7, interfaces.md §2): `report` and
 * `cases` with `--mode`, `--judgment-type` and `--flag`, and `report --breakdown`, on a temporary
 * SQLite file with the worked example of statistics.md §12 classified by hand (the figures below
 * are worked out by hand from §12's outcomes).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, 'fixtures', 'worked-example');
const temp = mkdtempSync(join(tmpdir(), 'thads-cli-classify-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { DATABASE_URL: `sqlite:${join(temp, 'thads.sqlite')}` },
    cwd: temp,
    now: () => new Date('2025-11-25T03:00:00Z'),
  };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

/** chủ động c1, c5, h1; theo yêu cầu c2, c3, c8, c10; dân sự c1, c2; flags c1 gia_tri_lon+ngan_sach, c8 ngan_sach, c11 gia_tri_lon. */
const CLASSIFIED: Record<string, string> = {
  c1: 'chu_dong,dan_su,gia_tri_lon;ngan_sach',
  c2: 'theo_yeu_cau,dan_su,',
  c3: 'theo_yeu_cau,,',
  c5: 'chu_dong,,',
  c8: 'theo_yeu_cau,,ngan_sach',
  c10: 'theo_yeu_cau,,',
  c11: ',,gia_tri_lon',
  h1: 'chu_dong,,',
};

beforeAll(async () => {
  const [head, ...rows] = readFileSync(join(FIXTURES, 'cases.csv'), 'utf8').trim().split('\n');
  writeFileSync(
    join(temp, 'cases.csv'),
    [
      `${head},mode,judgment_type,flags`,
      ...rows.map((r) => `${r},${CLASSIFIED[r.split(',')[0]!] ?? ',,'}`),
    ].join('\n') + '\n',
  );
  expect((await run('migrate')).status).toBe(0);
  expect((await run('import', 'units', join(FIXTURES, 'units.csv'))).status).toBe(0);
  expect((await run('import', 'officers', join(FIXTURES, 'officers.csv'))).status).toBe(0);
  const imported = await run(
    'import',
    'cases',
    join(temp, 'cases.csv'),
    join(FIXTURES, 'events.csv'),
  );
  expect(imported.stderr).toBe('');
  expect(imported.status).toBe(0);
});

const at = ['--unit', 'HN-BDI', '--year', '2017', '--month', '12'];

describe('report and cases with classification options', () => {
  it('report --mode (the JSON keeps §5 keys; mode echoed)', async () => {
    const r = await run('report', ...at, '--mode', 'chu_dong');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual([
      'unit',
      'scope',
      'officer',
      'mode',
      'year',
      'month',
      'periodStart',
      'periodEnd',
      'ruleSet',
      'source',
      'cases',
      'money',
      'validation',
    ]);
    expect(json.mode).toBe('chu_dong');
    // c1 and c5: T 2, K 2, X 1 → 50.00 %; money X 800 of K 1300 → 61.54 %
    expect([
      json.cases.totalReceived,
      json.cases.able,
      json.cases.completed,
      json.cases.rate,
    ]).toEqual([2, 2, 1, '50.00']);
    expect([json.money.able, json.money.completed, json.money.rate]).toEqual([
      '1300',
      '800',
      '61.54',
    ]);
    // mode none: c6, c9, c11, c12
    const none = JSON.parse((await run('report', ...at, '--mode', 'none')).stdout);
    expect(none.cases.totalReceived).toBe(4);
  });

  it('report --judgment-type and --flag add their keys after mode', async () => {
    const r = await run(
      'report',
      ...at,
      '--judgment-type',
      'dan_su',
      '--flag',
      'not:ngan_sach',
      '--format',
      'json',
    );
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).slice(3, 6)).toEqual(['mode', 'judgmentType', 'flag']);
    expect([json.judgmentType, json.flag]).toEqual(['dan_su', 'not:ngan_sach']);
    // dân sự without ngân sách: c2 only (M, N; 500, 100 paid)
    expect([
      json.cases.totalReceived,
      json.cases.unable,
      json.money.unable,
      json.money.completed,
    ]).toEqual([1, 1, '400', '100']);
    const csv = await run('report', ...at, '--flag', 'none', '--format', 'csv');
    // no flag: 10 − c1, c8, c11
    expect(csv.stdout.split('\n')).toContain('totalReceived,7,3100');
  });

  it('cases --judgment-type and --flag list the cases behind a line', async () => {
    const r = await run('cases', ...at, '--line', 'totalReceived', '--flag', 'gia_tri_lon');
    expect(r.stdout).toBe('case_id\nc1\nc11\n');
    const m = await run(
      'cases',
      ...at,
      '--line',
      'totalReceived',
      '--judgment-type',
      'none',
      '--measure',
      'money',
      '--format',
      'json',
    );
    // no judgment type (only c1, c2 have one here): c3, c5, c6, c8, c9, c10, c11, c12; money not 0
    // in T: all but c12 (amount 0)
    expect(JSON.parse(m.stdout)).toEqual([
      { case_id: 'c10', amount: '700' },
      { case_id: 'c11', amount: '900' },
      { case_id: 'c3', amount: '800' },
      { case_id: 'c5', amount: '600' },
      { case_id: 'c6', amount: '300' },
      { case_id: 'c8', amount: '400' },
      { case_id: 'c9', amount: '200' },
    ]);
    const mode = await run('cases', ...at, '--line', 'completed', '--mode', 'theo_yeu_cau');
    expect(mode.stdout).toBe('case_id\nc10\nc3\n');
  });

  it('report --breakdown mode: buckets that add up to the total, every line', async () => {
    const r = await run(
      'report',
      '--unit',
      'HN',
      '--year',
      '2017',
      '--month',
      '12',
      '--breakdown',
      'mode',
    );
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.partition).toBe(true);
    expect(json.buckets.map((b: { key: string }) => b.key)).toEqual([
      'chu_dong',
      'theo_yeu_cau',
      'none',
    ]);
    for (const key of Object.keys(json.total.money)) {
      if (key === 'rate' || key === 'carryOverChange') continue;
      const sum = json.buckets.reduce(
        (n: bigint, b: { report: { money: Record<string, string> } }) =>
          n + BigInt(b.report.money[key]!),
        0n,
      );
      expect(sum.toString(), key).toBe(json.total.money[key]);
    }
    // §12 HN total: T 11 = chủ động 3 (c1, c5, h1) + theo yêu cầu 4 + chưa phân loại 4
    expect(
      json.buckets.map(
        (b: { report: { cases: { totalReceived: number } } }) => b.report.cases.totalReceived,
      ),
    ).toEqual([3, 4, 4]);
    expect(json.total.cases.totalReceived).toBe(11);
  });

  it('refuses bad values with a Vietnamese reason and exit 1', async () => {
    const bad = await run('report', ...at, '--judgment-type', 'dansu');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/loại bản án/);
    const flag = await run('cases', ...at, '--line', 'able', '--flag', 'not:lon');
    expect(flag.status).toBe(1);
    expect(flag.stderr).toMatch(/dấu hiệu "not:lon" không hợp lệ/);
    const both = await run('report', ...at, '--mode', 'none', '--breakdown', 'mode');
    expect(both.status).toBe(1);
    expect(both.stderr).toMatch(/cùng một tiêu chí/);
    const csv = await run('report', ...at, '--breakdown', 'flags', '--format', 'csv');
    expect(csv.status).toBe(1);
    expect(csv.stderr).toMatch(/--breakdown chỉ xuất dạng JSON/);
  });
});
