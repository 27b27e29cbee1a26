/** Input schemas shared by the routers; messages are Vietnamese because users may read them. */
import {
  CASE_FLAGS,
  JUDGMENT_TYPES,
  isBreakdownDimension,
  isFlagFilter,
  isJudgmentTypeFilter,
  type BreakdownDimension,
  type FlagFilter,
  type JudgmentTypeFilter,
} from '@thads/domain';
import { z } from 'zod';

export const unitCode = z.string().trim().min(1, 'Chưa chọn đơn vị').max(64, 'Mã đơn vị quá dài');

export const officerCode = z
  .string()
  .trim()
  .min(1, 'Mã chấp hành viên không được để trống')
  .max(64, 'Mã chấp hành viên quá dài');

export const workingYear = z
  .number()
  .int('Năm công tác phải là số nguyên')
  .min(1900, 'Năm công tác không hợp lệ')
  .max(9999, 'Năm công tác không hợp lệ');

export const workingMonth = z
  .number()
  .int('Tháng phải là số nguyên')
  .min(1, 'Tháng của năm công tác phải từ 1 đến 12')
  .max(12, 'Tháng của năm công tác phải từ 1 đến 12');

export const scope = z.enum(['own', 'total']);

/** A date `YYYY-MM-DD` that exists. */
export const isoDateText = z
  .string()
  .trim()
  .refine(
    (text) =>
      /^\d{4}-\d{2}-\d{2}$/.test(text) &&
      new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text,
    'Ngày cần dạng YYYY-MM-DD và là ngày có thật',
  );

/** The largest value of a 64-bit money column. */
const MAX_MONEY = 9_223_372_036_854_775_807n;

/** Đồng as a string of digits (money never crosses the wire as a JSON number), as a bigint. */
export const moneyText = z
  .string()
  .trim()
  .regex(/^\d{1,19}$/, 'Số tiền là số nguyên đồng, chỉ gồm chữ số')
  .transform((text) => BigInt(text))
  .refine((value) => value <= MAX_MONEY, 'Số tiền quá lớn');

export const caseIdText = z.string().trim().min(1, 'Thiếu mã việc').max(200, 'Mã việc quá dài');

// Classification (issue 7).
export const modeFilter = z.enum(['chu_dong', 'theo_yeu_cau', 'none'], {
  error: 'Loại việc phải là chu_dong, theo_yeu_cau hoặc none',
});
export const judgmentTypeCode = z.enum(JUDGMENT_TYPES, { error: 'Loại bản án không hợp lệ' });
export const judgmentTypeFilter = z
  .string()
  .refine((v) => isJudgmentTypeFilter(v), 'Loại bản án không hợp lệ')
  .transform((v) => v as JudgmentTypeFilter);
export const flagCode = z.enum(CASE_FLAGS, { error: 'Dấu hiệu không hợp lệ' });
export const flagFilter = z
  .string()
  .refine((v) => isFlagFilter(v), 'Dấu hiệu không hợp lệ (mã dấu hiệu, not:<mã> hoặc none)')
  .transform((v) => v as FlagFilter);
export const breakdownDimension = z
  .string()
  .refine((v) => isBreakdownDimension(v), 'Tiêu chí phân tách không hợp lệ')
  .transform((v) => v as BreakdownDimension);
