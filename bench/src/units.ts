/**
 * The national unit tree of the benchmark: one Tổng cục root, the 63 provinces' Cục (2017), and
 * 636 district-level Chi cục under them (700 units). Hà Nội keeps its real 30 Chi cục of 2017;
 * the other provinces get numbered ones. Every unit has officers (a Cục office more than a Chi cục).
 */
import { mulberry32 } from './random.js';

export interface BenchUnit {
  code: string;
  name: string;
  kind: 'tong_cuc' | 'cuc' | 'quan' | 'huyen' | 'thi_xa' | 'thanh_pho';
  parent: string | null;
}

export interface BenchOfficer {
  code: string;
  name: string;
  unit: string;
}

export const ROOT_CODE = 'TC';
export const HANOI_CODE = 'HN';

/** Hà Nội's 30 Chi cục of 2017 (shared/data/hanoi-units-2017.csv). */
const HANOI_BRANCHES: readonly [string, string, BenchUnit['kind']][] = [
  ['HN-BDI', 'Chi cục THADS quận Ba Đình', 'quan'],
  ['HN-HKI', 'Chi cục THADS quận Hoàn Kiếm', 'quan'],
  ['HN-THO', 'Chi cục THADS quận Tây Hồ', 'quan'],
  ['HN-LBI', 'Chi cục THADS quận Long Biên', 'quan'],
  ['HN-CGI', 'Chi cục THADS quận Cầu Giấy', 'quan'],
  ['HN-DDA', 'Chi cục THADS quận Đống Đa', 'quan'],
  ['HN-HBT', 'Chi cục THADS quận Hai Bà Trưng', 'quan'],
  ['HN-HMA', 'Chi cục THADS quận Hoàng Mai', 'quan'],
  ['HN-TXU', 'Chi cục THADS quận Thanh Xuân', 'quan'],
  ['HN-NTL', 'Chi cục THADS quận Nam Từ Liêm', 'quan'],
  ['HN-BTL', 'Chi cục THADS quận Bắc Từ Liêm', 'quan'],
  ['HN-HDO', 'Chi cục THADS quận Hà Đông', 'quan'],
  ['HN-STA', 'Chi cục THADS thị xã Sơn Tây', 'thi_xa'],
  ['HN-SSO', 'Chi cục THADS huyện Sóc Sơn', 'huyen'],
  ['HN-DAN', 'Chi cục THADS huyện Đông Anh', 'huyen'],
  ['HN-GLA', 'Chi cục THADS huyện Gia Lâm', 'huyen'],
  ['HN-TTR', 'Chi cục THADS huyện Thanh Trì', 'huyen'],
  ['HN-MLI', 'Chi cục THADS huyện Mê Linh', 'huyen'],
  ['HN-BVI', 'Chi cục THADS huyện Ba Vì', 'huyen'],
  ['HN-PTH', 'Chi cục THADS huyện Phúc Thọ', 'huyen'],
  ['HN-DPH', 'Chi cục THADS huyện Đan Phượng', 'huyen'],
  ['HN-HDU', 'Chi cục THADS huyện Hoài Đức', 'huyen'],
  ['HN-QOA', 'Chi cục THADS huyện Quốc Oai', 'huyen'],
  ['HN-TTH', 'Chi cục THADS huyện Thạch Thất', 'huyen'],
  ['HN-CMY', 'Chi cục THADS huyện Chương Mỹ', 'huyen'],
  ['HN-TOA', 'Chi cục THADS huyện Thanh Oai', 'huyen'],
  ['HN-TTI', 'Chi cục THADS huyện Thường Tín', 'huyen'],
  ['HN-PXU', 'Chi cục THADS huyện Phú Xuyên', 'huyen'],
  ['HN-UHO', 'Chi cục THADS huyện Ứng Hòa', 'huyen'],
  ['HN-MDU', 'Chi cục THADS huyện Mỹ Đức', 'huyen'],
];

/**
 * The other 62 provinces of 2017 (code, name, Chi cục count): four large ones with their real
 * number of districts, the rest 9 or 8, so that the tree has 700 units in all.
 */
const PROVINCES: readonly [string, string, number][] = [
  ['HCM', 'Thành phố Hồ Chí Minh', 24],
  ['HP', 'Thành phố Hải Phòng', 15],
  ['THH', 'tỉnh Thanh Hóa', 27],
  ['NA', 'tỉnh Nghệ An', 21],
  ['DNG', 'Thành phố Đà Nẵng', 9],
  ['CTH', 'Thành phố Cần Thơ', 9],
  ['AGI', 'tỉnh An Giang', 9],
  ['BRV', 'tỉnh Bà Rịa - Vũng Tàu', 9],
  ['BGI', 'tỉnh Bắc Giang', 9],
  ['BKA', 'tỉnh Bắc Kạn', 9],
  ['BLI', 'tỉnh Bạc Liêu', 9],
  ['BNI', 'tỉnh Bắc Ninh', 9],
  ['BTR', 'tỉnh Bến Tre', 9],
  ['BDH', 'tỉnh Bình Định', 9],
  ['BDG', 'tỉnh Bình Dương', 9],
  ['BPH', 'tỉnh Bình Phước', 9],
  ['BTH', 'tỉnh Bình Thuận', 9],
  ['CMA', 'tỉnh Cà Mau', 9],
  ['CBA', 'tỉnh Cao Bằng', 9],
  ['DLA', 'tỉnh Đắk Lắk', 9],
  ['DNO', 'tỉnh Đắk Nông', 9],
  ['DBI', 'tỉnh Điện Biên', 9],
  ['DNA', 'tỉnh Đồng Nai', 9],
  ['DTH', 'tỉnh Đồng Tháp', 9],
  ['GLA', 'tỉnh Gia Lai', 9],
  ['HGI', 'tỉnh Hà Giang', 9],
  ['HNA', 'tỉnh Hà Nam', 9],
  ['HTI', 'tỉnh Hà Tĩnh', 9],
  ['HDU', 'tỉnh Hải Dương', 9],
  ['HAG', 'tỉnh Hậu Giang', 9],
  ['HBI', 'tỉnh Hòa Bình', 9],
  ['HYE', 'tỉnh Hưng Yên', 9],
  ['KHO', 'tỉnh Khánh Hòa', 9],
  ['KGI', 'tỉnh Kiên Giang', 9],
  ['KTU', 'tỉnh Kon Tum', 9],
  ['LCH', 'tỉnh Lai Châu', 9],
  ['LDO', 'tỉnh Lâm Đồng', 9],
  ['LSO', 'tỉnh Lạng Sơn', 9],
  ['LCA', 'tỉnh Lào Cai', 9],
  ['LAN', 'tỉnh Long An', 9],
  ['NDI', 'tỉnh Nam Định', 9],
  ['NBI', 'tỉnh Ninh Bình', 9],
  ['NTH', 'tỉnh Ninh Thuận', 9],
  ['PTH', 'tỉnh Phú Thọ', 9],
  ['PYE', 'tỉnh Phú Yên', 9],
  ['QBI', 'tỉnh Quảng Bình', 9],
  ['QNA', 'tỉnh Quảng Nam', 9],
  ['QNG', 'tỉnh Quảng Ngãi', 9],
  ['QNI', 'tỉnh Quảng Ninh', 9],
  ['QTR', 'tỉnh Quảng Trị', 9],
  ['STR', 'tỉnh Sóc Trăng', 9],
  ['SLA', 'tỉnh Sơn La', 9],
  ['TNI', 'tỉnh Tây Ninh', 9],
  ['TBI', 'tỉnh Thái Bình', 9],
  ['TNG', 'tỉnh Thái Nguyên', 9],
  ['TTH', 'tỉnh Thừa Thiên Huế', 9],
  ['TGI', 'tỉnh Tiền Giang', 9],
  ['TVI', 'tỉnh Trà Vinh', 9],
  ['TQU', 'tỉnh Tuyên Quang', 9],
  ['VLO', 'tỉnh Vĩnh Long', 8],
  ['VPH', 'tỉnh Vĩnh Phúc', 8],
  ['YBA', 'tỉnh Yên Bái', 8],
];

/** The 700 units, parents before children. */
export function nationalUnits(): BenchUnit[] {
  const units: BenchUnit[] = [
    { code: ROOT_CODE, name: 'Tổng cục Thi hành án dân sự', kind: 'tong_cuc', parent: null },
    {
      code: HANOI_CODE,
      name: 'Cục Thi hành án dân sự thành phố Hà Nội',
      kind: 'cuc',
      parent: ROOT_CODE,
    },
  ];
  for (const [code, name] of PROVINCES) {
    const place = name.startsWith('Thành phố') ? name : name.replace(/^tỉnh/, 'tỉnh');
    units.push({ code, name: `Cục Thi hành án dân sự ${place}`, kind: 'cuc', parent: ROOT_CODE });
  }
  for (const [code, name, kind] of HANOI_BRANCHES)
    units.push({ code, name, kind, parent: HANOI_CODE });
  for (const [code, name, count] of PROVINCES) {
    const city = name.startsWith('Thành phố');
    for (let d = 1; d <= count; d++) {
      const kind: BenchUnit['kind'] =
        d === 1 ? (city ? 'quan' : 'thanh_pho') : city && d <= count / 2 ? 'quan' : 'huyen';
      const label = { quan: 'quận', huyen: 'huyện', thanh_pho: 'thành phố', thi_xa: 'thị xã' }[
        kind as 'quan' | 'huyen' | 'thanh_pho' | 'thi_xa'
      ];
      units.push({
        code: `${code}-${String(d).padStart(2, '0')}`,
        name: `Chi cục THADS ${label} số ${d} (${name.replace(/^tỉnh /, '')})`,
        kind,
        parent: code,
      });
    }
  }
  return units;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Hữu', 'Quang'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Lan', 'Long', 'Mai'];

/** A Vietnamese person's name from a number. */
export function personName(n: number): string {
  return `${FAMILY[n % FAMILY.length]} ${MIDDLE[Math.floor(n / 10) % MIDDLE.length]} ${GIVEN[Math.floor(n / 80) % GIVEN.length]}`;
}

/** Officers of every unit except the root: a Cục office 15–24, a Chi cục 4–13 (seeded). */
export function nationalOfficers(units: readonly BenchUnit[], seed: number): BenchOfficer[] {
  const rng = mulberry32(seed ^ 0x0ff1ce);
  const officers: BenchOfficer[] = [];
  let n = 0;
  for (const unit of units) {
    if (unit.kind === 'tong_cuc') continue;
    const count = unit.kind === 'cuc' ? 15 + Math.floor(rng() * 10) : 4 + Math.floor(rng() * 10);
    for (let o = 1; o <= count; o++) {
      officers.push({
        code: `${unit.code}-CHV${o}`,
        name: personName(n++ * 7 + 3),
        unit: unit.code,
      });
    }
  }
  return officers;
}
