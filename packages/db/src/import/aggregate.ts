/**
 * `import aggregate <file.csv>` (interfaces.md §4): report lines entered outside the registry.
 *
 * One row per unit, working year, month and measure; any line code except `rate` may be a column.
 * An empty cell or a missing column is unknown (stored as null; unknown lines are derived when the
 * report is read). A row replaces the stored row of its key whole. A row that breaks an identity is
 * imported as given and reported as a note; only malformed input stops the import.
 */
import {
  MONEY_LINE_CODES,
  checkIdentities,
  deriveUnknownLines,
  unknownLines,
  type Lines,
  type Measure,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { lineColumnsOf, linesFromRow } from '../queries/aggregates.js';
import { assertAggregateUnlocked } from '../locks.js';
import { auditImport, importAuditContext, type EntityChange } from './audit.js';
import { parseMoney, readCsv } from './csv.js';
import {
  IssueList,
  emptyCounts,
  failed,
  type ImportOptions,
  type ImportResult,
  type InputFile,
} from './issues.js';

const KEY_COLUMNS = ['unit', 'year', 'month', 'measure'] as const;

interface AggregateInput {
  line: number;
  unit: string;
  year: number;
  month: number;
  measure: Measure;
  lines: Lines;
}

export async function importAggregate(
  db: Kysely<Database>,
  file: InputFile,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  const audit = importAuditContext(options);
  const issues = new IssueList([file.name]);
  const table = readCsv(
    file,
    {
      known: [...KEY_COLUMNS, ...MONEY_LINE_CODES],
      required: KEY_COLUMNS,
      label: 'Tệp số liệu tổng hợp',
    },
    issues,
  );
  if (!table) return failed(issues, dryRun);

  return db.transaction().execute(async (trx) => {
    const units = new Set(
      (await trx.selectFrom('units').select('code').execute()).map((r) => r.code),
    );
    const inputs: AggregateInput[] = [];
    const keyLine = new Map<string, number>();
    for (const { line, values } of table.records) {
      const add = (column: string, message: string) => issues.add(file.name, line, column, message);
      const size = issues.size;
      const unit = values.unit!;
      if (!units.has(unit))
        add(
          'unit',
          unit === '' ? 'thiếu mã đơn vị' : `không có đơn vị mã ${unit} trong cơ sở dữ liệu`,
        );
      const yearText = values.year!;
      const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
      if (!(year >= 1900))
        add('year', `năm công tác "${yearText}" không hợp lệ, cần bốn chữ số (ví dụ 2017)`);
      const monthText = values.month!;
      const month = /^\d{1,2}$/.test(monthText) ? Number(monthText) : NaN;
      if (!(month >= 1 && month <= 12))
        add('month', `tháng "${monthText}" không hợp lệ, cần từ 1 (tháng 10) đến 12 (tháng 9)`);
      const measure = values.measure!;
      if (measure !== 'cases' && measure !== 'money')
        add('measure', `thước đo "${measure}" không hợp lệ, cần cases hoặc money`);
      const lines = unknownLines();
      for (const code of MONEY_LINE_CODES) {
        const text = values[code] ?? '';
        if (text === '') continue;
        if (code === 'reduced' && measure === 'cases') {
          add(code, 'dòng reduced (giảm, miễn) chỉ có ở thước đo về tiền; để trống ở dòng cases');
          continue;
        }
        const value = parseMoney(text);
        if (typeof value === 'string')
          add(
            code,
            value.replace(
              'số nguyên đồng',
              measure === 'cases' ? 'số việc nguyên' : 'số nguyên đồng',
            ),
          );
        else lines[code] = value;
      }
      if (issues.size > size) continue;
      const key = `${unit}\u0000${year}\u0000${month}\u0000${measure}`;
      const before = keyLine.get(key);
      if (before !== undefined) {
        issues.add(
          file.name,
          line,
          null,
          `dòng lặp lại đơn vị ${unit}, năm ${year}, tháng ${month}, thước đo ${measure} (đã có ở dòng ${before})`,
        );
        continue;
      }
      keyLine.set(key, line);
      inputs.push({ line, unit, year, month, measure: measure as Measure, lines });
    }
    if (issues.size > 0) return failed(issues, dryRun);

    const counts = emptyCounts();
    const notes: string[] = [];
    const changes: EntityChange[] = [];
    let written = false;
    for (const input of inputs) {
      const derived = deriveUnknownLines(input.measure, input.lines);
      const findings = checkIdentities(input.measure, derived, true);
      if (findings.length > 0) {
        notes.push(
          `${file.name}:${input.line}: ${findings.map((f) => `${f.rule} ${f.message}`).join('; ')}`,
        );
      }
      const old = await trx
        .selectFrom('aggregate_lines')
        .selectAll()
        .where('unit', '=', input.unit)
        .where('year', '=', input.year)
        .where('month', '=', input.month)
        .where('measure', '=', input.measure)
        .executeTakeFirst();
      if (old && MONEY_LINE_CODES.every((code) => linesFromRow(old)[code] === input.lines[code])) {
        counts.unchanged++;
        continue;
      }
      // An approved report stands on these lines (statistics.md §10): LOCKED, nothing written.
      await assertAggregateUnlocked(trx, input.unit, input.year, input.month);
      if (old) counts.updated++;
      else counts.created++;
      if (dryRun) continue;
      const columns = lineColumnsOf(input.lines);
      await trx
        .insertInto('aggregate_lines')
        .values({
          unit: input.unit,
          year: input.year,
          month: input.month,
          measure: input.measure,
          ...columns,
        })
        .onConflict((oc) => oc.columns(['unit', 'year', 'month', 'measure']).doUpdateSet(columns))
        .execute();
      written = true;
      const key = {
        unit: input.unit,
        year: input.year,
        month: input.month,
        measure: input.measure,
      };
      changes.push({
        entity: 'aggregate_line',
        entityId: `${input.unit}/${input.year}/${input.month}/${input.measure}`,
        unit: input.unit,
        before: old ? { ...key, lines: linesFromRow(old) } : null,
        after: { ...key, lines: input.lines },
      });
    }
    if (written) await auditImport(trx, audit, 'aggregate', [file], counts, changes);
    return { dryRun, issues: [], counts, written, notes };
  });
}
