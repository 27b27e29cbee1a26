// The PDF read back with pdf.js (legacy build, for Node): two A4 landscape pages, the Vietnamese
// text exactly, every number of every row of the worked example, the fonts embedded.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportPeriod } from '@thads/domain';
import { renderFormsPdf, singleRow, unitBreakdownRows, type FormInput } from '../src/index.js';
import {
  CASE_SYMBOLS,
  EXPECTED_CASES,
  EXPECTED_MONEY,
  MONEY_SYMBOLS,
  ROW_LABELS,
  vi,
  type ExpectedRow,
} from './expected.js';
import { hugeMoneyReport, workedExampleInput } from './fixtures.js';

interface Page {
  width: number;
  height: number;
  /** The page's text lines from top to bottom, each as its text pieces from left to right. */
  lines: string[][];
  text: string;
}

async function readPdf(bytes: Uint8Array): Promise<Page[]> {
  // pdf.js takes ownership of the buffer it is given: pass a copy.
  const pdf = await getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    useSystemFonts: false,
  }).promise;
  const pages: Page[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const pieces: { x: number; y: number; s: string }[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      pieces.push({ x: item.transform[4] as number, y: item.transform[5] as number, s: item.str });
    }
    pieces.sort((a, b) => b.y - a.y || a.x - b.x);
    const lines: { y: number; pieces: { x: number; s: string }[] }[] = [];
    for (const p of pieces) {
      const line = lines.find((l) => Math.abs(l.y - p.y) < 1.5);
      if (line) line.pieces.push(p);
      else lines.push({ y: p.y, pieces: [p] });
    }
    const sorted = lines.map((l) => l.pieces.sort((a, b) => a.x - b.x).map((p) => p.s));
    pages.push({
      width: x1 - x0,
      height: y1 - y0,
      lines: sorted,
      text: sorted.map((l) => l.join(' ')).join('\n'),
    });
  }
  await pdf.destroy();
  return pages;
}

/** The printed row whose first piece is `label`: its cells, left to right. */
function rowCells(page: Page, label: string): string[] {
  const line = page.lines.find((l) => l[0] === label);
  expect(line, `row "${label}"`).toBeDefined();
  return line!.slice(1);
}

function printed(expected: ExpectedRow, symbols: readonly string[]): string[] {
  return symbols.map((s) => {
    const v = expected[s]!;
    return typeof v === 'number' ? vi(v) : v;
  });
}

describe('PDF of the worked example (HN total, working year 2017, month 12)', () => {
  let bytes: Uint8Array;
  let pages: Page[];
  beforeAll(async () => {
    bytes = await renderFormsPdf(workedExampleInput());
    pages = await readPdf(bytes);
  });

  it('is a PDF of two A4 landscape pages', () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pages).toHaveLength(2);
    for (const page of pages) {
      expect(page.width).toBeGreaterThan(page.height);
      expect(page.width).toBeCloseTo(841.89, 1);
      expect(page.height).toBeCloseTo(595.28, 1);
    }
  });

  it('embeds its own TrueType font (DejaVu Sans Condensed) with a Unicode map', () => {
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/DejaVuSansCondensed/);
    expect(raw).toMatch(/\/ToUnicode/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('prints Biểu 01 on page 1 and Biểu 02 on page 2, with their headers in Vietnamese', () => {
    const [p1, p2] = pages as [Page, Page];
    expect(p1.text).toContain('Biểu số 01');
    expect(p1.text).toContain('KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC');
    expect(p1.text).not.toContain('TÍNH BẰNG TIỀN');
    expect(p1.text).toContain('Đơn vị tính: việc');
    expect(p2.text).toContain('Biểu số 02');
    expect(p2.text).toContain('KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN');
    expect(p2.text).toContain('Đơn vị tính: đồng');
    // Headings wrap inside their cells: "Giảm," over "miễn".
    expect(p2.lines.flat()).toEqual(expect.arrayContaining(['Giảm,', 'miễn']));
    expect(p1.lines.flat()).not.toContain('Giảm,');
    for (const page of pages) {
      expect(page.lines).toContainEqual([
        '12 tháng năm 2017, từ ngày 01/10/2016 đến ngày 30/09/2017',
      ]);
      expect(page.text).toContain('Đơn vị báo cáo: Cục Thi hành án dân sự thành phố Hà Nội');
      expect(page.text).toContain('Đơn vị nhận báo cáo: Tổng cục Thi hành án dân sự');
      expect(page.text).toContain('Trong đó');
      expect(page.text).toContain('Tổng số');
      expect(page.text).toContain('Có điều');
    }
  });

  it('prints the unit names exactly and every number of every row of §12', () => {
    const [p1, p2] = pages as [Page, Page];
    for (const label of ROW_LABELS) {
      expect(rowCells(p1, label), `Biểu 01 ${label}`).toEqual(
        printed(EXPECTED_CASES[label]!, CASE_SYMBOLS),
      );
      expect(rowCells(p2, label), `Biểu 02 ${label}`).toEqual(
        printed(EXPECTED_MONEY[label]!, MONEY_SYMBOLS),
      );
    }
    expect(rowCells(p2, 'Tổng cộng').slice(0, 6)).toEqual([
      '10.100',
      '7.700',
      '2.400',
      '1.900',
      '8.200',
      '7.800',
    ]);
    expect(rowCells(p2, 'Tổng cộng')[13]).toBe('34,62');
    expect(rowCells(p1, 'Chi cục THADS quận Ba Đình')[12]).toBe('42,86');
  });

  it('numbers the columns A, 1, 2, …', () => {
    expect(pages[0]!.lines).toContainEqual([
      'A',
      ...Array.from({ length: 15 }, (_, i) => String(i + 1)),
    ]);
    expect(pages[1]!.lines).toContainEqual([
      'A',
      ...Array.from({ length: 16 }, (_, i) => String(i + 1)),
    ]);
  });

  it('ends each form with the place and date, the preparer and the signer', () => {
    for (const page of pages) {
      expect(page.lines).toContainEqual(['Hà Nội, ngày 05 tháng 10 năm 2017']);
      expect(page.lines).toContainEqual(['Người lập biểu', 'Thủ trưởng đơn vị']);
      expect(page.lines).toContainEqual(['Lê Thị Hoa', 'Nguyễn Văn Đức']);
    }
  });
});

describe('PDF with many rows', () => {
  function manyUnits(n: number): FormInput {
    const input = workedExampleInput();
    const [unit, own, total] = input.rows as [
      FormInput['rows'][0],
      FormInput['rows'][0],
      FormInput['rows'][0],
    ];
    const units = Array.from({ length: n }, (_, i) => ({
      code: `HN-${String(i + 1).padStart(2, '0')}`,
      name: `Chi cục THADS huyện Thử Nghiệm ${i + 1}`,
      report: unit.report,
    }));
    return { ...input, rows: unitBreakdownRows(units, own.report, total.report) };
  }

  it('fits the 31 units of Hà Nội plus two rows on one page per form', async () => {
    const pages = await readPdf(await renderFormsPdf(manyUnits(31)));
    expect(pages).toHaveLength(2);
    for (const page of pages) {
      expect(page.text).toContain('Chi cục THADS huyện Thử Nghiệm 1');
      expect(page.text).toContain('Chi cục THADS huyện Thử Nghiệm 31');
      expect(page.text).toContain('Văn phòng Cục');
      expect(page.text).toContain('Thủ trưởng đơn vị');
    }
    expect(rowCells(pages[1]!, 'Tổng cộng')[0]).toBe('10.100');
  });

  it('goes on over more pages, repeating the heading, when the rows do not fit', async () => {
    const pages = await readPdf(await renderFormsPdf(manyUnits(90)));
    expect(pages.length).toBeGreaterThan(2);
    const firstOfMoney = pages.findIndex((p) => p.text.includes('TÍNH BẰNG TIỀN'));
    expect(firstOfMoney).toBeGreaterThan(1);
    expect(pages.slice(0, firstOfMoney).every((p) => !p.text.includes('TÍNH BẰNG TIỀN'))).toBe(
      true,
    );
    for (const page of pages) {
      expect(page.width).toBeGreaterThan(page.height);
      expect(page.text).toContain('Trong đó');
      expect(page.lines.some((l) => l[0] === 'A' && l[1] === '1')).toBe(true);
    }
    // Every row once in each form, no row lost at a page break.
    const firstPieces = pages.flatMap((p) => p.lines.map((l) => l[0]));
    for (let i = 1; i <= 90; i++) {
      expect(firstPieces.filter((s) => s === `Chi cục THADS huyện Thử Nghiệm ${i}`)).toHaveLength(
        2,
      );
    }
    const last = pages.at(-1)!;
    expect(last.text).toContain('Nguyễn Văn Đức');
    expect(rowCells(last, 'Tổng cộng')[0]).toBe('10.100');
  });
});

describe('PDF of money past 2^53', () => {
  it('prints the exact đồng with vi-VN separators and leaves unknown lines blank', async () => {
    const input = workedExampleInput({
      period: reportPeriod(2018, 5),
      rows: singleRow('Toàn quốc', hugeMoneyReport()),
      date: '2018-03-15',
      signer: null,
    });
    const pages = await readPdf(await renderFormsPdf(input));
    expect(pages).toHaveLength(2);
    const money = pages[1]!;
    expect(money.lines).toContainEqual([
      '05 tháng năm 2018, từ ngày 01/10/2017 đến ngày 28/02/2018',
    ]);
    expect(money.lines).toContainEqual(['Hà Nội, ngày 15 tháng 03 năm 2018']);
    // Hoãn (H) is unknown: one cell fewer than the 16 columns.
    expect(rowCells(money, 'Toàn quốc')).toEqual([
      '12.345.678.901.235.567',
      '12.345.678.901.234.567',
      '1.000',
      '0',
      '12.345.678.901.235.567',
      '9.007.199.254.740.993',
      '9.007.199.254.740.991',
      '0',
      '0',
      '2',
      '0',
      '3.338.479.646.494.574',
      '100,00',
      '3.338.479.646.494.576',
      '2',
    ]);
    expect(rowCells(pages[0]!, 'Toàn quốc')).toEqual(['10', '7', '3']);
    expect(money.text).toContain('Thủ trưởng đơn vị');
    expect(money.text).not.toContain('Nguyễn Văn Đức');
  });
});
