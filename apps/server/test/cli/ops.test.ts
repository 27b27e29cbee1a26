/**
 * The operations commands: user create, audit verify, backup and restore (SQLite, and PostgreSQL
 * when THADS_TEST_POSTGRES_URL is set), serve.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SCRYPT_COST } from '@thads/api';
import { findUserByUsername, openDatabase, pgToolsAvailable, registryVersion } from '@thads/db';
import { withoutAuditGuards } from '@thads/db/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { serveCommand, userCreateCommand } from '../../src/cli/ops.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, 'fixtures', 'worked-example');
const temp = mkdtempSync(join(tmpdir(), 'thads-ops-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function ioFor(databaseUrl: string, stdin = '', out = { stdout: '', stderr: '' }): CliIo {
  return {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text), isTTY: false },
    stdin: { isTTY: false, readAll: async () => stdin },
    env: { DATABASE_URL: databaseUrl },
    cwd: temp,
    now: () => new Date('2025-11-26T03:00:00Z'),
  };
}

function runner(databaseUrl: string) {
  return async (argv: string[], stdin = ''): Promise<Run> => {
    const out = { stdout: '', stderr: '' };
    const status = await main(argv, ioFor(databaseUrl, stdin, out));
    return { status, ...out };
  };
}

const fixture = (name: string) => join(FIXTURES, name);
const REPORT = ['report', '--unit', 'HN', '--year', '2017', '--month', '12'];

/** The worked example, an account and a report: what a backup must carry over. */
async function populate(databaseUrl: string): Promise<string> {
  const thads = runner(databaseUrl);
  if (databaseUrl.startsWith('postgres')) expect((await thads(['migrate'])).status).toBe(0);
  for (const args of [
    ['import', 'units', fixture('units.csv')],
    ['import', 'officers', fixture('officers.csv')],
    ['import', 'cases', fixture('cases.csv'), fixture('events.csv')],
  ])
    expect((await thads(args)).stderr).toBe('');
  expect(
    await userCreateCommand(
      ioFor(databaseUrl, 'mat-khau-quan-ly\n'),
      { username: 'quanly', role: 'cuc_manager' },
      TEST_SCRYPT_COST,
    ),
  ).toBe(0);
  const report = await thads(REPORT);
  expect(report.status).toBe(0);
  return report.stdout;
}

describe('user create', () => {
  const url = `sqlite:${join(temp, 'users.sqlite')}`;
  const thads = runner(url);

  it('creates an account with the password from stdin; links an officer account to its record', async () => {
    for (const args of [
      ['import', 'units', fixture('units.csv')],
      ['import', 'officers', fixture('officers.csv')],
    ])
      expect((await thads(args)).status).toBe(0);
    const out = { stdout: '', stderr: '' };
    expect(
      await userCreateCommand(
        ioFor(url, 'mat-khau-chv-1\nthừa\n', out),
        { username: 'CHV1', role: 'officer', officer: 'BDI-1', name: 'Nguyễn Văn An' },
        TEST_SCRYPT_COST,
      ),
    ).toBe(0);
    expect(out.stdout).toBe(
      'Đã tạo tài khoản chv1: Chấp hành viên, chấp hành viên BDI-1 (HN-BDI).\n',
    );
    const opened = openDatabase(url);
    const found = await findUserByUsername(opened.db, 'chv1');
    await opened.close();
    expect(found?.user).toMatchObject({
      displayName: 'Nguyễn Văn An',
      unit: 'HN-BDI',
      officer: 'BDI-1',
    });
  });

  it('through the command line (default scrypt cost): a clerk of a unit', async () => {
    const run = await thads(
      ['user', 'create', '--username', 'vanthu', '--role', 'clerk', '--unit', 'HN-BDI'],
      'mat-khau-van-thu\n',
    );
    expect([run.status, run.stdout, run.stderr]).toEqual([
      0,
      'Đã tạo tài khoản vanthu: Văn thư – nhập liệu, đơn vị HN-BDI.\n',
      '',
    ]);
  });

  it('fails with one line: taken name, unknown role, short or missing password, unit for a Cục role, password as an argument', async () => {
    const fail = async (args: string[], stdin: string, message: RegExp) => {
      const run = await thads(['user', 'create', ...args], stdin);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.split('\n')).toHaveLength(2);
    };
    await fail(
      ['--username', 'vanthu', '--role', 'clerk', '--unit', 'HN-BDI'],
      'mat-khau-khac-1\n',
      /đã có người dùng/,
    );
    await fail(
      ['--username', 'x1y', '--role', 'boss'],
      'mat-khau-khac-1\n',
      /vai trò "boss" không hợp lệ/,
    );
    await fail(['--username', 'moi', '--role', 'leadership'], 'ngan\n', /ít nhất 8 ký tự/);
    await fail(['--username', 'moi', '--role', 'leadership'], '', /ít nhất 8 ký tự/);
    await fail(
      ['--username', 'moi', '--role', 'leadership', '--unit', 'HN'],
      'mat-khau-khac-1\n',
      /toàn Cục/,
    );
    await fail(
      ['--username', 'moi', '--role', 'admin', '--password', 'x'],
      '',
      /tuỳ chọn không hợp lệ: --password/,
    );
    await fail(
      ['--username', 'a', '--role', 'admin'],
      'mat-khau-khac-1\n',
      /--username: Tên đăng nhập gồm/,
    );
  });
});

describe('audit verify', () => {
  it('exit 0 and a count when intact; exit 1 naming the first record edited in the database', async () => {
    const url = `sqlite:${join(temp, 'audit.sqlite')}`;
    const thads = runner(url);
    await populate(url);
    const ok = await thads(['audit', 'verify']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Nhật ký kiểm toán nguyên vẹn: \d+ bản ghi\.\n$/);

    const opened = openDatabase(url);
    await withoutAuditGuards(opened.db, () =>
      opened.db.updateTable('audit_log').set({ actor: 'ai-do' }).where('seq', '=', 5n).execute(),
    );
    await opened.close();
    const broken = await thads(['audit', 'verify']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toBe(
      'lỗi: nhật ký kiểm toán không nguyên vẹn: bản ghi số 5: nội dung đã bị sửa sau khi ghi (mã băm không khớp) (4 bản ghi trước đó nguyên vẹn)\n',
    );
  });
});

describe('movements rebuild moves the registry version', () => {
  it('writes an audit record, so that running servers compute their cached summary answers again', async () => {
    const url = `sqlite:${join(temp, 'movements-version.sqlite')}`;
    await populate(url);
    const opened = openDatabase(url);
    try {
      const before = await registryVersion(opened.db);
      const rebuilt = await runner(url)(['movements', 'rebuild']);
      expect(rebuilt.status).toBe(0);
      expect(BigInt(await registryVersion(opened.db))).toBeGreaterThan(BigInt(before));
      const last = await opened.db
        .selectFrom('audit_log')
        .select(['entity', 'action', 'actor'])
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(last).toEqual({ entity: 'report_movements', action: 'rebuild', actor: 'cli' });
    } finally {
      await opened.close();
    }
  });
});

describe('movements rebuild and check', () => {
  it('check agrees after imports, names a row changed behind its back; rebuild repairs it', async () => {
    const url = `sqlite:${join(temp, 'movements.sqlite')}`;
    const thads = runner(url);
    const report = await populate(url);
    const ok = await thads(['movements', 'check']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /^Số liệu báo cáo theo tháng khớp với sổ thụ lý: [\d.]+ ô báo cáo \(đơn vị, chấp hành viên, loại việc, tháng\), đến năm công tác \d{4}\.\n$/,
    );

    // HN-BDI's X (money) at month 12 of 2017 is 1.700 đồng (statistics.md §12); one đồng more in
    // its total's change of month 12 makes the report of 2017-12 say 1.701.
    const opened = openDatabase(url);
    await opened.db
      .insertInto('report_movements')
      .values({
        unit: 'HN-BDI',
        officer: '*',
        mode: '*',
        kind: 0,
        year: 2017,
        month: 12,
        m_completed: 1n,
      } as never)
      .onConflict((oc) =>
        oc
          .columns(['unit', 'officer', 'mode', 'kind', 'year', 'month'])
          .doUpdateSet((eb) => ({ m_completed: eb('report_movements.m_completed', '+', 1n) })),
      )
      .execute();
    await opened.close();
    const broken = await thads(['movements', 'check']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toBe(
      'lỗi: số liệu báo cáo theo tháng không khớp với sổ thụ lý (chạy movements rebuild để dựng lại):\n' +
        '  HN-BDI/*/*/2017/12 m_completed: đúng là 1700, đang lưu 1701\n',
    );

    const rebuilt = await thads(['movements', 'rebuild']);
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(
      /^Đã dựng lại số liệu báo cáo theo tháng của .*movements\.sqlite từ 13 việc: [\d.]+ dòng \([\d,]+ giây\)\.\n$/,
    );
    expect((await thads(['movements', 'check'])).status).toBe(0);
    expect((await thads(REPORT)).stdout).toBe(report);
  });
});

describe('backup and restore on SQLite', () => {
  it('restores into an empty database with byte-identical reports; refuses a non-empty one', async () => {
    const source = `sqlite:${join(temp, 'live.sqlite')}`;
    const report = await populate(source);
    const backup = await runner(source)(['backup', 'sao-luu.sqlite']);
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(
      /^Đã sao lưu .*live\.sqlite vào sao-luu\.sqlite \([\d.]+ byte\)\.\n$/,
    );

    const target = `sqlite:${join(temp, 'restored.sqlite')}`;
    const thads = runner(target);
    const restore = await thads(['restore', 'sao-luu.sqlite']);
    expect(restore.stderr).toBe('');
    expect(restore.stdout).toMatch(
      /^Đã khôi phục sao-luu\.sqlite vào .*restored\.sqlite\.\nNhật ký kiểm toán nguyên vẹn: \d+ bản ghi\.\n$/,
    );
    expect((await thads(REPORT)).stdout).toBe(report);
    expect((await thads(['audit', 'verify'])).status).toBe(0);

    const again = await thads(['restore', 'sao-luu.sqlite']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(
      /^lỗi: cơ sở dữ liệu đích .*restored\.sqlite không trống \(có \d+ bảng: .*\); chỉ khôi phục vào cơ sở dữ liệu trống/,
    );
    writeFileSync(join(temp, 'not-a-backup.txt'), 'hello');
    const bad = await runner(`sqlite:${join(temp, 'other.sqlite')}`)([
      'restore',
      'not-a-backup.txt',
    ]);
    expect(bad.stderr).toMatch(/không phải bản sao lưu/);
  });

  it('copies one consistent state while another connection holds uncommitted writes', async () => {
    const url = `sqlite:${join(temp, 'busy.sqlite')}`;
    await populate(url);
    const writer = openDatabase(url);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inTransaction = new Promise<void>((r) => (started = r));
    const transaction = writer.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('units')
        .values({ code: 'TAM', name: 'Tạm', kind: 'quan', parent: 'HN', active: 1 })
        .execute();
      started();
      await held;
      throw new Error('rolled back on purpose');
    });
    await inTransaction;
    expect((await runner(url)(['backup', 'busy-copy.sqlite'])).status).toBe(0);
    release();
    await expect(transaction).rejects.toThrow('rolled back on purpose');
    await writer.close();
    const copy = openDatabase(`sqlite:${join(temp, 'busy-copy.sqlite')}`);
    const units = await copy.db.selectFrom('units').select('code').execute();
    await copy.close();
    expect(units.map((u) => u.code).sort()).toEqual(['HN', 'HN-BDI']);
  });
});

const postgresUrl = process.env.THADS_TEST_POSTGRES_URL?.trim();
const required = process.env.THADS_REQUIRE_POSTGRES === '1';

describe.runIf(Boolean(postgresUrl))(
  'backup and restore on PostgreSQL (THADS_TEST_POSTGRES_URL)',
  () => {
    const names = [`thads_bk_src_${process.pid}`, `thads_bk_dst_${process.pid}`];
    const urlOf = (name: string) => {
      const url = new URL(postgresUrl!);
      url.pathname = `/${name}`;
      return url.toString();
    };
    async function admin(query: string): Promise<void> {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(query);
      } finally {
        await client.end();
      }
    }
    afterAll(async () => {
      for (const name of names) await admin(`drop database if exists "${name}" with (force)`);
    });

    it('pg_dump / pg_restore: byte-identical reports; a non-empty target is refused', async () => {
      if (!(await pgToolsAvailable())) {
        if (required)
          throw new Error('pg_dump is required (THADS_REQUIRE_POSTGRES=1) but not found');
        console.warn('[ops] pg_dump not found: PostgreSQL backup test skipped');
        return;
      }
      for (const name of names) {
        await admin(`drop database if exists "${name}" with (force)`);
        await admin(`create database "${name}"`);
      }
      const [source, target] = names.map(urlOf) as [string, string];
      const report = await populate(source);
      const backup = await runner(source)(['backup', 'pg.dump']);
      expect(backup.stderr).toBe('');
      const thads = runner(target);
      const restore = await thads(['restore', 'pg.dump']);
      expect(restore.stderr).toBe('');
      expect(restore.stdout).toMatch(/Nhật ký kiểm toán nguyên vẹn: \d+ bản ghi/);
      expect((await thads(REPORT)).stdout).toBe(report);
      // The identity sequences came along: new rows still get fresh ids.
      expect(
        await userCreateCommand(
          ioFor(target, 'mat-khau-moi-1\n'),
          { username: 'moi', role: 'leadership' },
          TEST_SCRYPT_COST,
        ),
      ).toBe(0);
      const again = await thads(['restore', 'pg.dump']);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/không trống/);
      const wrong = await thads(['restore', 'sao-luu.sqlite']);
      expect(wrong.stderr).toMatch(
        /là bản sao lưu SQLite, còn cơ sở dữ liệu đích .* là PostgreSQL/,
      );
    });
  },
);

describe('serve', () => {
  it('serves health, the built apps, login and the API until stopped', async () => {
    const url = `sqlite:${join(temp, 'serve.sqlite')}`;
    await populate(url);
    const appsDir = join(temp, 'apps');
    for (const name of ['console', 'summary']) {
      mkdirSync(join(appsDir, name, 'dist'), { recursive: true });
      writeFileSync(
        join(appsDir, name, 'dist', 'index.html'),
        `<!doctype html><title>${name}</title>`,
      );
    }
    const out = { stdout: '', stderr: '' };
    const stop = new AbortController();
    let port = 0;
    const listening = new Promise<void>((ready) => {
      void serveCommand(
        { ...ioFor(url, '', out), now: () => new Date() },
        { port: 0 },
        {
          appsDir,
          build: false,
          signal: stop.signal,
          passwordCost: TEST_SCRYPT_COST,
          decoyCost: TEST_SCRYPT_COST,
          onListening: (p) => {
            port = p;
            ready();
          },
        },
      ).then((status) => (out.stdout += `exit ${status}\n`));
    });
    await listening;
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${base}/console/`)).text()).toContain('<title>console</title>');
    expect(await (await fetch(`${base}/summary/bat-ky`)).text()).toContain(
      '<title>summary</title>',
    );
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username: 'quanly', password: 'mat-khau-quan-ly' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const tree = await fetch(`${base}/trpc/units.tree`, { headers: { cookie } });
    expect(tree.status).toBe(200);
    const opened = openDatabase(url);
    const { after } = await opened.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'login')
      .executeTakeFirstOrThrow();
    await opened.close();
    expect(JSON.parse(after!).address).toMatch(/127\.0\.0\.1/);
    stop.abort();
    await new Promise((r) => setTimeout(r, 200));
    expect(out.stdout).toMatch(
      /THADS đang chạy[\s\S]*\/console\/[\s\S]*Đã dừng máy chủ\.\nexit 0\n$/,
    );
  });

  it('says how to build when an app has not been built', async () => {
    const run = await runner(`sqlite:${join(temp, 'serve2.sqlite')}`)(['serve', '--port', '99999']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cổng "99999" không hợp lệ/);
    await expect(
      serveCommand(
        ioFor(`sqlite:${join(temp, 'serve2.sqlite')}`),
        {},
        { appsDir: join(temp, 'none'), build: false },
      ),
    ).rejects.toThrow(/chạy "pnpm build" trước/);
  });
});
