/**
 * Use case: record a 听证 — the request, then (same call or a later one with `hearingId`) the date it
 * was held and its outcome, with the 听证笔录/材料 as evidence.
 */
import { z } from "zod";
import { actorSchema, isoDate, parseInput } from "../approval/common.ts";
import type { Db } from "../db/types.ts";
import type { AttachmentStorage } from "../documents/storage.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { evidenceSchema, lockPreAcquisitionBatch, putEvidence, registerEvidence } from "./pre-acquisition-common.ts";
import { insertHearing, readPreAcquisition, updateHearing } from "./pre-acquisition-repository.ts";

const schema = z
  .object({
    batchId: z.uuid(),
    hearingId: z.uuid().optional(),
    requestedOn: isoDate,
    heldOn: isoDate.optional(),
    outcome: z.string().trim().min(2).max(8000).optional(),
    evidence: evidenceSchema.optional(),
    actor: actorSchema,
  })
  .refine((o) => !o.heldOn || o.heldOn >= o.requestedOn, { message: "听证日期不得早于申请日期", path: ["heldOn"] })
  .refine((o) => !o.outcome || o.heldOn, { message: "填写听证结果时须填写听证日期", path: ["heldOn"] });

export type RecordHearingOptions = z.input<typeof schema> & { storage?: AttachmentStorage };

export async function recordHearing(db: Db, options: RecordHearingOptions): Promise<{ id: string; attachmentId: string | null }> {
  const o = parseInput("recordHearing", schema, options);
  const stored = await putEvidence(options.storage, o.evidence);
  return db.transaction(async (tx) => {
    const batch = await lockPreAcquisitionBatch(tx, o.batchId, "听证");
    const snap = await readPreAcquisition(tx, o.batchId);
    let id: string;
    if (o.hearingId) {
      if (
        !snap.hearings.some((h) => h.id === o.hearingId) ||
        !(await updateHearing(tx, o.hearingId, { heldOn: o.heldOn ?? null, outcome: o.outcome ?? null }))
      ) {
        throw new AppError("NOT_FOUND", `hearing ${o.hearingId} not found`, {
          messageZh: `听证记录不存在：${o.hearingId}`,
          location: { field: "hearingId" },
        });
      }
      id = o.hearingId;
    } else {
      const first = snap.notices[0];
      if (!first || o.requestedOn < first.publishedOn) {
        throw new AppError("VALIDATION_FAILED", `batch ${batch.batch_no}: hearing before (or without) a compensation notice`, {
          messageZh: `批次 ${batch.batch_no} 的听证须在征地补偿安置方案公告发布之后申请`,
          location: { field: "requestedOn" },
        });
      }
      id = await insertHearing(tx, {
        batchId: o.batchId,
        requestedOn: o.requestedOn,
        heldOn: o.heldOn ?? null,
        outcome: o.outcome ?? null,
        divisionCode: batch.division_code,
      });
    }
    const attachmentId = await registerEvidence(tx, stored, o.evidence, { batchId: o.batchId, kind: "hearing", actor: o.actor });
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: batch.division_code,
      action: o.hearingId ? "hearing.update" : "hearing.record",
      entity: "hearing",
      entityId: id,
      detail: { batchNo: batch.batch_no, requestedOn: o.requestedOn, heldOn: o.heldOn ?? null, outcome: o.outcome ?? null, attachmentId },
    });
    return { id, attachmentId };
  });
}
