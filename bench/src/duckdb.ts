/**
 * DuckDB for comparison: the raw `cases` and `case_events` columns the plain query reads, copied
 * from the project's database into an in-memory DuckDB through appenders (no extension needed),
 * then the same plain SQL text run there.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import type { Database } from '@thads/db';

const PAGE = 50_000;

export interface DuckCopy {
  connection: DuckDBConnection;
  cases: number;
  events: number;
  seconds: number;
  close(): void;
}

/** Copies the raw tables (keyset pages in primary-key order) into a fresh in-memory DuckDB. */
export async function copyToDuckDb(
  db: Kysely<Database>,
  progress: (message: string) => void = () => {},
): Promise<DuckCopy> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    'CREATE TABLE cases (id VARCHAR, unit VARCHAR, received_on VARCHAR, amount BIGINT)',
  );
  await connection.run(
    'CREATE TABLE case_events (case_id VARCHAR, seq INTEGER, date VARCHAR, kind VARCHAR, amount BIGINT)',
  );
  let cases = 0;
  let after = '';
  const casesAppender = await connection.createAppender('cases');
  for (;;) {
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'unit', 'received_on', 'amount'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      casesAppender.appendVarchar(r.id);
      casesAppender.appendVarchar(r.unit);
      casesAppender.appendVarchar(r.received_on);
      casesAppender.appendBigInt(BigInt(r.amount));
      casesAppender.endRow();
    }
    cases += rows.length;
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  casesAppender.closeSync();
  progress(`DuckDB: đã chép ${cases.toLocaleString('vi-VN')} việc`);
  let events = 0;
  let lastId: number | bigint = 0;
  const eventsAppender = await connection.createAppender('case_events');
  for (;;) {
    const rows = await db
      .selectFrom('case_events')
      .select(['id', 'case_id', 'seq', 'date', 'kind', 'amount'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      eventsAppender.appendVarchar(r.case_id);
      eventsAppender.appendInteger(Number(r.seq));
      eventsAppender.appendVarchar(r.date);
      eventsAppender.appendVarchar(r.kind);
      if (r.amount === null) eventsAppender.appendNull();
      else eventsAppender.appendBigInt(BigInt(r.amount));
      eventsAppender.endRow();
    }
    events += rows.length;
    if (events % 1_000_000 < PAGE && events >= 1_000_000)
      progress(`DuckDB: đã chép ${events.toLocaleString('vi-VN')} sự kiện`);
    if (rows.length < PAGE) break;
    lastId = rows[rows.length - 1]!.id;
  }
  eventsAppender.closeSync();
  return {
    connection,
    cases,
    events,
    seconds: (performance.now() - started) / 1000,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs a query on DuckDB; its single row as an object. */
export async function duckRow(
  connection: DuckDBConnection,
  text: string,
): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(text);
  const rows = reader.getRowObjects();
  if (rows.length !== 1) throw new Error(`DuckDB trả về ${rows.length} dòng, cần 1`);
  return rows[0] as Record<string, unknown>;
}
