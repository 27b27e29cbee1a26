/**
 * The public list from the console to the public page, in Chromium over the built console and the
 * worked example (statistics.md §11, §12): the Cục manager finds c2 in the publication queue, the
 * reconciliation of 2017 shows c2 as N but not published (V12), the manager confirms c2's
 * publication from its decision date, and then the reconciliation is clean, the report has no
 * finding and `/cong-khai` lists the debtor. Leadership sees the queue without the confirm action.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

describe.skipIf(!available && !process.env.CI)('the public list in the console', () => {
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

  it('leadership reads the queue but cannot confirm', async () => {
    const page = await stack.browser.newPage();
    await logIn(page, `${stack.baseUrl}/console/danh-sach-cong-khai`, 'lanhdao');
    await page.getByRole('heading', { name: /Danh sách công khai/ }).waitFor();
    const queue = page.getByRole('table', { name: /chờ xác nhận công khai/ });
    await queue.waitFor();
    expect(await queue.locator('tbody tr').count()).toBe(1);
    expect(await queue.getByRole('button', { name: 'Xác nhận' }).count()).toBe(0);
    await page.close();
  });

  it('the manager confirms c2; the reconciliation clears and the public page lists it', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/console/danh-sach-cong-khai`, 'quanly');

    // Reconciliation of HN, 2017, 12 months: c2 is N but not published.
    await page.getByRole('button', { name: 'Đối chiếu với thống kê' }).click();
    await page.getByLabel('Năm công tác').fill('2017');
    await page.getByLabel('Kỳ báo cáo').selectOption('12');
    const unpublished = page.getByRole('table', { name: /nhưng chưa công khai/ });
    await unpublished.locator('tbody th', { hasText: 'c2' }).waitFor();
    await page.getByText('1 cảnh báo V12 tại ngày 30/09/2017.').waitFor();

    // The queue: confirm c2 from its decision date.
    await page.getByRole('button', { name: 'Chờ công khai' }).click();
    const queue = page.getByRole('table', { name: /chờ xác nhận công khai/ });
    const row = queue.locator('tbody tr', { hasText: 'c2' });
    await row.waitFor();
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'public-list-console.png'), fullPage: true });
    await row.getByLabel('Công khai từ ngày').fill('2017-02-01');
    await row.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Không có quyết định nào chờ xác nhận công khai.').waitFor();

    await page.getByRole('button', { name: 'Đối chiếu với thống kê' }).click();
    await page.getByLabel('Năm công tác').fill('2017');
    await page.getByLabel('Kỳ báo cáo').selectOption('12');
    await page
      .getByText('Danh sách công khai khớp với số liệu thống kê tại ngày 30/09/2017.')
      .waitFor();
    expect(errors).toEqual([]);

    // The public page, in the same browser but needing no session.
    const visitor = await stack.browser.newPage();
    await visitor.goto(`${stack.baseUrl}/cong-khai`);
    const card = visitor.locator('ol.entries > li');
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain('Số 12/QĐ-CCTHADS ngày 01/02/2017');
    expect(await card.textContent()).toContain('500 đ');
    await visitor.close();
    await page.close();
  });
});
