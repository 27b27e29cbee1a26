// MovementBatch (movements.ts) sums case counts as doubles and money as bigint in flat arrays over
// interned keys: sums of giant cases beyond 2^53, worked out by hand, stay exact to the đồng.
import { replayCaseOrThrow, type ReplayedCase } from '@thads/domain';
import { describe, expect, it } from 'vitest';
import { MovementBatch, type MovementDelta } from '../src/index.js';

/** An open case received in month 1 of working year 2018, with no event. */
function intake(id: string, amount: bigint): ReplayedCase {
  return replayCaseOrThrow({
    id,
    unit: 'U1',
    receivedOn: '2017-10-05',
    amount,
    officer: 'O1',
    mode: 'chu_dong',
    events: [],
  });
}

// 2^53 = 9,007,199,254,740,992: each case is below it, their sum above it (a double would round it).
const GIANT = [
  intake('a', 3_000_000_000_000_001n),
  intake('b', 3_000_000_000_000_002n),
  intake('c', 5_000_000_000_000_004n),
];
const SUM = 11_000_000_000_000_007n;
const NEWLY_RECEIVED = 1; // index of M in MONEY_LINE_CODES, the money values after the 16 counts

function row(rows: MovementDelta[], unit: string, officer: string, kind: number, year: number) {
  const found = rows.filter(
    (r) => r.unit === unit && r.officer === officer && r.kind === kind && r.year === year,
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('MovementBatch', () => {
  it('keeps money sums beyond 2^53 exact, in the unit, officer and above rows', () => {
    const batch = new MovementBatch(new Map([['U1', ['P1', 'TC']]]));
    for (const c of GIANT) batch.addCase(c);
    const rows = batch.takeRows();
    for (const [unit, officer] of [
      ['U1', 'O1'],
      ['U1', '*'],
      ['P1', '**'],
      ['TC', '**'],
    ] as const) {
      const inYear = row(rows, unit, officer, 0, 2018);
      expect(inYear.month).toBe(1);
      expect(inYear.values[NEWLY_RECEIVED]).toBe(3n);
      expect(inYear.values[16 + NEWLY_RECEIVED]).toBe(SUM);
      // Still open after 2018: brought forward to every later year (kind 1 from 2019 on).
      const steady = row(rows, unit, officer, 1, 2019);
      expect(steady.values[0]).toBe(3n); // C, cases brought forward
      expect(steady.values[16]).toBe(SUM); // C, money brought forward
    }
    expect(batch.size).toBe(0);
  });

  it('gives no row when the same giant cases are removed and added again', () => {
    const batch = new MovementBatch(new Map([['U1', ['P1']]]));
    for (const c of GIANT) batch.addChange(c, null);
    for (const c of GIANT) batch.addCase(c);
    expect(batch.takeRows()).toEqual([]);
  });

  it('orders rows by unit, officer, mode, kind, year and month', () => {
    const batch = new MovementBatch();
    batch.addCase(intake('z', 1000n));
    batch.addCase({ ...intake('y', 2000n), case: { ...intake('y', 2000n).case, unit: 'A0' } });
    const keys = batch
      .takeRows()
      .map((r) => [r.unit, r.officer, r.mode, r.kind, r.year, r.month].join('|'));
    expect(keys).toEqual([
      'A0|*|*|0|2018|1',
      'A0|*|*|1|2019|0',
      'A0|O1|chu_dong|0|2018|1',
      'A0|O1|chu_dong|1|2019|0',
      'U1|*|*|0|2018|1',
      'U1|*|*|1|2019|0',
      'U1|O1|chu_dong|0|2018|1',
      'U1|O1|chu_dong|1|2019|0',
    ]);
  });
});
