/**
 * Use cases of the unmatched-items queue: attach an item the harvester could not bundle to a record
 * by hand, or ignore it (not part of any disclosure). Attaching changes the record's material, so a
 * confirmed record returns to 待确认 and a published one must be withdrawn first.
 */
import { z } from "zod";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { appendAudit } from "../../security/audit.ts";
import type { RequestMeta } from "../../security/policies/enforce.ts";
import { attachItem, detachItem } from "../records/attach-item.ts";
import { authorizeRow, parseInput, recordNotFound, userSchema } from "./common.ts";
import { readItem, readRecord } from "./repository.ts";
import { assertEditable, reopenIfConfirmed } from "./rework.ts";

const itemNotFound = (id: string) =>
  new AppError("NOT_FOUND", `disclosure item ${id} not found`, { messageZh: `公开材料不存在：${id}`, location: { field: "itemId" } });

const notUnmatched = (title: string, status: string) =>
  new AppError("WRONG_STATE", `item is ${status}`, {
    messageZh: `材料“${title}”${status === "matched" ? "已归集" : "已忽略"}，不在待归集队列中`,
    location: { field: "itemId" },
    details: { matchStatus: status },
  });

const attachSchema = z.object({ itemId: z.uuid(), recordId: z.uuid(), user: userSchema });
export type AttachUnmatchedItemOptions = z.input<typeof attachSchema>;

export async function attachUnmatchedItem(
  db: Db,
  options: AttachUnmatchedItemOptions,
  meta: RequestMeta = {},
): Promise<{ itemId: string; recordId: string }> {
  const o = parseInput("attachUnmatchedItem", attachSchema, options);
  const [item, record] = [await readItem(db, o.itemId), await readRecord(db, o.recordId)];
  if (!item) throw itemNotFound(o.itemId);
  if (!record) throw recordNotFound(o.recordId);
  await authorizeRow(db, o.user, "update", item.division_code, meta);
  await authorizeRow(db, o.user, "update", record.division_code, meta);
  return db.transaction(async (tx) => {
    const i = await readItem(tx, o.itemId, true);
    const r = await readRecord(tx, o.recordId, true);
    if (!i) throw itemNotFound(o.itemId);
    if (!r) throw recordNotFound(o.recordId);
    if (i.match_status !== "unmatched") throw notUnmatched(i.title, i.match_status);
    assertEditable(r);
    // The records module files it (batch, 区县, the record's stage) and audits the item's move.
    await attachItem(tx, { itemId: i.id, recordId: r.id, actor: o.user.username });
    await appendAudit(tx, {
      actor: o.user.username,
      roles: o.user.roles,
      divisionCode: r.division_code,
      action: "disclosure.attach_item",
      entity: "disclosure_record",
      entityId: r.id,
      ip: meta.ip ?? null,
      detail: { itemId: i.id, title: i.title, source: i.source_id, sourceKey: i.source_key, docNumber: i.doc_number },
    });
    await reopenIfConfirmed(tx, r, o.user, "attach_item");
    return { itemId: i.id, recordId: r.id };
  });
}

const ignoreSchema = z.object({ itemId: z.uuid(), user: userSchema, reason: z.string().trim().min(2).max(2000) });
export type IgnoreUnmatchedItemOptions = z.input<typeof ignoreSchema>;

export async function ignoreUnmatchedItem(
  db: Db,
  options: IgnoreUnmatchedItemOptions,
  meta: RequestMeta = {},
): Promise<{ itemId: string }> {
  const o = parseInput("ignoreUnmatchedItem", ignoreSchema, options);
  const item = await readItem(db, o.itemId);
  if (!item) throw itemNotFound(o.itemId);
  await authorizeRow(db, o.user, "update", item.division_code, meta);
  return db.transaction(async (tx) => {
    const i = await readItem(tx, o.itemId, true);
    if (!i) throw itemNotFound(o.itemId);
    if (i.match_status !== "unmatched") throw notUnmatched(i.title, i.match_status);
    await detachItem(tx, { itemId: i.id, status: "ignored", actor: o.user.username, reason: o.reason.slice(0, 500) });
    await appendAudit(tx, {
      actor: o.user.username,
      roles: o.user.roles,
      divisionCode: i.division_code,
      action: "disclosure.ignore_item",
      entity: "disclosure_item",
      entityId: i.id,
      ip: meta.ip ?? null,
      detail: { title: i.title, source: i.source_id, sourceKey: i.source_key, reason: o.reason },
    });
    return { itemId: i.id };
  });
}
