/**
 * The benchmarks' registry extract: 30 units of 5 officers, and cases with four valid events each
 * (statistics.md §5), the debtors named with common Vietnamese names.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const UNITS = 30;
export const OFFICERS_PER_UNIT = 5;

function isoDay(day: number): string {
  return new Date(Date.UTC(2016, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Phan',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Hữu', 'Quang'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hà',
  'Hải',
  'Hoa',
  'Hùng',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phong',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Yến',
];

/** A Vietnamese name for case i (12 × 8 × 20 = 1,920 names, so each name has many debtors). */
export function debtorName(i: number): string {
  return `${FAMILY[i % FAMILY.length]} ${MIDDLE[Math.floor(i / 7) % MIDDLE.length]} ${GIVEN[Math.floor(i / 3) % GIVEN.length]}`;
}

/**
 * Writes units.csv, officers.csv, cases.csv and events.csv of `cases` cases with four valid events
 * each, in a few patterns (statistics.md §5), to `dir`.
 */
export function writeExtract(dir: string, count: number): void {
  const units = ['code,name,kind,parent', 'B,Cục THADS (benchmark),cuc,'];
  const officers = ['code,name,unit'];
  for (let u = 1; u <= UNITS; u++) {
    units.push(`B-${u},Chi cục THADS số ${u},quan,B`);
    for (let o = 1; o <= OFFICERS_PER_UNIT; o++)
      officers.push(`B-${u}-${o},Chấp hành viên ${u}.${o},B-${u}`);
  }
  const cases = ['case_id,unit,received_on,amount,mode,officer,debtor_name,debtor_address'];
  const events = ['case_id,date,kind,amount,officer,ground,decision_no'];
  for (let i = 0; i < count; i++) {
    const id = `BENCH-${String(i).padStart(7, '0')}`;
    const unit = `B-${(i % UNITS) + 1}`;
    const officer = `${unit}-${(i % OFFICERS_PER_UNIT) + 1}`;
    const day = i % 600;
    const amount = 4_000_000n + BigInt(i) * 1000n;
    cases.push(
      `${id},${unit},${isoDay(day)},${amount},${i % 2 ? 'chu_dong' : 'theo_yeu_cau'},${officer},${debtorName(i)},"Số ${i}, phố Huế, Hà Nội"`,
    );
    const d = (n: number) => isoDay(day + n);
    switch (i % 3) {
      case 0:
        events.push(
          `${id},${d(10)},pay,1000000,,,`,
          `${id},${d(40)},verify,,,,`,
          `${id},${d(90)},pay,${amount - 1_000_000n},,,`,
          `${id},${d(90)},complete,,,,`,
        );
        break;
      case 1:
        events.push(
          `${id},${d(5)},postpone,,,,`,
          `${id},${d(30)},resume,,,,`,
          `${id},${d(60)},pay,500000,,,`,
          `${id},${d(120)},unable,,,b,${i}/QĐ-CCTHADS`,
        );
        break;
      default:
        events.push(
          `${id},${d(3)},assign,,${unit}-${((i + 1) % OFFICERS_PER_UNIT) + 1},,`,
          `${id},${d(50)},unable,,,a,${i}/QĐ-CCTHADS`,
          `${id},${d(200)},verify,,,,`,
          `${id},${d(300)},resume,,,,`,
        );
    }
  }
  writeFileSync(join(dir, 'units.csv'), units.join('\n') + '\n');
  writeFileSync(join(dir, 'officers.csv'), officers.join('\n') + '\n');
  writeFileSync(join(dir, 'cases.csv'), cases.join('\n') + '\n');
  writeFileSync(join(dir, 'events.csv'), events.join('\n') + '\n');
}
