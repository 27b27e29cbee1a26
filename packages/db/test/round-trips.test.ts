// The reads merged to save round trips to PostgreSQL (issue 13) give what the separate reads give,
// on both dialects.
import { describe, expect, it } from 'vitest';
import {
  CLI_ACTOR,
  getPublicListSettings,
  importUnits,
  movementsBuilt,
  rebuildMovements,
  setAutoPublication,
  unitSubtree,
  unitSubtreeContext,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { csv, expectOk } from './helpers.js';

const dialects = await testDialects();

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
