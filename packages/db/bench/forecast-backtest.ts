/**
 * Back-test of the month-12 forecast (statistics.md §9) on the database of DATABASE_URL (the demo
 * data after `pnpm thads seed demo`): for each unit and past working year, how far the forecast
 * made at month 6 was from the value actually reached at month 12.
 *
 *   pnpm --filter @thads/db backtest [--month N] [--years 2016,2017,2018] [--unit CODE]…
 *
 * Years default to every working year the registry covers up to its month 12.
 */
import { formatCenti, TARGET_METRIC_LABELS_VI, type Centi } from '@thads/domain';
import {
  completedYears,
  forecastBacktest,
  openDatabase,
  pendingMigrations,
  summarizeBacktest,
} from '../src/index.js';

function option(name: string): string[] {
  const out: string[] = [];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) if (args[i] === name && args[i + 1]) out.push(args[++i]!);
  return out;
}

const month = Number(option('--month')[0] ?? 6);
if (!(Number.isInteger(month) && month >= 1 && month <= 11)) {
  console.error('lỗi: --month phải là số nguyên từ 1 đến 11');
  process.exit(1);
}
const units = option('--unit');
const opened = openDatabase(process.env.DATABASE_URL, {
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
try {
  if ((await pendingMigrations(opened.db)).length > 0) {
    throw new Error(
      `cơ sở dữ liệu ${opened.location} chưa ở cấu trúc mới nhất; chạy "pnpm thads migrate" (và "pnpm thads seed demo") trước`,
    );
  }
  const yearsArg = option('--years')[0];
  const years = yearsArg ? yearsArg.split(',').map(Number) : await completedYears(opened.db);
  if (years.length === 0) throw new Error(`cơ sở dữ liệu ${opened.location} chưa có việc nào`);
  const rows = await forecastBacktest(opened.db, {
    years,
    month,
    ...(units.length > 0 ? { units } : {}),
  });

  const pct = (v: Centi | null) => (v === null ? '–' : formatCenti(v).replace('.', ','));
  const pad = (text: string, width: number) => text.padStart(width);
  console.log(
    `Kiểm tra ngược dự báo: giá trị tháng 12 dự báo tại tháng ${month}, so với thực tế (${opened.location})`,
  );
  console.log('Sai lệch = dự báo − thực tế, tính bằng điểm phần trăm.\n');
  console.log(
    `${'Đơn vị'.padEnd(12)}${'Phạm vi'.padEnd(8)}${'Năm'.padEnd(6)}${'Chỉ tiêu'.padEnd(26)}${pad('Dự báo', 10)}${pad('Thực tế', 10)}${pad('Sai lệch', 10)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.unit.padEnd(12)}${r.scope.padEnd(8)}${String(r.year).padEnd(6)}${r.metric.padEnd(26)}${pad(pct(r.forecast), 10)}${pad(pct(r.actual), 10)}${pad(pct(r.error), 10)}`,
    );
  }
  console.log('\nTổng hợp theo chỉ tiêu:');
  for (const s of summarizeBacktest(rows)) {
    const worst = s.worst
      ? `; lệch nhiều nhất ${pct(s.worst.error)} điểm (${s.worst.unit} ${s.worst.scope} ${s.worst.year})`
      : '';
    console.log(
      `- ${TARGET_METRIC_LABELS_VI[s.metric]}: ${s.count} dự báo, sai lệch tuyệt đối trung bình ${pct(s.meanAbsoluteError)} điểm${worst}`,
    );
  }
} catch (error) {
  console.error(`lỗi: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await opened.close();
}
