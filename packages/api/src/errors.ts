/**
 * The one place where domain errors become tRPC errors (and so HTTP statuses). Routers and queries
 * throw `DomainError` with a stable code; clients read `data.domainCode` and the Vietnamese message.
 */
import { DomainError, type DomainErrorCode } from '@thads/domain';
import { TRPCError } from '@trpc/server';

type TRPCErrorCode = ConstructorParameters<typeof TRPCError>[0]['code'];

export const DOMAIN_ERROR_TO_TRPC: Readonly<Record<DomainErrorCode, TRPCErrorCode>> = {
  NOT_FOUND: 'NOT_FOUND', // 404
  INVALID_INPUT: 'BAD_REQUEST', // 400
  INVALID_EVENT: 'UNPROCESSABLE_CONTENT', // 422: well-formed, but breaks a rule of the case's history
  INVALID_CASE: 'UNPROCESSABLE_CONTENT', // 422
  CONFLICT: 'CONFLICT', // 409
  FORBIDDEN: 'FORBIDDEN', // 403
  LOCKED: 'PRECONDITION_FAILED', // 412: the period or report is locked against changes
};

/** The tRPC error for a domain error, keeping the domain error as its cause. */
export function domainErrorToTRPC(error: DomainError): TRPCError {
  return new TRPCError({
    code: DOMAIN_ERROR_TO_TRPC[error.code],
    message: error.message,
    cause: error,
  });
}

/** The domain code behind a tRPC error, if there is one. */
export function domainCodeOf(error: unknown): DomainErrorCode | null {
  if (error instanceof DomainError) return error.code;
  if (error instanceof TRPCError && error.cause instanceof DomainError) return error.cause.code;
  return null;
}
