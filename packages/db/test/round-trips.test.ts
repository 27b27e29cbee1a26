// The reads merged to save round trips to PostgreSQL (issue 13) give what the separate reads give,
// on both dialects.
import { describe, expect, it } from 'vitest';
import {
  CLI_ACTOR,
  checkMovements,
  createCase,
  getPublicListSettings,
  importOfficers,
  importUnits,
  recordEvent,
  storedEventsOf,
  movementsBuilt,
  rebuildMovements,
  setAutoPublication,
  unitSubtree,
  unitSubtreeContext,
  verifyAuditChain,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { csv, expectOk } from './helpers.js';

const dialects = await testDialects();
const CTX = { actor: CLI_ACTOR, at: new Date('2026-11-20T03:00:00Z'), today: '2026-11-20' };

describe.each(dialects)('merged reads on $label', (dialect) => {
  const t = useTestDatabase(dialect);

  async function setUp(): Promise<void> {
    expectOk(
      await importUnits(
        t.db,
        csv(
          'units.csv',
          'code,name,kind,parent',
          'TC,Tổng cục,tong_cuc,',
          'HN,Cục Hà Nội,cuc,TC',
          'HN-B,Chi cục B,quan,HN',
          'HN-A,Chi cục A,quan,HN',
          'HP,Cục Hải Phòng,cuc,TC',
        ),
      ),
    );
  }

  it('unitSubtreeContext: the subtree, the number of units, the publication start, the movements', async () => {
    await setUp();
    expect(await unitSubtreeContext(t.db, 'NONE')).toBeNull();
    for (const code of ['TC', 'HN', 'HN-A', 'HP']) {
      const context = await unitSubtreeContext(t.db, code);
      expect(context).toEqual({
        subtree: await unitSubtree(t.db, code),
        unitCount: 5,
        autoPublishFrom: (await getPublicListSettings(t.db)).autoPublishFrom,
        movementsBuilt: await movementsBuilt(t.db),
      });
    }
    expect((await unitSubtreeContext(t.db, 'HN'))?.subtree).toEqual(['HN', 'HN-A', 'HN-B']);
    await setAutoPublication(t.db, {
      autoPublishFrom: '2016-01-01',
      actor: CLI_ACTOR,
      at: new Date(),
    });
    await rebuildMovements(t.db);
    expect(await unitSubtreeContext(t.db, 'HN-B')).toEqual({
      subtree: ['HN-B'],
      unitCount: 5,
      autoPublishFrom: '2016-01-01',
      movementsBuilt: true,
    });
  });
});

describe.each(dialects)('recordEvent reads in one statement on $label', (dialect) => {
  const t = useTestDatabase(dialect);

  it('keeps amounts beyond 2^53 exact and the movements up to date', async () => {
    expectOk(
      await importUnits(
        t.db,
        csv('units.csv', 'code,name,kind,parent', 'HN,Cục,cuc,', 'U1,Chi cục 1,quan,HN'),
      ),
    );
    expectOk(await importOfficers(t.db, csv('officers.csv', 'code,name,unit', 'O1,Một,U1')));
    const big = 9_007_199_254_740_993n; // 2^53 + 1
    await createCase(
      t.db,
      { id: 'a', unit: 'U1', receivedOn: '2024-01-05', amount: big * 4n, officer: 'O1' },
      CTX,
    );
    await rebuildMovements(t.db);
    await recordEvent(t.db, { caseId: 'a', event: { date: '2024-02-01', kind: 'verify' } }, CTX);
    await recordEvent(
      t.db,
      { caseId: 'a', event: { date: '2024-03-01', kind: 'pay', amount: big } },
      CTX,
    );
    await recordEvent(
      t.db,
      { caseId: 'a', event: { date: '2024-04-01', kind: 'pay', amount: big + 2n } },
      CTX,
    );
    expect((await storedEventsOf(t.db, 'a')).map((e) => e.amount ?? null)).toEqual([
      null,
      big,
      big + 2n,
    ]);
    const check = await checkMovements(t.db);
    expect(check.differences).toEqual([]);
    expect(check.built).toBe(true);
  });

  // The writes of a case and the audit chain's lock are one statement on PostgreSQL: concurrent
  // writes of cases of one unit (the same movement rows) each take the movement rows before the
  // chain's lock, so none waits for a row while holding the lock (no deadlock), and the chain and
  // the movements stay whole. PGlite is one session: concurrent transactions would interleave.
  it.skipIf(dialect.label.includes('PGlite'))(
    'concurrent writes of one unit keep one audit chain and the movements',
    async () => {
      expectOk(
        await importUnits(
          t.db,
          csv('units.csv', 'code,name,kind,parent', 'HN,Cục,cuc,', 'U1,Chi cục 1,quan,HN'),
        ),
      );
      expectOk(await importOfficers(t.db, csv('officers.csv', 'code,name,unit', 'O1,Một,U1')));
      const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
      for (const id of ids)
        await createCase(
          t.db,
          { id, unit: 'U1', receivedOn: '2024-01-05', amount: 5_000_000n, officer: 'O1' },
          CTX,
        );
      await rebuildMovements(t.db);
      const before = (await verifyAuditChain(t.db)) as { ok: true; count: number };
      await Promise.all(
        ids.flatMap((id) => [
          recordEvent(
            t.db,
            { caseId: id, event: { date: '2024-02-01', kind: 'pay', amount: 1_000_000n } },
            CTX,
          ),
          recordEvent(t.db, { caseId: id, event: { date: '2024-03-01', kind: 'verify' } }, CTX),
        ]),
      );
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: before.count + 12 });
      const settled = await t.db
        .selectFrom('cases')
        .select(['id', 'settled'])
        .where('id', 'in', ids)
        .orderBy('id')
        .execute();
      expect(settled.map((r) => [r.id, BigInt(r.settled)])).toEqual(
        ids.map((id) => [id, 1_000_000n]),
      );
      expect((await checkMovements(t.db)).differences).toEqual([]);
    },
  );
});
