/**
 * Enforcement plans (issue 7) in Chromium over the built console and the worked example
 * (statistics.md §12): the officer Nguyễn Văn An (BDI-1, account `chv`) finds c1 among its cases
 * without a plan, creates c1's plan from a template, sees it in "Việc của tôi" with what completing
 * c1 adds to its monthly targets (1 case and the 500 đ c1 still owes: 1000 − 300 − 200), marks a
 * measure done; the unit head then sees BDI-1's coverage at 100,00 %. Dates are today's in Hà Nội,
 * whatever the machine's time zone: c1 was received in 2016 (no decision date), so the template's
 * legal steps (notification, voluntary deadline) fall in the past and are due today.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logIn, screenshot, watchErrors } from './browser.js';
import { chromiumAvailable, chromiumPath, startStack, type Stack } from './setup.js';

const available = chromiumAvailable();

/** Today in Hà Nội as dd/mm/yyyy (the server's "today"). */
function hanoiToday(): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('day')}/${get('month')}/${get('year')}`;
}

async function rowTexts(page: Page, testId: string): Promise<string[]> {
  return page
    .getByTestId(testId)
    .locator('tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent).join('|')),
    );
}

describe.skipIf(!available && !process.env.CI)('enforcement plans in the console', () => {
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

  it('an officer creates a plan from a template and sees it in “Việc của tôi”', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    const today = hanoiToday();
    await logIn(page, `${stack.baseUrl}/console/viec-cua-toi`, 'chv');
    await page.getByRole('heading', { name: 'Việc của tôi' }).waitFor();
    await page.getByTestId('work-heading').waitFor();
    expect(await page.getByTestId('work-heading').textContent()).toContain('Nguyễn Văn An (BDI-1)');
    expect(await page.getByTestId('work-due').textContent()).toBe(
      'Không có biện pháp nào đến hạn trong tháng.',
    );
    expect(await page.getByTestId('gain-cases').textContent()).toBe('+0 việc');
    // c1 is the only open case BDI-1 holds, and it has no plan.
    await expect
      .poll(() => rowTexts(page, 'work-uncovered'))
      .toEqual([`c1|HN-BDI|–|01/05/2016|Có điều kiện (đang thi hành)|500 đ|Nguyễn Văn An`]);

    await page.getByTestId('work-uncovered').getByRole('link', { name: 'c1' }).click();
    await page.getByRole('heading', { name: 'Kế hoạch thi hành án – việc c1' }).waitFor();
    expect(await page.getByTestId('plan-empty').textContent()).toBe(
      'Việc này chưa có biện pháp nào.',
    );
    expect(await page.getByTestId('plan-remaining').textContent()).toBe('500 đ');
    const form = page.getByRole('form', { name: 'Lập kế hoạch theo mẫu' });
    await form
      .getByLabel('Mẫu kế hoạch')
      .selectOption({ label: 'Nghĩa vụ trả tiền: tự nguyện thi hành, chi trả' });
    // Notification and the voluntary deadline are long past for a case of 2016: due today.
    expect(await form.getByLabel('Hạn Thông báo quyết định thi hành án').inputValue()).toBe(
      today.split('/').reverse().join('-'),
    );
    await form.getByRole('button', { name: 'Lập kế hoạch (3 biện pháp)' }).click();
    await page.getByText('Đã lập 3 biện pháp theo mẫu.').waitFor();
    await expect.poll(async () => (await rowTexts(page, 'plan-measures')).length).toBe(3);
    const rows = await rowTexts(page, 'plan-measures');
    expect(rows[0]).toBe(
      `Thông báo quyết định thi hành án|${today}|Nguyễn Văn An|Đã lên kế hoạch · Đến hạn trong tháng|–|Sửa`,
    );
    expect(rows[1]).toBe(
      `Thời hạn tự nguyện thi hành án|${today}|Nguyễn Văn An|Đã lên kế hoạch · Đến hạn trong tháng|–|Sửa`,
    );
    expect(rows[2]).toMatch(/^Chi trả, thanh toán tiền thi hành án\|/);
    expect(await page.getByTestId('plan-header').textContent()).toContain(
      'theo mẫu “Nghĩa vụ trả tiền: tự nguyện thi hành, chi trả”',
    );
    await screenshot(page, 'plans-c1-from-template');

    // "Việc của tôi": both measures due, c1 the month's case, +1 case and +500 đ.
    await page.getByRole('link', { name: 'Việc của tôi' }).first().click();
    await page.getByTestId('work-heading').waitFor();
    await expect
      .poll(async () => (await rowTexts(page, 'work-due')).filter((r) => r.includes('|c1')).length)
      .toBeGreaterThanOrEqual(2);
    const due = await rowTexts(page, 'work-due');
    expect(due.slice(0, 2)).toEqual([
      `${today}|c1 (hồ sơ)|Thông báo quyết định thi hành án|–|500 đ`,
      `${today}|c1 (hồ sơ)|Thời hạn tự nguyện thi hành án|–|500 đ`,
    ]);
    expect(await rowTexts(page, 'work-cases')).toEqual([
      'c1|–|Có điều kiện (đang thi hành)|500 đ|' + due.length,
    ]);
    expect(await page.getByTestId('gain-cases').textContent()).toBe('+1 việc');
    expect(await page.getByTestId('gain-money').textContent()).toBe('+500 đ');
    expect(await rowTexts(page, 'work-uncovered')).toEqual(['Không có việc nào.']);
    await screenshot(page, 'plans-my-work');

    // The notification is done: it leaves "Việc của tôi".
    await page.getByTestId('work-due').getByRole('link', { name: 'c1' }).first().click();
    await page.getByRole('heading', { name: 'Kế hoạch thi hành án – việc c1' }).waitFor();
    await page
      .getByRole('button', { name: `Sửa biện pháp Thông báo quyết định thi hành án hạn ${today}` })
      .click();
    const edit = page.getByRole('form', { name: 'Sửa biện pháp' });
    await edit.getByLabel('Tình trạng').selectOption({ label: 'Đã thực hiện xong' });
    await edit.getByLabel('Kết quả').fill('Đã giao quyết định cho người phải thi hành án');
    await edit.getByRole('button', { name: 'Lưu biện pháp' }).click();
    await expect
      .poll(async () => (await rowTexts(page, 'plan-measures'))[0])
      .toBe(
        `Thông báo quyết định thi hành án|${today}|Nguyễn Văn An|Đã xong ngày ${today}|Đã giao quyết định cho người phải thi hành án|Sửa`,
      );
    await page.getByRole('link', { name: 'Việc của tôi' }).first().click();
    await page.getByTestId('work-heading').waitFor();
    await expect
      .poll(async () =>
        (await rowTexts(page, 'work-due')).some((r) => r.includes('Thông báo quyết định')),
      )
      .toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an officer’s home page opens its own report, with no refused request', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
    });
    await logIn(page, `${stack.baseUrl}/console/`, 'chv');
    await page
      .getByText(/Chấp hành viên: Nguyễn Văn An/)
      .first()
      .waitFor();
    expect(await page.getByLabel('Chấp hành viên').inputValue()).toBe('BDI-1');
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the unit head sees every officer’s coverage and the cases without a plan', async () => {
    const page = await stack.browser.newPage();
    const errors = watchErrors(page);
    await logIn(page, `${stack.baseUrl}/console/ke-hoach`, 'truongbadinh');
    await page.getByRole('heading', { name: 'Kế hoạch thi hành án: độ bao phủ' }).waitFor();
    await page.getByTestId('coverage-rows').waitFor();
    // BDI-1: c1 planned (by the test above); BDI-2: c8 and c12 without; unassigned c2, c7, c9.
    // Open measures of c1: the voluntary deadline and the payout (the notification is done).
    const rows = await page
      .getByTestId('coverage-rows')
      .locator('tr')
      .evaluateAll((trs) =>
        trs.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent).join('|')),
      );
    expect(rows).toEqual([
      'Nguyễn Văn An (BDI-1)|1|1|0|100,00 %|2|0|0',
      'Trần Thị Bình (BDI-2)|2|0|2|0,00 %|0|0|0',
      'Chưa phân công|3|0|3|0,00 %|0|0|0',
    ]);
    await page.getByRole('button', { name: 'Trần Thị Bình (BDI-2)' }).click();
    await expect
      .poll(async () => (await rowTexts(page, 'coverage-uncovered')).map((r) => r.split('|')[0]))
      .toEqual(['c12', 'c8']);
    await screenshot(page, 'plans-coverage-unit-head');
    expect(errors).toEqual([]);
    await page.close();
  });
});
