import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CLI_ACTOR,
  GENESIS_HASH,
  canonicalJson,
  importAggregate,
  importUnits,
  listAudit,
  recordAudit,
  recordAuditBatch,
  verifyAuditChain,
  type AuditEntry,
} from '../src/index.js';
import {
  clearAuditLog,
  testDialects,
  useTestDatabase,
  withoutAuditGuards,
} from '../src/testing.js';
import { csv, expectOk, fixture, importWorkedExample } from './helpers.js';

const AT = new Date('2025-11-26T02:00:00.000Z');

function entry(n: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actor: { username: 'quanly', role: 'cuc_manager' },
    at: new Date(AT.getTime() + n * 1000),
    entity: 'thing',
    entityId: `T${n}`,
    action: 'update',
    unit: n % 2 ? 'HN' : 'HN-BDI',
    before: { value: BigInt(n), z: null, a: [1, 'x'] },
    after: { value: BigInt(n + 1) },
    ...extra,
  };
}

describe('canonicalJson', () => {
  it('sorts keys at every level, writes bigint as digits and leaves out undefined', () => {
    expect(canonicalJson({ b: 1n, a: { d: undefined, c: [2n, { y: 1, x: 2 }] } })).toBe(
      '{"a":{"c":["2",{"x":2,"y":1}]},"b":"1"}',
    );
  });
});

describe.each(await testDialects())('audit trail on $label', (dialect) => {
  const t = useTestDatabase(dialect, { reset: true });
  beforeEach(async () => {
    await clearAuditLog(t.db);
  });

  it('refuses to record outside a transaction', async () => {
    await expect(recordAudit(t.db, entry(1))).rejects.toThrow(/inside the transaction/);
  });

  it('chains records: the first starts from 64 zeros, each stores the hash before it', async () => {
    await t.db.transaction().execute(async (trx) => {
      await recordAudit(trx, entry(1));
      await recordAuditBatch(trx, [entry(2), entry(3)]);
    });
    await t.db.transaction().execute((trx) => recordAudit(trx, entry(4)));
    const rows = await t.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(rows[0]!.before).toBe('{"a":[1,"x"],"value":"1","z":null}');
    expect(rows[0]!.at).toBe('2025-11-26T02:00:01.000Z');
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 4 });
  });

  it('hashes a record exactly as auditRowHash does, whatever its text holds', async () => {
    // On PostgreSQL the database computes the hash (recordAudit); the expected hash is the SHA-256
    // of the content text written out by hand (Python's hashlib over the same JSON text).
    const tricky: AuditEntry = {
      actor: { username: 'cán bộ "A"\\', role: null },
      at: AT,
      entity: 'case',
      entityId: 'V\t1\u0001',
      action: 'update',
      unit: null,
      before: { tên: 'Nguyễn Văn Á 😀' },
    };
    const first = await t.db.transaction().execute((trx) => recordAudit(trx, tricky));
    expect(first).toEqual({
      seq: 1n,
      hash: 'aa099e6ea31c9bc0f220b61b64c81e5fe99348e037ae5bed40910208d0c39deb',
    });
    const second = await t.db.transaction().execute((trx) => recordAudit(trx, entry(2)));
    const rows = await t.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => [String(r.seq), r.prev_hash, r.hash])).toEqual([
      ['1', GENESIS_HASH, first.hash],
      ['2', first.hash, second.hash],
    ]);
    expect(rows[0]).toMatchObject({
      actor: 'cán bộ "A"\\',
      actor_role: null,
      unit: null,
      entity_id: 'V\t1\u0001',
      before: '{"tên":"Nguyễn Văn Á 😀"}',
      after: null,
    });
    expect(second.seq).toBe(2n);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 2 });
  });

  it('verifies in batches, and an empty log is intact', async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 0 });
    await t.db.transaction().execute((trx) =>
      recordAuditBatch(
        trx,
        Array.from({ length: 25 }, (_, i) => entry(i)),
      ),
    );
    expect(await verifyAuditChain(t.db, { batchSize: 7 })).toEqual({ ok: true, count: 25 });
  });

  it('a rolled-back change leaves no audit record', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, entry(1));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });

  it('is append-only: UPDATE and DELETE are refused by the database', async () => {
    await t.db.transaction().execute((trx) => recordAudit(trx, entry(1)));
    await expect(
      t.db.updateTable('audit_log').set({ actor: 'someone' }).where('seq', '=', 1n).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });

  it('an edited record breaks the chain there: verification names it', async () => {
    await t.db
      .transaction()
      .execute((trx) => recordAuditBatch(trx, [entry(1), entry(2), entry(3), entry(4)]));
    await withoutAuditGuards(t.db, () =>
      sql`update audit_log set after = '{"value":"999"}' where seq = 3`.execute(t.db),
    );
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: false, count: 2, seq: 3n });
    expect(result.ok ? '' : result.reason).toMatch(/bị sửa/);
  });

  it('a record edited with its own hash recomputed breaks the link to the next one', async () => {
    await t.db
      .transaction()
      .execute((trx) => recordAuditBatch(trx, [entry(1), entry(2), entry(3)]));
    await withoutAuditGuards(t.db, () =>
      sql`update audit_log set hash = ${'f'.repeat(64)} where seq = 2`.execute(t.db),
    );
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, seq: 2n });
    await withoutAuditGuards(t.db, () =>
      sql`update audit_log set prev_hash = ${'f'.repeat(64)} where seq = 3`.execute(t.db),
    );
    // Record 2's content no longer matches its stored hash: still the first broken one.
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, seq: 2n });
  });

  it('a deleted record is found: the sequence has a hole', async () => {
    await t.db
      .transaction()
      .execute((trx) => recordAuditBatch(trx, [entry(1), entry(2), entry(3)]));
    await withoutAuditGuards(t.db, () => sql`delete from audit_log where seq = 2`.execute(t.db));
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: false, count: 1, seq: 3n });
    expect(result.ok ? '' : result.reason).toContain('thiếu bản ghi số 2');
  });

  // PGlite is one session without a driver lock: concurrent transactions would interleave there.
  it.skipIf(dialect.label.includes('PGlite'))('concurrent writers keep one chain', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.db.transaction().execute(async (trx) => {
          await recordAudit(trx, entry(i));
          await recordAudit(trx, entry(i + 100));
        }),
      ),
    );
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 16 });
  });

  it('imports write a summary and one record per created or updated entity, as the CLI by default', async () => {
    await importWorkedExample(t.db);
    const all = await listAudit(t.db, {}, { offset: 0, limit: 1000 });
    const summaries = all.records.filter((r) => r.entity === 'import');
    expect(summaries.map((r) => r.entityId).sort()).toEqual(['cases', 'officers', 'units']);
    expect(summaries.every((r) => r.actor === CLI_ACTOR.username)).toBe(true);
    const cases = await t.db.selectFrom('cases').select('id').execute();
    const caseRecords = all.records.filter((r) => r.entity === 'case');
    expect(caseRecords.map((r) => r.entityId).sort()).toEqual(cases.map((c) => c.id).sort());
    expect(caseRecords.every((r) => r.action === 'create' && r.before === null)).toBe(true);
    const summary = summaries.find((r) => r.entityId === 'cases')!;
    expect(JSON.parse(summary.after!)).toMatchObject({
      counts: { created: cases.length, updated: 0, unchanged: 0 },
      files: [{ name: 'cases.csv' }, { name: 'events.csv' }],
    });
    expect(JSON.parse(summary.after!).files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(all.records.filter((r) => r.entity === 'unit').map((r) => r.unit)).toEqual(
      expect.arrayContaining(['HN', 'HN-BDI']),
    );
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: all.total });

    // The same extract again changes nothing and writes nothing, audit included.
    await importWorkedExample(t.db);
    expect((await listAudit(t.db, {}, { offset: 0, limit: 1 })).total).toBe(all.total);
  });

  it('an update records the values before and after; a failed import records nothing', async () => {
    const actor = { username: 'admin', role: 'admin' };
    expectOk(await importUnits(t.db, fixture('worked-example', 'units.csv')));
    const before = (await listAudit(t.db, {}, { offset: 0, limit: 1 })).total;
    expectOk(
      await importUnits(
        t.db,
        csv('units.csv', 'code,name,kind,parent', 'HN-BDI,Chi cục mới,quan,HN'),
        { actor, now: AT },
      ),
    );
    const { records } = await listAudit(
      t.db,
      { entity: 'unit', entityId: 'HN-BDI' },
      { offset: 0, limit: 10 },
    );
    expect(records[0]).toMatchObject({
      actor: 'admin',
      actorRole: 'admin',
      action: 'update',
      at: AT.toISOString(),
    });
    expect(JSON.parse(records[0]!.before!)).toMatchObject({ name: 'Chi cục THADS quận Ba Đình' });
    expect(JSON.parse(records[0]!.after!)).toMatchObject({ name: 'Chi cục mới' });
    expect((await listAudit(t.db, {}, { offset: 0, limit: 1 })).total).toBe(before + 2);

    const bad = await importAggregate(
      t.db,
      csv('aggregate.csv', 'unit,year,month,measure,completed', 'HN,2017,12,cases,x'),
    );
    expect(bad.issues).toHaveLength(1);
    expect((await listAudit(t.db, {}, { offset: 0, limit: 1 })).total).toBe(before + 2);
  });

  it('lists newest first, filtered by actor, units, entity and dates, a page at a time', async () => {
    await t.db.transaction().execute((trx) =>
      recordAuditBatch(trx, [
        entry(1),
        entry(2),
        entry(3, { actor: { username: 'admin', role: 'admin' }, entity: 'user' }),
        entry(90_000), // the next day
      ]),
    );
    const page = await listAudit(t.db, {}, { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.records.map((r) => r.seq)).toEqual(['3', '2']);
    expect(
      (await listAudit(t.db, { actor: 'admin' }, { offset: 0, limit: 9 })).records,
    ).toHaveLength(1);
    expect((await listAudit(t.db, { units: ['HN'] }, { offset: 0, limit: 9 })).total).toBe(2);
    expect((await listAudit(t.db, { units: [] }, { offset: 0, limit: 9 })).total).toBe(0);
    expect((await listAudit(t.db, { entity: 'user' }, { offset: 0, limit: 9 })).total).toBe(1);
    expect(
      (await listAudit(t.db, { from: '2025-11-26', to: '2025-11-26' }, { offset: 0, limit: 9 }))
        .total,
    ).toBe(3);
    expect((await listAudit(t.db, { from: '2025-11-27' }, { offset: 0, limit: 9 })).total).toBe(1);
  });
});
