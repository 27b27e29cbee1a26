/**
 * The case registry in the console (issue 5), in Chromium over the built console and the worked
 * example (statistics.md §12): the clerk of HN-BDI records a payment and the unit's report changes;
 * a number of a report opens exactly the cases behind it; a forbidden transition shows its reason
 * and writes nothing; an import with a bad row lists that row and writes nothing (CSV and XLSX);
 * the case list filters and searches with Vietnamese text. Expected figures are worked out by hand.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RESULTS_DIR, chromiumAvailable, chromiumPath, startStack, type Stack } from './setup.js';

const available = chromiumAvailable();

async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(`${username}-demo`);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/** Page errors and console errors, except the browser's note of an answer the test expects. */
function watchErrors(page: Page, expectedStatuses: readonly number[] = []): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() !== 'error') return;
    if (expectedStatuses.some((s) => text.includes(`status of ${s}`))) return;
    errors.push(text);
  });
  return errors;
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/** Shows the report of HN-BDI for a working year and month (the clerk's unit is preselected). */
async function showReport(page: Page, year: number, monthLabel: string, period: string) {
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
  await page.getByLabel('Đơn vị', { exact: true }).selectOption('HN-BDI');
  await page.getByLabel('Năm công tác').fill(String(year));
  await page.getByLabel('Kỳ báo cáo').selectOption({ label: monthLabel });
  await page.getByRole('button', { name: 'Xem báo cáo' }).click();
  await page.locator('.report-period', { hasText: period }).waitFor();
}

/** The cases and money cells of one line of the report table. */
async function lineCells(page: Page, line: string): Promise<string[]> {
  return page.locator(`.report-table tr[data-line="${line}"] td.num`).allTextContents();
}

describe.skipIf(!available && !process.env.CI)('the case registry in the console', () => {
  let stack: Stack;

  beforeAll(async () => {
    if (!available) throw new Error(`Chromium not found at ${chromiumPath} (CI requires it)`);
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(async () => {
    await stack.browser.clearCookies();
  });

  it('a number of a report opens exactly the cases behind it, with what each contributes', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/console/`, 'quanly');
    // "Chưa có điều kiện" of HN-BDI at 5 months of 2018: c2, 500 − 100 settled before the year.
    await showReport(page, 2018, '5 tháng (đến 02/2018)', '05 tháng năm 2018');
    expect(await lineCells(page, 'unable')).toEqual(['1', '400 đ']);
    await page
      .locator('.report-table tr[data-line="unable"] td.num')
      .nth(1)
      .getByRole('link')
      .click();
    await page.getByTestId('behind-summary').waitFor();
    expect(await page.getByTestId('behind-summary').textContent()).toBe('1 việc · tổng 400 đ');
    expect(
      await page
        .getByTestId('behind-rows')
        .locator('tr')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent).join('|')),
        ),
    ).toEqual(['c2|–|01/11/2016|500 đ|Chưa có điều kiện|Chưa phân công|400 đ']);
    await screenshot(page, 'registry-behind-unable-2018-5');

    // Every case of "Tổng số thụ lý" at 12 months of 2017: as many rows as the number shown.
    await showReport(page, 2017, '12 tháng (đến 09/2017)', '12 tháng năm 2017');
    const [count, money] = await lineCells(page, 'totalReceived');
    expect([count, money]).toEqual(['10', '5.100 đ']);
    await page
      .locator('.report-table tr[data-line="totalReceived"] td.num')
      .first()
      .getByRole('link')
      .click();
    await page.getByTestId('behind-summary').waitFor();
    expect(await page.getByTestId('behind-rows').locator('tr').count()).toBe(10);
    await page.getByRole('link', { name: 'về tiền' }).click();
    // In money, the cases whose money in the line is not 0: c12 (an obligation of 0 đ) is not one.
    await page.getByText('9 việc · tổng 5.100 đ').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the clerk records a payment and the unit’s report changes', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/console/`, 'vanthu');
    await showReport(page, 2017, '12 tháng (đến 09/2017)', '12 tháng năm 2017');
    expect(await lineCells(page, 'completed')).toEqual(['3', '1.700 đ']);
    expect(await page.getByTestId('rate-money').textContent()).toBe('60,71 %');

    await page.goto(`${stack.baseUrl}/console/viec/c1`);
    await page.getByRole('heading', { name: 'Việc c1' }).waitFor();
    expect(await page.getByTestId('case-remaining').textContent()).toBe('500 đ');
    const form = page.getByRole('form', { name: 'Ghi sự kiện' });
    await form.getByLabel('Loại sự kiện').selectOption({ label: 'Thu tiền, chi trả' });
    await form.getByLabel('Ngày', { exact: true }).fill('2017-02-01');
    await form.getByLabel('Số tiền (đ)', { exact: true }).fill('200');
    await form.getByRole('button', { name: 'Ghi sự kiện' }).click();
    await page.getByText('Đã ghi “Thu tiền, chi trả” ngày 01/02/2017.').waitFor();
    await expect.poll(() => page.getByTestId('case-remaining').textContent()).toBe('300 đ');
    const last = page.locator('table.timeline tbody tr').last();
    expect(await last.locator('td').nth(7).textContent()).toMatch(/^vanthu/);
    await screenshot(page, 'registry-case-c1-payment');

    // X of HN-BDI: 1700 + 200; R = 1900 ÷ 2800 = 67,86 %.
    await page.getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await showReport(page, 2017, '12 tháng (đến 09/2017)', '12 tháng năm 2017');
    await expect.poll(() => lineCells(page, 'completed')).toEqual(['3', '1.900 đ']);
    expect(await page.getByTestId('rate-money').textContent()).toBe('67,86 %');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a forbidden transition shows its reason and writes nothing', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page, [422]);
    await logIn(page, `${stack.baseUrl}/console/viec/c8`, 'vanthu');
    await page.getByRole('heading', { name: 'Việc c8' }).waitFor();
    const events = page.locator('table.timeline tbody tr');
    const before = await events.count();
    const form = page.getByRole('form', { name: 'Ghi sự kiện' });
    await form.getByLabel('Loại sự kiện').selectOption({ label: 'QĐ hoãn thi hành án' });
    await form.getByLabel('Ngày', { exact: true }).fill('2017-01-01');
    await form.getByRole('button', { name: 'Ghi sự kiện' }).click();
    const reason = page.getByTestId('event-error');
    await reason.waitFor();
    expect(await reason.textContent()).toBe(
      'Không thể ghi “QĐ hoãn thi hành án” ngày 01/01/2017: khi đó việc đang hoãn, mà sự kiện này chỉ được ghi khi việc có điều kiện (đang thi hành).',
    );
    expect(await reason.getAttribute('role')).toBe('alert');
    await screenshot(page, 'registry-forbidden-transition');
    await page.reload();
    await page.getByRole('heading', { name: 'Việc c8' }).waitFor();
    expect(await events.count()).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an import with a bad row shows that row and writes nothing; fixed, it imports', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/console/nhap-du-lieu`, 'vanthu');
    await page.getByRole('heading', { name: 'Nhập sổ thụ lý từ tệp' }).waitFor();
    const cases = (amount: string) =>
      Buffer.from(
        `case_id,unit,received_on,amount,debtor_name\nN-001,HN-BDI,2025-01-02,1000,Lê Thị Hoa\nN-002,HN-BDI,2025-01-03,${amount},Phạm Văn Bình\n`,
      );
    const events = Buffer.from('case_id,date,kind,amount,officer,ground,decision_no\n');
    await page.getByLabel('Tệp việc (cases.csv)').setInputFiles({
      name: 'cases.csv',
      mimeType: 'text/csv',
      buffer: cases('1.000'),
    });
    await page.getByLabel('Tệp sự kiện (events.csv)').setInputFiles({
      name: 'events.csv',
      mimeType: 'text/csv',
      buffer: events,
    });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
    const issues = page.getByTestId('import-issues');
    await issues.waitFor();
    expect(
      await issues
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent).join('|')),
        ),
    ).toEqual([
      'cases.csv|3|amount|cần số nguyên đồng chỉ gồm chữ số (không dấu chấm, phẩy, dấu trừ hay khoảng trắng), nhận được "1.000"',
    ]);
    expect(await page.getByText('Có 1 lỗi; không ghi gì.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Nhập vào sổ thụ lý' }).count()).toBe(0);
    await screenshot(page, 'registry-import-bad-row');

    // The same as a workbook: the amount typed as a spreadsheet number names sheet, row, column.
    const book = new ExcelJS.Workbook();
    book.addWorksheet('cases').addRows([
      ['case_id', 'unit', 'received_on', 'amount', 'debtor_name'],
      ['N-001', 'HN-BDI', '2025-01-02', '1000', 'Lê Thị Hoa'],
      ['N-002', 'HN-BDI', '2025-01-03', 1000, 'Phạm Văn Bình'],
    ]);
    book.addWorksheet('events').addRow(['case_id', 'date', 'kind', 'amount']);
    await page.getByLabel('Một bảng tính XLSX').check();
    await page.getByLabel('Bảng tính (.xlsx)').setInputFiles({
      name: 'so-thu-ly.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
    await issues.waitFor();
    expect(
      await issues
        .locator('tbody tr td')
        .evaluateAll((cells) => cells.slice(0, 4).map((c) => c.textContent)),
    ).toEqual(['so-thu-ly.xlsx', 'cases', '3', 'amount']);

    // Nothing was written.
    await page.goto(`${stack.baseUrl}/console/viec?q=N-00`);
    await page.getByTestId('case-count').waitFor();
    expect(await page.getByTestId('case-count').textContent()).toBe('0 việc');

    // Fixed: checked, then imported all at once.
    await page.goto(`${stack.baseUrl}/console/nhap-du-lieu`);
    await page.getByLabel('Tệp việc (cases.csv)').setInputFiles({
      name: 'cases.csv',
      mimeType: 'text/csv',
      buffer: cases('1000'),
    });
    await page.getByLabel('Tệp sự kiện (events.csv)').setInputFiles({
      name: 'events.csv',
      mimeType: 'text/csv',
      buffer: events,
    });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-preview').textContent()).toBe(
      'Kiểm tra xong, không có lỗi. Khi nhập sẽ: Việc: tạo mới 2, cập nhật 0, không đổi 0.',
    );
    await page.getByRole('button', { name: 'Nhập vào sổ thụ lý' }).click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').textContent()).toBe(
      'Đã nhập. Việc: tạo mới 2, cập nhật 0, không đổi 0.',
    );
    await page.goto(`${stack.baseUrl}/console/viec?q=N-00`);
    await expect.poll(() => page.getByTestId('case-count').textContent()).toBe('2 việc');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the case list filters and searches with Vietnamese text', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/console/thu-ly`, 'vanthu');
    await page.getByRole('heading', { name: 'Thụ lý việc mới' }).waitFor();
    await page.getByLabel('Mã việc', { exact: true }).fill('BDI-2025-001');
    await page.getByLabel('Ngày thụ lý', { exact: true }).fill('2025-01-15');
    await page.getByLabel('Số tiền phải thi hành (đ)', { exact: true }).fill('1.500.000');
    await page.getByLabel('Người phải thi hành án', { exact: true }).fill('Nguyễn Văn An');
    await page.getByLabel('Số quyết định thi hành án', { exact: true }).fill('25/QĐ-CCTHADS');
    await page.getByRole('button', { name: 'Thụ lý', exact: true }).click();
    await page.getByRole('heading', { name: 'Việc BDI-2025-001' }).waitFor();
    expect(await page.getByTestId('case-amount').textContent()).toBe('1.500.000 đ');

    await page.getByRole('link', { name: 'Việc thi hành án' }).click();
    await page.getByTestId('case-count').waitFor();
    const ids = () =>
      page
        .locator('table.case-table tbody tr[data-case]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')));
    const search = page.getByLabel('Tìm mã việc, người phải thi hành án, số quyết định');
    await search.fill('nguyen van an');
    await search.press('Enter');
    await page.getByText('1 việc', { exact: true }).waitFor();
    expect(await ids()).toEqual(['BDI-2025-001']);
    expect(await page.locator('table.case-table tbody tr td').nth(2).textContent()).toBe(
      'Nguyễn Văn An',
    );
    // The decision number, typed without its diacritics and in lower case.
    await search.fill('25/qd');
    await search.press('Enter');
    await expect.poll(ids).toEqual(['BDI-2025-001']);
    await search.fill('');
    await page
      .getByLabel('Trạng thái', { exact: true })
      .selectOption({ label: 'Chưa có điều kiện' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(ids).toEqual(['c2']);
    // At the end of 2016-10-31: c1, c10, c11 able; c8 postponed; c4 completed.
    await page
      .getByLabel('Trạng thái', { exact: true })
      .selectOption({ label: 'Hoãn thi hành án' });
    await page.getByLabel('Trạng thái tại ngày').fill('2016-10-31');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(ids).toEqual(['c8']);
    await page.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Tất cả' });
    await page.getByLabel('Trạng thái tại ngày').fill('');
    // From 800 đ, taken in by the end of 2024: c1 1000, c3 800, c4 1000, c11 900 (in byte order).
    await page.getByLabel('Số tiền từ (đ)').fill('800');
    await page.getByLabel('đến ngày', { exact: true }).fill('2024-12-31');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(ids).toEqual(['c1', 'c11', 'c3', 'c4']);
    await page.getByRole('button', { name: 'Phải thi hành', exact: true }).click();
    await expect.poll(ids).toEqual(['c3', 'c11', 'c1', 'c4']);
    await page.getByRole('button', { name: /^Phải thi hành/ }).click();
    await expect.poll(ids).toEqual(['c1', 'c4', 'c11', 'c3']);
    await screenshot(page, 'registry-case-list');
    expect(errors).toEqual([]);
    await page.close();
  });
});
