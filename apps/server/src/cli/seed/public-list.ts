/**
 * The demo's public list (statistics.md §11): every unable decision of the demo registry is
 * published a few days after its decision, as the Cục would have confirmed it, but never later than
 * the last day of the decision's month, so the monthly reports' V12 reconciliation is clean; only
 * `DEMO_PENDING_PUBLICATIONS` decisions of September 2018 (the last month of the demo) are left
 * awaiting confirmation, so that the console's queue and V12 of 2018 have something to show.
 * Deterministic (by case id), and a second run changes nothing.
 */
import {
  CLI_ACTOR,
  confirmPublications,
  listPublicListEntries,
  listUnits,
  type ImportResult,
  type OpenedDatabase,
} from '@thads/db';

/** A stable small number from a text (FNV-1a), to pick without randomness. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** How many unable decisions of September 2018 the demo leaves unpublished. */
export const DEMO_PENDING_PUBLICATIONS = 5;

function monthEnd(date: string): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

export async function seedDemoPublications(
  db: OpenedDatabase['db'],
  options: { today: string; now: Date },
): Promise<ImportResult> {
  const units = (await listUnits(db)).map((u) => u.code);
  const entries = await listPublicListEntries(db, { units, today: options.today });
  const hash = (e: (typeof entries)[number]) =>
    hashOf(`${e.caseId}|${e.decisionNo}|${e.decisionDate}`);
  const pending = new Set(
    entries
      .filter((e) => e.decisionDate >= '2018-09-01' && e.ending === null)
      .sort((a, b) => hash(a) - hash(b) || a.caseId.localeCompare(b.caseId))
      .slice(0, DEMO_PENDING_PUBLICATIONS),
  );
  const records = [];
  for (const e of entries) {
    if (pending.has(e)) continue; // left awaiting confirmation
    const h = hash(e);
    let publishedOn = addDays(e.decisionDate, h % 5);
    const end = monthEnd(e.decisionDate);
    if (publishedOn > end) publishedOn = end;
    const limit = e.ending?.date ?? null;
    if (publishedOn > options.today || (limit !== null && publishedOn >= limit))
      publishedOn = e.decisionDate;
    // Ended on its decision date: it was never on the list.
    if (limit !== null && publishedOn >= limit) continue;
    records.push({
      caseId: e.caseId,
      decisionNo: e.decisionNo,
      decisionDate: e.decisionDate,
      publishedOn,
    });
  }
  const { created, unchanged } = await confirmPublications(db, {
    records,
    actor: CLI_ACTOR,
    at: options.now,
  });
  return {
    dryRun: false,
    issues: [],
    counts: { created, updated: 0, unchanged },
    written: created > 0,
    notes: [],
  };
}
