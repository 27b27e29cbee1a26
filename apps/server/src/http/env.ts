/**
 * The server's environment, parsed once at start-up (never read at import time elsewhere).
 *
 * PORT          the HTTP port, 3000 by default
 * DATABASE_URL  a SQLite file path / `sqlite:` URL or a `postgres://` URL; unset means @thads/db's
 *               default SQLite file
 */
import { z } from 'zod';

export interface ServerEnv {
  port: number;
  databaseUrl: string | undefined;
}

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
});

export const DEFAULT_PORT = 3000;

/** Throws an Error with a Vietnamese message naming the bad variable. */
export function parseEnv(env: Readonly<Record<string, string | undefined>>): ServerEnv {
  const parsed = schema.safeParse({
    PORT: env.PORT || undefined,
    DATABASE_URL: env.DATABASE_URL || undefined,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Biến môi trường không hợp lệ: ${issues}`);
  }
  return {
    port: parsed.data.PORT ?? DEFAULT_PORT,
    databaseUrl: parsed.data.DATABASE_URL || undefined,
  };
}
