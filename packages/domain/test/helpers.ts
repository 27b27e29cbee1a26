// Shared helpers of the domain tests. Nothing here computes an expected figure: the helpers only
// spell out lines in the spec's own symbols (statistics.md §2) and read the fixture files.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import {
  replayCaseOrThrow,
  type CaseEvent,
  type KnownLines,
  type LineCode,
  type Lines,
  type Measure,
  type RegistryCase,
  type ReplayedCase,
  type UnableGround,
  type Unit,
  type UnitKind,
} from '../src/index.js';

/** The keys of `cases` and `money` in the report JSON, in order (interfaces.md §5). */
export const CASE_KEYS = [
  'broughtForward',
  'newlyReceived',
  'totalReceived',
  'exited',
  'toEnforce',
  'able',
  'unable',
  'completed',
  'completedFull',
  'terminated',
  'inProgress',
  'postponed',
  'suspended',
  'carriedOver',
  'ableCarriedOver',
] as const satisfies readonly LineCode[];
export const MONEY_KEYS = [
  'broughtForward',
  'newlyReceived',
  'totalReceived',
  'exited',
  'toEnforce',
  'able',
  'unable',
  'completed',
  'completedFull',
  'terminated',
  'reduced',
  'inProgress',
  'postponed',
  'suspended',
  'carriedOver',
  'ableCarriedOver',
] as const satisfies readonly LineCode[];

export function keysOf(measure: Measure): readonly LineCode[] {
  return measure === 'cases' ? CASE_KEYS : MONEY_KEYS;
}

/** The symbols of statistics.md §2 (GM = giảm, miễn: `reduced`). */
const SYMBOL: Readonly<Record<string, LineCode>> = {
  C: 'broughtForward',
  M: 'newlyReceived',
  T: 'totalReceived',
  U: 'exited',
  P: 'toEnforce',
  K: 'able',
  N: 'unable',
  X: 'completed',
  X1: 'completedFull',
  X2: 'terminated',
  GM: 'reduced',
  D: 'inProgress',
  H: 'postponed',
  S: 'suspended',
  CKS: 'carriedOver',
  KCS: 'ableCarriedOver',
};

export type Sym =
  | 'C'
  | 'M'
  | 'T'
  | 'U'
  | 'P'
  | 'K'
  | 'N'
  | 'X'
  | 'X1'
  | 'X2'
  | 'GM'
  | 'D'
  | 'H'
  | 'S'
  | 'CKS'
  | 'KCS';
export type SymLines = Partial<Record<Sym, bigint | number>>;

/**
 * Lines of one measure written with the spec's symbols; every line not listed is 0 (as §12 says:
 * "a line not listed is 0"). The cases measure has no `reduced` key.
 */
export function lines(measure: Measure, given: SymLines): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const key of keysOf(measure)) out[key] = 0n;
  for (const [sym, value] of Object.entries(given)) {
    const code = SYMBOL[sym];
    if (code === undefined) throw new Error(`unknown symbol ${sym}`);
    if (measure === 'cases' && code === 'reduced') throw new Error('no reduced line for cases');
    out[code] = BigInt(value);
  }
  return out;
}

const WORDS: Readonly<Record<string, Sym>> = { paid: 'X1', reduced: 'GM', terminated: 'X2' };

/**
 * Reads lines written the way statistics.md §12 prints them:
 * "C 2700, …, X 1700 (paid 1100, reduced 100, terminated 500), D 500". Every token must be a known
 * symbol (or paid / reduced / terminated) with a number, and no line may appear twice.
 */
export function specLines(text: string): SymLines {
  const out: SymLines = {};
  for (const token of text
    .split(/[,()]/)
    .map((t) => t.trim())
    .filter((t) => t !== '')) {
    const m = /^(\w+) (\d+)$/.exec(token);
    const sym = m ? (WORDS[m[1]!] ?? (m[1] as Sym)) : undefined;
    if (!m || sym === undefined || !(sym in SYMBOL)) throw new Error(`cannot read "${token}"`);
    if (sym in out) throw new Error(`"${sym}" twice in "${text}"`);
    out[sym] = BigInt(m[2]!);
  }
  return out;
}

/** The lines of `actual` that the measure has, as a plain object (for toEqual). */
export function measureLines(
  actual: Lines | KnownLines,
  measure: Measure,
): Record<string, bigint | null> {
  const out: Record<string, bigint | null> = {};
  for (const key of keysOf(measure)) out[key] = actual[key];
  return out;
}

export function expectLines(
  actual: Lines | KnownLines,
  measure: Measure,
  expected: SymLines,
): void {
  expect(measureLines(actual, measure)).toEqual(lines(measure, expected));
}

/** An all-unknown line set with a few known lines (aggregate reports), by line code. */
export function partialLines(given: Partial<Record<LineCode, bigint | number>>): Lines {
  const out = {} as Lines;
  for (const key of MONEY_KEYS) out[key] = null;
  for (const [code, value] of Object.entries(given))
    out[code as LineCode] = value === undefined ? null : BigInt(value);
  return out;
}

/** The fixture folder (copies of shared/data, see fixtures/README.md). */
export const FIXTURES = new URL('./fixtures/', import.meta.url);

/** Reads a fixture CSV with a plain split: the fixture files have no quoting. */
export function readCsv(relative: string): Record<string, string>[] {
  const text = readFileSync(new URL(relative, FIXTURES), 'utf8');
  const [head, ...rows] = text.split(/\r?\n/).filter((l) => l !== '');
  const columns = head!.split(',');
  return rows.map((row, i) => {
    const cells = row.split(',');
    if (cells.length !== columns.length)
      throw new Error(`${relative} line ${i + 2}: ${cells.length} cells`);
    return Object.fromEntries(columns.map((c, j) => [c, cells[j]!]));
  });
}

export function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(new URL(relative, FIXTURES), 'utf8')) as T;
}

/** The registry of statistics.md §12 read from the fixture CSV files, every case replayed. */
export function readWorkedExample(): {
  units: Unit[];
  registry: RegistryCase[];
  replayed: ReplayedCase[];
} {
  const units: Unit[] = readCsv('worked-example/units.csv').map((r) => ({
    code: r.code!,
    name: r.name!,
    kind: r.kind as UnitKind,
    parent: r.parent === '' ? null : r.parent!,
  }));
  const officerUnit = new Map(
    readCsv('worked-example/officers.csv').map((r) => [r.code!, r.unit!]),
  );
  const eventRows = readCsv('worked-example/events.csv');
  const registry: RegistryCase[] = readCsv('worked-example/cases.csv').map((r) => ({
    id: r.case_id!,
    unit: r.unit!,
    receivedOn: r.received_on!,
    amount: BigInt(r.amount!),
    officer: r.officer === '' ? null : r.officer!,
    mode: null,
    events: eventRows
      .filter((e) => e.case_id === r.case_id)
      .map((e): CaseEvent => ({
        date: e.date!,
        kind: e.kind as CaseEvent['kind'],
        amount: e.amount === '' ? null : BigInt(e.amount!),
        officer: e.officer === '' ? null : e.officer!,
        ground: e.ground === '' ? null : (e.ground as UnableGround),
        decisionNo: e.decision_no === '' ? null : e.decision_no!,
      })),
  }));
  const replayed = registry.map((c) =>
    replayCaseOrThrow(c, { today: '2018-01-01', officerUnit: (code) => officerUnit.get(code) }),
  );
  return { units, registry, replayed };
}
