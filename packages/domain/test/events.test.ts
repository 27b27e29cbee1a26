// Case events (statistics.md §5): every kind of invalid event, with its violation code and a
// message naming the case and the event; the state table of §5 written out here independently;
// valid sequences; the last verification (§11).
import { describe, expect, it } from 'vitest';
import {
  DomainError,
  replayCase,
  replayCaseOrThrow,
  type CaseEvent,
  type EventKind,
  type EventViolation,
  type RegistryCase,
} from '../src/index.js';

const ID = 'QĐ-77/2017'; // a distinctive case id, to find in messages
function kase(events: CaseEvent[], extra: Partial<RegistryCase> = {}): RegistryCase {
  return {
    id: ID,
    unit: 'HN-BDI',
    receivedOn: '2017-01-10',
    amount: 1000n,
    officer: null,
    mode: null,
    events,
    ...extra,
  };
}
const on = (date: string, kind: EventKind, more: Partial<CaseEvent> = {}): CaseEvent => ({
  date,
  kind,
  ...more,
});
const pay = (date: string, amount: bigint | null | undefined): CaseEvent => ({
  date,
  kind: 'pay',
  amount,
});
const reduce = (date: string, amount: bigint): CaseEvent => ({ date, kind: 'reduce', amount });
const unable = (date: string): CaseEvent => ({
  date,
  kind: 'unable',
  ground: 'a',
  decisionNo: '12/QĐ-CCTHADS',
});

const OFFICERS: Record<string, string> = { 'BDI-1': 'HN-BDI', 'BDI-2': 'HN-BDI', 'HK-1': 'HN-HK' };
const officerUnit = (code: string) => OFFICERS[code];

function violationOf(
  c: RegistryCase,
  options: Parameters<typeof replayCase>[1] = {},
): EventViolation {
  const result = replayCase(c, options);
  expect(result.ok, 'expected an invalid event').toBe(false);
  if (result.ok) throw new Error('unreachable');
  return result.violation;
}

/** The violation has the code, points at the event, and its message names the case and the event's date. */
function expectViolation(
  c: RegistryCase,
  code: string,
  eventIndex: number,
  options: Parameters<typeof replayCase>[1] = {},
) {
  const v = violationOf(c, options);
  expect(v.code).toBe(code);
  expect(v.caseId).toBe(ID);
  expect(v.eventIndex).toBe(eventIndex);
  expect(v.message).toContain(ID);
  if (eventIndex >= 0) {
    expect(v.event).toBe(c.events[eventIndex]);
    expect(v.message).toContain(c.events[eventIndex]!.date);
    expect(v.message).toContain(c.events[eventIndex]!.kind);
  }
  return v;
}

function expectValid(c: RegistryCase, options: Parameters<typeof replayCase>[1] = {}) {
  const result = replayCase(c, options);
  if (!result.ok) throw new Error(`unexpected violation: ${result.violation.message}`);
  return result.replayed;
}

describe('invalid events', () => {
  it('an event dated before receivedOn', () => {
    expectViolation(kase([on('2017-01-09', 'verify')]), 'BEFORE_INTAKE', 0);
    // on receivedOn is fine
    expectValid(kase([on('2017-01-10', 'verify')]));
  });

  it('any event after the case was closed or exited', () => {
    const closings: CaseEvent[] = [
      on('2017-02-01', 'terminate'),
      on('2017-02-01', 'transfer'),
      on('2017-02-01', 'withdraw'),
    ];
    for (const closing of closings) {
      expectViolation(kase([closing, on('2017-03-01', 'verify')]), 'AFTER_CLOSE', 1);
      // even on the same day
      expectViolation(kase([closing, pay('2017-02-01', 1n)]), 'AFTER_CLOSE', 1);
    }
    expectViolation(
      kase([
        pay('2017-02-01', 1000n),
        on('2017-02-01', 'complete'),
        on('2017-05-01', 'assign', { officer: 'BDI-1' }),
      ]),
      'AFTER_CLOSE',
      2,
    );
  });

  it('postpone when postponed, when suspended, when unable', () => {
    expectViolation(
      kase([on('2017-02-01', 'postpone'), on('2017-03-01', 'postpone')]),
      'NOT_ALLOWED_IN_STATE',
      1,
    );
    expectViolation(
      kase([on('2017-02-01', 'suspend'), on('2017-03-01', 'postpone')]),
      'NOT_ALLOWED_IN_STATE',
      1,
    );
    expectViolation(
      kase([unable('2017-02-01'), on('2017-03-01', 'postpone')]),
      'NOT_ALLOWED_IN_STATE',
      1,
    );
  });
  it('resume when able', () => {
    expectViolation(kase([on('2017-02-01', 'resume')]), 'NOT_ALLOWED_IN_STATE', 0);
    expectViolation(
      kase([unable('2017-02-01'), on('2017-03-01', 'resume'), on('2017-04-01', 'resume')]),
      'NOT_ALLOWED_IN_STATE',
      2,
    );
  });
  it('able (verification: có điều kiện) when unable, postponed or suspended', () => {
    expectViolation(
      kase([unable('2017-02-01'), on('2017-03-01', 'able')]),
      'NOT_ALLOWED_IN_STATE',
      1,
    );
    expectViolation(
      kase([on('2017-02-01', 'postpone'), on('2017-03-01', 'able')]),
      'NOT_ALLOWED_IN_STATE',
      1,
    );
    expectViolation(
      kase([on('2017-02-01', 'suspend'), on('2017-03-01', 'able')]),
      'NOT_ALLOWED_IN_STATE',
      1,
    );
  });
  it('suspend when suspended or unable', () => {
    expectViolation(
      kase([on('2017-02-01', 'suspend'), on('2017-03-01', 'suspend')]),
      'NOT_ALLOWED_IN_STATE',
      1,
    );
    expectViolation(
      kase([unable('2017-02-01'), on('2017-03-01', 'suspend')]),
      'NOT_ALLOWED_IN_STATE',
      1,
    );
  });

  it('a settlement above the remaining amount', () => {
    expectViolation(kase([pay('2017-02-01', 1001n)]), 'OVER_SETTLEMENT', 0);
    expectViolation(
      kase([pay('2017-02-01', 600n), reduce('2017-03-01', 401n)]),
      'OVER_SETTLEMENT',
      1,
    );
    expectViolation(kase([pay('2017-02-01', 1000n), pay('2017-03-01', 1n)]), 'OVER_SETTLEMENT', 1);
    expectViolation(kase([pay('2017-02-01', 1n)], { amount: 0n }), 'OVER_SETTLEMENT', 0);
  });
  it('complete while something remains to settle', () => {
    expectViolation(kase([on('2017-02-01', 'complete')]), 'REMAINING_NOT_ZERO', 0);
    expectViolation(
      kase([pay('2017-02-01', 999n), on('2017-03-01', 'complete')]),
      'REMAINING_NOT_ZERO',
      1,
    );
  });
  it('pay or reduce with amount 0, negative, or missing', () => {
    expectViolation(kase([pay('2017-02-01', 0n)]), 'AMOUNT_REQUIRED', 0);
    expectViolation(kase([pay('2017-02-01', -5n)]), 'AMOUNT_REQUIRED', 0);
    expectViolation(kase([pay('2017-02-01', null)]), 'AMOUNT_REQUIRED', 0);
    expectViolation(kase([pay('2017-02-01', undefined)]), 'AMOUNT_REQUIRED', 0);
    expectViolation(kase([reduce('2017-02-01', 0n)]), 'AMOUNT_REQUIRED', 0);
  });
  it('an amount on a kind that has none', () => {
    expectViolation(kase([on('2017-02-01', 'postpone', { amount: 5n })]), 'AMOUNT_NOT_ALLOWED', 0);
  });
  it('unable without a ground, with a ground other than a/b/c, or without a decision number', () => {
    expectViolation(
      kase([on('2017-02-01', 'unable', { decisionNo: '1/QĐ' })]),
      'GROUND_REQUIRED',
      0,
    );
    expectViolation(
      kase([on('2017-02-01', 'unable', { decisionNo: '1/QĐ', ground: 'd' as never })]),
      'GROUND_REQUIRED',
      0,
    );
    expectViolation(kase([on('2017-02-01', 'unable', { ground: 'c' })]), 'DECISION_REQUIRED', 0);
    expectViolation(
      kase([on('2017-02-01', 'unable', { ground: 'c', decisionNo: '' })]),
      'DECISION_REQUIRED',
      0,
    );
  });
  it('a ground on another kind', () => {
    expectViolation(kase([on('2017-02-01', 'resume', { ground: 'a' })]), 'GROUND_NOT_ALLOWED', 0);
  });
  it('assign without an officer, an officer on another kind', () => {
    expectViolation(kase([on('2017-02-01', 'assign')]), 'OFFICER_REQUIRED', 0);
    expectViolation(
      kase([on('2017-02-01', 'verify', { officer: 'BDI-1' })]),
      'OFFICER_NOT_ALLOWED',
      0,
    );
  });
  it('assign to an officer of another unit, or unknown', () => {
    expectViolation(
      kase([on('2017-02-01', 'assign', { officer: 'HK-1' })]),
      'OFFICER_NOT_IN_UNIT',
      0,
      { officerUnit },
    );
    expectViolation(
      kase([on('2017-02-01', 'assign', { officer: 'NOBODY' })]),
      'OFFICER_NOT_IN_UNIT',
      0,
      { officerUnit },
    );
    expectValid(kase([on('2017-02-01', 'assign', { officer: 'BDI-2' })]), { officerUnit });
  });
  it('an intake officer of another unit', () => {
    const v = expectViolation(kase([], { officer: 'HK-1' }), 'OFFICER_NOT_IN_UNIT', -1, {
      officerUnit,
    });
    expect(v.message).toContain('HK-1');
  });
  it('a date after today, when today is given', () => {
    expectViolation(kase([on('2017-02-02', 'verify')]), 'FUTURE_DATE', 0, { today: '2017-02-01' });
    expectValid(kase([on('2017-02-01', 'verify')]), { today: '2017-02-01' });
    expectValid(kase([on('2030-02-01', 'verify')])); // no today: not checked
  });
  it('a date that is not a calendar date, or dates out of order', () => {
    expectViolation(kase([on('2017-02-30', 'verify')]), 'INVALID_DATE', 0);
    expectViolation(
      kase([on('2017-03-01', 'verify'), on('2017-02-01', 'verify')]),
      'INVALID_DATE',
      1,
    );
  });
  it('the first violation is the one reported, in applied order', () => {
    expectViolation(
      kase([on('2017-02-01', 'resume'), pay('2017-03-01', 0n)]),
      'NOT_ALLOWED_IN_STATE',
      0,
    );
  });
  it('replayCaseOrThrow throws DomainError INVALID_EVENT with the code and the case', () => {
    let caught: unknown;
    try {
      replayCaseOrThrow(kase([on('2017-02-01', 'postpone'), on('2017-03-01', 'postpone')]));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const e = caught as DomainError;
    expect(e.code).toBe('INVALID_EVENT');
    expect(e.message).toContain(ID);
    expect(e.details).toMatchObject({
      caseId: ID,
      eventIndex: 1,
      violation: 'NOT_ALLOWED_IN_STATE',
    });
  });
});

describe('the state table of §5, every kind in every open state', () => {
  // Written out from the table of statistics.md §5 ("allowed when the case is").
  const ALLOWED: Record<EventKind, string[]> = {
    able: ['able'],
    verify: ['able', 'postponed', 'suspended', 'unable'],
    unable: ['able', 'postponed', 'suspended', 'unable'],
    resume: ['unable', 'postponed', 'suspended'],
    postpone: ['able'],
    suspend: ['able', 'postponed'],
    pay: ['able', 'postponed', 'suspended', 'unable'],
    reduce: ['able', 'postponed', 'suspended', 'unable'],
    assign: ['able', 'postponed', 'suspended', 'unable'],
    complete: ['able', 'postponed', 'suspended', 'unable'],
    terminate: ['able', 'postponed', 'suspended', 'unable'],
    transfer: ['able', 'postponed', 'suspended', 'unable'],
    withdraw: ['able', 'postponed', 'suspended', 'unable'],
  };
  const REACH: Record<string, CaseEvent[]> = {
    able: [],
    postponed: [on('2017-02-01', 'postpone')],
    suspended: [on('2017-02-01', 'suspend')],
    unable: [unable('2017-02-01')],
  };
  const AFTER: Record<EventKind, string> = {
    able: 'able',
    verify: 'same',
    unable: 'unable',
    resume: 'able',
    postpone: 'postponed',
    suspend: 'suspended',
    pay: 'same',
    reduce: 'same',
    assign: 'same',
    complete: 'completed',
    terminate: 'terminated',
    transfer: 'transferred',
    withdraw: 'withdrawn',
  };
  function eventOf(kind: EventKind): CaseEvent {
    const date = '2017-03-01';
    if (kind === 'pay' || kind === 'reduce') return { date, kind, amount: 10n };
    if (kind === 'unable') return unable(date);
    if (kind === 'assign') return { date, kind, officer: 'BDI-1' };
    return { date, kind };
  }
  for (const [kind, states] of Object.entries(ALLOWED) as [EventKind, string[]][]) {
    for (const state of ['able', 'postponed', 'suspended', 'unable']) {
      const allowed = states.includes(state);
      it(`${kind} when ${state}: ${allowed ? 'allowed' : 'invalid'}`, () => {
        // complete needs nothing left to settle: use a non-money obligation.
        const c = kase(
          [...REACH[state]!, eventOf(kind)],
          kind === 'complete' ? { amount: 0n } : {},
        );
        if (allowed) {
          const r = expectValid(c, { officerUnit });
          expect(r.finalState).toBe(AFTER[kind] === 'same' ? state : AFTER[kind]);
        } else {
          expectViolation(c, 'NOT_ALLOWED_IN_STATE', c.events.length - 1);
        }
      });
    }
  }
});

describe('valid sequences', () => {
  it('resume from unable; unable again from unable; suspend from postponed; resume from suspended', () => {
    const r = expectValid(
      kase([
        unable('2017-02-01'),
        unable('2017-03-01'),
        on('2017-04-01', 'resume'),
        on('2017-05-01', 'postpone'),
        on('2017-05-02', 'suspend'),
        on('2017-06-01', 'resume'),
      ]),
    );
    expect(r.timeline.map((a) => a.state)).toEqual([
      'unable',
      'unable',
      'able',
      'postponed',
      'suspended',
      'able',
    ]);
    expect(r.finalState).toBe('able');
  });
  it('pay and reduce in every open state, up to the amount exactly, then complete', () => {
    const r = expectValid(
      kase([
        pay('2017-02-01', 100n),
        on('2017-02-02', 'postpone'),
        reduce('2017-02-03', 200n),
        on('2017-02-04', 'suspend'),
        pay('2017-02-05', 300n),
        unable('2017-02-06'),
        pay('2017-02-07', 400n),
        on('2017-02-08', 'complete'),
      ]),
    );
    expect(r.timeline.map((a) => a.settled)).toEqual([
      100n,
      100n,
      300n,
      300n,
      600n,
      600n,
      1000n,
      1000n,
    ]);
    expect(r).toMatchObject({ finalState: 'completed', settled: 1000n, remaining: 0n });
  });
  it('the officer follows the assigns, starting from the intake officer', () => {
    const r = expectValid(
      kase([on('2017-02-01', 'assign', { officer: 'BDI-2' }), unable('2017-03-01')], {
        officer: 'BDI-1',
      }),
      {
        officerUnit,
      },
    );
    expect(r.timeline.map((a) => a.officer)).toEqual(['BDI-2', 'BDI-2']);
    expect(r.officer).toBe('BDI-2');
  });
  it('the events of one date apply in the order given', () => {
    // pay then complete on the same date is valid; complete then pay is not.
    expectValid(kase([pay('2017-02-01', 1000n), on('2017-02-01', 'complete')]));
    expectViolation(
      kase([on('2017-02-01', 'complete'), pay('2017-02-01', 1000n)]),
      'REMAINING_NOT_ZERO',
      0,
    );
  });
  it('a case with no events is open and able, nothing settled', () => {
    const r = expectValid(kase([]));
    expect(r).toMatchObject({
      finalState: 'able',
      settled: 0n,
      remaining: 1000n,
      officer: null,
      lastVerification: null,
    });
  });
});

describe('lastVerification (§5, §11): the last able, verify or unable event', () => {
  it('is the date of the last of them, whatever comes after', () => {
    const r = expectValid(
      kase([
        on('2017-02-01', 'able'),
        unable('2017-03-01'),
        on('2017-09-01', 'verify'),
        on('2017-10-01', 'resume'),
        pay('2017-11-01', 5n),
        on('2017-12-01', 'postpone'),
      ]),
    );
    expect(r.lastVerification).toBe('2017-09-01');
  });
  it('an unable decision is a verification', () => {
    expect(
      expectValid(kase([on('2017-02-01', 'verify'), unable('2017-04-30')])).lastVerification,
    ).toBe('2017-04-30');
  });
  it('null when there was none; other kinds do not count', () => {
    const r = expectValid(
      kase([on('2017-02-01', 'postpone'), on('2017-03-01', 'resume'), pay('2017-04-01', 1n)]),
    );
    expect(r.lastVerification).toBeNull();
  });
});
