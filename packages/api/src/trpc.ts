/**
 * tRPC initialisation and the procedure builders every router uses (interfaces.md §6).
 *
 * Every procedure states who may call it in its meta: `{ roles: [...] }`, where a role is one of
 * domain's ROLES or `anonymous` (a visitor without a session). The builders below set it, each
 * for one kind of caller; a procedure picks the builder that fits, or `procedureFor(...roles)` for
 * another set. The check runs before the input is parsed, for every procedure, from the meta
 * itself, so what a procedure declares is what is enforced, and the role matrix test
 * (test/roles-matrix.test.ts) reads the same meta. Scope (which units, which officer) is checked
 * inside procedures with access.ts.
 */
import { DomainError, ROLES, type Role } from '@thads/domain';
import { TRPCError, initTRPC } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { SessionUser } from './auth/sessions.js';
import type { Context } from './context.js';
import { domainCodeOf, domainErrorToTRPC } from './errors.js';

/** A caller of the API: a role, or a visitor without a session. */
export type Caller = Role | 'anonymous';

export interface Meta {
  /** Who may call the procedure. */
  roles: readonly Caller[];
}

// Messages of zod's own checks in Vietnamese: the people reading them use the apps in Vietnamese.
// Schemas in this package give their own messages where it helps; this is the fallback.
z.config(z.locales.vi());

/** One field's problem: `path` like `unit` or `lines.0.amount`. */
export interface FieldError {
  path: string;
  message: string;
}

/** Shown instead of an unexpected error's message, which may hold SQL text or internals. */
export const INTERNAL_ERROR_MESSAGE =
  'Lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị hệ thống.';

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    /**
     * What clients see of an error: a Vietnamese message, the code, the domain code, and for
     * invalid input every field's path and message. Never a stack trace (in any mode), never the
     * text of an unexpected error (it may be SQL).
     */
    errorFormatter({ shape, error }) {
      const fieldErrors: FieldError[] | null =
        error.cause instanceof ZodError
          ? error.cause.issues.map((issue) => ({
              path: issue.path.map(String).join('.'),
              message: issue.message,
            }))
          : null;
      let message = shape.message;
      if (fieldErrors) {
        message = `Dữ liệu không hợp lệ: ${fieldErrors
          .map((f) => (f.path === '' ? f.message : `${f.path}: ${f.message}`))
          .join('; ')}`;
      } else if (error.code === 'INTERNAL_SERVER_ERROR') {
        message = INTERNAL_ERROR_MESSAGE;
      } else if (error.code === 'PARSE_ERROR') {
        message = 'Yêu cầu không đúng định dạng';
      }
      return {
        message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          domainCode: domainCodeOf(error),
          fieldErrors,
        },
      };
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

/** The cause of a refusal by role, so tests tell it from a refusal by scope. */
export class RoleDenied extends Error {
  override readonly name = 'RoleDenied';
}

/**
 * Enforces the procedure's declared roles: UNAUTHORIZED without a session (unless `anonymous` is
 * allowed), FORBIDDEN for a role not listed. A procedure without declared roles refuses everyone.
 */
const enforceRoles = t.middleware(({ ctx, meta, path, next }) => {
  const roles = meta?.roles;
  if (!roles || roles.length === 0) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Thủ tục ${path} chưa khai báo vai trò được phép gọi`,
      cause: new RoleDenied(`procedure ${path} declares no roles`),
    });
  }
  if (roles.includes('anonymous')) return next();
  if (!ctx.session) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Bạn cần đăng nhập',
      cause: new RoleDenied('no session'),
    });
  }
  if (!roles.includes(ctx.session.role)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Tài khoản của bạn không được phép làm việc này',
      cause: new RoleDenied(`role ${ctx.session.role} may not call ${path}`),
    });
  }
  return next();
});

/** Narrows `ctx.session` to the signed-in account (enforceRoles has already refused visitors). */
const signedIn = t.middleware(({ ctx, next }) => {
  if (!ctx.session)
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Bạn cần đăng nhập',
      cause: new RoleDenied('no session'),
    });
  return next({ ctx: { ...ctx, session: ctx.session as SessionUser } });
});

const base = t.procedure.use(mapDomainErrors).use(enforceRoles);

/** Every role, signed in. */
export const SIGNED_IN: readonly Role[] = ROLES;
/** Everyone, visitors included. */
export const EVERYONE: readonly Caller[] = ['anonymous', ...ROLES];
/** Every role that may change data of its scope: all but leadership, which writes nothing. */
export const WRITERS: readonly Role[] = ROLES.filter((r) => r !== 'leadership');
/** Roles that see every unit: the audit log and other cross-unit reads. */
export const OVERSIGHT: readonly Role[] = ['admin', 'cuc_manager', 'leadership'];

/** A procedure for exactly these roles (signed in); prefer a named builder below when one fits. */
export function procedureFor(...roles: Role[]) {
  return base.use(signedIn).meta({ roles });
}

/** Anyone, visitors included: only the login page's and the public list's needs (`auth.me`, health). */
export const publicProcedure = base.meta({ roles: EVERYONE });

/** Any signed-in account, whatever its role; data limited to the account's scope (access.ts). */
export const signedInProcedure = procedureFor(...SIGNED_IN);

/** Any signed-in account except leadership: changes within the account's own scope. */
export const writerProcedure = procedureFor(...WRITERS);

/** admin only: accounts and units. */
export const adminProcedure = procedureFor('admin');

/** admin, cuc_manager and leadership: reads across every unit, such as the audit log. */
export const oversightProcedure = procedureFor(...OVERSIGHT);

/** cuc_manager only: targets for all units, approval of reports, the public list. */
export const managerProcedure = procedureFor('cuc_manager');

/** cuc_manager and unit_head: a unit's reports (sign, submit) and officers' targets, in scope. */
export const unitHeadProcedure = procedureFor('cuc_manager', 'unit_head');

/** cuc_manager, unit_head and clerk: entering cases and events of a unit, in scope. */
export const dataEntryProcedure = procedureFor('cuc_manager', 'unit_head', 'clerk');
