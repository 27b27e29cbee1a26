/**
 * Import of a registry extract from the console (issue 5): `cases.csv` + `events.csv`, or one XLSX
 * workbook (sheets units, officers, cases, events), through the SAME engine as
 * `pnpm thads import cases` (@thads/db `importCases`, `importWorkbook`). First a dry run that lists
 * every bad row with its file (sheet), line (row) and column, then the all-or-nothing import; both
 * run as a job whose progress the console polls (services/import-jobs.ts).
 *
 * Who: cuc_manager, unit_head and clerk (dataEntryProcedure). What: the cases of the account's units
 * only (a branch account: its unit and the units under it); units never (they are the admin's, on
 * the units page); officers only for a unit head, of its units. Rows outside that are issues, listed
 * like any other. The files travel as base64 in the request body (whose limit is raised for these
 * procedures only: apps/server's security.ts).
 */
import {
  importCases,
  importWorkbook,
  isWorkbookName,
  type BinaryFile,
  type ImportScope,
} from '@thads/db';
import { DomainError } from '@thads/domain';
import { z } from 'zod';
import { accessOf } from '../access.js';
import type { ImportJobView } from '../services/import-jobs.js';
import { dataEntryProcedure, router } from '../trpc.js';
import { todayOf, writerOf } from './request.js';

/** The tRPC paths whose request bodies carry files (the server gives them a larger body limit). */
export const UPLOAD_PROCEDURES: readonly string[] = ['imports.start'];

/** The largest file accepted, decoded (a 100,000-case extract is about 25 MB of CSV). */
export const MAX_IMPORT_FILE_BYTES = 48 * 1024 * 1024;

const fileInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Thiếu tên tệp')
    .max(255, 'Tên tệp quá dài')
    .refine((n) => !/[\\/]/.test(n), 'Tên tệp không được chứa đường dẫn'),
  base64: z
    .string()
    .max(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4, 'Tệp quá lớn (tối đa 48 MB)')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Nội dung tệp không đúng dạng base64'),
});

export const importStartInput = z.union([
  z.object({
    format: z.literal('csv'),
    cases: fileInput,
    events: fileInput,
    dryRun: z.boolean(),
  }),
  z.object({ format: z.literal('xlsx'), workbook: fileInput, dryRun: z.boolean() }),
]);

function bytesOf(file: z.infer<typeof fileInput>): BinaryFile {
  return { name: file.name, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) };
}

function textOf(file: z.infer<typeof fileInput>) {
  const bytes = Buffer.from(file.base64, 'base64');
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return { name: file.name, text: text.decode(bytes) };
  } catch {
    throw new DomainError(
      'INVALID_INPUT',
      `Tệp ${file.name} không phải văn bản UTF-8: lưu lại tệp CSV với bảng mã UTF-8`,
    );
  }
}

export const importsRouter = router({
  /**
   * Starts a dry run (`dryRun: true`: checks everything, lists every issue, writes nothing) or the
   * import itself (all or nothing); returns the job's id at once. CONFLICT while the account's
   * previous import still runs.
   */
  start: dataEntryProcedure.input(importStartInput).mutation(async ({ ctx, input }) => {
    const access = await accessOf(ctx.db, ctx.session);
    const units = access.allUnits ? null : access.units;
    const scope: ImportScope = {
      units: false,
      officerUnits: ctx.session.role === 'unit_head' ? units : new Set(),
      caseUnits: units,
    };
    if (input.format === 'xlsx' && !isWorkbookName(input.workbook.name))
      throw new DomainError('INVALID_INPUT', 'Bảng tính cần là tệp .xlsx');
    const files =
      input.format === 'csv'
        ? { cases: textOf(input.cases), events: textOf(input.events) }
        : bytesOf(input.workbook);
    const db = ctx.db;
    const { actor, at } = writerOf(ctx);
    const options = { dryRun: input.dryRun, actor, now: at, today: todayOf(ctx), scope };
    const id = ctx.imports.start(ctx.session.username, input.dryRun, (reporter) => {
      const withProgress = { ...options, onProgress: reporter.progress };
      return 'cases' in files
        ? importCases(db, files, withProgress)
        : importWorkbook(db, files, withProgress);
    });
    return { jobId: id };
  }),

  /** How far a job has got, and its result once done (only for the account that started it). */
  status: dataEntryProcedure
    .input(z.object({ jobId: z.string().uuid('Mã lần nhập không hợp lệ') }))
    .query(({ ctx, input }): ImportJobView => ctx.imports.get(ctx.session.username, input.jobId)),
});
