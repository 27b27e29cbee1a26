import { DomainError, type DomainErrorCode } from '@thads/domain';
import { TRPCError, type AnyRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  DOMAIN_ERROR_TO_TRPC,
  INTERNAL_ERROR_MESSAGE,
  createContext,
  domainCodeOf,
} from '../src/index.js';
import { unitCode, workingYear } from '../src/routers/schemas.js';
import { createCallerFactory, publicProcedure, router } from '../src/trpc.js';

const CODES: DomainErrorCode[] = [
  'NOT_FOUND',
  'INVALID_INPUT',
  'INVALID_EVENT',
  'INVALID_CASE',
  'CONFLICT',
  'FORBIDDEN',
  'LOCKED',
];

const testRouter = router({
  fail: publicProcedure
    .input((v) => v as DomainErrorCode)
    .query(({ input }) => {
      throw new DomainError(input, `lỗi ${input}`);
    }),
  crash: publicProcedure.query(() => {
    throw new RangeError('boom');
  }),
});
const caller = createCallerFactory(testRouter)(
  createContext({ db: null as never, now: () => new Date(0) }),
);

describe('the domain error mapping', () => {
  it.each(CODES)('%s becomes its tRPC code, keeping message and cause', async (code) => {
    const error = await caller.fail(code).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe(DOMAIN_ERROR_TO_TRPC[code]);
    expect((error as TRPCError).message).toBe(`lỗi ${code}`);
    expect(domainCodeOf(error)).toBe(code);
  });

  it('maps the codes the issue names to the expected statuses', () => {
    expect(DOMAIN_ERROR_TO_TRPC).toMatchObject({
      NOT_FOUND: 'NOT_FOUND',
      INVALID_INPUT: 'BAD_REQUEST',
      CONFLICT: 'CONFLICT',
      FORBIDDEN: 'FORBIDDEN',
    });
  });

  it('leaves other errors as internal errors without a domain code', async () => {
    const error = await caller.crash().catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
    expect(domainCodeOf(error)).toBeNull();
  });
});

describe('errors as clients see them (HTTP, the fetch adapter)', () => {
  const crashRouter = router({
    crash: publicProcedure.query(() => {
      throw new Error('syntax error at or near "FROM" in select * from users where password_hash');
    }),
    strict: publicProcedure
      .input(z.object({ unit: unitCode, year: workingYear, when: z.object({ day: z.number() }) }))
      .query(() => 'ok'),
  });

  async function call(router: AnyRouter, path: string, input: unknown) {
    const url = `http://localhost/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await fetchRequestHandler({
      endpoint: '/trpc',
      req: new Request(url),
      router,
      createContext: () => createContext({ db: null as never, now: () => new Date(0) }),
    });
    return { status: response.status, text: await response.text() };
  }

  it('invalid input: 400, a Vietnamese message naming each field, the fields with their paths', async () => {
    const { status, text } = await call(crashRouter, 'strict', {
      unit: '',
      year: 'hai nghìn',
      when: { day: 'x' },
    });
    expect(status).toBe(400);
    const body = JSON.parse(text) as {
      error: { message: string; data: { fieldErrors: { path: string; message: string }[] } };
    };
    expect(body.error.data.fieldErrors.map((f) => f.path)).toEqual(['unit', 'year', 'when.day']);
    expect(body.error.data.fieldErrors[0]!.message).toBe('Chưa chọn đơn vị');
    expect(body.error.message).toMatch(/^Dữ liệu không hợp lệ: unit: Chưa chọn đơn vị; year: /);
    // zod's own messages come in Vietnamese too.
    expect(body.error.data.fieldErrors[2]!.message).not.toMatch(/Invalid|expected/);
    expect(text).not.toContain('stack');
  });

  it('an unexpected error: 500 with a generic message; no SQL text, no stack trace', async () => {
    const { status, text } = await call(crashRouter, 'crash', undefined);
    expect(status).toBe(500);
    expect(JSON.parse(text).error.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(text).not.toMatch(/select|password_hash|stack|\.ts:/);
  });

  it('a domain error keeps its Vietnamese message and code', async () => {
    const { status, text } = await call(testRouter, 'fail', 'NOT_FOUND');
    expect(status).toBe(404);
    expect(JSON.parse(text).error).toMatchObject({
      message: 'lỗi NOT_FOUND',
      data: { domainCode: 'NOT_FOUND', fieldErrors: null },
    });
  });
});
