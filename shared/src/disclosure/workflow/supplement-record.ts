/**
 * Use case: supplement (补充) a record with missing material uploaded by a clerk: the file is
 * type-checked (content, not just its name), stored as an attachment of the record's 批准文件 and
 * registered as a disclosure_item with source 'upload', in one transaction with its audit event.
 * The same file twice on one record is refused (CONFLICT), not stored again.
 */
import { z } from "zod";
import type { Db } from "../../db/types.ts";
import { inspectUpload } from "../../documents/inspect-upload.ts";
import type { AttachmentStorage } from "../../documents/storage.ts";
import { parseAttachmentMeta, registerAttachment } from "../../documents/store-attachment.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import type { RequestMeta } from "../../security/policies/enforce.ts";
import { DISCLOSURE_TYPES, DOCUMENT_KINDS } from "../../standard/codes/index.ts";
import { authorizeRow, parseInput, recordNotFound, userSchema } from "./common.ts";
import { insertUploadItem, readRecord } from "./repository.ts";
import { assertEditable, reopenIfConfirmed } from "./rework.ts";

const codes = <T extends { code: string }>(list: readonly T[]) => list.map((e) => e.code) as [string, ...string[]];

const schema = z.object({
  recordId: z.uuid(),
  user: userSchema,
  title: z.string().trim().min(2).max(300),
  kind: z.enum(codes(DOCUMENT_KINDS)),
  stage: z.enum(["批前", "报批", "批文", "批后"]).nullable().default(null),
  disclosureType: z.enum(codes(DISCLOSURE_TYPES)).default("proactive"),
  fileName: z.string().min(1).max(255),
  declaredType: z.string().max(100).default(""),
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0, "文件为空"),
});
export type SupplementRecordOptions = z.input<typeof schema> & { storage: AttachmentStorage };

export async function supplementRecord(
  db: Db,
  options: SupplementRecordOptions,
  meta: RequestMeta = {},
): Promise<{ itemId: string; attachmentId: string; sha256: string; status: string }> {
  const { storage, ...input } = options;
  const o = parseInput("supplementRecord", schema, input);
  const pre = await readRecord(db, o.recordId);
  if (!pre) throw recordNotFound(o.recordId);
  await authorizeRow(db, o.user, "update", pre.division_code, meta);
  assertEditable(pre);
  const inspected = await inspectUpload({ bytes: o.bytes, fileName: o.fileName, declaredType: o.declaredType, use: "documents" });
  const attachmentMeta = parseAttachmentMeta({
    kind: o.kind,
    // 依申请公开/不公开 material is internal; what is proactively disclosed is public.
    classification: o.disclosureType === "proactive" ? "public" : "internal",
    disclosureType: o.disclosureType,
    fileName: o.fileName,
    mediaType: inspected.mediaType,
    batchId: pre.batch_id,
    approvalDocId: pre.approval_doc_id,
    actor: o.user.username,
  });
  const stored = await storage.put(o.bytes);
  return db.transaction(async (tx) => {
    const r = await readRecord(tx, o.recordId, true);
    if (!r) throw recordNotFound(o.recordId);
    assertEditable(r);
    const a = await registerAttachment(tx, stored, attachmentMeta);
    const itemId = await insertUploadItem(tx, {
      recordId: r.id,
      attachmentId: a.id,
      sourceKey: `${r.id}/${stored.sha256}`,
      sha256: stored.sha256,
      title: o.title,
      kind: o.kind,
      stage: o.stage,
      disclosureType: o.disclosureType,
      batchId: r.batch_id,
      divisionCode: r.division_code,
    });
    if (!itemId) {
      throw new AppError("CONFLICT", "the same file is already a material of this record", {
        messageZh: `该文件（SHA-256 ${stored.sha256.slice(0, 12)}…）已是此记录的材料，无需重复上传`,
        location: { field: "file" },
      });
    }
    await appendAudit(tx, {
      actor: o.user.username,
      roles: o.user.roles,
      divisionCode: r.division_code,
      action: "disclosure.supplement",
      entity: "disclosure_record",
      entityId: r.id,
      ip: meta.ip ?? null,
      detail: { itemId, attachmentId: a.id, sha256: stored.sha256, title: o.title, kind: o.kind, stage: o.stage, fileName: o.fileName },
    });
    await reopenIfConfirmed(tx, r, o.user, "supplement");
    return { itemId, attachmentId: a.id, sha256: stored.sha256, status: r.status === "confirmed" ? "pending" : r.status };
  });
}
