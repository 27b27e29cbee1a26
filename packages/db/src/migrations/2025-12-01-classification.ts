/**
 * Case classification and the yearly review (issue 7).
 *
 * - `cases.judgment_type`: dan_su, hinh_su, hanh_chinh, hon_nhan_gia_dinh, kinh_doanh_thuong_mai,
 *   lao_dong, pha_san, trong_tai, khac, or null (not classified). The mode stays in `cases.mode`.
 * - `cases.flags`: the steering flags, codes in vocabulary order joined by `;` ('' for none; see
 *   @thads/domain `formatFlags`): one column, because a report reads every case of its units anyway
 *   and filters them in TypeScript, and the flags are few.
 * - `case_reviews`: one row per case and working year once a reviewer has confirmed or corrected
 *   its classification (rà soát, phân loại hồ sơ đầu năm): who (username, and the officer holding
 *   the case then), when, the result and the classification it ended with. Audited as entity
 *   `case_review`.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('judgment_type', 'text').execute();
  await db.schema
    .alterTable('cases')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('case_reviews')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('officer', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('mode', 'text')
    .addColumn('judgment_type', 'text')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reviewed_by', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_reviews_pk', ['case_id', 'year'])
    .addCheckConstraint('case_reviews_result', sql`result in ('confirmed', 'corrected')`)
    .execute();
  await db.schema
    .createIndex('case_reviews_year')
    .on('case_reviews')
    .columns(['year', 'case_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_reviews_year').execute();
  await db.schema.dropTable('case_reviews').execute();
  await db.schema.alterTable('cases').dropColumn('flags').execute();
  await db.schema.alterTable('cases').dropColumn('judgment_type').execute();
}
