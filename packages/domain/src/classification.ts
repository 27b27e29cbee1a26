/**
 * Case classification (issue 7): the mode (chủ động / theo yêu cầu), the judgment type and the
 * steering flags the Cục uses, their Vietnamese labels, parsing of the import columns, the report
 * filters and the buckets of a breakdown.
 *
 * Buckets (Decision):
 * - `mode`: chu_dong, theo_yeu_cau, none (not classified): a partition, every case in exactly one.
 * - `judgmentType`: the nine types, then none (not classified): a partition.
 * - `flag:<code>` (one flag, has / has not): `<code>` and `not:<code>`: a partition. A case with
 *   several flags is in the "has" bucket of each of them.
 * - `flags` (every flag at once): one bucket per flag and `none` (no flag at all). NOT a partition:
 *   a case with two flags is in two buckets, so these buckets may add up to more than the whole;
 *   each flag's own partition is the `flag:<code>` breakdown.
 */
import type { CaseMode, CaseState } from './events.js';
import { formatViInteger } from './format.js';
import type { IsoDate } from './period.js';

export const CASE_MODES: readonly CaseMode[] = ['chu_dong', 'theo_yeu_cau'];

export const MODE_LABELS_VI: Readonly<Record<CaseMode, string>> = {
  chu_dong: 'Chủ động',
  theo_yeu_cau: 'Theo yêu cầu',
};

export const JUDGMENT_TYPES = [
  'dan_su',
  'hinh_su',
  'hanh_chinh',
  'hon_nhan_gia_dinh',
  'kinh_doanh_thuong_mai',
  'lao_dong',
  'pha_san',
  'trong_tai',
  'khac',
] as const;
export type JudgmentType = (typeof JUDGMENT_TYPES)[number];

export const JUDGMENT_TYPE_LABELS_VI: Readonly<Record<JudgmentType, string>> = {
  dan_su: 'Dân sự',
  hinh_su: 'Hình sự',
  hanh_chinh: 'Hành chính',
  hon_nhan_gia_dinh: 'Hôn nhân và gia đình',
  kinh_doanh_thuong_mai: 'Kinh doanh thương mại',
  lao_dong: 'Lao động',
  pha_san: 'Phá sản',
  trong_tai: 'Trọng tài',
  khac: 'Khác',
};

export const CASE_FLAGS = [
  'gia_tri_lon',
  'ngan_sach',
  'tin_dung_ngan_hang',
  'dan_su_trong_hinh_su',
  'ton_dong_lau_nam',
] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];

export const CASE_FLAG_LABELS_VI: Readonly<Record<CaseFlag, string>> = {
  gia_tri_lon: 'Giá trị lớn',
  ngan_sach: 'Thu cho ngân sách nhà nước',
  tin_dung_ngan_hang: 'Tín dụng, ngân hàng',
  dan_su_trong_hinh_su: 'Dân sự trong bản án hình sự',
  ton_dong_lau_nam: 'Tồn đọng lâu năm',
};

/** The label of "not classified" in every dimension. */
export const NOT_CLASSIFIED_VI = 'Chưa phân loại';
export const NO_FLAG_VI = 'Không có dấu hiệu nào';

export function isCaseMode(value: string): value is CaseMode {
  return (CASE_MODES as readonly string[]).includes(value);
}

export function isJudgmentType(value: string): value is JudgmentType {
  return (JUDGMENT_TYPES as readonly string[]).includes(value);
}

export function isCaseFlag(value: string): value is CaseFlag {
  return (CASE_FLAGS as readonly string[]).includes(value);
}

/** Unique flags in vocabulary order (the canonical form stored and compared). */
export function normalizeFlags(flags: Iterable<CaseFlag>): CaseFlag[] {
  const set = new Set(flags);
  return CASE_FLAGS.filter((f) => set.has(f));
}

/** The canonical text of a set of flags: codes in vocabulary order joined by `;` ('' for none). */
export function formatFlags(flags: Iterable<CaseFlag>): string {
  return normalizeFlags(flags).join(';');
}

/**
 * The `flags` column of cases.csv: codes separated by `;` (spaces around them ignored, empty
 * parts skipped, a repeated code allowed and kept once); '' is no flag. Unknown codes are an error
 * naming them and the list expected.
 */
export function parseFlags(
  text: string,
): { ok: true; flags: CaseFlag[] } | { ok: false; message: string } {
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const unknown = parts.filter((p) => !isCaseFlag(p));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `dấu hiệu ${unknown.map((u) => `"${u}"`).join(', ')} không hợp lệ; cần các mã ${CASE_FLAGS.join(', ')}, cách nhau bằng dấu ;`,
    };
  }
  return { ok: true, flags: normalizeFlags(parts as CaseFlag[]) };
}

/** Flags as the database stores them ('' or codes joined by ';'), read back; unknown codes throw. */
export function flagsFromStored(text: string | null | undefined, caseId = ''): CaseFlag[] {
  if (text === null || text === undefined || text === '') return [];
  const parsed = parseFlags(text);
  if (!parsed.ok) throw new Error(`case ${caseId} has unknown flags "${text}" in the database`);
  return parsed.flags;
}

/** A case's classification. */
export interface Classification {
  mode: CaseMode | null;
  judgmentType: JudgmentType | null;
  flags: readonly CaseFlag[];
}

export function sameClassification(a: Classification, b: Classification): boolean {
  return (
    a.mode === b.mode &&
    a.judgmentType === b.judgmentType &&
    formatFlags(a.flags) === formatFlags(b.flags)
  );
}

/** Whether a case has no classification at all (no mode, no judgment type, no flag). */
export function isUnclassified(c: Classification): boolean {
  return c.mode === null && c.judgmentType === null && c.flags.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Filters.
// ---------------------------------------------------------------------------------------------

export type JudgmentTypeFilter = JudgmentType | 'none';

/** `X`: cases with flag X; `not:X`: cases without it; `none`: cases with no flag at all. */
export type FlagFilter = CaseFlag | `not:${CaseFlag}` | 'none';

export function isJudgmentTypeFilter(value: string): value is JudgmentTypeFilter {
  return value === 'none' || isJudgmentType(value);
}

export function isFlagFilter(value: string): value is FlagFilter {
  if (value === 'none' || isCaseFlag(value)) return true;
  return value.startsWith('not:') && isCaseFlag(value.slice(4));
}

export function matchesJudgmentType(
  judgmentType: JudgmentType | null | undefined,
  filter: JudgmentTypeFilter,
): boolean {
  return (judgmentType ?? 'none') === filter;
}

export function matchesFlag(flags: readonly CaseFlag[] | undefined, filter: FlagFilter): boolean {
  const has = flags ?? [];
  if (filter === 'none') return has.length === 0;
  if (filter.startsWith('not:')) return !has.includes(filter.slice(4) as CaseFlag);
  return has.includes(filter as CaseFlag);
}

/** Vietnamese label of a filter value ("Chủ động", "Chưa phân loại", "Không: Giá trị lớn"…). */
export function modeFilterLabelVi(value: CaseMode | 'none'): string {
  return value === 'none' ? NOT_CLASSIFIED_VI : MODE_LABELS_VI[value];
}

export function judgmentTypeFilterLabelVi(value: JudgmentTypeFilter): string {
  return value === 'none' ? NOT_CLASSIFIED_VI : JUDGMENT_TYPE_LABELS_VI[value];
}

export function flagFilterLabelVi(value: FlagFilter): string {
  if (value === 'none') return NO_FLAG_VI;
  if (value.startsWith('not:')) return `Không: ${CASE_FLAG_LABELS_VI[value.slice(4) as CaseFlag]}`;
  return CASE_FLAG_LABELS_VI[value as CaseFlag];
}

// ---------------------------------------------------------------------------------------------
// Breakdowns.
// ---------------------------------------------------------------------------------------------

export type BreakdownDimension = 'mode' | 'judgmentType' | 'flags' | `flag:${CaseFlag}`;

export function isBreakdownDimension(value: string): value is BreakdownDimension {
  if (value === 'mode' || value === 'judgmentType' || value === 'flags') return true;
  return value.startsWith('flag:') && isCaseFlag(value.slice(5));
}

/** One bucket: its key (the filter value), label and the filter it adds to the report's. */
export interface BreakdownBucket {
  key: string;
  label: string;
  filter: { mode: CaseMode | 'none' } | { judgmentType: JudgmentTypeFilter } | { flag: FlagFilter };
}

export interface BreakdownPlan {
  dimension: BreakdownDimension;
  label: string;
  /** True when every case is in exactly one bucket, so the buckets add up to the whole. */
  partition: boolean;
  buckets: BreakdownBucket[];
}

export const BREAKDOWN_DIMENSION_LABELS_VI: Readonly<
  Record<'mode' | 'judgmentType' | 'flags', string>
> = {
  mode: 'Theo loại việc (chủ động / theo yêu cầu)',
  judgmentType: 'Theo loại bản án',
  flags: 'Theo dấu hiệu (mỗi dấu hiệu; một việc có thể ở nhiều nhóm)',
};

export function breakdownDimensionLabelVi(dimension: BreakdownDimension): string {
  if (dimension.startsWith('flag:')) {
    return `Có / không có dấu hiệu "${CASE_FLAG_LABELS_VI[dimension.slice(5) as CaseFlag]}"`;
  }
  return BREAKDOWN_DIMENSION_LABELS_VI[dimension as 'mode' | 'judgmentType' | 'flags'];
}

/** Every dimension a report can be broken down by, in menu order. */
export const BREAKDOWN_DIMENSIONS: readonly BreakdownDimension[] = [
  'mode',
  'judgmentType',
  'flags',
  ...CASE_FLAGS.map((f) => `flag:${f}` as const),
];

/** The buckets of a dimension, in display order, "not classified" last. */
export function breakdownPlan(dimension: BreakdownDimension): BreakdownPlan {
  const label = breakdownDimensionLabelVi(dimension);
  if (dimension === 'mode') {
    return {
      dimension,
      label,
      partition: true,
      buckets: [...CASE_MODES, 'none' as const].map((m) => ({
        key: m,
        label: modeFilterLabelVi(m),
        filter: { mode: m },
      })),
    };
  }
  if (dimension === 'judgmentType') {
    return {
      dimension,
      label,
      partition: true,
      buckets: [...JUDGMENT_TYPES, 'none' as const].map((t) => ({
        key: t,
        label: judgmentTypeFilterLabelVi(t),
        filter: { judgmentType: t },
      })),
    };
  }
  if (dimension === 'flags') {
    return {
      dimension,
      label,
      partition: false,
      buckets: [...CASE_FLAGS, 'none' as const].map((f) => ({
        key: f,
        label: flagFilterLabelVi(f),
        filter: { flag: f },
      })),
    };
  }
  const flag = dimension.slice(5) as CaseFlag;
  return {
    dimension,
    label,
    partition: true,
    buckets: [flag, `not:${flag}` as const].map((f) => ({
      key: f,
      label: flagFilterLabelVi(f),
      filter: { flag: f },
    })),
  };
}

/**
 * The keys of the buckets of `dimension` a case with this classification is in: exactly one for a
 * partition; for `flags` one per flag it has, or `none`.
 */
export function bucketKeysOf(dimension: BreakdownDimension, c: Classification): string[] {
  if (dimension === 'mode') return [c.mode ?? 'none'];
  if (dimension === 'judgmentType') return [c.judgmentType ?? 'none'];
  if (dimension === 'flags') {
    const flags = normalizeFlags(c.flags);
    return flags.length === 0 ? ['none'] : flags;
  }
  const flag = dimension.slice(5) as CaseFlag;
  return [c.flags.includes(flag) ? flag : `not:${flag}`];
}

// ---------------------------------------------------------------------------------------------
// The yearly review (rà soát, phân loại hồ sơ đầu năm).
// ---------------------------------------------------------------------------------------------

const OPEN: readonly CaseState[] = ['able', 'postponed', 'suspended', 'unable'];

/**
 * Whether a case belongs to the review of working year Y (Decision): the cases in the year's books
 * (T of its report) so far: received on or before `asOf` (today, or the year's last day for a past
 * year) and not closed or exited before the year's first day `yearStart`. So it holds the cases
 * open at the start of the year and those received since, and a case closed during the year stays
 * in it (the year's reports count it), so the progress of a year never shrinks as cases close.
 * `stateSince` is the date of the case's last state-setting event (for a closed case: its closing).
 */
export function inReviewPopulation(
  c: { state: CaseState; receivedOn: IsoDate; stateSince: IsoDate },
  yearStart: IsoDate,
  asOf: IsoDate,
): boolean {
  if (c.receivedOn > asOf) return false;
  return OPEN.includes(c.state) || c.stateSince >= yearStart;
}

/** "đã rà soát 412 / 530" (vi-VN digits: "đã rà soát 1.204 / 2.530"). */
export function reviewProgressVi(reviewed: number, total: number): string {
  return `đã rà soát ${formatViInteger(reviewed)} / ${formatViInteger(total)}`;
}

/**
 * The classification filters of a report in words, for headings: "Loại việc: Chủ động · Dấu hiệu:
 * Giá trị lớn" ('' without filters). Unknown values are shown as given.
 */
export function classificationFilterTextVi(f: {
  mode?: string | null | undefined;
  judgmentType?: string | null | undefined;
  flag?: string | null | undefined;
}): string {
  const parts: string[] = [];
  if (f.mode)
    parts.push(
      `Loại việc: ${f.mode === 'none' || isCaseMode(f.mode) ? modeFilterLabelVi(f.mode as CaseMode | 'none') : f.mode}`,
    );
  if (f.judgmentType)
    parts.push(
      `Loại bản án: ${isJudgmentTypeFilter(f.judgmentType) ? judgmentTypeFilterLabelVi(f.judgmentType) : f.judgmentType}`,
    );
  if (f.flag) parts.push(`Dấu hiệu: ${isFlagFilter(f.flag) ? flagFilterLabelVi(f.flag) : f.flag}`);
  return parts.join(' · ');
}
