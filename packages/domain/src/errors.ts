/**
 * One error type for rule violations, with a stable `code` for programs and a Vietnamese `message`
 * for people. The API maps codes to HTTP/tRPC statuses in exactly one place.
 */
export type DomainErrorCode =
  | 'INVALID_EVENT'
  | 'INVALID_CASE'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'LOCKED';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
