// The monthly movements table (issue 13) on both dialects: after random sequences of registry
// writes (intake, events recorded, corrected and removed, backdated ones included, reassignment,
// changed facts, imports that replace a case's history, publication settings and records), the
// report summed from the table equals the report of the pure domain computation over the stored
// registry (`engine: 'replay'`), to the đồng, for every unit, scope, officer, mode, year and month
// asked; and the table itself equals what `caseContribution` gives month by month.
import {
  DomainError,
  EVENT_KINDS,
  isAllowedIn,
  reportToJson,
  type EventKind,
  type OpenState,
} from '@thads/domain';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  CLI_ACTOR,
  checkMovements,
  confirmPublication,
  correctEvent,
  createCase,
  importCases,
  importOfficers,
  importUnits,
  movementsHorizon,
  rebuildMovements,
  recordEvent,
  reassignCases,
  removeEvent,
  resolveReport,
  setAutoPublication,
  storedEventsOf,
  updateCase,
  type Database,
  type ReportRequest,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { csv, expectOk } from './helpers.js';

const dialects = await testDialects();

/** Every event is dated on or before it; its working year (2027) is the clock's in these tests' era. */
const TODAY = '2026-11-20';
const CTX = { actor: CLI_ACTOR, at: new Date('2026-11-20T03:00:00Z'), today: TODAY };
const UNITS = ['U1', 'U2'] as const;
const OFFICERS: Record<string, string[]> = { U1: ['O1', 'O2'], U2: ['O3'] };
const IDS = ['a', 'b', 'c', 'd', 'e', 'f'];
/** Dates from 2023-09-01 on, one every 5 days, up to TODAY. */
const FIRST_DAY = Date.UTC(2023, 8, 1);
const DAYS = Math.floor((Date.UTC(2026, 10, 20) - FIRST_DAY) / 86_400_000);
function dateOf(day: number): string {
  return new Date(FIRST_DAY + Math.min(day, DAYS) * 86_400_000).toISOString().slice(0, 10);
}
const day = fc.integer({ min: 0, max: DAYS });
/** Money beyond 2^53 as well as small amounts. */
const amount = fc.oneof(fc.bigInt(0n, 5_000n), fc.bigInt(2n ** 53n, 2n ** 60n));
const mode = fc.constantFrom(null, 'chu_dong' as const, 'theo_yeu_cau' as const);
/** Every kind, the ones that keep a case open more often. */
const kind = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<EventKind>('pay', 'assign', 'resume') },
  { weight: 3, arbitrary: fc.constant<EventKind>('unable') },
  {
    weight: 3,
    arbitrary: fc.constantFrom<EventKind>('reduce', 'postpone', 'suspend', 'able', 'verify'),
  },
  { weight: 1, arbitrary: fc.constantFrom(...EVENT_KINDS) },
);

const eventSpec = fc.record({
  kind,
  /** Days after the intake (clamped to today): any order, so many are backdated. */
  after: fc.integer({ min: 0, max: 500 }),
  /** Part of what remains, in percent, for pay and reduce. */
  share: fc.integer({ min: 1, max: 100 }),
  officer: fc.nat(2),
  ground: fc.constantFrom('a' as const, 'b' as const, 'c' as const),
  /** Most events are of a kind allowed in the case's state now (dated today or before). */
  fit: fc.nat(3),
});
type EventSpec = typeof eventSpec extends fc.Arbitrary<infer T> ? T : never;

const create = fc.record({
  op: fc.constant('create' as const),
  id: fc.constantFrom(...IDS),
  unit: fc.constantFrom(...UNITS),
  day,
  amount,
  mode,
  officer: fc.nat(2),
});

const command = fc.oneof(
  { weight: 3, arbitrary: create },
  {
    weight: 9,
    arbitrary: fc.record({ op: fc.constant('record' as const), pick: fc.nat(), event: eventSpec }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('correct' as const),
      pick: fc.nat(),
      index: fc.nat(6),
      event: eventSpec,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat(), index: fc.nat(6) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('reassign' as const),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      officer: fc.nat(1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('update' as const),
      pick: fc.nat(),
      amount,
      mode,
      officer: fc.nat(2),
      day: fc.option(day),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('import' as const),
      id: fc.constantFrom(...IDS),
      unit: fc.constantFrom(...UNITS),
      day,
      amount,
      mode,
      events: fc.array(eventSpec, { maxLength: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('auto' as const), from: fc.option(day) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('publish' as const),
      pick: fc.nat(),
      after: fc.nat(200),
    }),
  },
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

async function caseRow(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'unit', 'amount', 'settled', 'received_on', 'mode', 'officer', 'state'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The id of an existing case, chosen by `pick`; null without cases. */
async function pickCase(db: Kysely<Database>, pick: number): Promise<string | null> {
  const rows = await db.selectFrom('cases').select('id').orderBy('id').execute();
  return rows.length === 0 ? null : rows[pick % rows.length]!.id;
}

function officerOf(unit: string, pick: number): string | null {
  return OFFICERS[unit]![pick] ?? null;
}

function dayOf(date: string): number {
  return Math.round((Date.parse(date) - FIRST_DAY) / 86_400_000);
}

const OPEN: readonly string[] = ['able', 'postponed', 'suspended', 'unable'];

function eventOf(
  spec: EventSpec,
  unit: string,
  receivedOn: string,
  remaining: bigint,
  state: string | null = null,
) {
  let k: EventKind = spec.kind;
  if (
    spec.fit > 0 &&
    state !== null &&
    OPEN.includes(state) &&
    !isAllowedIn(k, state as OpenState)
  ) {
    const allowed = EVENT_KINDS.filter(
      (x) => x !== 'complete' && isAllowedIn(x, state as OpenState),
    );
    k = allowed[(spec.share + spec.after) % allowed.length]!;
  }
  const money = k === 'pay' || k === 'reduce';
  const amount = money ? (remaining * BigInt(spec.share)) / 100n || 1n : null;
  const d = dayOf(receivedOn) + spec.after;
  return {
    date: dateOf(d),
    kind: k,
    amount,
    officer: k === 'assign' ? (officerOf(unit, spec.officer) ?? OFFICERS[unit]![0]!) : null,
    ground: k === 'unable' ? spec.ground : null,
    decisionNo: k === 'unable' ? `QĐ-${d}` : null,
  };
}

/** What the writes did, per kind of command: so that a run that refuses everything is noticed. */
const tally: Record<'written' | 'refused', Record<string, number>> = { written: {}, refused: {} };

/** Runs one write; a refusal (a broken rule of §5, a missing case) is part of the game. */
async function run(db: Kysely<Database>, c: Command): Promise<void> {
  try {
    await perform(db, c);
    tally.written[c.op] = (tally.written[c.op] ?? 0) + 1;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    tally.refused[c.op] = (tally.refused[c.op] ?? 0) + 1;
  }
}

/** Throws DomainError when refused (an import with issues included), or when there is nothing to write. */
async function perform(db: Kysely<Database>, c: Command): Promise<void> {
  const nothing = () => new DomainError('NOT_FOUND', 'nothing to write');
  const caseId = 'pick' in c ? ((await pickCase(db, c.pick)) ?? '') : 'id' in c ? c.id : '';
  {
    switch (c.op) {
      case 'create':
        await createCase(
          db,
          {
            id: caseId,
            unit: c.unit,
            receivedOn: dateOf(c.day),
            amount: c.amount,
            mode: c.mode,
            officer: officerOf(c.unit, c.officer),
          },
          CTX,
        );
        return;
      case 'record': {
        const row = await caseRow(db, caseId);
        if (!row) throw nothing();
        const event = eventOf(
          c.event,
          row.unit,
          row.received_on,
          row.amount - row.settled,
          row.state,
        );
        await recordEvent(db, { caseId: caseId, event }, CTX);
        return;
      }
      case 'correct': {
        const row = await caseRow(db, caseId);
        if (!row) throw nothing();
        const events = await storedEventsOf(db, caseId);
        const old = events[c.index % Math.max(events.length, 1)];
        if (!old) throw nothing();
        const event = eventOf(
          c.event,
          row.unit,
          row.received_on,
          row.amount - row.settled + (old.amount ?? 0n),
        );
        await correctEvent(db, { caseId: caseId, eventId: old.id, event, reason: 'nhập sai' }, CTX);
        return;
      }
      case 'remove': {
        const events = await storedEventsOf(db, caseId);
        const old = events[c.index % Math.max(events.length, 1)];
        if (!old) throw nothing();
        await removeEvent(db, { caseId: caseId, eventId: old.id, reason: 'nhập sai' }, CTX);
        return;
      }
      case 'reassign': {
        // Cases of one unit (the first one picked), to an officer of that unit.
        const picked: NonNullable<Awaited<ReturnType<typeof caseRow>>>[] = [];
        for (const pick of c.picks) {
          const row = await caseRow(db, (await pickCase(db, pick)) ?? '');
          if (row) picked.push(row);
        }
        if (picked.length === 0) throw nothing();
        const unit = picked[0]!.unit;
        const officers = OFFICERS[unit]!;
        await reassignCases(
          db,
          {
            caseIds: picked.filter((r) => r.unit === unit).map((r) => r.id),
            officer: officers[c.officer % officers.length]!,
          },
          CTX,
        );
        return;
      }
      case 'update': {
        const row = await caseRow(db, caseId);
        if (!row) throw nothing();
        await updateCase(
          db,
          {
            id: caseId,
            receivedOn: c.day === null ? row.received_on : dateOf(c.day),
            amount: c.amount,
            mode: c.mode,
            officer: officerOf(row.unit, c.officer),
            reason: 'sửa thông tin',
          },
          CTX,
        );
        return;
      }
      case 'import': {
        const row = await caseRow(db, caseId);
        const unit = row?.unit ?? c.unit;
        let remaining = c.amount;
        const lines = c.events.map((spec) => {
          const e = eventOf(spec, unit, dateOf(c.day), remaining);
          if (e.amount !== null && e.amount <= remaining) remaining -= e.amount;
          return [
            caseId,
            e.date,
            e.kind,
            e.amount ?? '',
            e.officer ?? '',
            e.ground ?? '',
            e.decisionNo ?? '',
          ].join(',');
        });
        const result = await importCases(
          db,
          {
            cases: csv(
              'cases.csv',
              'case_id,unit,received_on,amount,mode',
              `${caseId},${unit},${dateOf(c.day)},${c.amount},${c.mode ?? ''}`,
            ),
            events: csv(
              'events.csv',
              'case_id,date,kind,amount,officer,ground,decision_no',
              ...lines,
            ),
          },
          { today: TODAY },
        );
        if (result.issues.length > 0) throw nothing();
        return;
      }
      case 'auto':
        await setAutoPublication(db, {
          autoPublishFrom: c.from === null ? null : dateOf(c.from),
          ...CTX,
        });
        return;
      case 'publish': {
        // Any unable decision of the registry.
        const decisions = await db
          .selectFrom('case_events')
          .select(['case_id', 'date', 'decision_no'])
          .where('kind', '=', 'unable')
          .orderBy('id')
          .execute();
        const unable = decisions[c.pick % Math.max(decisions.length, 1)];
        if (!unable) throw nothing();
        await confirmPublication(db, {
          caseId: unable.case_id,
          decisionNo: unable.decision_no!,
          decisionDate: unable.date,
          publishedOn: dateOf(dayOf(unable.date) + c.after),
          ...CTX,
        });
        return;
      }
    }
  }
}

/** The reports compared: units and scopes, officers, unassigned, modes, at the periods given. */
function requests(periods: readonly { year: number; month: number }[]): ReportRequest[] {
  const shapes: Omit<ReportRequest, 'year' | 'month'>[] = [
    { unit: 'HN' },
    { unit: 'HN', scope: 'own' },
    { unit: 'U1' },
    { unit: 'U2' },
    { unit: 'U1', officer: 'O1' },
    { unit: 'U1', officer: 'O2', mode: 'chu_dong' },
    { unit: 'U2', officer: 'O3' },
    { unit: 'U1', unassigned: true },
    { unit: 'U2', unassigned: true, mode: 'none' },
    { unit: 'HN', mode: 'theo_yeu_cau' },
    { unit: 'U1', mode: 'none' },
  ];
  return periods.flatMap((p) => shapes.map((s) => ({ ...s, ...p })));
}

async function expectSameReports(
  db: Kysely<Database>,
  periods: readonly { year: number; month: number }[],
): Promise<void> {
  for (const request of requests(periods)) {
    const fast = reportToJson(await resolveReport(db, request));
    const full = reportToJson(await resolveReport(db, { ...request, engine: 'replay' }));
    expect(fast, JSON.stringify(request)).toEqual(full);
  }
}

async function emptyRegistry(db: Kysely<Database>): Promise<void> {
  for (const table of [
    'public_list_publications',
    'public_list_settings',
    'case_events',
    'cases',
    'report_movements',
    'report_movement_horizon',
  ] as const)
    await db.deleteFrom(table).execute();
}

const period = fc.record({
  year: fc.integer({ min: 2024, max: 2027 }),
  month: fc.integer({ min: 1, max: 12 }),
});

describe.each(dialects)('monthly movements on $label', (dialect) => {
  const t = useTestDatabase(dialect);

  async function setUp(): Promise<void> {
    expectOk(
      await importUnits(
        t.db,
        csv(
          'units.csv',
          'code,name,kind,parent',
          'HN,Cục,cuc,',
          'U1,Chi cục 1,quan,HN',
          'U2,Chi cục 2,quan,HN',
        ),
      ),
    );
    expectOk(
      await importOfficers(
        t.db,
        csv('officers.csv', 'code,name,unit', 'O1,Một,U1', 'O2,Hai,U1', 'O3,Ba,U2'),
      ),
    );
  }

  it('after random sequences of writes, the table gives what the domain gives', async () => {
    await setUp();
    await fc.assert(
      fc.asyncProperty(
        fc.array(create, { minLength: 2, maxLength: 4 }),
        fc.array(command, { minLength: 1, maxLength: 18 }),
        fc.array(period, { minLength: 1, maxLength: 2 }),
        async (intake, commands, periods) => {
          await emptyRegistry(t.db);
          // Held from the start, so every write below maintains it (no lazy build hides a bug).
          await rebuildMovements(t.db);
          expect(await movementsHorizon(t.db)).toBeGreaterThanOrEqual(2027);
          for (const c of [...intake, ...commands]) await run(t.db, c);
          expect((await checkMovements(t.db)).differences).toEqual([]);
          await expectSameReports(t.db, periods);
        },
      ),
      { numRuns: dialect.dialect === 'sqlite' ? 20 : 10 },
    );
    // Every kind of write took effect at least once.
    for (const op of [
      'create',
      'record',
      'correct',
      'remove',
      'reassign',
      'update',
      'import',
      'auto',
      'publish',
    ])
      expect(tally.written[op] ?? 0, `${op}: ${JSON.stringify(tally)}`).toBeGreaterThan(0);
  }, 120_000);
});
