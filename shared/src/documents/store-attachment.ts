/**
 * Use case: store one material file (批文, 公告, 坐标文件, 扫描件 …) and register it as an `attachment`
 * row of a batch and/or approval document. The bytes go to content-addressed storage first (idempotent,
 * so a rolled-back transaction leaves at most an unreferenced file, never a row without its file);
 * the row and its audit event are written in one transaction.
 */
import { z } from "zod";
import type { Db, Queryable } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { CLASSIFICATIONS, DISCLOSURE_TYPES, DOCUMENT_KINDS } from "../standard/codes/index.ts";
import { insertAttachment, ownerDivision } from "./repository.ts";
import type { AttachmentStorage, StoredObject } from "./storage.ts";

const codes = <T extends { code: string }>(list: readonly T[]) => list.map((e) => e.code) as [string, ...string[]];

export const attachmentMetaSchema = z
  .object({
    kind: z.enum(codes(DOCUMENT_KINDS)),
    classification: z.enum(codes(CLASSIFICATIONS)),
    disclosureType: z.enum(codes(DISCLOSURE_TYPES)),
    fileName: z
      .string()
      .min(1)
      .max(255)
      .refine((s) => !/[/\\\0]/.test(s), "file name must not contain a path separator"),
    mediaType: z
      .string()
      .max(100)
      .regex(/^[a-z]+\/[a-z0-9.+-]+$/i),
    batchId: z.uuid().nullable().default(null),
    approvalDocId: z.uuid().nullable().default(null),
    actor: z.string().min(1).max(64),
  })
  .refine((o) => o.batchId !== null || o.approvalDocId !== null, {
    message: "an attachment belongs to a batch or an approval document",
    path: ["batchId"],
  });

export type AttachmentMeta = z.input<typeof attachmentMetaSchema>;

export interface StoreAttachmentOptions extends AttachmentMeta {
  storage: AttachmentStorage;
  bytes: Uint8Array;
}

export interface StoredAttachment extends StoredObject {
  id: string;
  divisionCode: string;
}

export function invalidInput(what: string, error: z.ZodError): AppError {
  const first = error.issues[0];
  const field = first ? first.path.join(".") : "";
  return new AppError("VALIDATION_FAILED", `${what}: ${error.message}`, {
    messageZh: `${what}：输入数据校验未通过${field ? `（字段 ${field}）` : ""}`,
    location: field ? { field } : undefined,
    details: error.issues,
  });
}

/** Parses attachment metadata; AppError VALIDATION_FAILED (located at the field) when invalid. */
export function parseAttachmentMeta(meta: AttachmentMeta): z.output<typeof attachmentMetaSchema> {
  const parsed = attachmentMetaSchema.safeParse(meta);
  if (!parsed.success) throw invalidInput("storeAttachment", parsed.error);
  return parsed.data;
}

/**
 * Registers already-stored bytes inside the caller's transaction (for use cases that store a file
 * as part of a larger write, e.g. the boundary-survey import). The caller appends the audit event.
 */
export async function registerAttachment(
  tx: Queryable,
  stored: StoredObject,
  meta: z.output<typeof attachmentMetaSchema>,
): Promise<StoredAttachment> {
  const owner = await ownerDivision(tx, { batchId: meta.batchId, approvalDocId: meta.approvalDocId });
  if (!owner) {
    throw new AppError("NOT_FOUND", "batch or approval document of the attachment not found", {
      messageZh: "附件所属的批次或批准文件不存在（或二者不对应）",
      location: { field: meta.approvalDocId ? "approvalDocId" : "batchId" },
    });
  }
  const id = await insertAttachment(tx, {
    sha256: stored.sha256,
    sizeBytes: stored.sizeBytes,
    mediaType: meta.mediaType,
    fileName: meta.fileName,
    kind: meta.kind,
    classification: meta.classification,
    disclosureType: meta.disclosureType,
    storageKey: stored.key,
    batchId: owner.batchId,
    approvalDocId: meta.approvalDocId,
    divisionCode: owner.divisionCode,
    createdBy: meta.actor,
  });
  return { ...stored, id, divisionCode: owner.divisionCode };
}

export async function storeAttachment(db: Db, options: StoreAttachmentOptions): Promise<StoredAttachment> {
  const { storage, bytes, ...metaInput } = options;
  if (!(bytes instanceof Uint8Array)) {
    throw new AppError("VALIDATION_FAILED", "storeAttachment: bytes must be a Uint8Array", {
      messageZh: "附件内容无效",
      location: { field: "bytes" },
    });
  }
  const meta = parseAttachmentMeta(metaInput);
  const stored = await storage.put(bytes);
  return db.transaction(async (tx) => {
    const a = await registerAttachment(tx, stored, meta);
    await appendAudit(tx, {
      actor: meta.actor,
      divisionCode: a.divisionCode,
      action: "attachment.store",
      entity: "attachment",
      entityId: a.id,
      detail: {
        sha256: a.sha256,
        sizeBytes: a.sizeBytes,
        kind: meta.kind,
        fileName: meta.fileName,
        batchId: meta.batchId,
        approvalDocId: meta.approvalDocId,
      },
    });
    return a;
  });
}
