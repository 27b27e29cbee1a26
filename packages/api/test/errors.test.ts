import { DomainError, type DomainErrorCode } from '@thads/domain';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_TO_TRPC, domainCodeOf } from '../src/index.js';
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
const caller = createCallerFactory(testRouter)({
  db: null as never,
  now: new Date(0),
  request: null,
});

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
