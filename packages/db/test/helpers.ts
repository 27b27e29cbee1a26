import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DomainError,
  LINE_SYMBOLS,
  MONEY_LINE_CODES,
  type LineCode,
  type Lines,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import {
  importCases,
  importOfficers,
  importUnits,
  type ImportResult,
  type InputFile,
} from '../src/index.js';
import type { Database } from '../src/schema.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A long-past "today" is not needed: the worked example lies in 2015–2017. */
export const TODAY = '2025-11-25';

export function fixture(...path: string[]): InputFile {
  const file = join(FIXTURES, ...path);
  return { name: path[path.length - 1]!, text: readFileSync(file, 'utf8') };
}

export function csv(name: string, ...lines: string[]): InputFile {
  return { name, text: lines.join('\n') + '\n' };
}

export function expectOk(result: ImportResult): ImportResult {
  expect(result.issues).toEqual([]);
  return result;
}

/** Units, officers, then cases with events of statistics.md §12. */
export async function importWorkedExample(db: Kysely<Database>): Promise<void> {
  expectOk(await importUnits(db, fixture('worked-example', 'units.csv')));
  expectOk(await importOfficers(db, fixture('worked-example', 'officers.csv')));
  expectOk(
    await importCases(
      db,
      {
        cases: fixture('worked-example', 'cases.csv'),
        events: fixture('worked-example', 'events.csv'),
      },
      { today: TODAY },
    ),
  );
}

const BY_SYMBOL = new Map<string, LineCode>(
  MONEY_LINE_CODES.map((code) => [LINE_SYMBOLS[code], code]),
);

/**
 * Expected lines written with the symbols of statistics.md §2 (GM for reduced); a line not listed is
 * 0, as in §12. For the cases measure `reduced` is not compared.
 */
export function expectLines(
  lines: Lines,
  expected: Record<string, number>,
  measure: 'cases' | 'money',
): void {
  const want: Record<string, bigint | null> = {};
  const got: Record<string, bigint | null> = {};
  for (const code of MONEY_LINE_CODES) {
    if (measure === 'cases' && code === 'reduced') continue;
    want[code] = 0n;
    got[code] = lines[code];
  }
  for (const [symbol, value] of Object.entries(expected)) {
    const code = BY_SYMBOL.get(symbol);
    if (!code) throw new Error(`unknown line symbol ${symbol}`);
    want[code] = BigInt(value);
  }
  expect(got).toEqual(want);
}

export async function expectDomainError(
  promise: Promise<unknown>,
  code: DomainError['code'],
  message?: RegExp,
): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (message) expect((error as DomainError).message).toMatch(message);
}
