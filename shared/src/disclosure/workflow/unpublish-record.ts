/**
 * Use case: withdraw (撤回) a published or confirmed record with a reason: it leaves the public
 * portal at once (the search entry goes in the same transaction) and must be confirmed and
 * published again through the whole flow. published_on keeps the date it was first published.
 */
import { z } from "zod";
import type { Db, Queryable } from "../../db/types.ts";
import { appendAudit } from "../../security/audit.ts";
import type { RequestMeta } from "../../security/policies/enforce.ts";
import {
  afterCommit,
  afterStatusChange,
  authorizeRow,
  parseInput,
  reasonSchema,
  recordNotFound,
  type SearchMirrorDeps,
  userSchema,
  wrongState,
} from "./common.ts";
import { readRecord, recordIdForApproval, updateRecord } from "./repository.ts";

const schema = z.object({ recordId: z.uuid(), user: userSchema, reason: reasonSchema });
export type UnpublishRecordOptions = z.input<typeof schema>;

export async function unpublishRecord(
  db: Db,
  options: UnpublishRecordOptions,
  meta: RequestMeta = {},
  deps: SearchMirrorDeps = {},
): Promise<{ status: "withdrawn" }> {
  const o = parseInput("unpublishRecord", schema, options);
  const pre = await readRecord(db, o.recordId);
  if (!pre) throw recordNotFound(o.recordId);
  await authorizeRow(db, o.user, "transition", pre.division_code, meta);
  const result = await db.transaction(async (tx) => {
    const r = await readRecord(tx, o.recordId, true);
    if (!r) throw recordNotFound(o.recordId);
    if (r.status !== "published" && r.status !== "confirmed") throw wrongState(r.title, r.status, "只有已确认或已发布的记录可以撤回");
    await updateRecord(tx, r.id, { status: "withdrawn", flow_level: null, withdrawn_reason: o.reason });
    await appendAudit(tx, {
      actor: o.user.username,
      roles: o.user.roles,
      divisionCode: r.division_code,
      action: "disclosure.unpublish",
      entity: "disclosure_record",
      entityId: r.id,
      ip: meta.ip ?? null,
      detail: { from: r.status, to: "withdrawn", reason: o.reason, docNumber: r.doc_number },
    });
    await afterStatusChange(tx, r.id);
    return { status: "withdrawn" as const };
  });
  await afterCommit(db, deps);
  return result;
}

const approvalSchema = z.object({ approvalDocId: z.uuid(), reason: reasonSchema, actor: z.string().min(1).max(64) });

/**
 * For the 撤回/失效 of an approval (the lead's flow), inside its transaction: the record of that
 * 批准文件 is UNPUBLISHED, whatever its status — set to 已撤回 with the reason, so the public no
 * longer sees an approval that is no longer in force, and the clerks see why in the queue. A record
 * already withdrawn only gets the new reason. No record (nothing harvested yet): nothing happens.
 */
export async function unpublishForApproval(
  tx: Queryable,
  approvalDocId: string,
  reason: string,
  actor: string,
): Promise<{ recordId: string | null; previousStatus: string | null; changed: boolean }> {
  const o = parseInput("unpublishForApproval", approvalSchema, { approvalDocId, reason, actor });
  const id = await recordIdForApproval(tx, o.approvalDocId);
  if (!id) return { recordId: null, previousStatus: null, changed: false };
  const r = await readRecord(tx, id, true);
  if (!r) return { recordId: null, previousStatus: null, changed: false };
  const changed = r.status !== "withdrawn";
  await updateRecord(tx, r.id, { status: "withdrawn", flow_level: null, withdrawn_reason: o.reason });
  await appendAudit(tx, {
    actor: o.actor,
    divisionCode: r.division_code,
    action: "disclosure.unpublish",
    entity: "disclosure_record",
    entityId: r.id,
    detail: { from: r.status, to: "withdrawn", reason: o.reason, cause: "approval", approvalDocId: o.approvalDocId },
  });
  if (changed) await afterStatusChange(tx, r.id);
  return { recordId: r.id, previousStatus: r.status, changed };
}
