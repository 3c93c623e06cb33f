/**
 * Use case: record the 社会稳定风险评估 (实施条例第二十六条第四款: 评估结果是申请征收土地的重要依据).
 * A later assessment supersedes an earlier one (the latest counts in the 征前 status).
 */
import { z } from "zod";
import { actorSchema, isoDate, parseInput } from "../approval/common.ts";
import type { Db } from "../db/types.ts";
import type { AttachmentStorage } from "../documents/storage.ts";
import { appendAudit } from "../security/audit.ts";
import { evidenceSchema, lockPreAcquisitionBatch, putEvidence, registerEvidence } from "./pre-acquisition-common.ts";
import { insertRiskAssessment } from "./pre-acquisition-repository.ts";

const schema = z.object({
  batchId: z.uuid(),
  riskLevel: z.enum(["low", "medium", "high"]),
  measures: z.string().max(8000).optional(),
  conclusion: z.string().trim().min(2).max(8000),
  assessedOn: isoDate,
  evidence: evidenceSchema.optional(),
  actor: actorSchema,
});

export type RecordRiskAssessmentOptions = z.input<typeof schema> & { storage?: AttachmentStorage };

export async function recordRiskAssessment(
  db: Db,
  options: RecordRiskAssessmentOptions,
): Promise<{ id: string; attachmentId: string | null }> {
  const o = parseInput("recordRiskAssessment", schema, options);
  const stored = await putEvidence(options.storage, o.evidence);
  return db.transaction(async (tx) => {
    const batch = await lockPreAcquisitionBatch(tx, o.batchId, "社会稳定风险评估");
    const id = await insertRiskAssessment(tx, {
      batchId: o.batchId,
      riskLevel: o.riskLevel,
      measures: o.measures ?? null,
      conclusion: o.conclusion,
      assessedOn: o.assessedOn,
      divisionCode: batch.division_code,
    });
    const attachmentId = await registerEvidence(tx, stored, o.evidence, { batchId: o.batchId, kind: "risk_assessment", actor: o.actor });
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: batch.division_code,
      action: "risk_assessment.record",
      entity: "risk_assessment",
      entityId: id,
      detail: { batchNo: batch.batch_no, riskLevel: o.riskLevel, assessedOn: o.assessedOn, attachmentId },
    });
    return { id, attachmentId };
  });
}
