// The registry of the worked example (statistics.md §12, the same as shared/data/worked-example),
// spelled out here, and the reports the forms are tested with. The expected figures live in the
// tests, copied from §12 by hand; nothing here computes one.
import {
  TT01_2013,
  assembleReport,
  registryLines,
  replayCaseOrThrow,
  reportPeriod,
  unknownLines,
  type CaseEvent,
  type Lines,
  type RegistryCase,
  type Report,
} from '@thads/domain';
import { unitBreakdownRows, type FormInput } from '../src/index.js';

const ev = (date: string, kind: CaseEvent['kind'], extra: Partial<CaseEvent> = {}): CaseEvent => ({
  date,
  kind,
  ...extra,
});

export const WORKED_EXAMPLE_CASES: RegistryCase[] = [
  {
    id: 'c1',
    unit: 'HN-BDI',
    receivedOn: '2016-05-01',
    amount: 1000n,
    officer: 'BDI-1',
    events: [ev('2016-06-01', 'pay', { amount: 300n }), ev('2017-01-10', 'pay', { amount: 200n })],
  },
  {
    id: 'c2',
    unit: 'HN-BDI',
    receivedOn: '2016-11-01',
    amount: 500n,
    events: [
      ev('2017-02-01', 'unable', { ground: 'a', decisionNo: '12/QĐ-CCTHADS' }),
      ev('2017-03-01', 'pay', { amount: 100n }),
    ],
  },
  {
    id: 'c3',
    unit: 'HN-BDI',
    receivedOn: '2016-12-01',
    amount: 800n,
    events: [ev('2017-01-01', 'pay', { amount: 100n }), ev('2017-05-01', 'transfer')],
  },
  {
    id: 'c4',
    unit: 'HN-BDI',
    receivedOn: '2015-01-01',
    amount: 1000n,
    events: [ev('2016-01-01', 'pay', { amount: 1000n }), ev('2016-02-01', 'complete')],
  },
  {
    id: 'c5',
    unit: 'HN-BDI',
    receivedOn: '2017-01-01',
    amount: 600n,
    events: [ev('2017-02-01', 'reduce', { amount: 100n }), ev('2017-03-01', 'terminate')],
  },
  {
    id: 'c6',
    unit: 'HN-BDI',
    receivedOn: '2017-01-05',
    amount: 300n,
    events: [ev('2017-02-01', 'withdraw')],
  },
  { id: 'c7', unit: 'HN-BDI', receivedOn: '2017-10-05', amount: 100n, events: [] },
  {
    id: 'c8',
    unit: 'HN-BDI',
    receivedOn: '2016-08-01',
    amount: 400n,
    officer: 'BDI-2',
    events: [ev('2016-09-01', 'postpone')],
  },
  {
    id: 'c9',
    unit: 'HN-BDI',
    receivedOn: '2017-03-01',
    amount: 200n,
    events: [ev('2017-04-01', 'suspend')],
  },
  {
    id: 'c10',
    unit: 'HN-BDI',
    receivedOn: '2016-02-01',
    amount: 700n,
    events: [ev('2017-06-01', 'pay', { amount: 700n }), ev('2017-06-01', 'complete')],
  },
  {
    id: 'c11',
    unit: 'HN-BDI',
    receivedOn: '2016-03-01',
    amount: 900n,
    events: [ev('2016-12-01', 'transfer')],
  },
  {
    id: 'c12',
    unit: 'HN-BDI',
    receivedOn: '2017-02-01',
    amount: 0n,
    officer: 'BDI-1',
    events: [ev('2017-03-01', 'assign', { officer: 'BDI-2' })],
  },
  {
    id: 'h1',
    unit: 'HN',
    receivedOn: '2016-07-01',
    amount: 5000n,
    events: [ev('2017-05-01', 'pay', { amount: 1000n })],
  },
];

/** Working year 2017, month 12: 2016-10-01 to 2017-09-30. */
export const WORKED_PERIOD = reportPeriod(2017, 12);

function registryReport(unit: string, scope: 'own' | 'total', units: readonly string[]): Report {
  const replayed = WORKED_EXAMPLE_CASES.filter((c) => units.includes(c.unit)).map((c) =>
    replayCaseOrThrow(c),
  );
  return assembleReport({
    unit,
    scope,
    period: WORKED_PERIOD,
    ruleSet: TT01_2013,
    source: 'registry',
    lines: registryLines(replayed, WORKED_PERIOD),
    previousYearEnd: null,
    previousMonth: null,
  });
}

export const BA_DINH = 'Chi cục THADS quận Ba Đình';
export const HN_NAME = 'Cục Thi hành án dân sự thành phố Hà Nội';

/** The Cục's total report with its rows: Ba Đình, Văn phòng Cục, Tổng cộng. */
export function workedExampleInput(overrides: Partial<FormInput> = {}): FormInput {
  const bdi = registryReport('HN-BDI', 'total', ['HN-BDI']);
  const own = registryReport('HN', 'own', ['HN']);
  const total = registryReport('HN', 'total', ['HN', 'HN-BDI']);
  return {
    period: WORKED_PERIOD,
    reportingUnit: { code: 'HN', name: HN_NAME },
    receivingUnit: { code: 'TC', name: 'Tổng cục Thi hành án dân sự' },
    rows: unitBreakdownRows([{ code: 'HN-BDI', name: BA_DINH, report: bdi }], own, total),
    place: 'Hà Nội',
    date: '2017-10-05',
    preparedBy: 'Lê Thị Hoa',
    signer: 'Nguyễn Văn Đức',
    ...overrides,
  };
}

/**
 * An aggregate-style report whose money lines go past 2^53 (a national figure times a thousand):
 * lines chosen by hand to satisfy the identities; `postponed` is unknown.
 */
export const HUGE_MONEY = {
  broughtForward: 12_345_678_901_234_567n,
  newlyReceived: 1_000n,
  totalReceived: 12_345_678_901_235_567n,
  exited: 0n,
  toEnforce: 12_345_678_901_235_567n,
  able: 9_007_199_254_740_993n, // 2^53 + 1
  unable: 3_338_479_646_494_574n,
  completed: 9_007_199_254_740_991n, // 2^53 − 1: still a number cell
  completedFull: 9_007_199_254_740_991n,
  terminated: 0n,
  reduced: 0n,
  inProgress: 2n,
  postponed: null,
  suspended: 0n,
  carriedOver: 3_338_479_646_494_576n,
  ableCarriedOver: 2n,
} satisfies Lines;

export function hugeMoneyReport(): Report {
  const cases: Lines = {
    ...unknownLines(),
    broughtForward: 7n,
    newlyReceived: 3n,
    totalReceived: 10n,
  };
  return assembleReport({
    unit: 'TC',
    scope: 'total',
    period: reportPeriod(2018, 5),
    ruleSet: TT01_2013,
    source: 'aggregate',
    lines: { cases, money: { ...HUGE_MONEY } },
    previousYearEnd: null,
    previousMonth: null,
  });
}
