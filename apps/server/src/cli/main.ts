/**
 * `pnpm thads <command>`: the command line of interfaces.md §2. Exit status 0 on success, 1 on
 * failure with a one-line reason on stderr (or, for `--dry-run`, one line per error).
 *
 * `main` takes its surroundings as arguments so that tests run it in process; run as a script, it
 * uses the process's own.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Help, InvalidArgumentError } from 'commander';
import {
  DomainError,
  isLineCode,
  type Measure,
  type ModeFilter,
  type BreakdownDimension,
  type FlagFilter,
  type JudgmentTypeFilter,
  CASE_FLAGS,
  JUDGMENT_TYPES,
  isBreakdownDimension,
  isFlagFilter,
  type ReportSource,
  type Scope,
} from '@thads/domain';
import {
  casesCommand,
  importCommand,
  migrateCommand,
  progressCommand,
  reportCommand,
  seedDemoCommand,
  type CasesOptions,
  type ImportKind,
  type ProgressOptions,
  type ReportOptions,
} from './commands.js';
import { CliError, processIo, type CliIo } from './io.js';
import { registerOperations } from './ops.js';

function oneOf<T extends string>(values: readonly T[], what: string): (text: string) => T {
  return (text) => {
    if ((values as readonly string[]).includes(text)) return text as T;
    throw new InvalidArgumentError(`${what} "${text}" không hợp lệ; cần ${values.join(' hoặc ')}`);
  };
}

function integer(what: string, min: number, max: number): (text: string) => number {
  return (text) => {
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max))
      throw new InvalidArgumentError(
        `${what} "${text}" không hợp lệ; cần số nguyên từ ${min} đến ${max}`,
      );
    return value;
  };
}

const parseYear = integer('năm công tác', 1900, 9999);
const parseMonth = integer('tháng', 1, 12);
const parseScope = oneOf<Scope>(['own', 'total'], 'phạm vi');
const parseSource = oneOf<ReportSource>(['registry', 'aggregate'], 'nguồn');
const parseMeasure = oneOf<Measure>(['cases', 'money'], 'thước đo');
const parseMode = oneOf<ModeFilter>(['chu_dong', 'theo_yeu_cau', 'none'], 'loại việc');
const parseJudgmentType = oneOf<JudgmentTypeFilter>([...JUDGMENT_TYPES, 'none'], 'loại bản án');
function parseFlag(text: string): FlagFilter {
  if (!isFlagFilter(text))
    throw new InvalidArgumentError(
      `dấu hiệu "${text}" không hợp lệ; cần ${CASE_FLAGS.join(', ')}, not:<mã> (không có dấu hiệu đó) hoặc none (không có dấu hiệu nào)`,
    );
  return text;
}
function parseBreakdown(text: string): BreakdownDimension {
  if (!isBreakdownDimension(text))
    throw new InvalidArgumentError(
      `tiêu chí phân tách "${text}" không hợp lệ; cần mode, judgmentType, flags hoặc flag:<mã dấu hiệu>`,
    );
  return text;
}
const parseFormat = oneOf<'json' | 'csv'>(['json', 'csv'], 'định dạng');
const parseReportFormat = oneOf<'json' | 'csv' | 'xlsx'>(['json', 'csv', 'xlsx'], 'định dạng');
function parseLine(text: string): string {
  if (text === 'rate' || text === 'carryOverChange')
    throw new InvalidArgumentError(`dòng "${text}" là tỷ lệ, không có danh sách việc`);
  if (!isLineCode(text)) throw new InvalidArgumentError(`không có dòng báo cáo "${text}"`);
  return text;
}

/** Commander's help with Vietnamese titles and defaults. */
const HELP_TITLES: readonly [RegExp, string][] = [
  [/^Usage:/gm, 'Cách dùng:'],
  [/^Options:/gm, 'Tuỳ chọn:'],
  [/^Commands:/gm, 'Lệnh:'],
  [/^Arguments:/gm, 'Tham số:'],
  [/\(default: ("?)([^)"]*)\1\)/g, '(mặc định: $2)'],
];
function vietnameseHelp(command: Command, helper: Help): string {
  return HELP_TITLES.reduce(
    (text, [pattern, replacement]) => text.replace(pattern, replacement),
    Help.prototype.formatHelp.call(helper, command, helper),
  );
}

function buildProgram(io: CliIo, done: (status: number) => void): Command {
  const program = new Command('thads')
    .description('THADS: thống kê thi hành án dân sự (Cục THADS Hà Nội)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {},
    })
    .configureHelp({ formatHelp: vietnameseHelp })
    .helpOption('-h, --help', 'hiển thị trợ giúp')
    .helpCommand('help [command]', 'hiển thị trợ giúp của một lệnh');

  program
    .command('migrate')
    .description('đưa cơ sở dữ liệu lên cấu trúc mới nhất')
    .action(async () => done(await migrateCommand(io)));

  const seed = program.command('seed').description('nạp dữ liệu mẫu');
  seed
    .command('demo')
    .description(
      'nạp dữ liệu mẫu Hà Nội: 31 đơn vị, chấp hành viên, các việc năm công tác 2016–2018',
    )
    .action(async () => done(await seedDemoCommand(io)));

  const imports = program.command('import').description('nhập dữ liệu từ tệp CSV');
  // Commander passes the arguments, then the options, then the command itself.
  const importing =
    (kind: ImportKind) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const { dryRun } = command.opts<{ dryRun?: boolean }>();
      done(await importCommand(io, kind, command.args, dryRun ?? false));
    };
  imports
    .command('units')
    .description('tạo hoặc cập nhật đơn vị (code,name,kind,parent)')
    .argument('<units.csv>')
    .option('--dry-run', 'chỉ kiểm tra, liệt kê mọi lỗi, không ghi gì')
    .action(importing('units'));
  imports
    .command('officers')
    .description('tạo hoặc cập nhật chấp hành viên (code,name,unit)')
    .argument('<officers.csv>')
    .option('--dry-run', 'chỉ kiểm tra, liệt kê mọi lỗi, không ghi gì')
    .action(importing('officers'));
  imports
    .command('cases')
    .description(
      'nhập một trích xuất sổ thụ lý (việc và sự kiện: hai tệp CSV, hoặc một bảng tính .xlsx có các trang units, officers, cases, events), tất cả hoặc không gì cả',
    )
    .argument('<cases.csv|workbook.xlsx>')
    .argument('[events.csv]')
    .option('--dry-run', 'chỉ kiểm tra, liệt kê mọi lỗi, không ghi gì')
    .action(importing('cases'));
  imports
    .command('aggregate')
    .description('nhập các dòng báo cáo tổng hợp nhập ngoài sổ thụ lý')
    .argument('<file.csv>')
    .option('--dry-run', 'chỉ kiểm tra, liệt kê mọi lỗi, không ghi gì')
    .action(importing('aggregate'));

  imports
    .command('targets')
    .description('ghi nhận chỉ tiêu (unit,scope,year,metric,value,month,officer,provisional)')
    .argument('<targets.csv>')
    .option('--dry-run', 'chỉ kiểm tra, liệt kê mọi lỗi, không ghi gì')
    .action(importing('targets'));

  program
    .command('report')
    .description('một báo cáo, dạng JSON hoặc CSV')
    .requiredOption('--unit <CODE>', 'mã đơn vị')
    .requiredOption('--year <Y>', 'năm công tác', parseYear)
    .requiredOption(
      '--month <N>',
      'tháng của năm công tác (1 = tháng 10, 12 = tháng 9)',
      parseMonth,
    )
    .option('--scope <own|total>', 'phạm vi (mặc định total; own khi có --officer)', parseScope)
    .option('--officer <CODE>', 'chấp hành viên của đơn vị')
    .option('--source <registry|aggregate>', 'buộc nguồn số liệu', parseSource)
    .option(
      '--mode <chu_dong|theo_yeu_cau|none>',
      'chỉ các việc chủ động, theo yêu cầu hoặc chưa phân loại',
      parseMode,
    )
    .option(
      '--judgment-type <TYPE|none>',
      `chỉ các việc một loại bản án (${JUDGMENT_TYPES.join(', ')}) hoặc chưa phân loại (none)`,
      parseJudgmentType,
    )
    .option(
      '--flag <FLAG|not:FLAG|none>',
      `chỉ các việc có dấu hiệu (${CASE_FLAGS.join(', ')}), không có nó (not:<mã>) hoặc không có dấu hiệu nào (none)`,
      parseFlag,
    )
    .option(
      '--breakdown <mode|judgmentType|flags|flag:FLAG>',
      'phân tách theo phân loại việc: một báo cáo cho mỗi nhóm và tổng (JSON)',
      parseBreakdown,
    )
    .option(
      '--format <json|csv|xlsx>',
      'định dạng (xlsx: Biểu 01 và Biểu 02, cần --out)',
      parseReportFormat,
      'json',
    )
    .option('--out <FILE>', 'ghi vào tệp thay vì stdout')
    .action(async (options: ReportOptions) => done(await reportCommand(io, options)));

  program
    .command('cases')
    .description('các việc đứng sau một dòng của báo cáo tính từ sổ thụ lý')
    .requiredOption('--unit <CODE>', 'mã đơn vị')
    .requiredOption('--year <Y>', 'năm công tác', parseYear)
    .requiredOption(
      '--month <N>',
      'tháng của năm công tác (1 = tháng 10, 12 = tháng 9)',
      parseMonth,
    )
    .requiredOption('--line <LINE>', 'mã dòng báo cáo, ví dụ inProgress', parseLine)
    .option('--measure <cases|money>', 'thước đo', parseMeasure, 'cases')
    .option('--scope <own|total>', 'phạm vi (mặc định total; own khi có --officer)', parseScope)
    .option('--officer <CODE>', 'chấp hành viên của đơn vị')
    .option(
      '--mode <chu_dong|theo_yeu_cau|none>',
      'chỉ các việc chủ động, theo yêu cầu hoặc chưa phân loại',
      parseMode,
    )
    .option(
      '--judgment-type <TYPE|none>',
      `chỉ các việc một loại bản án (${JUDGMENT_TYPES.join(', ')}) hoặc chưa phân loại (none)`,
      parseJudgmentType,
    )
    .option(
      '--flag <FLAG|not:FLAG|none>',
      `chỉ các việc có dấu hiệu (${CASE_FLAGS.join(', ')}), không có nó (not:<mã>) hoặc không có dấu hiệu nào (none)`,
      parseFlag,
    )
    .option('--format <csv|json>', 'định dạng', parseFormat, 'csv')
    .action(async (options: CasesOptions) => done(await casesCommand(io, options)));

  program
    .command('progress')
    .description('tiến độ thực hiện chỉ tiêu của một đơn vị hoặc chấp hành viên, dạng JSON')
    .requiredOption('--unit <CODE>', 'mã đơn vị')
    .requiredOption('--year <Y>', 'năm công tác', parseYear)
    .requiredOption(
      '--month <N>',
      'tháng của năm công tác (1 = tháng 10, 12 = tháng 9)',
      parseMonth,
    )
    .option('--scope <own|total>', 'phạm vi (mặc định total; own khi có --officer)', parseScope)
    .option('--officer <CODE>', 'chấp hành viên của đơn vị')
    .action(async (options: ProgressOptions) => done(await progressCommand(io, options)));

  registerOperations(program, io, done);
  return program;
}

/** Commander's messages are English; the user reads Vietnamese. */
function commanderMessage(error: CommanderError): string {
  const text = error.message.replace(/^error: /, '');
  const quoted = /'([^']*)'/.exec(text)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownCommand':
      return `lệnh không hợp lệ: ${quoted} (xem pnpm thads --help)`;
    case 'commander.unknownOption':
      return `tuỳ chọn không hợp lệ: ${quoted}`;
    case 'commander.missingMandatoryOptionValue':
      return `thiếu tuỳ chọn bắt buộc ${quoted}`;
    case 'commander.optionMissingArgument':
      return `tuỳ chọn ${quoted} cần một giá trị`;
    case 'commander.missingArgument':
      return `thiếu tham số ${quoted}`;
    case 'commander.excessArguments':
      return `thừa tham số (${text})`;
    case 'commander.invalidArgument': {
      const reason = /is invalid\. (.*)$/s.exec(text)?.[1];
      return reason ? `${quoted}: ${reason}` : text;
    }
    default:
      return text;
  }
}

/** Runs one command line; returns the exit status. Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let status = 0;
  const program = buildProgram(io, (s) => {
    status = s;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with status 0; `thads` alone prints help and fails.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync')
        return 1;
      io.stderr.write(`lỗi: ${commanderMessage(error)}\n`);
      return 1;
    }
    const message =
      error instanceof DomainError || error instanceof CliError ? error.message : errorText(error);
    io.stderr.write(`lỗi: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') return `không kết nối được cơ sở dữ liệu (${error.message})`;
    return error.message;
  }
  return String(error);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2), processIo());
}
