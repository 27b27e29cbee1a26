/**
 * The commands of `pnpm thads` (interfaces.md §2) that this version has: migrate, seed demo,
 * import units|officers|cases|aggregate|targets, report, cases, progress.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CLI_ACTOR,
  casesBehind,
  currentSignerName,
  formatIssue,
  importAggregate,
  importCases,
  importOfficers,
  importTargets,
  importUnits,
  importWorkbook,
  isWorkbookName,
  migrateToLatest,
  resolveBreakdown,
  resolveProgress,
  resolveReport,
  type BinaryFile,
  type ImportProgress,
  type ImportResult,
  type InputFile,
} from '@thads/db';
import {
  progressToJson,
  reportToCsv,
  reportToJson,
  type BreakdownDimension,
  type FlagFilter,
  type JudgmentTypeFilter,
  type Measure,
  type ModeFilter,
  type ReportSource,
  type Scope,
} from '@thads/domain';
import { renderReportForms } from '@thads/api';
import { csvLine } from './csv-out.js';
import { withDatabase } from './database.js';
import { CliError, localDate, type CliIo } from './io.js';
import { seedDemo } from './seed/demo.js';

/** Reads a file named on the command line; the name in messages is the one the user typed. */
export function readInput(io: CliIo, path: string): InputFile {
  const { name, bytes } = readBinaryInput(io, path);
  return { name, text: Buffer.from(bytes).toString('utf8') };
}

/** Reads a binary file (an XLSX workbook) named on the command line. */
export function readBinaryInput(io: CliIo, path: string): BinaryFile {
  try {
    return { name: path, bytes: new Uint8Array(readFileSync(resolve(io.cwd, path))) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `không tìm thấy tệp ${path}`
        : `không đọc được tệp ${path}: ${(error as Error).message}`,
    );
  }
}

function progressTo(io: CliIo): ((message: string, progress?: ImportProgress) => void) | undefined {
  // THADS_PROGRESS=1 shows progress on a stderr that is not a terminal (logs, tests).
  if (!io.stderr.isTTY && io.env.THADS_PROGRESS !== '1') return undefined;
  // A phase once, then its share done in steps of a tenth: a few lines, however long the work.
  let last = '';
  return (message, progress) => {
    const tenth =
      progress && progress.total > 0 ? Math.floor((progress.done * 10) / progress.total) : null;
    const line = tenth === null ? message : `${message} ${tenth * 10} %`;
    if (line === last) return;
    last = line;
    io.stderr.write(`${line}\n`);
  };
}

/** Prints what an import did (stdout) or what is wrong (stderr); returns the exit status. */
export function printImport(io: CliIo, what: string, result: ImportResult): number {
  for (const note of result.notes) io.stderr.write(`lưu ý: ${note}\n`);
  if (result.issues.length > 0) {
    for (const issue of result.issues) io.stderr.write(`${formatIssue(issue)}\n`);
    if (result.dryRun) io.stderr.write(`Có ${result.issues.length} lỗi; không ghi gì.\n`);
    return 1;
  }
  const countsOf = ({ created, updated, unchanged }: ImportResult['counts']) =>
    `tạo mới ${created}, cập nhật ${updated}, không đổi ${unchanged}`;
  // A workbook: one line per part (units, officers, cases).
  const parts = result.parts ?? [{ label: what, counts: result.counts }];
  const counts = parts.map((p) => `${p.label}: ${countsOf(p.counts)}`).join('; ');
  const will = parts.map((p) => `${p.label}: sẽ ${countsOf(p.counts)}`).join('; ');
  if (result.dryRun) io.stdout.write(`Chạy thử, không ghi gì. ${will}.\n`);
  else if (!result.written) io.stdout.write(`${counts}. Không có thay đổi, không ghi gì.\n`);
  else io.stdout.write(`${counts}.\n`);
  return 0;
}

export async function migrateCommand(io: CliIo): Promise<number> {
  return withDatabase(
    io,
    async (opened) => {
      const applied = await migrateToLatest(opened.db);
      io.stdout.write(
        applied.length > 0
          ? `Đã cập nhật cấu trúc cơ sở dữ liệu ${opened.location}: ${applied.join(', ')}.\n`
          : `Cơ sở dữ liệu ${opened.location} đã ở cấu trúc mới nhất.\n`,
      );
      return 0;
    },
    { migrate: 'skip' },
  );
}

export async function seedDemoCommand(io: CliIo): Promise<number> {
  const today = localDate(io.now());
  const progress = progressTo(io);
  return withDatabase(io, async ({ db }) => {
    // THADS_DEMO_SCALE (a fraction, default 1): a smaller demo, for tests that only need some data.
    const scale = Number(io.env.THADS_DEMO_SCALE ?? '1');
    const steps = await seedDemo(db, {
      today,
      now: io.now(),
      ...(Number.isFinite(scale) && scale > 0 && scale !== 1 ? { scale } : {}),
      ...(progress ? { onProgress: progress } : {}),
    });
    for (const { label, result } of steps) {
      const status = printImport(io, label, result);
      if (status !== 0) return status;
    }
    return 0;
  });
}

export type ImportKind = 'units' | 'officers' | 'cases' | 'aggregate' | 'targets';

export async function importCommand(
  io: CliIo,
  kind: ImportKind,
  paths: string[],
  dryRun: boolean,
): Promise<number> {
  if (kind === 'cases' && paths.length === 1 && !isWorkbookName(paths[0]!))
    throw new CliError(
      `cần hai tệp cases.csv và events.csv, hoặc một bảng tính .xlsx (nhận được ${paths[0]})`,
    );
  const workbook = kind === 'cases' && paths.length === 1 ? readBinaryInput(io, paths[0]!) : null;
  const files = workbook ? [] : paths.map((p) => readInput(io, p));
  const progress = progressTo(io);
  const options = {
    dryRun,
    actor: CLI_ACTOR,
    now: io.now(),
    ...(progress ? { onProgress: progress } : {}),
  };
  return withDatabase(io, async ({ db }) => {
    switch (kind) {
      case 'units':
        return printImport(io, 'Đơn vị', await importUnits(db, files[0]!, options));
      case 'officers':
        return printImport(io, 'Chấp hành viên', await importOfficers(db, files[0]!, options));
      case 'aggregate':
        return printImport(
          io,
          'Dòng số liệu tổng hợp',
          await importAggregate(db, files[0]!, options),
        );
      case 'targets':
        return printImport(
          io,
          'Chỉ tiêu',
          await importTargets(db, files[0]!, { ...options, now: io.now() }),
        );
      case 'cases':
        return printImport(
          io,
          'Việc',
          workbook
            ? await importWorkbook(db, workbook, { ...options, today: localDate(io.now()) })
            : await importCases(
                db,
                { cases: files[0]!, events: files[1]! },
                { ...options, today: localDate(io.now()) },
              ),
        );
    }
  });
}

export interface ReportOptions {
  unit: string;
  year: number;
  month: number;
  scope?: Scope;
  officer?: string;
  source?: ReportSource;
  mode?: ModeFilter;
  judgmentType?: JudgmentTypeFilter;
  flag?: FlagFilter;
  /** One report per bucket of this classification dimension, and the total (JSON only). */
  breakdown?: BreakdownDimension;
  format: 'json' | 'csv' | 'xlsx';
  out?: string;
}

/** The classification filters of a command's options (issue 7). */
function classificationFilters(options: {
  mode?: ModeFilter | undefined;
  judgmentType?: JudgmentTypeFilter | undefined;
  flag?: FlagFilter | undefined;
}) {
  return {
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.judgmentType ? { judgmentType: options.judgmentType } : {}),
    ...(options.flag ? { flag: options.flag } : {}),
  };
}

export async function reportCommand(io: CliIo, options: ReportOptions): Promise<number> {
  if (options.format === 'xlsx' && !options.out) {
    throw new CliError('--format xlsx cần --out <tệp .xlsx> (bảng tính không ghi ra stdout)');
  }
  if (options.breakdown && options.format !== 'json') {
    throw new CliError('--breakdown chỉ xuất dạng JSON (--format json)');
  }
  return withDatabase(io, async ({ db }) => {
    const request = {
      unit: options.unit,
      year: options.year,
      month: options.month,
      ...(options.scope ? { scope: options.scope } : {}),
      ...(options.officer ? { officer: options.officer } : {}),
      ...(options.source ? { source: options.source } : {}),
      ...classificationFilters(options),
    };
    if (options.breakdown) {
      const b = await resolveBreakdown(db, { ...request, by: options.breakdown });
      const json = {
        dimension: b.dimension,
        label: b.label,
        partition: b.partition,
        total: reportToJson(b.total),
        buckets: b.buckets.map((x) => ({
          key: x.key,
          label: x.label,
          report: reportToJson(x.report),
        })),
      };
      const text = `${JSON.stringify(json, null, 2)}\n`;
      if (options.out) {
        writeFileSync(resolve(io.cwd, options.out), text);
        io.stderr.write(`Đã ghi báo cáo phân tách vào ${options.out}\n`);
      } else io.stdout.write(text);
      return 0;
    }
    if (options.format === 'xlsx') {
      const file = await renderReportForms(db, request, 'xlsx', {
        date: localDate(io.now()),
        // The signer of the standing (submitted or approved) version, as in the console.
        signer: options.officer
          ? null
          : await currentSignerName(db, {
              unit: options.unit,
              scope: options.scope,
              year: options.year,
              month: options.month,
            }),
      });
      writeFileSync(resolve(io.cwd, options.out!), file.bytes);
      io.stderr.write(`Đã ghi Biểu 01 và Biểu 02 vào ${options.out}\n`);
      return 0;
    }
    const report = await resolveReport(db, request);
    const text =
      options.format === 'csv'
        ? reportToCsv(report)
        : `${JSON.stringify(reportToJson(report), null, 2)}\n`;
    if (options.out) {
      writeFileSync(resolve(io.cwd, options.out), text);
      io.stderr.write(`Đã ghi báo cáo vào ${options.out}\n`);
    } else {
      io.stdout.write(text);
    }
    return 0;
  });
}

export interface CasesOptions {
  unit: string;
  year: number;
  month: number;
  line: string;
  measure: Measure;
  scope?: Scope;
  officer?: string;
  mode?: ModeFilter;
  judgmentType?: JudgmentTypeFilter;
  flag?: FlagFilter;
  format: 'json' | 'csv';
}

export async function casesCommand(io: CliIo, options: CasesOptions): Promise<number> {
  return withDatabase(io, async ({ db }) => {
    const list = await casesBehind(db, {
      unit: options.unit,
      year: options.year,
      month: options.month,
      line: options.line,
      measure: options.measure,
      ...(options.scope ? { scope: options.scope } : {}),
      ...(options.officer ? { officer: options.officer } : {}),
      ...classificationFilters(options),
    });
    const money = options.measure === 'money';
    if (options.format === 'json') {
      const rows = list.map((c) =>
        money ? { case_id: c.caseId, amount: c.amount.toString() } : { case_id: c.caseId },
      );
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      const lines = [money ? 'case_id,amount' : 'case_id'];
      for (const c of list)
        lines.push(csvLine(money ? [c.caseId, c.amount.toString()] : [c.caseId]));
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  });
}

export interface ProgressOptions {
  unit: string;
  year: number;
  month: number;
  scope?: Scope;
  officer?: string;
}

/** `progress`: where a unit or officer stands against its targets, as the JSON of interfaces.md §8. */
export async function progressCommand(io: CliIo, options: ProgressOptions): Promise<number> {
  return withDatabase(io, async ({ db }) => {
    const progress = await resolveProgress(db, {
      unit: options.unit,
      year: options.year,
      month: options.month,
      ...(options.scope ? { scope: options.scope } : {}),
      ...(options.officer ? { officer: options.officer } : {}),
    });
    io.stdout.write(`${JSON.stringify(progressToJson(progress), null, 2)}\n`);
    return 0;
  });
}
