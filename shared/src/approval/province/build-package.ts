/**
 * Use case: the submission package of a queued province_submission — batch metadata, the parcels as
 * MNR TXT (GBK, as the receiving systems expect), the latest review's tables and the batch's
 * documents by sha256. A read: built again for every resend, so a resend carries the same key and
 * the batch's data as it stands (the batch cannot change while 报省).
 */
import { createHash } from "node:crypto";
import type { Db } from "../../db/types.ts";
import { notFound } from "../common.ts";
import { exportBoundarySurveyTxt } from "../export-boundary-survey.ts";
import { batchHasSurvey, selectPackageSource } from "./repository.ts";
import { PROTOCOL, type SubmissionPackage } from "./wire.ts";

export interface Sender {
  divisionCode: string;
  name: string;
}

const REVIEW_TABLE_KEYS = ["version", "passed", "classTable", "declared", "overlaps", "authority", "findings"] as const;

export async function buildSubmissionPackage(
  db: Db,
  input: { submissionId: string; batchId: string; sender: Sender; now?: Date },
): Promise<SubmissionPackage> {
  const src = await selectPackageSource(db, input.submissionId);
  if (!src) throw notFound("province submission", "报省记录", input.submissionId, "submissionId");
  let parcels: SubmissionPackage["parcels"] = null;
  if (await batchHasSurvey(db, input.batchId)) {
    const bytes = await exportBoundarySurveyTxt(db, { batchId: input.batchId, encoding: "gbk" });
    parcels = {
      format: "mnr-txt",
      encoding: "gbk",
      sha256: createHash("sha256").update(bytes).digest("hex"),
      contentBase64: Buffer.from(bytes).toString("base64"),
    };
  }
  const review = src.review;
  return {
    protocol: PROTOCOL,
    idempotencyKey: input.submissionId,
    submittedAt: (input.now ?? new Date()).toISOString(),
    sender: input.sender,
    batch: {
      batchNo: src.batch.batch_no,
      name: src.batch.name,
      landUseType: src.batch.land_use_type,
      divisionCode: src.batch.division_code,
      planYear: src.batch.plan_year,
      totalAreaHa: src.batch.total_area_ha === null ? null : Number(src.batch.total_area_ha),
      seq: src.seq,
    },
    parcels,
    reviewTables: review ? Object.fromEntries(REVIEW_TABLE_KEYS.filter((k) => k in review).map((k) => [k, review[k]])) : null,
    documents: src.documents.map((d) => ({
      kind: d.kind,
      title: d.file_name,
      fileName: d.file_name,
      mediaType: d.media_type,
      size: Number(d.size_bytes),
      sha256: d.sha256,
    })),
  };
}
