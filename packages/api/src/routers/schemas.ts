/** Input schemas shared by the routers; messages are Vietnamese because users may read them. */
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
