/**
 * Reading stored reviews: one report by id, or the versions of a batch. With `scope` the read runs
 * through withScope, so PostgreSQL row-level security limits it to the user's 区县 (a review of
 * another 区县 is then "not found").
 */
import { z } from "zod";
import { withScope } from "../../db/scope.ts";
import type { Db, Queryable } from "../../db/types.ts";
import { notFound, parseInput } from "../common.ts";
import { selectReviewReport, selectReviews } from "./repository.ts";
import type { ReviewReport } from "./types.ts";

export interface ReadScope {
  /** The user's division: rows outside it are invisible. */
  scope?: { divisionCode: string };
}

export interface ReviewSummary {
  id: string;
  batchId: string;
  version: number;
  passed: boolean;
  authority: string;
  totalAreaM2: number;
  createdAt: string;
  createdBy: string;
}

const idSchema = z.object({ id: z.uuid() });
const batchSchema = z.object({ batchId: z.uuid() });

function read<T>(db: Db, options: ReadScope, fn: (q: Queryable) => Promise<T>): Promise<T> {
  return options.scope ? withScope(db, options.scope, fn) : fn(db);
}

export async function getReview(db: Db, id: string, options: ReadScope = {}): Promise<ReviewReport> {
  const o = parseInput("getReview", idSchema, { id });
  const report = await read(db, options, (q) => selectReviewReport(q, o.id));
  if (report === null) throw notFound("review", "审查记录", o.id, "id");
  return report as ReviewReport;
}

/** Every version of the batch's review, oldest first (empty when none, or none in scope). */
export async function listReviews(db: Db, batchId: string, options: ReadScope = {}): Promise<ReviewSummary[]> {
  const o = parseInput("listReviews", batchSchema, { batchId });
  const rows = await read(db, options, (q) => selectReviews(q, o.batchId));
  return rows.map((r) => ({
    id: r.id,
    batchId: r.batch_id,
    version: r.version,
    passed: r.passed,
    authority: r.authority,
    totalAreaM2: Number(r.total_area_m2),
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}
