/**
 * The demo's public list (statistics.md §11): most unable decisions of the demo registry are
 * published a few days after their decision, as the Cục would have confirmed them; about one in
 * twelve is left awaiting confirmation, so that the console's queue and the reports' V12 warnings
 * have something to show. Deterministic (by case id), and a second run changes nothing.
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

export async function seedDemoPublications(
  db: OpenedDatabase['db'],
  options: { today: string; now: Date },
): Promise<ImportResult> {
  const units = (await listUnits(db)).map((u) => u.code);
  const entries = await listPublicListEntries(db, { units, today: options.today });
  const records = [];
  for (const e of entries) {
    const h = hashOf(`${e.caseId}|${e.decisionNo}|${e.decisionDate}`);
    if (h % 12 === 0) continue; // left awaiting confirmation
    let publishedOn = addDays(e.decisionDate, h % 5);
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
