/** Input rules for accounts; the messages are Vietnamese because users read them. */
import { ROLES } from '@thads/domain';
import { z } from 'zod';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    USERNAME_PATTERN,
    'Tên đăng nhập gồm 3–32 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang; bắt đầu bằng chữ hoặc số',
  );

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** A new password: at least 8 characters, at least 8 of them not spaces at the ends. */
export const newPassword = z
  .string()
  .min(PASSWORD_MIN, `Mật khẩu phải có ít nhất ${PASSWORD_MIN} ký tự`)
  .max(PASSWORD_MAX, `Mật khẩu dài tối đa ${PASSWORD_MAX} ký tự`)
  // Only for passwords long enough: a short one already has its message.
  .refine(
    (p) => p.length < PASSWORD_MIN || p.trim().length >= PASSWORD_MIN,
    'Mật khẩu không được chủ yếu là khoảng trắng',
  );

export const displayName = z
  .string()
  .trim()
  .min(1, 'Chưa nhập họ tên')
  .max(100, 'Họ tên dài tối đa 100 ký tự');

export const role = z.enum(ROLES, { error: 'Vai trò không hợp lệ' });
