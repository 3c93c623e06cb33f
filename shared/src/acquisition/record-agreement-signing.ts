/**
 * Use case: record how many households of a village have signed the 征地补偿安置协议 (实施条例第二十九条).
 * Each count is kept (one row per date); the latest per village is the signing rate.
 */
import { z } from "zod";
import { actorSchema, isoDate, parseInput } from "../approval/common.ts";
import type { Db } from "../db/types.ts";
import type { AttachmentStorage } from "../documents/storage.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import {
  assertVillageOfBatch,
  evidenceSchema,
  lockPreAcquisitionBatch,
  putEvidence,
  registerEvidence,
  villageCodeSchema,
} from "./pre-acquisition-common.ts";
import { insertAgreementSigning, readPreAcquisition } from "./pre-acquisition-repository.ts";

const schema = z
  .object({
    batchId: z.uuid(),
    villageCode: villageCodeSchema,
    householdsTotal: z.number().int().positive(),
    householdsSigned: z.number().int().nonnegative(),
    asOf: isoDate,
    unsignedNote: z.string().trim().max(4000).optional(),
    evidence: evidenceSchema.optional(),
    actor: actorSchema,
  })
  .refine((o) => o.householdsSigned <= o.householdsTotal, { message: "已签订户数不得超过应签订户数", path: ["householdsSigned"] });

export type RecordAgreementSigningOptions = z.input<typeof schema> & { storage?: AttachmentStorage };

export async function recordAgreementSigning(
  db: Db,
  options: RecordAgreementSigningOptions,
): Promise<{ id: string; rate: number; attachmentId: string | null }> {
  const o = parseInput("recordAgreementSigning", schema, options);
  const stored = await putEvidence(options.storage, o.evidence);
  return db.transaction(async (tx) => {
    const batch = await lockPreAcquisitionBatch(tx, o.batchId, "补偿协议签订情况");
    await assertVillageOfBatch(tx, batch, o.villageCode);
    const first = (await readPreAcquisition(tx, o.batchId)).notices[0];
    if (!first || o.asOf < first.publishedOn) {
      throw new AppError("VALIDATION_FAILED", `batch ${batch.batch_no}: agreements before (or without) a compensation notice`, {
        messageZh: `批次 ${batch.batch_no} 的补偿协议须在征地补偿安置方案公告之后签订`,
        location: { field: "asOf" },
      });
    }
    const id = await insertAgreementSigning(tx, {
      batchId: o.batchId,
      villageCode: o.villageCode,
      householdsTotal: o.householdsTotal,
      householdsSigned: o.householdsSigned,
      asOf: o.asOf,
      unsignedNote: o.unsignedNote ?? null,
      divisionCode: batch.division_code,
      actor: o.actor,
    });
    const attachmentId = await registerEvidence(tx, stored, o.evidence, {
      batchId: o.batchId,
      kind: "compensation_agreement",
      actor: o.actor,
    });
    const rate = o.householdsSigned / o.householdsTotal;
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: batch.division_code,
      action: "agreement_signing.record",
      entity: "agreement_signing",
      entityId: id,
      detail: {
        batchNo: batch.batch_no,
        villageCode: o.villageCode,
        householdsTotal: o.householdsTotal,
        householdsSigned: o.householdsSigned,
        asOf: o.asOf,
        attachmentId,
      },
    });
    return { id, rate, attachmentId };
  });
}
