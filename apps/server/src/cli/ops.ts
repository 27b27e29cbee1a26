/**
 * The operations commands of `pnpm thads` (interfaces.md §2): `serve`, `user create`,
 * `audit verify`, `backup <file>`, `restore <file>`, and `movements rebuild|check` (the monthly
 * movements the registry reports are summed from, @thads/db movements.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import {
  DEFAULT_SCRYPT_COST,
  createAccount,
  newPassword,
  username as usernameSchema,
  type ScryptCost,
} from '@thads/api';
import {
  CLI_ACTOR,
  backupDatabase,
  checkMovements,
  openDatabase,
  rebuildMovements,
  recordAudit,
  restoreDatabase,
  verifyAuditChain,
} from '@thads/db';
import { ROLES, ROLE_LABELS, type Role } from '@thads/domain';
import { InvalidArgumentError, type Command } from 'commander';
import { createApp } from '../http/app.js';
import { parseEnv } from '../http/env.js';
import { builtAppDirs } from '../http/paths.js';
import { withDatabase } from './database.js';
import { CliError, type CliIo } from './io.js';

const count = (n: number) => n.toLocaleString('vi-VN');

/** What tests change about `serve`; the command line uses the defaults. */
export interface ServeControl {
  /** The apps folder holding console/dist and summary/dist (default: this checkout's apps/). */
  appsDir?: string;
  /** Build an app whose dist is missing (default true). */
  build?: boolean;
  /** Stops the server when aborted (besides SIGINT and SIGTERM). */
  signal?: AbortSignal;
  /** Called with the port once the server listens. */
  onListening?: (port: number) => void;
  passwordCost?: ScryptCost;
  decoyCost?: ScryptCost;
}

/** `vite build` of apps/<name> with the app's own config, as `pnpm build` would. */
function buildApp(appsDir: string, name: string, io: CliIo): Promise<void> {
  const root = join(appsDir, name);
  const vite = join(root, 'node_modules', '.bin', 'vite');
  if (!existsSync(vite))
    throw new CliError(
      `chưa có bản build của ${name} và không tìm thấy vite: chạy "pnpm build" trước`,
    );
  io.stderr.write(`Chưa có bản build của ${name}: đang build (vite build)…\n`);
  return new Promise((done, fail) => {
    const child = spawn(vite, ['build', '--logLevel', 'warn'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done()
        : fail(
            new CliError(
              `build ${name} thất bại (mã ${code}): ${stderr.trim().split('\n').pop() ?? ''}`,
            ),
          ),
    );
  });
}

/**
 * `serve [--port N]`: the production server (API, the built apps under /console/ and /summary/,
 * health) until SIGINT or SIGTERM. An app not built yet is built first.
 */
export async function serveCommand(
  io: CliIo,
  options: { port?: number },
  control: ServeControl = {},
): Promise<number> {
  const env = parseEnv(io.env);
  const port = options.port ?? env.port;
  const dirs = builtAppDirs(control.appsDir);
  const appsDir = control.appsDir ?? resolve(dirs.console, '../..');
  for (const [name, dir] of Object.entries(dirs)) {
    if (existsSync(join(dir, 'index.html'))) continue;
    if (control.build === false)
      throw new CliError(`chưa có bản build của ${name}: chạy "pnpm build" trước`);
    await buildApp(appsDir, name, io);
  }
  return withDatabase(io, async (opened) => {
    const app = createApp({
      db: opened.db,
      now: io.now,
      security: env.security,
      builtApps: dirs,
      ...(control.passwordCost ? { passwordCost: control.passwordCost } : {}),
      ...(control.decoyCost ? { decoyCost: control.decoyCost } : {}),
    });
    const server = serve({ fetch: app.fetch, port });
    await new Promise<void>((done, fail) => {
      server.once('listening', () => done());
      server.once('error', (error: NodeJS.ErrnoException) =>
        fail(
          error.code === 'EADDRINUSE'
            ? new CliError(`cổng ${port} đang được dùng; chọn cổng khác bằng --port hoặc PORT`)
            : error,
        ),
      );
    });
    const actual = (server.address() as AddressInfo).port;
    io.stdout.write(
      [
        `THADS đang chạy (cơ sở dữ liệu: ${opened.location}); Ctrl+C để dừng.`,
        `  Bảng điều khiển của Cục:  http://localhost:${actual}/console/`,
        `  Tóm tắt cho lãnh đạo:     http://localhost:${actual}/summary/`,
        `  Kiểm tra:                 http://localhost:${actual}/health`,
        '',
      ].join('\n'),
    );
    control.onListening?.(actual);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        control.signal?.removeEventListener('abort', stop);
        done();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      control.signal?.addEventListener('abort', stop);
      if (control.signal?.aborted) stop();
    });
    await new Promise<void>((done) => server.close(() => done()));
    io.stdout.write('Đã dừng máy chủ.\n');
    return 0;
  });
}

/** The password of `user create`: asked twice on a terminal, else the first line of stdin. */
async function readPassword(io: CliIo): Promise<string> {
  const stdin = io.stdin;
  if (!stdin) throw new CliError('cần mật khẩu ở đầu vào chuẩn (stdin)');
  let password: string;
  if (stdin.isTTY && stdin.readSecret) {
    password = await stdin.readSecret('Mật khẩu: ');
    if ((await stdin.readSecret('Nhập lại mật khẩu: ')) !== password)
      throw new CliError('hai lần nhập mật khẩu không khớp');
  } else {
    password = (await stdin.readAll()).split(/\r?\n/)[0] ?? '';
  }
  const checked = newPassword.safeParse(password);
  if (!checked.success) throw new CliError(checked.error.issues[0]!.message);
  return checked.data;
}

export interface UserCreateOptions {
  username: string;
  role: Role;
  unit?: string;
  officer?: string;
  name?: string;
}

/** `user create`: an account, the password read from stdin (never from arguments). */
export async function userCreateCommand(
  io: CliIo,
  options: UserCreateOptions,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<number> {
  const name = usernameSchema.safeParse(options.username);
  if (!name.success) throw new CliError(`--username: ${name.error.issues[0]!.message}`);
  const password = await readPassword(io);
  return withDatabase(io, async ({ db }) => {
    const user = await createAccount(
      db,
      {
        username: name.data,
        displayName: options.name?.trim() || name.data,
        role: options.role,
        unit: options.unit ?? null,
        officer: options.officer ?? null,
        password,
      },
      { actor: CLI_ACTOR, now: io.now(), cost },
    );
    const where = user.officer
      ? `, chấp hành viên ${user.officer} (${user.unit})`
      : user.unit
        ? `, đơn vị ${user.unit}`
        : '';
    io.stdout.write(`Đã tạo tài khoản ${user.username}: ${ROLE_LABELS[user.role]}${where}.\n`);
    return 0;
  });
}

/** `audit verify`: exit 0 and the count when the chain is intact, else 1 naming the first broken record. */
export async function auditVerifyCommand(io: CliIo): Promise<number> {
  return withDatabase(io, async ({ db }) => {
    const result = await verifyAuditChain(db);
    if (result.ok) {
      io.stdout.write(`Nhật ký kiểm toán nguyên vẹn: ${count(result.count)} bản ghi.\n`);
      return 0;
    }
    io.stderr.write(
      `lỗi: nhật ký kiểm toán không nguyên vẹn: bản ghi số ${result.seq}: ${result.reason} (${count(result.count)} bản ghi trước đó nguyên vẹn)\n`,
    );
    return 1;
  });
}

/**
 * `movements rebuild`: builds the monthly movements again from the registry, in one transaction,
 * then writes its audit record: a rebuild can change the figures reports read (it repairs a stale
 * table), and the record moves the registry version, so that running servers compute their cached
 * summary answers and period sums again.
 */
export async function movementsRebuildCommand(io: CliIo): Promise<number> {
  return withDatabase(io, async ({ db, location }) => {
    const started = performance.now();
    const result = await rebuildMovements(db);
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        actor: CLI_ACTOR,
        at: io.now(),
        entity: 'report_movements',
        entityId: 'rebuild',
        action: 'rebuild',
        unit: null,
        after: { cases: result.cases, rows: result.rows },
      }),
    );
    const seconds = ((performance.now() - started) / 1000).toLocaleString('vi-VN', {
      maximumFractionDigits: 2,
    });
    io.stdout.write(
      `Đã dựng lại số liệu báo cáo theo tháng của ${location} từ ${count(result.cases)} việc: ${count(result.rows)} dòng (${seconds} giây).\n`,
    );
    return 0;
  });
}

/**
 * `movements check`: compares the monthly movements with the full computation from the registry
 * (every case, month by month); exit status 1 with the first differences when they differ.
 */
export async function movementsCheckCommand(io: CliIo): Promise<number> {
  return withDatabase(io, async ({ db }) => {
    const result = await checkMovements(db, { limit: 20 });
    if (!result.built) {
      io.stdout.write(
        'Chưa có số liệu báo cáo theo tháng: báo cáo đầu tiên (hoặc lệnh movements rebuild) sẽ dựng.\n',
      );
      return 0;
    }
    if (result.differences.length === 0) {
      io.stdout.write(
        `Số liệu báo cáo theo tháng khớp với sổ thụ lý: ${count(result.rows)} ô báo cáo (đơn vị, chấp hành viên, loại việc, tháng), đến năm công tác ${result.toYear}.\n`,
      );
      return 0;
    }
    io.stderr.write(
      `lỗi: số liệu báo cáo theo tháng không khớp với sổ thụ lý (chạy movements rebuild để dựng lại):\n`,
    );
    for (const d of result.differences)
      io.stderr.write(`  ${d.key} ${d.column}: đúng là ${d.expected}, đang lưu ${d.stored}\n`);
    return 1;
  });
}

/** `backup <file>`: a consistent copy of the whole database while the server runs. */
export async function backupCommand(io: CliIo, file: string): Promise<number> {
  const target = resolve(io.cwd, file);
  const result = await backupDatabase(io.env.DATABASE_URL, target, {
    cwd: io.cwd,
    env: { ...process.env, ...io.env },
  });
  io.stdout.write(`Đã sao lưu ${result.location} vào ${file} (${count(result.bytes)} byte).\n`);
  return 0;
}

/** `restore <file>`: into an empty database only; then checks the restored audit trail. */
export async function restoreCommand(io: CliIo, file: string): Promise<number> {
  const source = resolve(io.cwd, file);
  const result = await restoreDatabase(io.env.DATABASE_URL, source, {
    cwd: io.cwd,
    env: { ...process.env, ...io.env },
  });
  io.stdout.write(`Đã khôi phục ${file} vào ${result.location}.\n`);
  const opened = openDatabase(io.env.DATABASE_URL, { cwd: io.cwd });
  try {
    const audit = await verifyAuditChain(opened.db);
    if (!audit.ok) {
      io.stderr.write(
        `lỗi: nhật ký kiểm toán của bản khôi phục không nguyên vẹn tại bản ghi số ${audit.seq}: ${audit.reason}\n`,
      );
      return 1;
    }
    io.stdout.write(`Nhật ký kiểm toán nguyên vẹn: ${count(audit.count)} bản ghi.\n`);
  } finally {
    await opened.close();
  }
  return 0;
}

function parseRole(text: string): Role {
  if ((ROLES as readonly string[]).includes(text)) return text as Role;
  throw new InvalidArgumentError(
    `vai trò "${text}" không hợp lệ; cần một trong: ${ROLES.join(', ')}`,
  );
}

function parsePort(text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= 65535))
    throw new InvalidArgumentError(`cổng "${text}" không hợp lệ; cần số nguyên từ 1 đến 65535`);
  return value;
}

/** Adds the operations commands to the program of main.ts. */
export function registerOperations(
  program: Command,
  io: CliIo,
  done: (status: number) => void,
): void {
  program
    .command('serve')
    .description('chạy máy chủ (API, bảng điều khiển /console/, tóm tắt /summary/, /health)')
    .option('--port <N>', 'cổng (mặc định PORT hoặc 3000)', parsePort)
    .action(async (options: { port?: number }) => done(await serveCommand(io, options)));

  const user = program.command('user').description('tài khoản người dùng');
  user
    .command('create')
    .description('tạo tài khoản; mật khẩu đọc từ đầu vào chuẩn (stdin), không bao giờ từ tham số')
    .requiredOption('--username <U>', 'tên đăng nhập')
    .requiredOption('--role <ROLE>', `vai trò: ${ROLES.join(', ')}`, parseRole)
    .option('--unit <CODE>', 'đơn vị (unit_head, clerk)')
    .option('--officer <CODE>', 'chấp hành viên gắn với tài khoản (officer)')
    .option('--name <HỌ_TÊN>', 'họ tên hiển thị (mặc định: tên đăng nhập)')
    .action(async (options: UserCreateOptions) => done(await userCreateCommand(io, options)));

  const audit = program.command('audit').description('nhật ký kiểm toán');
  audit
    .command('verify')
    .description('kiểm tra chuỗi băm của nhật ký kiểm toán')
    .action(async () => done(await auditVerifyCommand(io)));

  const movements = program
    .command('movements')
    .description('số liệu báo cáo theo tháng (tính sẵn từ sổ thụ lý)');
  movements
    .command('rebuild')
    .description('dựng lại số liệu báo cáo theo tháng từ toàn bộ sổ thụ lý')
    .action(async () => done(await movementsRebuildCommand(io)));
  movements
    .command('check')
    .description('so sánh số liệu báo cáo theo tháng với cách tính đầy đủ từ sổ thụ lý')
    .action(async () => done(await movementsCheckCommand(io)));

  program
    .command('backup')
    .description('sao lưu toàn bộ cơ sở dữ liệu (được cả khi máy chủ đang chạy)')
    .argument('<file>')
    .action(async (file: string) => done(await backupCommand(io, file)));

  program
    .command('restore')
    .description('khôi phục bản sao lưu vào một cơ sở dữ liệu trống')
    .argument('<file>')
    .action(async (file: string) => done(await restoreCommand(io, file)));
}
