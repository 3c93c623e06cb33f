/**
 * Use case: record the 土地现状调查 of one village (实施条例第二十六条: 位置、权属、地类、面积，农村村民
 * 住宅、其他地上附着物和青苗). The survey is arranged by the 预公告, so it may not predate it.
 */
import { z } from "zod";
import { actorSchema, isoDate, parseInput } from "../approval/common.ts";
import { latestPreAnnouncement } from "../approval/repository.ts";
import type { Db } from "../db/types.ts";
import type { AttachmentStorage } from "../documents/storage.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { landClass } from "../standard/codes/index.ts";
import {
  assertVillageOfBatch,
  evidenceSchema,
  lockPreAcquisitionBatch,
  putEvidence,
  registerEvidence,
  villageCodeSchema,
} from "./pre-acquisition-common.ts";
import { insertStatusSurvey } from "./pre-acquisition-repository.ts";

const schema = z.object({
  batchId: z.uuid(),
  villageCode: villageCodeSchema,
  surveyedOn: isoDate,
  /** 地类编码 (GB/T 21010) → 平方米. */
  landSummary: z.record(z.string(), z.number().nonnegative()).refine((o) => Object.keys(o).length > 0, "至少填写一个地类面积"),
  ownership: z.string().max(4000).optional(),
  attachmentsOnLand: z.string().max(8000).optional(),
  population: z.number().int().nonnegative().optional(),
  evidence: evidenceSchema.optional(),
  actor: actorSchema,
});

export type RecordStatusSurveyOptions = z.input<typeof schema> & { storage?: AttachmentStorage };

export async function recordStatusSurvey(db: Db, options: RecordStatusSurveyOptions): Promise<{ id: string; attachmentId: string | null }> {
  const o = parseInput("recordStatusSurvey", schema, options);
  for (const code of Object.keys(o.landSummary)) {
    if (!landClass(code)) {
      throw new AppError("VALIDATION_FAILED", `unknown land class ${code}`, {
        messageZh: `地类编码 ${code} 不在 GB/T 21010 地类表中`,
        location: { field: `landSummary.${code}` },
      });
    }
  }
  const stored = await putEvidence(options.storage, o.evidence);
  return db.transaction(async (tx) => {
    const batch = await lockPreAcquisitionBatch(tx, o.batchId, "土地现状调查");
    await assertVillageOfBatch(tx, batch, o.villageCode);
    const pre = await latestPreAnnouncement(tx, o.batchId);
    if (!pre || o.surveyedOn < pre.publishedOn) {
      throw new AppError("VALIDATION_FAILED", `batch ${batch.batch_no}: status survey before (or without) the 预公告`, {
        messageZh: `批次 ${batch.batch_no} 须先发布征收土地预公告（载明现状调查安排），调查日期不得早于预公告发布日期`,
        location: { field: "surveyedOn" },
      });
    }
    const id = await insertStatusSurvey(tx, {
      batchId: o.batchId,
      villageCode: o.villageCode,
      surveyedOn: o.surveyedOn,
      landSummary: o.landSummary,
      ownership: o.ownership ?? null,
      attachmentsOnLand: o.attachmentsOnLand ?? null,
      population: o.population ?? null,
      divisionCode: batch.division_code,
    });
    const attachmentId = await registerEvidence(tx, stored, o.evidence, { batchId: o.batchId, kind: "status_survey", actor: o.actor });
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: batch.division_code,
      action: "status_survey.record",
      entity: "status_survey",
      entityId: id,
      detail: { batchNo: batch.batch_no, villageCode: o.villageCode, surveyedOn: o.surveyedOn, attachmentId },
    });
    return { id, attachmentId };
  });
}
