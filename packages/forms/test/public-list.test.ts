// The public list's exports (statistics.md §11): the CSV text and the XLSX sheet read back, with
// money past 2^53 exact and a withheld address never printed.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  PUBLIC_LIST_COLUMNS,
  publicListCsv,
  renderPublicListXlsx,
  type PublicListExportRow,
} from '../src/index.js';

const ROWS: PublicListExportRow[] = [
  {
    unitName: 'Chi cục THADS quận Ba Đình',
    debtorName: 'Đặng Văn Đức',
    debtorAddress: 'Số 1 phố Đội Cấn, Ba Đình',
    addressWithheld: false,
    judgmentRef: 'Bản án số 10/2016/DS-ST, "TAND" quận Ba Đình',
    enforcementDecisionNo: '15/QĐ-CCTHADS',
    enforcementDecisionDate: '2017-01-03',
    obligation: 'Trả nợ vay',
    remaining: 12345678901234567n,
    ground: 'a',
    decisionNo: '20/QĐ-CCTHADS',
    decisionDate: '2017-03-01',
    publishedOn: '2017-03-05',
  },
  {
    unitName: 'Cục Thi hành án dân sự thành phố Hà Nội',
    debtorName: 'Nguyễn Thị Hồng',
    debtorAddress: null,
    addressWithheld: true,
    judgmentRef: null,
    enforcementDecisionNo: null,
    enforcementDecisionDate: null,
    obligation: null,
    remaining: 1234567n,
    ground: 'c',
    decisionNo: '21/QĐ-THA',
    decisionDate: '2017-03-01',
    publishedOn: '2017-03-01',
  },
];

describe('public list CSV', () => {
  it('has a BOM, CRLF, quoting, exact money and dd/mm/yyyy dates', () => {
    const text = publicListCsv(ROWS);
    expect(text.startsWith('\uFEFFSTT,Cơ quan thi hành án,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      '1,Chi cục THADS quận Ba Đình,Đặng Văn Đức,"Số 1 phố Đội Cấn, Ba Đình","Bản án số 10/2016/DS-ST, ""TAND"" quận Ba Đình",15/QĐ-CCTHADS,03/01/2017,Trả nợ vay,12345678901234567,Điểm a khoản 1 Điều 44a Luật Thi hành án dân sự,20/QĐ-CCTHADS,01/03/2017,05/03/2017',
    );
    expect(lines[2]).toBe(
      '2,Cục Thi hành án dân sự thành phố Hà Nội,Nguyễn Thị Hồng,Không công khai,,,,,1234567,Điểm c khoản 1 Điều 44a Luật Thi hành án dân sự,21/QĐ-THA,01/03/2017,01/03/2017',
    );
    expect(lines[3]).toBe('');
  });
});

describe('public list XLSX', () => {
  it('reads back with the header, the rows, money past 2^53 as exact text', async () => {
    const bytes = await renderPublicListXlsx(ROWS, { date: '2025-11-25' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    const sheet = workbook.getWorksheet('Danh sách')!;
    expect(String(sheet.getCell(2, 1).value)).toBe(
      'Xuất ngày 25/11/2025; 2 người phải thi hành án',
    );
    expect(PUBLIC_LIST_COLUMNS.map((_, i) => sheet.getCell(4, i + 1).value)).toEqual([
      ...PUBLIC_LIST_COLUMNS,
    ]);
    expect(sheet.getCell(5, 3).value).toBe('Đặng Văn Đức');
    expect(sheet.getCell(5, 9).value).toBe('12.345.678.901.234.567');
    expect(sheet.getCell(6, 9).value).toBe(1234567);
    expect(sheet.getCell(6, 9).numFmt).toBe('#,##0');
    expect(sheet.getCell(6, 4).value).toBe('Không công khai');
    expect(sheet.getCell(6, 13).value).toBe('01/03/2017');
  });
});
