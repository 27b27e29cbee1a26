// The case registry's procedures over the worked example (statistics.md §12, issue 5): scope by
// unit and officer, the JSON that crosses the wire (money as strings), refusals with their reasons,
// the cases behind every report line adding up to the line, the console import as a job, and units
// and officers. Expected values are worked out by hand from §12.
import { testDialects, useTestDatabase } from '@thads/db/testing';
import { MONEY_LINE_CODES, type LineCode } from '@thads/domain';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, importWorkedExample, sessionFor } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

type Api = ReturnType<typeof callerFor>;

async function settled(api: Api, jobId: string) {
  for (;;) {
    const job = await api.imports.status({ jobId });
    if (job.state !== 'running') return job;
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe.each(await testDialects())('cases over $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
  });

  it('lists a unit page by page, money as strings; a branch account sees only its units', async () => {
    const page = await callerFor(t.db, 'clerk').cases.list({
      unit: 'HN-BDI',
      pageSize: 10,
      amountMin: '500',
      sort: 'remaining',
      direction: 'desc',
    });
    expect(page.total).toBe(7);
    expect(page.rows.map((r) => [r.id, r.remaining])).toEqual([
      ['c11', '900'],
      ['c3', '700'],
      ['c1', '500'],
      ['c5', '500'],
      ['c2', '400'],
      ['c10', '0'],
      ['c4', '0'],
    ]);
    expect((await rejection(callerFor(t.db, 'clerk').cases.list({ unit: 'HN' }))).code).toBe(
      'FORBIDDEN',
    );
    const all = await callerFor(t.db, 'leadership').cases.list({ unit: 'HN', state: 'open' });
    expect(all.rows.map((r) => r.id)).toEqual(['c1', 'c12', 'c2', 'c7', 'c8', 'c9', 'h1']);
    const own = await callerFor(t.db, 'cuc_manager').cases.list({ unit: 'HN', scope: 'own' });
    expect(own.rows.map((r) => r.id)).toEqual(['h1']);
  });

  it('an officer account lists the cases it holds, and reads the ones it held', async () => {
    const officer = callerFor(t.db, 'officer'); // BDI-1
    const mine = await officer.cases.list({ unit: 'HN-BDI', officer: 'BDI-2' });
    expect(mine.rows.map((r) => r.id)).toEqual(['c1']);
    // c12 was taken in by BDI-1, then assigned to BDI-2: BDI-1 still reads its history.
    expect((await officer.cases.get({ id: 'c12' })).officer).toBe('BDI-2');
    expect((await rejection(officer.cases.get({ id: 'c8' }))).code).toBe('FORBIDDEN');
  });

  it('the detail: facts, money, timeline with who recorded it, public-list status', async () => {
    const c2 = await callerFor(t.db, 'clerk').cases.get({ id: 'c2' });
    expect(c2).toMatchObject({
      id: 'c2',
      unitName: 'Chi cục THADS quận Ba Đình',
      amount: '500',
      settled: '100',
      remaining: '400',
      state: 'unable',
      timeline: [
        {
          kind: 'unable',
          decisionNo: '12/QĐ-CCTHADS',
          ground: 'a',
          amount: null,
          recordedBy: 'cli',
        },
        { kind: 'pay', amount: '100', settledAfter: '100' },
      ],
      publicList: [{ decisionNo: '12/QĐ-CCTHADS', status: 'awaiting', remaining: '500' }],
    });
    expect((await rejection(callerFor(t.db, 'clerk').cases.get({ id: 'h1' }))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('every line of a report is exactly its cases: count and sum equal the number shown', async () => {
    const api = callerFor(t.db, 'unit_head');
    for (const [year, month] of [
      [2017, 12],
      [2018, 5],
    ] as const) {
      const report = await api.reports.get({ unit: 'HN-BDI', year, month, scope: 'total' });
      for (const line of MONEY_LINE_CODES) {
        const money = await api.cases.behind({
          unit: 'HN-BDI',
          year,
          month,
          scope: 'total',
          line,
          measure: 'money',
          pageSize: 200,
        });
        expect(money.sum, `${year}/${month} money ${line}`).toBe(report.money[line as LineCode]);
        expect(money.rows.reduce((s, r) => s + BigInt(r.contribution), 0n).toString()).toBe(
          money.sum,
        );
        if (line === 'reduced') continue;
        const cases = await api.cases.behind({
          unit: 'HN-BDI',
          year,
          month,
          scope: 'total',
          line,
          pageSize: 200,
        });
        expect(cases.count, `${year}/${month} cases ${line}`).toBe(
          report.cases[line as Exclude<LineCode, 'reduced'>],
        );
      }
    }
    // "Chưa có điều kiện" of HN-BDI at 5 months of 2018: c2, 500 − 100 settled before the year.
    const unable = await api.cases.behind({
      unit: 'HN-BDI',
      year: 2018,
      month: 5,
      scope: 'total',
      line: 'unable',
      measure: 'money',
    });
    expect([unable.count, unable.sum, unable.lineLabel]).toEqual([
      1,
      '400',
      'Chưa có điều kiện thi hành',
    ]);
    expect(unable.rows.map((r) => [r.id, r.contribution, r.state])).toEqual([
      ['c2', '400', 'unable'],
    ]);
    // The unassigned cases of HN-BDI and an officer's own lines.
    const unassigned = await api.cases.behind({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'own',
      unassigned: true,
      line: 'totalReceived',
    });
    expect(unassigned.rows.map((r) => r.id)).toEqual(['c10', 'c11', 'c2', 'c3', 'c5', 'c6', 'c9']);
    const officer = callerFor(t.db, 'officer');
    const own = await officer.cases.behind({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'own',
      officer: 'BDI-1',
      line: 'completed',
      measure: 'money',
    });
    expect([own.count, own.sum]).toEqual([1, '200']);
    expect(
      (
        await rejection(
          officer.cases.behind({
            unit: 'HN-BDI',
            year: 2017,
            month: 12,
            scope: 'own',
            unassigned: true,
            line: 'completed',
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe.each(await testDialects())('registry writes over $label', (dialect) => {
  // Emptied before each test; each test imports what it needs.
  const t = useTestDatabase(dialect, { reset: true });

  it('records an event in scope; a forbidden transition is refused with its reason', async () => {
    await importWorkedExample(t.db);
    const clerk = callerFor(t.db, 'clerk');
    const { id } = await clerk.cases.recordEvent({
      caseId: 'c1',
      event: { date: '2017-02-01', kind: 'pay', amount: '200' },
    });
    expect(id).toBeGreaterThan(0);
    expect((await clerk.cases.get({ id: 'c1' })).remaining).toBe('300');
    const refused = await rejection(
      clerk.cases.recordEvent({ caseId: 'c8', event: { date: '2017-01-01', kind: 'postpone' } }),
    );
    expect([refused.code, refused.message]).toEqual([
      'UNPROCESSABLE_CONTENT',
      'Không thể ghi “QĐ hoãn thi hành án” ngày 01/01/2017: khi đó việc đang hoãn, mà sự kiện này chỉ được ghi khi việc có điều kiện (đang thi hành).',
    ]);
    expect(
      (
        await rejection(
          clerk.cases.recordEvent({ caseId: 'h1', event: { date: '2017-06-01', kind: 'verify' } }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    // Money is digits only, as a string.
    expect(
      (
        await rejection(
          clerk.cases.recordEvent({
            caseId: 'c1',
            event: { date: '2017-02-02', kind: 'pay', amount: '1.000' },
          }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
  });

  it('corrects and removes with a reason; reassigns in bulk; takes in a case', async () => {
    await importWorkedExample(t.db);
    const head = callerFor(t.db, 'unit_head');
    const c1 = await head.cases.get({ id: 'c1' });
    expect(
      (
        await rejection(
          head.cases.removeEvent({ caseId: 'c1', eventId: c1.timeline[1]!.id, reason: '' }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
    await head.cases.removeEvent({
      caseId: 'c1',
      eventId: c1.timeline[1]!.id,
      reason: 'Biên lai ghi trùng',
    });
    expect((await head.cases.get({ id: 'c1' })).settled).toBe('300');
    expect(await head.cases.reassign({ caseIds: ['c1', 'c7', 'c9'], officer: 'BDI-2' })).toEqual({
      assigned: 3,
      unchanged: 0,
    });
    await head.cases.create({
      id: 'BDI-2025-01',
      unit: 'HN-BDI',
      receivedOn: '2025-11-20',
      amount: '9007199254740993',
      debtorName: 'Nguyễn Văn An',
    });
    const found = await head.cases.list({ unit: 'HN-BDI', q: 'nguyen van an' });
    expect(found.rows.map((r) => [r.id, r.amount])).toEqual([['BDI-2025-01', '9007199254740993']]);
  });

  it('imports in the console: a dry run lists the bad row, the import writes all or nothing', async () => {
    await importWorkedExample(t.db);
    const clerk = callerFor(t.db, 'clerk');
    const cases =
      'case_id,unit,received_on,amount\nn1,HN-BDI,2025-01-02,1000\nn2,HN,2025-01-02,5\n';
    const events =
      'case_id,date,kind,amount,officer,ground,decision_no\nn1,2025-02-01,pay,2000,,,\n';
    const dry = await clerk.imports.start({
      format: 'csv',
      cases: { name: 'cases.csv', base64: b64(cases) },
      events: { name: 'events.csv', base64: b64(events) },
      dryRun: true,
    });
    const job = await settled(clerk, dry.jobId);
    expect(job.state).toBe('done');
    expect(job.result!.issues.map((i) => [i.file, i.line, i.column])).toEqual([
      ['cases.csv', 3, 'unit'],
      ['events.csv', 2, 'amount'],
    ]);
    // Someone else cannot read the job.
    expect(
      (
        await rejection(
          callerFor(t.db, sessionFor('clerk', { username: 'khac' })).imports.status({
            jobId: dry.jobId,
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    const good = await clerk.imports.start({
      format: 'csv',
      cases: {
        name: 'cases.csv',
        base64: b64('case_id,unit,received_on,amount\nn1,HN-BDI,2025-01-02,1000\n'),
      },
      events: { name: 'events.csv', base64: b64(events.replace('2000', '400')) },
      dryRun: false,
    });
    const done = await settled(clerk, good.jobId);
    expect([done.state, done.result!.written, done.result!.counts]).toEqual([
      'done',
      true,
      { created: 1, updated: 0, unchanged: 0 },
    ]);
    const n1 = await clerk.cases.get({ id: 'n1' });
    expect([n1.remaining, n1.timeline[0]!.recordedBy]).toEqual(['600', 'test-clerk']);
  });

  it('units are the admin’s; officers the admin’s and the unit head’s, in scope', async () => {
    await importWorkedExample(t.db);
    await callerFor(t.db, 'admin').units.create({
      code: 'HN-HKI',
      name: 'Chi cục THADS quận Hoàn Kiếm',
      kind: 'quan',
      parent: 'HN',
    });
    const head = callerFor(t.db, 'unit_head');
    await head.officers.create({ code: 'BDI-3', name: 'Lê Văn Cường', unit: 'HN-BDI' });
    expect(
      (await rejection(head.officers.create({ code: 'HKI-1', name: 'X', unit: 'HN-HKI' }))).code,
    ).toBe('FORBIDDEN');
    const left = await head.officers.setActive({ code: 'BDI-2', active: false });
    expect(left).toEqual({ openCases: 2 });
    const load = await head.officers.withLoad({ unit: 'HN-BDI' });
    expect(load.map((o) => [o.code, o.active, o.openCases])).toEqual([
      ['BDI-1', true, 1],
      ['BDI-2', false, 2],
      ['BDI-3', true, 0],
    ]);
  });
});
