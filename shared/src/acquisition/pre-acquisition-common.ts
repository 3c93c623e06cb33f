/** What the 征前程序 record use cases share: the batch must be in 征前, the village in its 区县, evidence files. */
import { z } from "zod";
import { type BatchRow, lockBatch } from "../approval/repository.ts";
import type { Queryable } from "../db/types.ts";
import type { AttachmentStorage, StoredObject } from "../documents/storage.ts";
import { parseAttachmentMeta, registerAttachment } from "../documents/store-attachment.ts";
import { AppError } from "../errors/app-error.ts";
import { DOCUMENT_KINDS } from "../standard/codes/index.ts";
import { villageOf } from "./repository.ts";

export const villageCodeSchema = z.string().regex(/^\d{12}$/, "村级行政区划代码应为 12 位数字");

/** An evidence file (扫描件, 报告, 签字表 …) stored as an attachment of the batch with the record. */
export const evidenceSchema = z.object({
  fileName: z
    .string()
    .min(1)
    .max(255)
    .refine((s) => !/[/\\\0]/.test(s), "文件名不得包含路径"),
  mediaType: z
    .string()
    .max(100)
    .regex(/^[a-z]+\/[a-z0-9.+-]+$/i),
  bytes: z.instanceof(Uint8Array).refine((b) => b.length > 0, "文件为空"),
});
export type Evidence = z.input<typeof evidenceSchema>;

export async function lockPreAcquisitionBatch(tx: Queryable, batchId: string, whatZh: string): Promise<BatchRow> {
  const batch = await lockBatch(tx, batchId);
  if (!batch) {
    throw new AppError("NOT_FOUND", `batch ${batchId} not found`, { messageZh: `批次不存在：${batchId}`, location: { field: "batchId" } });
  }
  if (batch.state !== "pre_acquisition") {
    throw new AppError("CONFLICT", `batch ${batch.batch_no} is ${batch.state}; ${whatZh} belongs to 征前`, {
      messageZh: `批次 ${batch.batch_no} 已不在征前阶段，不能登记${whatZh}`,
      location: { field: "batchId", batchNo: batch.batch_no },
    });
  }
  return batch;
}

export async function assertVillageOfBatch(tx: Queryable, batch: BatchRow, villageCode: string): Promise<void> {
  const v = await villageOf(tx, villageCode);
  if (v?.level !== "village" || !villageCode.startsWith(batch.division_code.slice(0, 6))) {
    throw new AppError("VALIDATION_FAILED", `village ${villageCode} is not a village of ${batch.division_code}`, {
      messageZh: `村级行政区划代码 ${villageCode} 不存在或不属于批次 ${batch.batch_no} 所在区县（${batch.division_code}）`,
      location: { field: "villageCode" },
    });
  }
}

/** Puts the bytes into content-addressed storage before the transaction (idempotent, see storeAttachment). */
export async function putEvidence(
  storage: AttachmentStorage | undefined,
  evidence: z.output<typeof evidenceSchema> | undefined,
): Promise<StoredObject | null> {
  if (!evidence) return null;
  if (!storage) {
    throw new AppError("INTERNAL", "evidence given without attachment storage", { messageZh: "未配置附件存储，无法保存证明材料" });
  }
  return storage.put(evidence.bytes);
}

/** Registers the stored evidence as an attachment of the batch (inside the record's transaction). */
export async function registerEvidence(
  tx: Queryable,
  stored: StoredObject | null,
  evidence: z.output<typeof evidenceSchema> | undefined,
  o: { batchId: string; kind: string; actor: string },
): Promise<string | null> {
  if (!stored || !evidence) return null;
  const kind = DOCUMENT_KINDS.find((k) => k.code === o.kind);
  const meta = parseAttachmentMeta({
    kind: o.kind,
    classification: kind?.disclosure === "proactive" ? "public" : "internal",
    disclosureType: kind?.disclosure ?? "on_request",
    fileName: evidence.fileName,
    mediaType: evidence.mediaType,
    batchId: o.batchId,
    actor: o.actor,
  });
  return (await registerAttachment(tx, stored, meta)).id;
}
