/**
 * The leadership summary in Chromium (issue 11), on its own stack: the built summary and the API
 * served by the real Hono app over a temporary SQLite file holding the worked example of
 * statistics.md §12 with every amount × 10^6 (so money reads in tỷ đồng; rates and changes are those
 * of §12, since scaling every amount keeps every ratio) and the 2017 targets of
 * fixtures/summary/targets.csv.
 *
 * Expected figures, computed by hand (working year 2017, month 9 = 01/10/2016–30/06/2017; no event
 * of §12 falls in July–September 2017, so month 9 has the lines of month 12):
 * - HN total: cases X 3 / K 8 = 37,50 %; money 2,7 / 7,8 tỷ = 34,62 %; KCS 5 việc and 5,1 tỷ
 *   against 5 and 7,7 tỷ at 2016/12: reductions 0,00 % and 33,77 %.
 * - Same period last year, 2016/9 (c1 M D, c4 C X1, c10 M D, c11 M D): 1 / 4 = 25,00 %,
 *   1,3 / 3,6 tỷ = 36,11 %, KCS 3 việc and 2,3 tỷ against 2015/12's 1 việc and 1,0 tỷ (c4):
 *   reductions −200,00 % and −130,00 %. 2016/12: 16,67 %, 14,44 %, −400,00 %, −670,00 %.
 * - Targets 40 / 30 / 0 / 20: pace 40 × 9 ÷ 12 = 30,00 and 22,50; forecasts 37,50 × 16,67 ÷ 25,00
 *   = 25,005 → 25,01; 34,62 × 14,44 ÷ 36,11 = 13,84; 0 + (−400 + 200) = −200,00;
 *   33,77 + (−670 + 130) = −506,23: all four at risk; three met (not the case rate).
 * - Counts against 2016/9: X 3 vs 1 (+200,00 %), K 8 vs 4 (+100,00 %), KCS 5 vs 3 (+66,67 %); money
 *   X 2,7 vs 1,3 tỷ (+107,69 %), K 7,8 vs 3,6 (+116,67 %), KCS 5,1 vs 2,3 (+121,74 %).
 * - HN-BDI (targets 40 / 60 / 0 / 50): 42,86 / 60,71 / 0,00 / 59,26: đạt cả 4 chỉ tiêu, rank 1.
 *   Văn phòng Cục (HN own; 10 / 20 / 0 / 10): 0,00 / 20,00 / 0,00 / 20,00: three met, rank 2.
 * - Officers of HN-BDI against the unit's targets: BDI-1 (c1) 0,00 / 28,57 (200 / 700) / 0,00
 *   (KCS 1 vs 1) / 28,57 (KCS 500 vs 700): one met; BDI-2 (c8, c12) 0,00 / 0,00 / −100,00 (KCS
 *   2 vs 1) / 0,00: none. BDI-1's rates at risk: its 2016/9 case rate is 0,00 (c1 open), so the
 *   forecast is 0,00 × 12 ÷ 9 = 0,00; its money rate 30,00 at both 2016/9 and 2016/12 (300 / 1000)
 *   gives 28,57 × 30,00 ÷ 30,00 = 28,57 < 60.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { TEST_SCRYPT_COST, createAccount } from '@thads/api';
import {
  CLI_ACTOR,
  importCases,
  importOfficers,
  importTargets,
  importUnits,
  migrateToLatest,
  openDatabase,
  type ImportResult,
  type InputFile,
  type OpenedDatabase,
} from '@thads/db';
import { createApp } from '@thads/server/http';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, RESULTS_DIR, chromiumAvailable, chromiumPath } from './setup.js';

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const SUMMARY_APP = resolve(HERE, '../../summary');

function fixture(name: string): InputFile {
  return { name, text: readFileSync(join(HERE, 'fixtures', 'summary', name), 'utf8') };
}

function ok(result: ImportResult): void {
  if (result.issues.length > 0) throw new Error(`import failed: ${JSON.stringify(result.issues)}`);
}

async function seed(db: OpenedDatabase['db']): Promise<void> {
  ok(await importUnits(db, fixture('units.csv')));
  ok(await importOfficers(db, fixture('officers.csv')));
  ok(
    await importCases(
      db,
      { cases: fixture('cases.csv'), events: fixture('events.csv') },
      { today: '2025-11-25' },
    ),
  );
  ok(await importTargets(db, fixture('targets.csv')));
  for (const [username, role, unit] of [
    ['lanhdao', 'leadership', null],
    ['truongbadinh', 'unit_head', 'HN-BDI'],
  ] as const) {
    await createAccount(
      db,
      { username, displayName: `Tài khoản ${username}`, role, unit, password: `${username}-demo` },
      { actor: CLI_ACTOR, now: new Date(), cost: TEST_SCRYPT_COST },
    );
  }
}

interface SummaryStack {
  baseUrl: string;
  browser: BrowserContext;
  close(): Promise<void>;
}

async function startSummaryStack(): Promise<SummaryStack> {
  const work = mkdtempSync(join(tmpdir(), 'thads-e2e-summary-'));
  const dist = join(work, 'summary');
  // NODE_ENV=production: Vitest sets `test`, which would bundle React's development build.
  await run(
    join(SUMMARY_APP, 'node_modules', '.bin', 'vite'),
    ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: SUMMARY_APP, env: { ...process.env, NODE_ENV: 'production' } },
  );
  const opened = openDatabase(`sqlite:${join(work, 'thads.sqlite')}`);
  await migrateToLatest(opened.db);
  await seed(opened.db);
  const app = createApp({
    db: opened.db,
    now: () => new Date(),
    builtApps: { summary: dist },
    passwordCost: TEST_SCRYPT_COST,
    decoyCost: TEST_SCRYPT_COST,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((done) =>
    server.listening ? done() : server.once('listening', () => done()),
  );
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    locale: 'vi-VN',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      await opened.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(`${username}-demo`);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Every field of a metric card, by its data-field. */
async function card(page: Page, metric: string): Promise<Record<string, string>> {
  return page
    .getByTestId(`metric-${metric}`)
    .locator('[data-field]')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => [el.getAttribute('data-field'), (el.textContent ?? '').trim()]),
      ),
    );
}

/** A table row's cells as text ("rank|name|…"), by the row's code. */
async function tableRow(page: Page, code: string, scope = 'total'): Promise<string[]> {
  return page
    .locator(`.summary-table tbody tr[data-code="${code}"][data-scope="${scope}"] > *`)
    .evaluateAll((cells) =>
      cells.map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
    );
}

const available = chromiumAvailable();

describe.skipIf(!available)('the leadership summary in Chromium', () => {
  let stack: SummaryStack;
  beforeAll(async () => {
    stack = await startSummaryStack();
  });
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(async () => {
    await stack.browser.clearCookies();
  });

  it('opens on the latest month with data, then shows the city for 9 months of 2017 as computed by hand', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/summary/`, 'lanhdao');
    // c7 was received on 2017-10-05: month 1 of working year 2018 is the latest with data.
    await page.getByTestId('period-line').waitFor();
    expect(await page.getByTestId('period-line').textContent()).toBe(
      '1 tháng năm 2018 (đến 10/2017): từ 01/10/2017 đến 31/10/2017',
    );
    expect(await page.getByLabel('Năm công tác').inputValue()).toBe('2018');

    await page.getByLabel('Năm công tác').selectOption('2017');
    await page.getByLabel('Kỳ báo cáo').selectOption({ label: '9 tháng (đến 06/2017)' });
    await page.getByTestId('period-line').filter({ hasText: '9 tháng năm 2017' }).waitFor();
    expect(new URL(page.url()).search).toBe('?nam=2017&thang=9');
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(
      'Toàn thành phố Hà Nội',
    );
    expect(await page.getByTestId('period-line').textContent()).toBe(
      '9 tháng năm 2017 (đến 06/2017): từ 01/10/2016 đến 30/06/2017',
    );
    expect(await page.getByTestId('verdict').textContent()).toBe(
      'Đạt 3/4 chỉ tiêu; 4 chỉ tiêu có nguy cơ không đạt cuối năm',
    );
    expect(await card(page, 'caseRate')).toEqual({
      value: '37,50 %',
      met: 'Chưa đạt',
      risk: 'Nguy cơ không đạt',
      target: '40,00 % – còn thiếu 2,50 điểm so với chỉ tiêu',
      pace: '30,00 % – vượt tiến độ 7,50 điểm',
      forecast: '25,01 % – dự báo không đạt',
      'last-year': '25,00 % – tăng 12,50 điểm',
      completed: '3 việc (cùng kỳ 1 việc, tăng 200,00 %)',
      able: '8 việc (cùng kỳ 4 việc, tăng 100,00 %)',
    });
    expect(await card(page, 'moneyRate')).toEqual({
      value: '34,62 %',
      met: 'Đạt',
      risk: 'Nguy cơ không đạt',
      target: '30,00 % – vượt chỉ tiêu 4,62 điểm',
      pace: '22,50 % – vượt tiến độ 12,12 điểm',
      forecast: '13,84 % – dự báo không đạt',
      'last-year': '36,11 % – giảm 1,49 điểm',
      completed: '2,7 tỷ đồng (cùng kỳ 1,3 tỷ đồng, tăng 107,69 %)',
      able: '7,8 tỷ đồng (cùng kỳ 3,6 tỷ đồng, tăng 116,67 %)',
    });
    expect(await card(page, 'caseCarryOverReduction')).toEqual({
      value: '0,00 %',
      met: 'Đạt',
      risk: 'Nguy cơ không đạt',
      target: '0,00 % – bằng chỉ tiêu',
      forecast: '-200,00 % – dự báo không đạt',
      'last-year': '-200,00 % – tăng 200,00 điểm',
      'carried-over': '5 việc (cùng kỳ 3 việc, tăng 66,67 %)',
      'previous-year-end': '5 việc',
    });
    expect(await card(page, 'moneyCarryOverReduction')).toEqual({
      value: '33,77 %',
      met: 'Đạt',
      risk: 'Nguy cơ không đạt',
      target: '20,00 % – vượt chỉ tiêu 13,77 điểm',
      forecast: '-506,23 % – dự báo không đạt',
      'last-year': '-130,00 % – tăng 163,77 điểm',
      'carried-over': '5,1 tỷ đồng (cùng kỳ 2,3 tỷ đồng, tăng 121,74 %)',
      'previous-year-end': '7,7 tỷ đồng',
    });
    const glance = page.getByTestId('units-glance');
    expect(await glance.locator('[data-field="all-four"]').textContent()).toBe(
      '1/2 đơn vị đạt cả 4 chỉ tiêu',
    );
    expect(await glance.locator('[data-field="at-risk"]').textContent()).toBe(
      '2 đơn vị có nguy cơ không đạt',
    );
    await screenshot(page, 'summary-overview-2017-09');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ranks the units, sorts them, and drills down city → unit → officer', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/summary/don-vi?nam=2017&thang=9`, 'lanhdao');
    await page.locator('.summary-table tbody tr').first().waitFor();
    expect(await tableRow(page, 'HN-BDI')).toEqual([
      '1',
      'Chi cục THADS quận Ba Đình Đạt cả 4 chỉ tiêu',
      '42,86 % ✓ ⚠ CT 40,00 %',
      '60,71 % ✓ ⚠ CT 60,00 %',
      '0,00 % ✓ ⚠ CT 0,00 %',
      '59,26 % ✓ ⚠ CT 50,00 %',
      '4/4',
      '⚠ Tỷ lệ về việc, Tỷ lệ về tiền, Giảm việc chuyển kỳ sau, Giảm tiền chuyển kỳ sau',
    ]);
    expect(await tableRow(page, 'HN', 'own')).toEqual([
      '2',
      'Văn phòng Cục',
      '0,00 % ✗ ⚠ CT 10,00 %',
      '20,00 % ✓ CT 20,00 % (tạm tính)',
      '0,00 % ✓ CT 0,00 %',
      '20,00 % ✓ CT 10,00 %',
      '3/4',
      '⚠ Tỷ lệ về việc',
    ]);
    expect(await page.locator('.summary-table tbody tr.all-four').getAttribute('data-code')).toBe(
      'HN-BDI',
    );
    const order = () =>
      page
        .locator('.summary-table tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(await order()).toEqual(['HN-BDI', 'HN']);
    // Sorted by the case rate, then reversed.
    await page.getByRole('button', { name: 'Tỷ lệ về việc' }).click();
    expect(await order()).toEqual(['HN-BDI', 'HN']);
    await page.getByRole('button', { name: /Tỷ lệ về việc/ }).click();
    expect(await order()).toEqual(['HN', 'HN-BDI']);
    expect(
      await page.getByRole('columnheader', { name: /Tỷ lệ về việc/ }).getAttribute('aria-sort'),
    ).toBe('ascending');

    // The XLSX of the table.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải bảng (XLSX)' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('bang_HN-total_2017-09.xlsx');
    expect(
      readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');

    // City → unit.
    await page.getByRole('link', { name: 'Chi cục THADS quận Ba Đình' }).click();
    await page.getByRole('heading', { level: 2, name: 'Chi cục THADS quận Ba Đình' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/summary/don-vi/HN-BDI');
    expect(await page.getByTestId('verdict').textContent()).toBe(
      'Đạt cả 4 chỉ tiêu; 4 chỉ tiêu có nguy cơ không đạt cuối năm',
    );
    expect((await card(page, 'moneyRate')).value).toBe('60,71 %');
    await page.locator('.summary-table[data-kind="officers"] tbody tr').first().waitFor();
    expect((await tableRow(page, 'BDI-1', 'own')).slice(0, 4)).toEqual([
      '1',
      'Nguyễn Văn An',
      '0,00 % ✗ ⚠ CT 40,00 %',
      '28,57 % ✗ ⚠ CT 60,00 %',
    ]);
    expect((await tableRow(page, 'BDI-1', 'own'))[6]).toBe('1/4');
    expect((await tableRow(page, 'BDI-2', 'own')).slice(0, 2)).toEqual(['2', 'Trần Thị Bình']);
    expect((await tableRow(page, 'BDI-2', 'own'))[6]).toBe('0/4');

    // Unit → officer, and back up by the breadcrumbs.
    await page.getByRole('link', { name: 'Nguyễn Văn An' }).click();
    await page.getByRole('heading', { level: 2, name: 'Chấp hành viên Nguyễn Văn An' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/summary/don-vi/HN-BDI/chv/BDI-1');
    expect((await card(page, 'moneyRate')).value).toBe('28,57 %');
    expect((await card(page, 'moneyCarryOverReduction')).value).toBe('28,57 %');
    expect(
      await page.getByRole('navigation', { name: 'Vị trí' }).locator('li').allTextContents(),
    ).toEqual([
      'Toàn thành phố Hà Nội',
      'Chi cục THADS quận Ba Đình',
      'Chấp hành viên Nguyễn Văn An',
    ]);
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Chi cục THADS quận Ba Đình' }).waitFor();
    await page.getByRole('link', { name: 'Toàn thành phố Hà Nội' }).click();
    await page.getByRole('heading', { level: 2, name: 'Toàn thành phố Hà Nội' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the trends, and downloads the page as PDF', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/summary/xu-huong?nam=2017&thang=9`, 'lanhdao');
    const chart = page.getByTestId('chart-Tỷ lệ thi hành xong về việc');
    await chart.waitFor();
    expect(await chart.locator('svg desc').textContent()).toBe(
      'Đến tháng 9 (06/2017): năm 2017 37,50 %, năm 2016 25,00 %, tiến độ 30,00 %; chỉ tiêu cả năm 40,00 %.',
    );
    expect(await chart.locator('polyline.series-this-year').count()).toBe(1);
    await chart.getByText('Xem số liệu').click();
    expect(
      await chart
        .locator('tr[data-month="12"] > *')
        .evaluateAll((cells) => cells.map((c) => c.textContent)),
    ).toEqual(['12 tháng (đến 09/2017)', '–', '16,67 %', '40,00 %']);
    await screenshot(page, 'summary-trends-2017-09');

    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByTestId('metric-caseRate').waitFor();
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải trang (PDF)' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('tom-tat_HN-total_2017-09.pdf');
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads well on a 360 × 740 phone screen without horizontal scrolling', async () => {
    const page = await stack.browser.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/summary/?nam=2017&thang=9`, 'lanhdao');
    await page.getByTestId('metric-moneyCarryOverReduction').waitFor();
    await page.getByTestId('units-glance').waitFor();
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(360);
    await screenshot(page, 'summary-360-overview-2017-09');
    await page.getByRole('link', { name: 'Các đơn vị', exact: true }).click();
    await page.locator('.summary-table tbody tr').first().waitFor();
    expect(await width()).toBeLessThanOrEqual(360);
    await screenshot(page, 'summary-360-units-2017-09');
    await page.getByRole('link', { name: 'Xu hướng' }).click();
    await page.getByTestId('chart-Tỷ lệ thi hành xong về tiền').waitFor();
    expect(await width()).toBeLessThanOrEqual(360);
    await screenshot(page, 'summary-360-trends-2017-09');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a mutation called over HTTP with the leadership session (403), and the summary to a unit head', async () => {
    const page = await stack.browser.newPage();
    await logIn(page, `${stack.baseUrl}/summary/`, 'lanhdao');
    const cookies = await stack.browser.cookies();
    expect(cookies.map((c) => c.name)).toContain('thads_session');
    const request = stack.browser.request;
    const headers = { 'content-type': 'application/json', origin: stack.baseUrl };
    // A read answers…
    const read = await request.get(`${stack.baseUrl}/trpc/summary.latestPeriod`);
    expect(read.status()).toBe(200);
    // …a write does not: setting the targets of HN-BDI, and creating an account.
    const setTargets = await request.post(`${stack.baseUrl}/trpc/targets.setMatrix`, {
      headers,
      data: {
        year: 2017,
        targets: [
          {
            unit: 'HN-BDI',
            scope: 'total',
            metric: 'caseRate',
            value: '99',
            provisional: false,
          },
        ],
      },
    });
    expect(setTargets.status()).toBe(403);
    expect(
      ((await setTargets.json()) as { error: { data: { code: string } } }).error.data.code,
    ).toBe('FORBIDDEN');
    const createUser = await request.post(`${stack.baseUrl}/trpc/users.create`, {
      headers,
      data: {
        username: 'ke.gian',
        displayName: 'Kẻ gian',
        role: 'admin',
        password: 'mat-khau-dai',
      },
    });
    expect(createUser.status()).toBe(403);
    // Nothing changed: HN-BDI's case-rate target is still 40 %.
    const table = await request.get(
      `${stack.baseUrl}/trpc/summary.table?input=${encodeURIComponent(JSON.stringify({ year: 2017, month: 9 }))}`,
    );
    const rows = (
      (await table.json()) as {
        result: { data: { rows: { code: string; metrics: { caseRate: { target: string } } }[] } };
      }
    ).result.data.rows;
    expect(rows.find((r) => r.code === 'HN-BDI')?.metrics.caseRate.target).toBe('40.00');

    // A unit head signs in and is told the summary is not for its role.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await logIn(page, `${stack.baseUrl}/summary/`, 'truongbadinh');
    expect(await page.getByRole('alert').textContent()).toContain(
      'Trang tóm tắt dành cho lãnh đạo và quản lý cấp Cục',
    );
    await page.close();
  });
});
