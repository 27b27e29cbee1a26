/**
 * `pnpm thads import targets` and `pnpm thads progress` (interfaces.md §2, §7, §8) against a
 * temporary SQLite file, on the worked example of statistics.md §12. Expected figures are worked
 * out by hand (see packages/domain/test/progress.test.ts for the derivations).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'worked-example');
const temp = mkdtempSync(join(tmpdir(), 'thads-cli-targets-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function thads(
  ...argv: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: { DATABASE_URL: `sqlite:${join(temp, 'thads.sqlite')}` },
    cwd: temp,
    now: () => new Date('2025-11-27T03:00:00Z'),
  };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

function file(name: string, ...lines: string[]): string {
  writeFileSync(join(temp, name), lines.join('\n') + '\n');
  return name;
}

const HEADER = 'unit,scope,year,metric,value,month,officer,provisional';

describe('pnpm thads import targets / progress', () => {
  beforeAll(async () => {
    for (const args of [
      ['import', 'units', join(FIXTURES, 'units.csv')],
      ['import', 'officers', join(FIXTURES, 'officers.csv')],
      ['import', 'cases', join(FIXTURES, 'cases.csv'), join(FIXTURES, 'events.csv')],
    ]) {
      expect((await thads(...args)).status).toBe(0);
    }
  });

  it('imports targets, then the same file again changes nothing', async () => {
    const targets = file(
      'targets.csv',
      HEADER,
      'HN-BDI,total,2017,caseRate,70,,,',
      'HN-BDI,total,2017,moneyRate,60,,,',
      'HN-BDI,,2017,caseCarryOverReduction,0,,,',
      'HN-BDI,,2017,moneyCarryOverReduction,0,,,true',
      'HN-BDI,,2017,moneyCompleted,150,4,BDI-1,',
    );
    expect(await thads('import', 'targets', '--dry-run', targets)).toEqual({
      status: 0,
      stdout: 'Chạy thử, không ghi gì. Chỉ tiêu: sẽ tạo mới 5, cập nhật 0, không đổi 0.\n',
      stderr: '',
    });
    expect(await thads('import', 'targets', targets)).toEqual({
      status: 0,
      stdout: 'Chỉ tiêu: tạo mới 5, cập nhật 0, không đổi 0.\n',
      stderr: '',
    });
    expect((await thads('import', 'targets', targets)).stdout).toBe(
      'Chỉ tiêu: tạo mới 0, cập nhật 0, không đổi 5. Không có thay đổi, không ghi gì.\n',
    );
  });

  it('progress: the JSON of interfaces.md §8, keys in order (HN-BDI 2017, month 12)', async () => {
    const run = await thads('progress', '--unit', 'HN-BDI', '--year', '2017', '--month', '12');
    expect([run.status, run.stderr]).toEqual([0, '']);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual([
      'unit',
      'scope',
      'officer',
      'year',
      'month',
      'metrics',
      'allFour',
    ]);
    expect(json).toEqual({
      unit: 'HN-BDI',
      scope: 'total',
      officer: null,
      year: 2017,
      month: 12,
      metrics: {
        caseRate: {
          value: '42.86',
          target: '70.00',
          provisional: false,
          met: false,
          gapPoints: '-27.14',
          pace: '70.00',
          vsPacePoints: '-27.14',
          forecast: '42.86',
          onTrack: false,
        },
        moneyRate: {
          value: '60.71',
          target: '60.00',
          provisional: false,
          met: true,
          gapPoints: '0.71',
          pace: '60.00',
          vsPacePoints: '0.71',
          forecast: '60.71',
          onTrack: true,
        },
        caseCarryOverReduction: {
          value: '0.00',
          target: '0.00',
          provisional: false,
          met: true,
          gapPoints: '0.00',
          pace: null,
          vsPacePoints: null,
          forecast: '0.00',
          onTrack: true,
        },
        moneyCarryOverReduction: {
          value: '59.26',
          target: '0.00',
          provisional: true,
          met: true,
          gapPoints: '59.26',
          pace: null,
          vsPacePoints: null,
          forecast: '59.26',
          onTrack: true,
        },
      },
      allFour: false,
    });
    // `own` of a unit without units under it is the same progress, echoing the scope asked for.
    const own = JSON.parse(
      (
        await thads(
          'progress',
          '--unit',
          'HN-BDI',
          '--year',
          '2017',
          '--month',
          '12',
          '--scope',
          'own',
        )
      ).stdout,
    );
    expect({ ...own, scope: 'total' }).toEqual(json);
    expect(own.scope).toBe('own');
  });

  it("progress --officer adds the month's casesCompleted and moneyCompleted", async () => {
    const run = await thads(
      'progress',
      '--unit',
      'HN-BDI',
      '--year',
      '2017',
      '--month',
      '4',
      '--officer',
      'BDI-1',
    );
    const json = JSON.parse(run.stdout);
    expect([json.scope, json.officer]).toEqual(['own', 'BDI-1']);
    expect(Object.keys(json.metrics)).toEqual([
      'caseRate',
      'moneyRate',
      'caseCarryOverReduction',
      'moneyCarryOverReduction',
      'casesCompleted',
      'moneyCompleted',
    ]);
    // c1's 200 đồng paid on 2017-01-10 is what BDI-1 completed in January (month 4).
    expect(json.metrics.moneyCompleted).toEqual({
      value: '200',
      target: '150',
      provisional: false,
      met: true,
      gapPoints: '50',
      pace: null,
      vsPacePoints: null,
      forecast: null,
      onTrack: null,
    });
    expect(json.metrics.casesCompleted).toMatchObject({ value: '0', target: null, met: null });
  });

  it('a bad targets file: the first error as file:line:column, nothing written; --dry-run lists every error', async () => {
    const bad = file(
      'bad.csv',
      HEADER,
      'HN-BDI,total,2018,caseRate,70,,,',
      'HN-BDI,total,2018,moneyRate,101,,,',
      'HN-BDI,total,2018,casesCompleted,2,,BDI-1,',
    );
    expect(await thads('import', 'targets', bad)).toEqual({
      status: 1,
      stdout: '',
      stderr: 'bad.csv:3:value: chỉ tiêu tỷ lệ phải từ 0 đến 100, nhận được "101"\n',
    });
    const dry = await thads('import', 'targets', bad, '--dry-run');
    expect([dry.status, dry.stderr.split('\n')]).toEqual([
      1,
      [
        'bad.csv:3:value: chỉ tiêu tỷ lệ phải từ 0 đến 100, nhận được "101"',
        'bad.csv:4:month: chỉ tiêu casesCompleted cần tháng của năm công tác (1 = tháng 10 … 12 = tháng 9)',
        'Có 2 lỗi; không ghi gì.',
        '',
      ],
    ]);
    const progress = JSON.parse(
      (await thads('progress', '--unit', 'HN-BDI', '--year', '2018', '--month', '1')).stdout,
    );
    expect(progress.metrics.caseRate.target).toBeNull();
  });

  it('fails with exit 1 and a one-line reason', async () => {
    expect(await thads('progress', '--unit', 'HN-XYZ', '--year', '2017', '--month', '12')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'lỗi: Không tìm thấy đơn vị mã "HN-XYZ"\n',
    });
    expect(
      (await thads('progress', '--unit', 'HN', '--year', '2017', '--month', '13')).stderr,
    ).toBe('lỗi: --month <N>: tháng "13" không hợp lệ; cần số nguyên từ 1 đến 12\n');
    expect((await thads('progress', '--unit', 'HN', '--year', '2017')).stderr).toBe(
      'lỗi: thiếu tuỳ chọn bắt buộc --month <N>\n',
    );
    expect((await thads('import', 'targets', 'missing.csv')).stderr).toBe(
      'lỗi: không tìm thấy tệp missing.csv\n',
    );
  });
});
