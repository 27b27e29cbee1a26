/**
 * `import targets <targets.csv>` (interfaces.md §7): targets decided outside the system, loaded
 * from a file. Columns `unit,scope,year,metric,value,month,officer,provisional`, in any order;
 * `unit`, `year`, `metric` and `value` must be in the header, the others may be left out (empty).
 *
 * - `scope`: `total` (the default) or `own`; for a unit without units under it `own` is `total`.
 * - `metric`: one of the four unit metrics (percent, up to two decimals: `70`, `72.50`; a rate
 *   between 0 and 100, a reduction at most 100 and possibly 0 or negative: an allowed increase), or
 *   an officer's monthly `casesCompleted` (a count) or `moneyCompleted` (integer đồng).
 * - `month` (1 = October … 12 = September): required with an officer metric, not allowed otherwise.
 * - `officer`: required with an officer metric; allowed with a unit metric (that officer's annual
 *   target); must be an officer of `unit`. An officer's target has the scope of an officer report
 *   (`own`): `total` is an error for a unit with units under it.
 * - `provisional`: `true` or `false` (the default).
 *
 * A key (unit, scope, year, metric, month, officer) given again replaces the value in force, which
 * stays in the history; an identical row changes nothing. All or nothing: the first error stops
 * the import (every error with `dryRun`), naming the file, the physical line and the column.
 */
import {
  OFFICER_METRICS,
  UNIT_METRICS,
  isPercentMetric,
  type Scope,
  type TargetMetric,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import {
  canonicalScope,
  parseTargetValue,
  targetEntityId,
  writeTargets,
  type TargetWrite,
} from '../queries/targets.js';
import { auditImport, importAuditContext } from './audit.js';
import { readCsv } from './csv.js';
import {
  IssueList,
  failed,
  type ImportOptions,
  type ImportResult,
  type InputFile,
} from './issues.js';

const COLUMNS = [
  'unit',
  'scope',
  'year',
  'metric',
  'value',
  'month',
  'officer',
  'provisional',
] as const;
const REQUIRED = ['unit', 'year', 'metric', 'value'] as const;
const METRICS: readonly string[] = [...UNIT_METRICS, ...OFFICER_METRICS];
export async function importTargets(
  db: Kysely<Database>,
  file: InputFile,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  const audit = importAuditContext(options);
  const issues = new IssueList([file.name]);
  const table = readCsv(
    file,
    { known: COLUMNS, required: REQUIRED, label: 'Tệp chỉ tiêu' },
    issues,
  );
  if (!table) return failed(issues, dryRun);

  return db.transaction().execute(async (trx) => {
    const units = new Map(
      (await trx.selectFrom('units').select(['code', 'parent']).execute()).map((u) => [u.code, u]),
    );
    const parents = new Set([...units.values()].map((u) => u.parent).filter((p) => p !== null));
    const officerUnit = new Map(
      (await trx.selectFrom('officers').select(['code', 'unit']).execute()).map((o) => [
        o.code,
        o.unit,
      ]),
    );
    const writes: TargetWrite[] = [];
    const keyLine = new Map<string, number>();
    for (const { line, values } of table.records) {
      const add = (column: string, message: string) => issues.add(file.name, line, column, message);
      const size = issues.size;
      const get = (column: (typeof COLUMNS)[number]) => (values[column] ?? '').trim();

      const unit = get('unit');
      if (!units.has(unit))
        add(
          'unit',
          unit === '' ? 'thiếu mã đơn vị' : `không có đơn vị mã ${unit} trong cơ sở dữ liệu`,
        );
      const scopeText = get('scope');
      if (scopeText !== '' && scopeText !== 'own' && scopeText !== 'total')
        add('scope', `phạm vi "${scopeText}" không hợp lệ, cần total (mặc định) hoặc own`);
      const yearText = get('year');
      const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
      if (!(year >= 1900))
        add('year', `năm công tác "${yearText}" không hợp lệ, cần bốn chữ số (ví dụ 2018)`);
      const metricText = get('metric');
      const metric = METRICS.includes(metricText) ? (metricText as TargetMetric) : null;
      if (metric === null)
        add('metric', `chỉ tiêu "${metricText}" không hợp lệ; cần một trong ${METRICS.join(', ')}`);
      const officerMetric = metric !== null && !isPercentMetric(metric);

      let value: bigint | null = null;
      const valueText = get('value');
      if (metric !== null) {
        if (valueText === '') add('value', 'thiếu giá trị chỉ tiêu');
        else {
          const parsed = parseTargetValue(metric, valueText);
          if (typeof parsed === 'string') add('value', parsed);
          else value = parsed;
        }
      }

      const monthText = get('month');
      let month: number | null = null;
      if (metric !== null) {
        if (!officerMetric && monthText !== '')
          add(
            'month',
            `cột month chỉ dùng với chỉ tiêu hằng tháng của chấp hành viên (casesCompleted, moneyCompleted); để trống với ${metric}`,
          );
        if (officerMetric) {
          month = /^\d{1,2}$/.test(monthText) ? Number(monthText) : NaN;
          if (!(month >= 1 && month <= 12))
            add(
              'month',
              monthText === ''
                ? `chỉ tiêu ${metric} cần tháng của năm công tác (1 = tháng 10 … 12 = tháng 9)`
                : `tháng "${monthText}" không hợp lệ, cần từ 1 (tháng 10) đến 12 (tháng 9)`,
            );
        }
      }

      const officerText = get('officer');
      const officer = officerText === '' ? null : officerText;
      if (officer === null) {
        if (officerMetric) add('officer', `chỉ tiêu ${metric} cần mã chấp hành viên`);
      } else if (!officerUnit.has(officer)) {
        add('officer', `không có chấp hành viên mã ${officer} trong cơ sở dữ liệu`);
      } else if (units.has(unit) && officerUnit.get(officer) !== unit) {
        add('officer', `chấp hành viên ${officer} không thuộc đơn vị ${unit}`);
      } else if (scopeText === 'total' && parents.has(unit)) {
        add(
          'scope',
          `chỉ tiêu của chấp hành viên có phạm vi own (các việc của chấp hành viên); đơn vị ${unit} có đơn vị trực thuộc nên không dùng total`,
        );
      }

      const provisionalText = get('provisional');
      if (provisionalText !== '' && provisionalText !== 'true' && provisionalText !== 'false')
        add('provisional', `cần true, false hoặc để trống (false), nhận được "${provisionalText}"`);

      if (issues.size > size || metric === null || value === null) continue;
      const scope = canonicalScope(parents.has(unit), (scopeText || 'total') as Scope, officer);
      const write: TargetWrite = {
        unit,
        scope,
        year,
        metric,
        month,
        officer,
        value,
        provisional: provisionalText === 'true',
      };
      const key = targetEntityId(write);
      const before = keyLine.get(key);
      if (before !== undefined) {
        issues.add(
          file.name,
          line,
          null,
          `dòng lặp lại chỉ tiêu ${metric} của ${officer ?? unit} năm ${year}${month === null ? '' : ` tháng ${month}`} (phạm vi ${scope}; đã có ở dòng ${before})`,
        );
        continue;
      }
      keyLine.set(key, line);
      writes.push(write);
    }
    if (issues.size > 0) return failed(issues, dryRun);

    const { counts, changes } = await writeTargets(trx, writes, {
      origin: 'import',
      actor: audit.actor,
      at: audit.at,
      dryRun,
    });
    // An import never removes a target: its counts are those of every import.
    const importCounts = {
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
    };
    const written = !dryRun && changes.length > 0;
    if (written) {
      await auditImport(
        trx,
        audit,
        'targets',
        [file],
        importCounts,
        changes.map((c) => ({
          entity: 'target',
          entityId: c.entityId,
          unit: c.key.unit,
          before: c.before,
          after: c.after,
        })),
      );
    }
    return { dryRun, issues: [], counts: importCounts, written, notes: [] };
  });
}
