/**
 * The yearly classification review (issue 7): the cases an account reviews in a working year with
 * the progress ("đã rà soát 412 / 530"), the progress per officer of a unit and per unit of the
 * Cục, and the review itself (confirm or correct), all or nothing, audited (@thads/db
 * case-reviews.ts).
 *
 * Who: reading, every signed-in account in its scope (an officer account: the cases it holds and
 * its own progress only); reviewing, an officer its own cases, and cuc_manager, unit_head and clerk
 * the cases of their units (leadership and admin never write data).
 */
import {
  listReviewCases,
  listUnits,
  recordCaseReviews,
  reviewProgressByOfficer,
  reviewProgressByUnit,
  unitsOfScope,
} from '@thads/db';
import { DomainError, subtreeCodes, type Classification } from '@thads/domain';
import { z } from 'zod';
import { accessOf, assertUnit } from '../access.js';
import { procedureFor, router, signedInProcedure } from '../trpc.js';
import { todayOf, writerOf } from './request.js';
import {
  caseIdText,
  flagCode,
  flagFilter,
  judgmentTypeCode,
  judgmentTypeFilter,
  modeFilter,
  officerCode,
  scope,
  unitCode,
  workingYear,
} from './schemas.js';

/** Who may record a review: the officer holding the case, or whoever enters the unit's data. */
const reviewerProcedure = procedureFor('cuc_manager', 'unit_head', 'clerk', 'officer');

export const reviewListInput = z.object({
  year: workingYear,
  unit: unitCode,
  scope: scope.default('own'),
  officer: officerCode.optional(),
  unassigned: z.boolean().optional(),
  status: z.enum(['reviewed', 'pending']).optional(),
  mode: modeFilter.optional(),
  judgmentType: judgmentTypeFilter.optional(),
  flag: flagFilter.optional(),
  q: z.string().max(200, 'Từ khoá tìm kiếm tối đa 200 ký tự').optional(),
  page: z.number().int().min(1, 'Trang bắt đầu từ 1').default(1),
  pageSize: z
    .number()
    .int()
    .min(10, 'Mỗi trang từ 10 đến 200 dòng')
    .max(200, 'Mỗi trang từ 10 đến 200 dòng')
    .default(50),
});

export interface ReviewRowJson {
  id: string;
  unit: string;
  receivedOn: string;
  amount: string;
  state: string;
  debtorName: string | null;
  judgmentRef: string | null;
  officer: string | null;
  classification: {
    mode: Classification['mode'];
    judgmentType: Classification['judgmentType'];
    flags: string[];
  };
  review: {
    result: 'confirmed' | 'corrected';
    reviewedBy: string;
    reviewedAt: string;
    officer: string | null;
  } | null;
}

export interface ReviewListJson {
  year: number;
  progress: { reviewed: number; total: number };
  count: number;
  page: number;
  pageSize: number;
  rows: ReviewRowJson[];
}

export interface ReviewProgressJson {
  year: number;
  unit: string;
  /** Rows per officer of the unit (and "Chưa phân công"), or per unit of the Cục's subtree. */
  by: 'officer' | 'unit';
  rows: { key: string | null; name: string; reviewed: number; total: number }[];
  whole: { reviewed: number; total: number };
}

export const classificationRouter = router({
  /** A page of the cases to review in a working year, with the progress of the selection. */
  reviewList: signedInProcedure
    .input(reviewListInput)
    .query(async ({ ctx, input }): Promise<ReviewListJson> => {
      const access = await accessOf(ctx.db, ctx.session);
      assertUnit(access, input.unit);
      if (
        access.officer !== null &&
        (input.unassigned || (input.officer && input.officer !== access.officer))
      )
        throw new DomainError('FORBIDDEN', 'Chấp hành viên chỉ xem được các việc của chính mình');
      const units = (await unitsOfScope(ctx.db, input.unit, input.scope)).filter(
        (u) => access.allUnits || access.units.has(u),
      );
      const officer =
        access.officer !== null ? access.officer : input.unassigned ? null : input.officer;
      const list = await listReviewCases(ctx.db, {
        year: input.year,
        today: todayOf(ctx),
        units,
        ...(officer !== undefined ? { officer } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.mode ? { mode: input.mode } : {}),
        ...(input.judgmentType ? { judgmentType: input.judgmentType } : {}),
        ...(input.flag ? { flag: input.flag } : {}),
        ...(input.q ? { q: input.q } : {}),
        page: input.page,
        pageSize: input.pageSize,
      });
      return {
        ...list,
        rows: list.rows.map((r) => ({
          ...r,
          amount: r.amount.toString(),
          classification: { ...r.classification, flags: [...r.classification.flags] },
        })),
      };
    }),

  /**
   * The progress of a working year's review: for a unit without units under it (or `by: officer`),
   * per officer holding the cases and the unassigned ones; for a unit with units under it, per unit
   * of its subtree (each its own cases). An officer account gets its own figures only.
   */
  reviewProgress: signedInProcedure
    .input(
      z.object({ year: workingYear, unit: unitCode, by: z.enum(['officer', 'unit']).optional() }),
    )
    .query(async ({ ctx, input }): Promise<ReviewProgressJson> => {
      const access = await accessOf(ctx.db, ctx.session);
      assertUnit(access, input.unit);
      const today = todayOf(ctx);
      const subtree = subtreeCodes(await listUnits(ctx.db), input.unit).filter(
        (u) => access.allUnits || access.units.has(u),
      );
      const by =
        access.officer !== null
          ? 'officer'
          : (input.by ?? (subtree.length > 1 ? 'unit' : 'officer'));
      if (by === 'unit') {
        // The units under it in code order, the unit's own office last.
        const order = [...subtree.filter((u) => u !== input.unit).sort(), input.unit];
        const p = await reviewProgressByUnit(ctx.db, { year: input.year, today, units: order });
        return { year: input.year, unit: input.unit, by, ...p };
      }
      const p = await reviewProgressByOfficer(ctx.db, {
        year: input.year,
        today,
        unit: input.unit,
      });
      if (access.officer !== null) {
        const mine = p.rows.filter((r) => r.key === access.officer);
        const whole = mine[0]
          ? { reviewed: mine[0].reviewed, total: mine[0].total }
          : { reviewed: 0, total: 0 };
        return { year: input.year, unit: input.unit, by, rows: mine, whole };
      }
      return { year: input.year, unit: input.unit, by, ...p };
    }),

  /**
   * Confirms or corrects the classification of cases for a working year, all or nothing (up to
   * 500 at once): an officer only the cases it holds now.
   */
  review: reviewerProcedure
    .input(
      z.object({
        year: workingYear,
        reviews: z
          .array(
            z.object({
              caseId: caseIdText,
              mode: z.enum(['chu_dong', 'theo_yeu_cau']).nullable(),
              judgmentType: judgmentTypeCode.nullable(),
              flags: z.array(flagCode).max(20),
            }),
          )
          .min(1, 'Chưa chọn việc nào')
          .max(500, 'Mỗi lần rà soát tối đa 500 việc'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      return recordCaseReviews(ctx.db, input, {
        ...writerOf(ctx),
        today: todayOf(ctx),
        units: access.allUnits ? null : access.units,
        officer: access.officer,
      });
    }),
});
