/**
 * `pnpm bench` (issue 13): every benchmark on one database, the national dataset generated first
 * when it is missing. The database is the one DATABASE_URL names, else the SQLite file
 * data/thads-bench.sqlite under the repository root. Progress and figures go to stderr/stdout;
 * the LAST line of stdout is one JSON object with the nine figures of the issue.
 *
 * Environment (all optional):
 *   THADS_BENCH_SCALE        share of the national dataset (default 1: 3,000,000 cases)
 *   THADS_BENCH_SEED         generator seed (default 20171231)
 *   THADS_BENCH_SAMPLES      resolveReport samples of a Chi cục month report (default 60)
 *   THADS_BENCH_IMPORT_CASES cases of the fresh import batch (default 25,000, about 100,000 events)
 *   THADS_BENCH_WRITES       recordEvent samples (default 200)
 *   THADS_BENCH_HTTP_SECONDS autocannon duration (default 30)
 *   THADS_BENCH_HTTP_CONNECTIONS autocannon connections (default 100)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAccount } from '@thads/api';
import {
  findUserByUsername,
  listUnits,
  migrateToLatest,
  openDatabase,
  recordEvent,
  resolveReport,
  type Database,
  type OpenedDatabase,
} from '@thads/db';
import { subtreeCodes, type ReportLines } from '@thads/domain';
import autocannon from 'autocannon';
import { sql, type Kysely } from 'kysely';
import {
  CASE_PREFIX,
  datasetComplete,
  ensureAutoPublication,
  importBatch,
  loadNationalDataset,
} from './dataset.js';
import { copyToDuckDb, duckRow } from './duckdb.js';
import { importFloor, type ImportFloor } from './import-floor.js';
import { LAST_DAY, YEARS, caseIdOf, generateBatch, nationalPlan } from './national.js';
import { lineDifferences, linesOfRow, plainReportSql } from './plain-sql.js';
import { mulberry32 } from './random.js';
import { ROOT_CODE } from './units.js';
import { CALLER_CWD, SCALE, SEED, benchDatabaseUrl, positiveNumber } from './options.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const num = positiveNumber;
const SAMPLES = num('THADS_BENCH_SAMPLES', 60);
const IMPORT_CASES = num('THADS_BENCH_IMPORT_CASES', 25_000);
const WRITES = num('THADS_BENCH_WRITES', 200);
const HTTP_SECONDS = num('THADS_BENCH_HTTP_SECONDS', 30);
const HTTP_CONNECTIONS = num('THADS_BENCH_HTTP_CONNECTIONS', 100);

const log = (message: string) => process.stderr.write(`${message}\n`);
const ms = (x: number) => `${x.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ms`;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

async function plainLines(
  db: Kysely<Database>,
  units: readonly string[],
  year: number,
  month: number,
): Promise<ReportLines> {
  const result = await sql
    .raw<Record<string, unknown>>(plainReportSql(units, year, month))
    .execute(db);
  return linesOfRow(result.rows[0]!);
}

function assertSame(label: string, project: ReportLines, plain: ReportLines): void {
  const diff = lineDifferences(project, plain);
  if (diff.length > 0) {
    throw new Error(
      `SAI LỆCH giữa resolveReport và truy vấn SQL thuần (${label}): ${diff.slice(0, 6).join('; ')}`,
    );
  }
}

interface Figures {
  chiCucReportP50Ms: number;
  provinceReportP50Ms: number;
  nationalReportP50Ms: number;
  plainSqlRatio: number;
  duckdbRatio: number;
  recordEventP50Ms: number;
  importEventsPerSecond: number;
  httpRequestsPerSecond: number;
  httpP99Ms: number;
}

async function reportBenchmarks(opened: OpenedDatabase, details: Record<string, unknown>) {
  const db = opened.db;
  const units = await listUnits(db);
  const rng = mulberry32(SEED ^ 0xbe9c);
  const branches = units.filter((u) => u.parent !== null && u.kind !== 'cuc');
  const provinces = units.filter((u) => u.kind === 'cuc');
  const pickPeriod = () => ({
    year: YEARS[Math.floor(rng() * YEARS.length)]!,
    month: 1 + Math.floor(rng() * 12),
  });
  // Warm-up (connections, statement caches), not measured.
  await resolveReport(db, { unit: branches[0]!.code, year: 2017, month: 6 });

  const sample = async (pool: typeof units, count: number) => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const unit = pool[Math.floor(rng() * pool.length)]!.code;
      const period = pickPeriod();
      const [, t] = await timed(() => resolveReport(db, { unit, ...period }));
      times.push(t);
    }
    return times;
  };
  log(`Báo cáo Chi cục: ${SAMPLES} mẫu…`);
  const chiCuc = await sample(branches, SAMPLES);
  log(`Báo cáo tỉnh (tổng Cục): ${Math.ceil(SAMPLES / 3)} mẫu…`);
  const province = await sample(provinces, Math.ceil(SAMPLES / 3));
  log(`Báo cáo toàn quốc: ${Math.ceil(SAMPLES / 6)} mẫu…`);
  const national = await sample(
    units.filter((u) => u.code === ROOT_CODE),
    Math.ceil(SAMPLES / 6),
  );
  const nationalP50 = percentile(national, 50);

  // The plain query gives the same lines as resolveReport (a Chi cục, a province, the nation).
  const checks: [string, number, number][] = [
    [branches[Math.floor(rng() * branches.length)]!.code, 2017, 12],
    ['HN', 2018, 5],
    [provinces[Math.floor(rng() * provinces.length)]!.code, 2016, 9],
    [ROOT_CODE, 2018, 12],
  ];
  let plainNationalMs: number[] = [];
  let nationalPlain: ReportLines | null = null;
  for (const [unit, year, month] of checks) {
    const report = await resolveReport(db, { unit, year, month });
    const codes = subtreeCodes(units, unit);
    const [lines, t] = await timed(() => plainLines(db, codes, year, month));
    assertSame(
      `${unit} ${month}/${year}`,
      { cases: report.cases.lines, money: report.money.lines },
      lines,
    );
    log(`  SQL thuần = resolveReport cho ${unit} tháng ${month}/${year} (SQL thuần ${ms(t)})`);
    if (unit === ROOT_CODE) {
      plainNationalMs.push(t);
      nationalPlain = lines;
    }
  }
  // Two more runs of the national plain query (the first may have read from a cold cache).
  for (let i = 0; i < 2; i++) {
    const [, t] = await timed(() => plainLines(db, subtreeCodes(units, ROOT_CODE), 2018, 12));
    plainNationalMs.push(t);
  }
  plainNationalMs = plainNationalMs.sort((a, b) => a - b);
  const plainMs = percentile(plainNationalMs, 50);
  details.nationalMoneyTotalReceived2018 = String(nationalPlain!.money.totalReceived);
  details.nationalMoneyBeyond2p53 = nationalPlain!.money.totalReceived! > 2n ** 53n;

  log('DuckDB: chép các bảng cases và case_events…');
  const duck = await copyToDuckDb(db, log);
  let duckMs: number;
  try {
    const text = plainReportSql(subtreeCodes(units, ROOT_CODE), 2018, 12);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [row, t] = await timed(() => duckRow(duck.connection, text));
      assertSame('DuckDB, toàn quốc 12/2018', nationalPlain!, linesOfRow(row));
      times.push(t);
    }
    duckMs = percentile(times, 50);
  } finally {
    duck.close();
  }
  details.duckdbLoadSeconds = Number(duck.seconds.toFixed(1));
  details.plainSqlMs = Number(plainMs.toFixed(1));
  details.duckdbMs = Number(duckMs.toFixed(1));
  details.chiCucReportP95Ms = Number(percentile(chiCuc, 95).toFixed(2));
  return {
    chiCucReportP50Ms: percentile(chiCuc, 50),
    provinceReportP50Ms: percentile(province, 50),
    nationalReportP50Ms: nationalP50,
    plainSqlRatio: plainMs / nationalP50,
    duckdbRatio: duckMs / nationalP50,
  };
}

async function recordEventBenchmark(db: Kysely<Database>): Promise<number> {
  // Open cases spread over the registry (ids of the dataset at a stride).
  const plan = nationalPlan({ seed: SEED, scale: SCALE });
  const stride = Math.max(1, Math.floor(plan.totalCases / (WRITES * 4)));
  const ids = Array.from(
    { length: WRITES * 4 },
    (_, i) => `${CASE_PREFIX}${String((i * stride + 3) % plan.totalCases).padStart(8, '0')}`,
  );
  const open = await db
    .selectFrom('cases')
    .select(['id', 'unit', 'amount', 'settled'])
    .where('id', 'in', ids)
    .where('state', 'in', ['able', 'unable', 'postponed', 'suspended'])
    .execute();
  if (open.length === 0) throw new Error('không tìm thấy việc đang thi hành nào để ghi sự kiện');
  const ctx = {
    actor: { username: 'bench', role: 'clerk' as const },
    at: new Date(),
    today: new Date().toISOString().slice(0, 10),
  };
  const times: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const c = open[i % open.length]!;
    const remaining = BigInt(c.amount) - BigInt(c.settled);
    const payable = remaining >= 2000n && i % 2 === 0;
    const event = payable
      ? { date: LAST_DAY, kind: 'pay' as const, amount: 1000n }
      : { date: LAST_DAY, kind: 'verify' as const };
    if (payable) c.settled = BigInt(c.settled) + 1000n;
    ctx.at = new Date();
    const [, t] = await timed(() => recordEvent(db, { caseId: c.id, event }, ctx));
    times.push(t);
  }
  return percentile(times, 50);
}

async function importBenchmark(db: Kysely<Database>, details: Record<string, unknown>) {
  const plan = nationalPlan({ seed: SEED, scale: SCALE });
  // A fresh batch: new ids (a prefix of this run), new streams (indices past the dataset's).
  const prefix = `N${Date.now().toString(36).toUpperCase()}-`;
  const batch = generateBatch(plan, prefix, plan.totalCases, plan.totalCases + IMPORT_CASES);
  // Where the time goes: the seconds between the engine's progress steps (reading, checking,
  // writing cases, events, movements, the audit trail, the commit).
  const steps: Record<string, number> = {};
  let step = 'start';
  let stepStarted = performance.now();
  const onProgress = (message: string) => {
    const name = message.replace(/[\d.,]+/g, '#');
    if (name === step) return;
    const now = performance.now();
    steps[step] = round((steps[step] ?? 0) + (now - stepStarted) / 1000, 2);
    step = name;
    stepStarted = now;
  };
  const [, t] = await timed(() => importBatch(db, batch, 'fresh', onProgress));
  onProgress('end');
  details.importBatchCases = batch.caseCount;
  details.importBatchEvents = batch.eventCount;
  details.importSeconds = Number((t / 1000).toFixed(2));
  details.importSteps = steps;
  const ids = Array.from({ length: IMPORT_CASES }, (_, i) => caseIdOf(prefix, plan.totalCases + i));
  const floor = await importFloor(db, prefix, ids);
  details.importFloorSeconds = floor;
  details.importFloorEventsPerSecond = Math.round(batch.eventCount / floor.total);
  return batch.eventCount / (t / 1000);
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function startServer(url: string): Promise<{ child: ChildProcess; port: number }> {
  // node itself (tsx as a loader, not its CLI, which would run the server in a grandchild), so
  // that the pid whose memory is read is the server's.
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'serve.ts')], {
    cwd: resolve(HERE, '..'),
    env: { ...env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.once('exit', (code) => fail(new Error(`máy chủ dừng (mã ${code}) trước khi lắng nghe`)));
  });
  return { child, port };
}

async function httpBenchmark(db: Kysely<Database>, url: string, details: Record<string, unknown>) {
  const username = 'bench-lanhdao';
  const password = 'bench-lanhdao-mat-khau';
  if (!(await findUserByUsername(db, username))) {
    await createAccount(
      db,
      { username, displayName: 'Lãnh đạo (benchmark)', role: 'leadership', password },
      { actor: { username: 'cli', role: null }, now: new Date(), cost: { logN: 10, r: 8, p: 1 } },
    );
  }
  const { child, port } = await startServer(url);
  const origin = `http://127.0.0.1:${port}`;
  try {
    const login = await fetch(`${origin}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username, password }),
    });
    if (!login.ok) throw new Error(`đăng nhập thất bại: HTTP ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const input = encodeURIComponent(JSON.stringify({ year: 2018, month: 12 }));
    const paths = [`/trpc/summary.overview?input=${input}`, `/trpc/summary.table?input=${input}`];
    for (const path of paths) {
      const [response, t] = await timed(() => fetch(`${origin}${path}`, { headers: { cookie } }));
      if (!response.ok)
        throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      log(`  lần gọi đầu ${path.split('?')[0]}: ${ms(t)}`);
    }
    let peakRss = rssOf(child.pid!);
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssOf(child.pid!));
    }, 250);
    log(`autocannon: ${HTTP_CONNECTIONS} kết nối, ${HTTP_SECONDS} giây…`);
    const result = await autocannon({
      url: origin,
      connections: HTTP_CONNECTIONS,
      duration: HTTP_SECONDS,
      headers: { cookie },
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    clearInterval(sampler);
    // autocannon's `errors` already counts its timeouts.
    const errors = result.errors + result.non2xx;
    details.httpErrors = errors;
    details.httpTimeouts = result.timeouts;
    details.httpNon2xx = result.non2xx;
    details.httpRequests = result.requests.total;
    details.httpLatencyP50Ms = result.latency.p50;
    details.httpServerPeakRssMb = Math.round(peakRss / 1024 / 1024);
    return { rps: result.requests.total / HTTP_SECONDS, p99: result.latency.p99, errors };
  } finally {
    const exited =
      child.exitCode !== null ? Promise.resolve() : new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const url = benchDatabaseUrl();
  const opened = openDatabase(url, { cwd: CALLER_CWD });
  const details: Record<string, unknown> = { dialect: opened.dialect, scale: SCALE, seed: SEED };
  try {
    log(`Cơ sở dữ liệu: ${opened.location} (${opened.dialect}); tỷ lệ ${SCALE}`);
    log(
      'Đang đưa cơ sở dữ liệu lên cấu trúc mới nhất (một migration có thể phải dựng lại các bảng tổng hợp)…',
    );
    const [applied, migrateMs] = await timed(() => migrateToLatest(opened.db));
    if (applied.length > 0) {
      log(`  đã áp dụng ${applied.join(', ')} trong ${ms(migrateMs)}`);
      details.migrationSeconds = Math.round(migrateMs / 1000);
    }
    const plan = nationalPlan({ seed: SEED, scale: SCALE });
    if (!(await datasetComplete(opened.db, plan))) {
      log('Chưa có bộ dữ liệu toàn quốc: đang sinh và nạp…');
      const loaded = await loadNationalDataset(opened.db, { seed: SEED, scale: SCALE }, log);
      details.generationSeconds = Math.round(loaded.seconds);
    }
    await ensureAutoPublication(opened.db);
    const counts = await opened.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    const events = await opened.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll<number | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    details.cases = Number(counts.n);
    details.events = Number(events.n);
    log(`Bộ dữ liệu: ${details.cases} việc, ${details.events} sự kiện`);

    const reports = await reportBenchmarks(opened, details);
    log('Ghi một sự kiện (recordEvent)…');
    const recordEventP50Ms = await recordEventBenchmark(opened.db);
    log(`Nạp một lô mới ${IMPORT_CASES} việc…`);
    const importEventsPerSecond = await importBenchmark(opened.db, details);
    log('HTTP…');
    const http = await httpBenchmark(opened.db, url, details);

    const figures: Figures = {
      chiCucReportP50Ms: round(reports.chiCucReportP50Ms, 2),
      provinceReportP50Ms: round(reports.provinceReportP50Ms, 2),
      nationalReportP50Ms: round(reports.nationalReportP50Ms, 2),
      plainSqlRatio: Number(reports.plainSqlRatio.toPrecision(3)),
      duckdbRatio: Number(reports.duckdbRatio.toPrecision(3)),
      recordEventP50Ms: round(recordEventP50Ms, 2),
      importEventsPerSecond: Math.round(importEventsPerSecond),
      httpRequestsPerSecond: Math.round(http.rps),
      httpP99Ms: round(http.p99, 1),
    };
    const goals: [keyof Figures, string, boolean][] = [
      ['chiCucReportP50Ms', '< 5 ms', figures.chiCucReportP50Ms < 5],
      ['provinceReportP50Ms', '< 10 ms', figures.provinceReportP50Ms < 10],
      ['nationalReportP50Ms', '< 50 ms', figures.nationalReportP50Ms < 50],
      ['plainSqlRatio', '≥ 100×', figures.plainSqlRatio >= 100],
      ['duckdbRatio', '≥ 10×', figures.duckdbRatio >= 10],
      ['recordEventP50Ms', '< 5 ms', figures.recordEventP50Ms < 5],
      ['importEventsPerSecond', '≥ 50.000/s', figures.importEventsPerSecond >= 50_000],
      ['httpRequestsPerSecond', '≥ 1.000/s', figures.httpRequestsPerSecond >= 1000],
      ['httpP99Ms', '< 50 ms', figures.httpP99Ms < 50],
    ];
    console.log(
      `\nKết quả (${opened.dialect}, tỷ lệ ${SCALE}, ${details.cases} việc, ${details.events} sự kiện):`,
    );
    for (const [key, goal, met] of goals) {
      console.log(
        `  ${key.padEnd(24)} ${String(figures[key]).padStart(12)}   mục tiêu ${goal.padEnd(11)} ${met ? 'ĐẠT' : 'CHƯA ĐẠT'}`,
      );
    }
    console.log(
      `  lỗi HTTP: ${details.httpErrors} (mục tiêu 0) ${details.httpErrors === 0 ? 'ĐẠT' : 'CHƯA ĐẠT'}`,
    );
    const floor = details.importFloorSeconds as ImportFloor;
    console.log(
      `  sàn lưu trữ của lô nạp (chỉ cơ sở dữ liệu ghi các dòng, chưa tính commit): ${floor.total.toFixed(2)} giây, ` +
        `tức tối đa ${String(details.importFloorEventsPerSecond)} sự kiện/giây`,
    );
    console.log(`  chi tiết: ${JSON.stringify(details)}`);
    console.log(JSON.stringify(figures));
  } finally {
    await opened.close();
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main().catch((error: unknown) => {
  console.error(`lỗi: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
