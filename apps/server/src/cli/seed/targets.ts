/**
 * The demo's targets (statistics.md §9): the 2017 targets as the Cục assigned them (70 % cases,
 * 30 % money, 0 % for both reductions, for the city `total`, its own office `own` and every Chi
 * cục), loaded as a targets.csv through `importTargets`; the 2018 targets copied from them as
 * provisional (`copyProvisionalTargets`, as the Cục did before the official 72 % arrived); and every
 * officer's monthly targets of 2017 and 2018 from the proposal of statistics.md §9 (the domain's
 * `proposeOfficerTargets` on the same basis as `proposeOfficerMonthlyTargets`: the officer's KCS at
 * the previous year's month 12 and the unit's rate targets, read through one report batch instead
 * of one registry read per officer), each change audited. A second run changes nothing.
 */
import {
  CLI_ACTOR,
  auditTargetChanges,
  copyProvisionalTargets,
  importTargets,
  listUnits,
  openReportBatch,
  parseTargetValue,
  unitsWithChildren,
  writeTargets,
  type ImportResult,
  type OpenedDatabase,
  type TargetWrite,
} from '@thads/db';
import { proposeOfficerTargets } from '@thads/domain';

/** The 2017 targets of every reporting unit (published-figures.json `hanoi2017Headline`). */
export const DEMO_TARGETS_2017 = {
  caseRate: '70',
  moneyRate: '30',
  caseCarryOverReduction: '0',
  moneyCarryOverReduction: '0',
} as const;

function merge(a: ImportResult, b: { created: number; updated: number; unchanged: number }) {
  a.counts.created += b.created;
  a.counts.updated += b.updated;
  a.counts.unchanged += b.unchanged;
  a.written ||= b.created + b.updated > 0;
}

export async function seedDemoTargets(
  db: OpenedDatabase['db'],
  options: { now: Date; onProgress?: (message: string) => void },
): Promise<ImportResult> {
  const units = await listUnits(db);
  const parents = await unitsWithChildren(db);
  const rows = ['unit,scope,year,metric,value'];
  for (const unit of units) {
    const scopes = parents.has(unit.code) ? ['total', 'own'] : ['total'];
    for (const scope of scopes) {
      for (const [metric, value] of Object.entries(DEMO_TARGETS_2017)) {
        rows.push(`${unit.code},${scope},2017,${metric},${value}`);
      }
    }
  }
  const result = await importTargets(
    db,
    { name: 'demo-targets-2017.csv', text: rows.join('\n') + '\n' },
    { actor: CLI_ACTOR, now: options.now },
  );
  if (result.issues.length > 0) return result;
  const context = { actor: CLI_ACTOR, at: options.now };

  const copied = await db.transaction().execute(async (trx) => {
    const copy = await copyProvisionalTargets(trx, { year: 2018, from: 'targets', ...context });
    await auditTargetChanges(trx, context, copy.changes);
    return copy.counts;
  });
  merge(result, copied);

  const batch = await openReportBatch(db, { unit: 'HN' });
  const rate = (metric: 'caseRate' | 'moneyRate') => {
    const value = parseTargetValue(metric, DEMO_TARGETS_2017[metric]);
    if (typeof value === 'string') throw new Error(value);
    return value;
  };
  for (const year of [2017, 2018]) {
    options.onProgress?.(`Chỉ tiêu chấp hành viên năm ${year}`);
    const writes: TargetWrite[] = [];
    for (const unit of units) {
      if (!batch.covered.includes(unit.code)) continue;
      const scope = parents.has(unit.code) ? 'own' : 'total';
      const caseloads = [];
      for (const officer of batch.officersOf(unit.code)) {
        if (!officer.active) continue;
        const basis = await batch.report({ unit: unit.code, officer: officer.code }, year - 1, 12);
        caseloads.push({
          officer: officer.code,
          able: {
            cases: basis.cases.lines.ableCarriedOver ?? 0n,
            money: basis.money.lines.ableCarriedOver ?? 0n,
          },
        });
      }
      const proposals = proposeOfficerTargets({
        caseRate: rate('caseRate'),
        moneyRate: rate('moneyRate'),
        fromMonth: 1,
        officers: caseloads,
      });
      for (const row of proposals) {
        for (const m of row.months) {
          for (const [metric, value] of [
            ['casesCompleted', m.casesCompleted],
            ['moneyCompleted', m.moneyCompleted],
          ] as const) {
            if (value === null) continue;
            writes.push({
              unit: unit.code,
              scope,
              year,
              metric,
              month: m.month,
              officer: row.officer,
              value,
              provisional: false,
            });
          }
        }
      }
    }
    const officers = await db.transaction().execute(async (trx) => {
      const written = await writeTargets(trx, writes, { origin: 'console', ...context });
      await auditTargetChanges(trx, context, written.changes);
      return written.counts;
    });
    merge(result, officers);
  }
  return result;
}
