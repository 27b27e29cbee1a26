// The workbook read back with exceljs: every number of every row of the worked example (§12), the
// header and footer text, the cell types and formats, and money past 2^53 as exact text.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportPeriod } from '@thads/domain';
import { XLSX_ROWS, renderFormsXlsx, singleRow } from '../src/index.js';
import {
  CASE_SYMBOLS,
  EXPECTED_CASES,
  EXPECTED_MONEY,
  MONEY_SYMBOLS,
  ROW_LABELS,
} from './expected.js';
import { hugeMoneyReport, workedExampleInput } from './fixtures.js';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  return workbook;
}

function text(sheet: ExcelJS.Worksheet, row: number, col: number): string {
  const value = sheet.getCell(row, col).value;
  return typeof value === 'string' ? value : String(value ?? '');
}

/** Every non-empty text of a sheet, for "is it printed somewhere" checks. */
function allText(sheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))));
  return out;
}

/** A rate cell as the form shows it: a number with format 0.00, "43,28" in vi-VN. */
function shownRate(cell: ExcelJS.Cell): string {
  expect(typeof cell.value).toBe('number');
  expect(cell.numFmt).toBe('0.00');
  return (cell.value as number).toFixed(2).replace('.', ',');
}

describe('XLSX of the worked example (HN total, working year 2017, month 12)', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    const bytes = await renderFormsXlsx(workedExampleInput());
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    workbook = await load(bytes);
  });

  it('has two sheets, Biểu 01 then Biểu 02, A4 landscape', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Biểu 01', 'Biểu 02']);
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup.orientation).toBe('landscape');
      expect(sheet.pageSetup.paperSize).toBe(9);
    }
  });

  it.each([
    ['Biểu 01', 'Biểu số 01', 'KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC', 'Đơn vị tính: việc'],
    ['Biểu 02', 'Biểu số 02', 'KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN', 'Đơn vị tính: đồng'],
  ])('%s has its header', (name, number, title, unitOfMeasure) => {
    const sheet = workbook.getWorksheet(name)!;
    expect(text(sheet, XLSX_ROWS.formNumber, 1)).toBe(number);
    expect(text(sheet, XLSX_ROWS.title, 1)).toBe(title);
    expect(text(sheet, XLSX_ROWS.period, 1)).toBe(
      '12 tháng năm 2017, từ ngày 01/10/2016 đến ngày 30/09/2017',
    );
    const texts = allText(sheet);
    expect(texts).toContain('Đơn vị báo cáo: Cục Thi hành án dân sự thành phố Hà Nội');
    expect(texts).toContain('Đơn vị nhận báo cáo: Tổng cục Thi hành án dân sự');
    expect(texts).toContain(unitOfMeasure);
  });

  it('numbers the columns and groups them under "Trong đó"', () => {
    const cases = workbook.getWorksheet('Biểu 01')!;
    const money = workbook.getWorksheet('Biểu 02')!;
    const h = XLSX_ROWS.headingFirst;
    expect(text(cases, h, 1)).toBe('Đơn vị');
    expect(text(cases, h, 2)).toBe('Tổng số thụ lý');
    expect(text(cases, h, 3)).toBe('Trong đó');
    expect(text(cases, h + 1, 3)).toBe('Năm trước chuyển sang');
    expect(text(cases, h + 1, 4)).toBe('Mới thụ lý');
    expect(text(cases, h, 7)).toBe('Có điều kiện thi hành');
    expect(text(cases, h, 8)).toBe('Trong đó');
    expect([8, 9, 10, 11, 12].map((c) => text(cases, h + 1, c))).toEqual([
      'Thi hành xong',
      'Đình chỉ',
      'Đang thi hành',
      'Hoãn',
      'Tạm đình chỉ',
    ]);
    expect(text(money, h + 1, 10)).toBe('Giảm, miễn');
    expect([13, 14, 15, 16].map((c) => text(cases, h, c))).toEqual([
      'Chưa có điều kiện',
      'Tỷ lệ thi hành xong (%)',
      'Chuyển kỳ sau',
      'Có điều kiện chuyển kỳ sau',
    ]);
    // Merged: the C/M group spans columns C–D of row 7, Có điều kiện spans rows 7–8.
    expect(cases.getCell(h, 4).master.address).toBe(cases.getCell(h, 3).address);
    expect(cases.getCell(h + 1, 7).master.address).toBe(cases.getCell(h, 7).address);
    const numbering = (sheet: ExcelJS.Worksheet, n: number) =>
      Array.from({ length: n }, (_, i) => text(sheet, XLSX_ROWS.numbering, i + 1));
    expect(numbering(cases, 16)).toEqual([
      'A',
      ...Array.from({ length: 15 }, (_, i) => String(i + 1)),
    ]);
    expect(numbering(money, 17)).toEqual([
      'A',
      ...Array.from({ length: 16 }, (_, i) => String(i + 1)),
    ]);
  });

  it.each([
    ['Biểu 01', CASE_SYMBOLS, EXPECTED_CASES],
    ['Biểu 02', MONEY_SYMBOLS, EXPECTED_MONEY],
  ] as const)('%s has every number of every row of §12', (name, symbols, expected) => {
    const sheet = workbook.getWorksheet(name)!;
    ROW_LABELS.forEach((label, i) => {
      const r = XLSX_ROWS.firstData + i;
      expect(text(sheet, r, 1)).toBe(label);
      const actual: Record<string, number | string> = {};
      symbols.forEach((symbol, j) => {
        const cell = sheet.getCell(r, j + 2);
        if (symbol === 'R') {
          actual[symbol] = shownRate(cell);
        } else {
          expect(typeof cell.value, `${label} ${symbol}`).toBe('number');
          expect(cell.numFmt).toBe('#,##0');
          actual[symbol] = cell.value as number;
        }
      });
      expect(actual, label).toEqual(expected[label]);
    });
    expect(sheet.getCell(XLSX_ROWS.firstData + 2, 1).font.bold).toBe(true);
    expect(sheet.getCell(XLSX_ROWS.firstData + 3, 1).value).toBeNull();
  });

  it('spot-checks the figures the brief names', () => {
    const cases = workbook.getWorksheet('Biểu 01')!;
    const money = workbook.getWorksheet('Biểu 02')!;
    const total = XLSX_ROWS.firstData + 2;
    expect(money.getCell(total, 2).value).toBe(10100); // T
    expect(money.getCell(total, 7).value).toBe(7800); // K
    expect(shownRate(money.getCell(total, 15))).toBe('34,62');
    expect(shownRate(cases.getCell(XLSX_ROWS.firstData, 14))).toBe('42,86');
  });

  it('has the footer with place, date, preparer and signer', () => {
    for (const sheet of workbook.worksheets) {
      const texts = allText(sheet);
      for (const t of [
        'Hà Nội, ngày 05 tháng 10 năm 2017',
        'Người lập biểu',
        'Thủ trưởng đơn vị',
        'Lê Thị Hoa',
        'Nguyễn Văn Đức',
      ]) {
        expect(texts, `${sheet.name}: ${t}`).toContain(t);
      }
    }
  });
});

describe('XLSX without a signer', () => {
  it('keeps the titles and leaves the names out', async () => {
    const workbook = await load(
      await renderFormsXlsx(
        workedExampleInput({ signer: null, preparedBy: null, receivingUnit: null }),
      ),
    );
    const texts = allText(workbook.getWorksheet('Biểu 01')!);
    expect(texts).toContain('Thủ trưởng đơn vị');
    expect(texts).toContain('Đơn vị nhận báo cáo:');
    expect(texts).not.toContain('Nguyễn Văn Đức');
    expect(texts).not.toContain('Lê Thị Hoa');
  });
});

describe('XLSX of money past 2^53', () => {
  let money: ExcelJS.Worksheet;
  let cases: ExcelJS.Worksheet;
  beforeAll(async () => {
    const input = workedExampleInput({
      period: reportPeriod(2018, 5),
      reportingUnit: { code: 'TC', name: 'Tổng cục Thi hành án dân sự' },
      receivingUnit: { code: 'BTP', name: 'Bộ Tư pháp' },
      rows: singleRow('Toàn quốc', hugeMoneyReport()),
      date: '2018-03-15',
    });
    const workbook = await load(await renderFormsXlsx(input));
    money = workbook.getWorksheet('Biểu 02')!;
    cases = workbook.getWorksheet('Biểu 01')!;
  });

  it('writes the period of five months', () => {
    expect(text(money, XLSX_ROWS.period, 1)).toBe(
      '05 tháng năm 2018, từ ngày 01/10/2017 đến ngày 28/02/2018',
    );
    expect(allText(money)).toContain('Hà Nội, ngày 15 tháng 03 năm 2018');
  });

  it('writes text with vi-VN separators beyond 2^53 − 1 and exact numbers up to it', () => {
    const r = XLSX_ROWS.firstData;
    const cell = (symbol: (typeof MONEY_SYMBOLS)[number]) =>
      money.getCell(r, MONEY_SYMBOLS.indexOf(symbol) + 2);
    expect(cell('T').value).toBe('12.345.678.901.235.567');
    expect(cell('C').value).toBe('12.345.678.901.234.567');
    expect(cell('C').alignment.horizontal).toBe('right');
    expect(cell('K').value).toBe('9.007.199.254.740.993'); // 2^53 + 1
    expect(cell('X1').value).toBe(9_007_199_254_740_991); // 2^53 − 1: exact as a number
    expect(cell('X1').numFmt).toBe('#,##0');
    expect(cell('N').value).toBe(3_338_479_646_494_574);
    expect(cell('M').value).toBe(1000);
    expect(cell('D').value).toBe(2);
    expect(cell('H').value).toBeNull(); // unknown line
    expect(shownRate(cell('R'))).toBe('100,00');
  });

  it('leaves unknown case lines and the missing rate empty', () => {
    const r = XLSX_ROWS.firstData;
    const values = CASE_SYMBOLS.map((_, j) => cases.getCell(r, j + 2).value);
    expect(values).toEqual([10, 7, 3, ...Array.from({ length: 12 }, () => null)]);
  });
});
