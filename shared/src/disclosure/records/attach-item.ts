/**
 * Use cases on the materials of a record, inside the caller's transaction:
 * - `saveItem`: registers one collected or uploaded material (its file already stored as an
 *   `attachment`), keyed by (source, key) so saving the same material twice updates one row;
 * - `attachItem`: bundles an item into a record (matched) and moves the record's stage to its
 *   latest material; `detachItem` puts it back in the review queue (unmatched) or ignores it.
 * Each write is audited in the same transaction.
 */
import { z } from "zod";
import { parseInput } from "../../approval/common.ts";
import type { Queryable } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import { DISCLOSURE_TYPES, DOCUMENT_KINDS } from "../../standard/codes/index.ts";
import { archiveItemFile } from "./archive-item-file.ts";
import { lockItem, lockRecord, recordStages, setItemMatch, setRecordStage, upsertItemRow } from "./repository.ts";
import { DISCLOSURE_STAGES, disclosureTypeOfKind, latestStage, stageOfKind } from "./stages.ts";

const codes = <T extends { code: string }>(list: readonly T[]) => list.map((e) => e.code) as [string, ...string[]];
const actor = z.string().min(1).max(64);

const saveSchema = z.object({
  sourceId: z.string().min(1).max(40),
  sourceKey: z.string().min(1).max(500),
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  attachmentId: z.uuid().nullable().default(null),
  title: z.string().trim().min(1).max(300),
  kind: z.enum(codes(DOCUMENT_KINDS)).nullable().default(null),
  /** Default: the kind's stage. */
  stage: z.enum(DISCLOSURE_STAGES).nullable().optional(),
  /** Default: the kind's default 公开类型 (on_request when the kind is unknown). */
  disclosureType: z.enum(codes(DISCLOSURE_TYPES)).optional(),
  docNumber: z.string().max(60).nullable().default(null),
  pages: z.number().int().min(0).nullable().default(null),
  text: z.string().nullable().default(null),
  extracted: z.record(z.string(), z.unknown()).default({}),
  confidence: z.number().min(0).max(1).nullable().default(null),
  runId: z.number().int().positive().nullable().default(null),
  batchId: z.uuid().nullable().default(null),
  /** The owner's division; an item not yet bundled takes its source's (the city's for a city-wide source). */
  divisionCode: z.string().regex(/^[0-9]{6,12}$/),
  /** The source's version marker (update time, ETag …): unchanged marker → not downloaded again. */
  sourceVersion: z.string().max(200).nullable().default(null),
  storageKey: z.string().max(255).nullable().default(null),
  fileName: z.string().max(255).nullable().default(null),
  mediaType: z.string().max(100).nullable().default(null),
  actor,
});

export type SaveItemInput = z.input<typeof saveSchema>;

export async function saveItem(tx: Queryable, input: SaveItemInput): Promise<{ id: string; inserted: boolean }> {
  const o = parseInput("saveItem", saveSchema, input);
  const stage = o.stage === undefined ? stageOfKind(o.kind) : o.stage;
  const disclosureType = o.disclosureType ?? disclosureTypeOfKind(o.kind);
  const saved = await upsertItemRow(tx, {
    attachmentId: o.attachmentId,
    sourceId: o.sourceId,
    sourceKey: o.sourceKey,
    contentSha256: o.contentSha256,
    title: o.title,
    kind: o.kind,
    stage,
    disclosureType,
    docNumber: o.docNumber,
    pages: o.pages,
    text: o.text,
    extracted: o.extracted,
    confidence: o.confidence,
    runId: o.runId,
    batchId: o.batchId,
    divisionCode: o.divisionCode,
    sourceVersion: o.sourceVersion,
    storageKey: o.storageKey,
    fileName: o.fileName,
    mediaType: o.mediaType,
  });
  await appendAudit(tx, {
    actor: o.actor,
    divisionCode: o.divisionCode,
    action: saved.inserted ? "disclosure.item.create" : "disclosure.item.update",
    entity: "disclosure_item",
    entityId: saved.id,
    detail: { sourceId: o.sourceId, sourceKey: o.sourceKey, sha256: o.contentSha256, kind: o.kind, stage, runId: o.runId },
  });
  return saved;
}

const attachSchema = z.object({ itemId: z.uuid(), recordId: z.uuid(), actor });

async function restage(tx: Queryable, recordId: string): Promise<string | null> {
  const stage = latestStage(await recordStages(tx, recordId));
  await setRecordStage(tx, recordId, stage);
  return stage;
}

export async function attachItem(
  tx: Queryable,
  input: z.input<typeof attachSchema>,
): Promise<{ itemId: string; recordId: string; stage: string | null }> {
  const o = parseInput("attachItem", attachSchema, input);
  const record = await lockRecord(tx, o.recordId);
  if (!record) {
    throw new AppError("NOT_FOUND", `disclosure record ${o.recordId} not found`, {
      messageZh: "公开记录不存在",
      location: { field: "recordId" },
    });
  }
  const item = await lockItem(tx, o.itemId);
  if (!item) {
    throw new AppError("NOT_FOUND", `disclosure item ${o.itemId} not found`, {
      messageZh: "公开材料不存在",
      location: { field: "itemId" },
    });
  }
  const previous = item.record_id;
  await setItemMatch(tx, item.id, {
    recordId: record.id,
    matchStatus: "matched",
    batchId: record.batch_id,
    divisionCode: record.division_code,
  });
  const stage = await restage(tx, record.id);
  if (previous && previous !== record.id) await restage(tx, previous);
  // A harvested file bundled by hand (from the review queue) joins the record's archive like one bundled automatically.
  if (!item.attachment_id && item.storage_key && item.kind) {
    await archiveItemFile(tx, { itemId: item.id, approvalDocId: record.approval_doc_id, actor: o.actor });
  }
  await appendAudit(tx, {
    actor: o.actor,
    divisionCode: record.division_code,
    action: "disclosure.item.attach",
    entity: "disclosure_item",
    entityId: item.id,
    detail: { recordId: record.id, previousRecordId: previous, stage },
  });
  return { itemId: item.id, recordId: record.id, stage };
}

const detachSchema = z.object({
  itemId: z.uuid(),
  status: z.enum(["unmatched", "ignored"]),
  actor,
  reason: z.string().max(500).optional(),
});

export async function detachItem(tx: Queryable, input: z.input<typeof detachSchema>): Promise<void> {
  const o = parseInput("detachItem", detachSchema, input);
  const item = await lockItem(tx, o.itemId);
  if (!item) {
    throw new AppError("NOT_FOUND", `disclosure item ${o.itemId} not found`, {
      messageZh: "公开材料不存在",
      location: { field: "itemId" },
    });
  }
  await tx.query("UPDATE disclosure_item SET record_id = NULL, match_status = $2, updated_at = now() WHERE id = $1", [item.id, o.status]);
  if (item.record_id) await restage(tx, item.record_id);
  await appendAudit(tx, {
    actor: o.actor,
    divisionCode: item.division_code,
    action: "disclosure.item.detach",
    entity: "disclosure_item",
    entityId: item.id,
    detail: { recordId: item.record_id, status: o.status, reason: o.reason ?? null },
  });
}
