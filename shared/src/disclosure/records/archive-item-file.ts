/**
 * Use case: a bundled material's file joins the attachment archive of its 批准文件 (kind, 公开类型
 * and owner from the item). Files already archived with the same content and owner are reused —
 * the 一张图 source may be this system's own archive — so harvesting never duplicates attachments.
 */
import type { Queryable } from "../../db/types.ts";
import { insertAttachment } from "../../documents/repository.ts";
import { appendAudit } from "../../security/audit.ts";
import { findOwnedAttachment, lockItem, setItemAttachment } from "./repository.ts";

export async function archiveItemFile(
  tx: Queryable,
  input: { itemId: string; approvalDocId: string; sizeBytes?: number; actor: string },
): Promise<{ attachmentId: string; created: boolean } | null> {
  const item = await lockItem(tx, input.itemId);
  if (!item?.kind || !item.storage_key) return null;
  const owner = { approvalDocId: input.approvalDocId, batchId: item.batch_id };
  const existing = await findOwnedAttachment(tx, item.content_sha256, owner);
  if (existing) {
    if (item.attachment_id !== existing) await setItemAttachment(tx, item.id, existing);
    return { attachmentId: existing, created: false };
  }
  // The harvester records the file size with the item's fields; a caller may pass it too.
  const size =
    input.sizeBytes ??
    Number(
      (await tx.query<{ n: string | null }>("SELECT extracted->>'sizeBytes' AS n FROM disclosure_item WHERE id = $1", [item.id])).rows[0]
        ?.n ?? 0,
    );
  const id = await insertAttachment(tx, {
    sha256: item.content_sha256,
    sizeBytes: size,
    mediaType: item.media_type ?? "application/octet-stream",
    fileName: item.file_name ?? item.title,
    kind: item.kind,
    classification: "public",
    disclosureType: item.disclosure_type,
    storageKey: item.storage_key,
    batchId: item.batch_id,
    approvalDocId: input.approvalDocId,
    divisionCode: item.division_code ?? "",
    createdBy: input.actor,
  });
  await setItemAttachment(tx, item.id, id);
  await appendAudit(tx, {
    actor: input.actor,
    divisionCode: item.division_code,
    action: "attachment.store",
    entity: "attachment",
    entityId: id,
    detail: { sha256: item.content_sha256, kind: item.kind, fileName: item.file_name, itemId: item.id, approvalDocId: input.approvalDocId },
  });
  return { attachmentId: id, created: true };
}
