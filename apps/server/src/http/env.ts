/**
 * The server's environment, parsed once at start-up (never read at import time elsewhere).
 *
 * PORT              the HTTP port, 3000 by default
 * DATABASE_URL      a SQLite file path / `sqlite:` URL or a `postgres://` URL; unset means
 *                   @thads/db's default SQLite file
 * PUBLIC_ORIGIN     the origin users reach the server at when it differs from what the server sees,
 *                   e.g. `https://thads.example.vn` behind a TLS proxy: accepted as an Origin of
 *                   state-changing requests, and `https` there makes the session cookie Secure
 * TRUST_PROXY       `1` (or `true`) behind a reverse proxy: the client's address and protocol come
 *                   from X-Forwarded-For / X-Forwarded-Proto (otherwise those headers are ignored)
 * ALLOWED_ORIGINS   comma-separated origins that may call the API from another site (CORS with
 *                   credentials, and Origin checks); empty by default: CORS is closed
 * BODY_LIMIT_BYTES  the largest request body accepted on /trpc and /auth (default 1 MiB)
 * UPLOAD_LIMIT_BYTES the largest request body of the console's file imports (`imports.start`,
 *                   files in base64; default 129 MiB)
 */
import { z } from 'zod';

export interface SecurityOptions {
  /** See PUBLIC_ORIGIN. */
  publicOrigin: string | null;
  /** See TRUST_PROXY. */
  trustProxy: boolean;
  /** See ALLOWED_ORIGINS. */
  allowedOrigins: readonly string[];
  /** See BODY_LIMIT_BYTES. */
  bodyLimitBytes: number;
  /** See UPLOAD_LIMIT_BYTES. */
  uploadLimitBytes: number;
}

export interface ServerEnv {
  port: number;
  databaseUrl: string | undefined;
  security: SecurityOptions;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * Two files of a registry extract of up to 48 MiB each, in base64 (64 MiB each), and the rest of
 * the request (a 100,000-case extract is about 25 MB of CSV).
 */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 129 * 1024 * 1024;

export const DEFAULT_SECURITY: SecurityOptions = {
  publicOrigin: null,
  trustProxy: false,
  allowedOrigins: [],
  bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES,
  uploadLimitBytes: DEFAULT_UPLOAD_LIMIT_BYTES,
};

const origin = z
  .string()
  .trim()
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text;
    } catch {
      return false;
    }
  }, 'cần một origin dạng https://ten-mien[:cổng], không có đường dẫn hay dấu / ở cuối');

const schema = z.object({
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, 'PORT phải là số nguyên')
    .transform(Number)
    .pipe(
      z.number().int().min(1, 'PORT phải từ 1 đến 65535').max(65535, 'PORT phải từ 1 đến 65535'),
    )
    .optional(),
  DATABASE_URL: z.string().trim().optional(),
  PUBLIC_ORIGIN: origin.optional(),
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'], { error: 'TRUST_PROXY phải là 1, 0, true hoặc false' })
    .optional(),
  ALLOWED_ORIGINS: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    )
    .pipe(z.array(origin))
    .optional(),
  BODY_LIMIT_BYTES: z
    .string()
    .trim()
    .regex(/^\d+$/, 'BODY_LIMIT_BYTES phải là số nguyên (byte)')
    .transform(Number)
    .pipe(z.number().int().min(1024, 'BODY_LIMIT_BYTES tối thiểu 1024'))
    .optional(),
  UPLOAD_LIMIT_BYTES: z
    .string()
    .trim()
    .regex(/^\d+$/, 'UPLOAD_LIMIT_BYTES phải là số nguyên (byte)')
    .transform(Number)
    .pipe(z.number().int().min(1024, 'UPLOAD_LIMIT_BYTES tối thiểu 1024'))
    .optional(),
});

/** Throws an Error with a Vietnamese message naming the bad variable. */
export function parseEnv(env: Readonly<Record<string, string | undefined>>): ServerEnv {
  const parsed = schema.safeParse({
    PORT: env.PORT || undefined,
    DATABASE_URL: env.DATABASE_URL || undefined,
    PUBLIC_ORIGIN: env.PUBLIC_ORIGIN || undefined,
    TRUST_PROXY: env.TRUST_PROXY || undefined,
    ALLOWED_ORIGINS: env.ALLOWED_ORIGINS || undefined,
    BODY_LIMIT_BYTES: env.BODY_LIMIT_BYTES || undefined,
    UPLOAD_LIMIT_BYTES: env.UPLOAD_LIMIT_BYTES || undefined,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Biến môi trường không hợp lệ: ${issues}`);
  }
  const data = parsed.data;
  return {
    port: data.PORT ?? DEFAULT_PORT,
    databaseUrl: data.DATABASE_URL || undefined,
    security: {
      publicOrigin: data.PUBLIC_ORIGIN ?? null,
      trustProxy: data.TRUST_PROXY === '1' || data.TRUST_PROXY === 'true',
      allowedOrigins: data.ALLOWED_ORIGINS ?? [],
      bodyLimitBytes: data.BODY_LIMIT_BYTES ?? DEFAULT_BODY_LIMIT_BYTES,
      uploadLimitBytes: data.UPLOAD_LIMIT_BYTES ?? DEFAULT_UPLOAD_LIMIT_BYTES,
    },
  };
}
