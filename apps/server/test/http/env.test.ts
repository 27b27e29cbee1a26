import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/http/env.js';

describe('parseEnv', () => {
  it('defaults to port 3000 and the default database', () => {
    expect(parseEnv({})).toMatchObject({ port: 3000, databaseUrl: undefined });
    expect(parseEnv({ PORT: '', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });

  it('reads PORT and DATABASE_URL', () => {
    expect(parseEnv({ PORT: '8080', DATABASE_URL: 'sqlite:/tmp/x.sqlite' })).toMatchObject({
      port: 8080,
      databaseUrl: 'sqlite:/tmp/x.sqlite',
    });
  });

  it('rejects a bad PORT with a Vietnamese message naming it', () => {
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/Biến môi trường không hợp lệ/);
    expect(() => parseEnv({ PORT: '0' })).toThrow(/PORT/);
  });
});
