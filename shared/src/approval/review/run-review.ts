/**
 * Use case: run the spatial review (报批审查) of a batch and store it as the batch's next version.
 *
 * The batch row is locked, so two reviews of one batch get consecutive versions; the computation
 * (compute.ts) reads inside the same transaction, so the stored report matches one consistent state
 * of the parcels and layers. The review row (report as JSON), one review_overlap row per overlap with
 * its geometry and one audit event are written together. Earlier versions are never changed: a
 * re-run after 补正 adds a version.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../db/types.ts";
import { appendAudit } from "../../security/audit.ts";
import { LAND_CLASS_CODE_PATTERN } from "../../standard/codes/index.ts";
import { actorSchema, notFound, parseInput } from "../common.ts";
import { lockBatch } from "../repository.ts";
import { computeReview } from "./compute.ts";
import { insertReview, insertReviewOverlaps, nextReviewVersion, transactionNow } from "./repository.ts";
import type { ReviewReport } from "./types.ts";

/** Default allowed difference between declared and computed areas. */
export const DEFAULT_REVIEW_TOLERANCE = 0.01;
/** Default smallest overlap reported, m² (sub-millimetre slivers along shared boundaries are noise). */
export const DEFAULT_MIN_OVERLAP_M2 = 1;

const schema = z.object({
  batchId: z.uuid(),
  actor: actorSchema,
  declared: z
    .array(z.object({ dlbm: z.string().regex(LAND_CLASS_CODE_PATTERN, "地类编码格式错误"), areaM2: z.number().finite().min(0) }))
    .max(500)
    .optional(),
  tolerance: z.number().min(0).max(1).default(DEFAULT_REVIEW_TOLERANCE),
  minOverlapM2: z.number().min(0).max(10_000).default(DEFAULT_MIN_OVERLAP_M2),
});

export type RunReviewOptions = z.input<typeof schema>;

export async function runReview(db: Db, options: RunReviewOptions): Promise<ReviewReport> {
  const o = parseInput("runReview", schema, options);
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, o.batchId);
    if (!batch) throw notFound("batch", "批次", o.batchId, "batchId");
    const body = await computeReview(tx, batch, { declared: o.declared, tolerance: o.tolerance, minOverlapM2: o.minOverlapM2 });
    const version = await nextReviewVersion(tx, batch.id);
    const report: ReviewReport = {
      reviewId: randomUUID(),
      version,
      createdAt: await transactionNow(tx),
      createdBy: o.actor,
      ...body,
    };
    await insertReview(tx, {
      id: report.reviewId,
      batchId: batch.id,
      version,
      passed: report.passed,
      authority: report.authority.authority,
      totalAreaM2: report.classTable.total.m2,
      report,
      divisionCode: batch.division_code,
      createdAt: report.createdAt,
      createdBy: o.actor,
    });
    await insertReviewOverlaps(
      tx,
      report.reviewId,
      batch.division_code,
      report.overlaps.map((x) => ({
        kind: x.kind,
        severity: x.severity,
        parcelId: x.parcelId,
        parcelNo: x.parcelNo,
        refTable: x.ref.table,
        refId: x.ref.id,
        refLabel: x.ref.label,
        areaM2: x.area.m2,
        geojson: JSON.stringify(x.geometry),
      })),
    );
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: batch.division_code,
      action: "review.run",
      entity: "review",
      entityId: report.reviewId,
      detail: {
        batchNo: batch.batch_no,
        version,
        passed: report.passed,
        authority: report.authority.authority,
        totalAreaM2: report.classTable.total.m2,
        overlaps: report.overlaps.length,
        blocking: report.findings.filter((f) => f.severity === "blocking").map((f) => f.code),
      },
    });
    return report;
  });
}
