import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteMemory, type TestDatabase } from '@thads/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { TEST_COST, createTestAccounts, importWorkedExample } from './helpers.js';

const now = () => new Date('2025-11-25T09:00:00+07:00');

function trpcGet(path: string, input: unknown): string {
  return `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

describe('HTTP app', () => {
  let test: TestDatabase;
  let app: ReturnType<typeof createApp>;
  /** The session cookie of `lanhdao` (leadership: reads every unit). */
  let cookie: string;
  const get = (path: string) => app.request(path, { headers: { cookie } });

  beforeAll(async () => {
    test = await sqliteMemory.open();
    await importWorkedExample(test.db);
    await createTestAccounts(test.db);
    app = createApp({ db: test.db, now, passwordCost: TEST_COST, decoyCost: TEST_COST });
    const login = await app.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ username: 'lanhdao', password: 'lanhdao-demo' }),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  });
  afterAll(async () => {
    await test.close();
  });

  it('GET /health answers {"ok":true} when the database answers', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"ok":true}');
  });

  it('GET /health answers 503 when the database does not', async () => {
    const broken = await sqliteMemory.open();
    await broken.close();
    const res = await createApp({ db: broken.db, now }).request('/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
  });

  it('serves reports.get over /trpc with the figures of statistics.md §12', async () => {
    const res = await get(
      trpcGet('reports.get', { unit: 'HN-BDI', year: 2017, month: 12, scope: 'total' }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      result: { data: { cases: Record<string, unknown>; money: Record<string, unknown> } };
    };
    expect(body.result.data.cases.rate).toBe('42.86');
    expect(body.result.data.money.rate).toBe('60.71');
    expect(body.result.data.money.broughtForward).toBe('2700');
  });

  it('batches calls', async () => {
    const res = await get(
      `/trpc/health.check,units.tree?batch=1&input=${encodeURIComponent('{}')}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: unknown } }[];
    expect(body[0]!.result.data).toEqual({ ok: true });
    expect(body[1]!.result.data).toMatchObject([{ code: 'HN', children: [{ code: 'HN-BDI' }] }]);
  });

  it('maps a domain error to its HTTP status and exposes the domain code', async () => {
    const res = await get(
      trpcGet('reports.get', { unit: 'KHONG-CO', year: 2017, month: 12, scope: 'total' }),
    );
    expect(res.status).toBe(404);
    const body = (await res.json()) as {
      error: { message: string; data: { code: string; domainCode: string } };
    };
    expect(body.error.data).toMatchObject({ code: 'NOT_FOUND', domainCode: 'NOT_FOUND' });
    expect(body.error.message).toContain('KHONG-CO');
  });

  it('rejects bad input with 400', async () => {
    const res = await get(
      trpcGet('reports.get', { unit: 'HN-BDI', year: 2017, month: 13, scope: 'total' }),
    );
    expect(res.status).toBe(400);
  });

  describe('built apps', () => {
    let dir: string;
    let withApps: ReturnType<typeof createApp>;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'thads-static-'));
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Bảng điều khiển</title>');
      writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
      withApps = createApp({ db: test.db, now, builtApps: { console: dir } });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('redirects /console to /console/ and serves index.html there', async () => {
      const redirect = await withApps.request('/console');
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get('location')).toBe('/console/');
      const index = await withApps.request('/console/');
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(index.headers.get('cache-control')).toBe('no-cache');
      expect(await index.text()).toContain('Bảng điều khiển');
    });

    it('serves hashed assets with a long cache, and index.html for app routes', async () => {
      const asset = await withApps.request('/console/assets/index-abc.js');
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(asset.headers.get('cache-control')).toContain('immutable');
      const route = await withApps.request('/console/bao-cao/HN');
      expect(route.status).toBe(200);
      expect(await route.text()).toContain('Bảng điều khiển');
    });

    it('answers 404 for missing files, paths outside the folder and apps not given', async () => {
      expect((await withApps.request('/console/assets/missing.js')).status).toBe(404);
      expect((await withApps.request('/console/..%2f..%2f..%2fetc%2fpasswd')).status).toBe(404);
      expect((await withApps.request('/console/%2e%2e/%2e%2e/etc/hostname')).status).toBe(404);
      expect((await withApps.request('/summary/')).status).toBe(404);
    });

    it('keeps /health and /trpc working beside them', async () => {
      expect((await withApps.request('/health')).status).toBe(200);
    });
  });
});
