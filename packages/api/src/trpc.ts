/**
 * tRPC initialisation: the procedure builders every router uses. Each builder says who may call it.
 */
import { DomainError } from '@thads/domain';
import { initTRPC } from '@trpc/server';
import type { Context } from './context.js';
import { domainCodeOf, domainErrorToTRPC } from './errors.js';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    return { ...shape, data: { ...shape.data, domainCode: domainCodeOf(error) } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns a `DomainError` thrown anywhere below into its tRPC error (errors.ts). */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    throw domainErrorToTRPC(result.error.cause);
  }
  return result;
});

/**
 * Anyone may call it. Until sessions exist (interfaces.md §6) every procedure is public and
 * read-only; the signed-in and role builders will stack on this one.
 */
export const publicProcedure = t.procedure.use(mapDomainErrors);
