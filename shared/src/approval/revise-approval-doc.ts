/**
 * Use case: change an approved record — an approval document (批文) — only by a new version. The
 * previous state goes into record_version (who, when, why; version = the one being replaced) and
 * approval_doc.version is incremented, in the same transaction as the change and its audit event.
 * A trigger (migration 20261127130000) refuses any UPDATE of approval_doc that skips this, and
 * record_version itself is append-only. Used by transitionBatch (expiry) and for corrections
 * and withdrawals of a 批文.
 */
import { z } from "zod";
import type { Db, Queryable } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { APPROVAL_AUTHORITIES } from "../standard/codes/index.ts";
import { actorSchema, DOC_NUMBER_PATTERN, isoDate, isoInstant, notFound, parseInput } from "./common.ts";
import { insertRecordVersion, lockApprovalDoc, updateApprovalDoc } from "./repository.ts";

export const APPROVAL_DOC_ENTITY = "approval_doc";

export interface ApprovalDocChanges {
  docNumber?: string | undefined;
  title?: string | undefined;
  authority?: string | undefined;
  approvedOn?: string | undefined;
  approvedAreaHa?: number | undefined;
  /** 效力状态: only from 有效 to 已撤回 / 已失效. */
  status?: "withdrawn" | "expired" | undefined;
}

export interface RevisionResult {
  approvalDocId: string;
  /** The new current version. */
  version: number;
  /** Fields that changed: name → [before, after]. */
  changed: Record<string, [unknown, unknown]>;
}

/** The revision inside an open transaction (also used by transitionBatch). The caller audits. */
export async function applyApprovalDocRevision(
  tx: Queryable,
  approvalDocId: string,
  changes: ApprovalDocChanges,
  by: { actor: string; reason: string; at?: string | null | undefined },
): Promise<RevisionResult> {
  const cur = await lockApprovalDoc(tx, approvalDocId);
  if (!cur) throw notFound("approval document", "批准文件", approvalDocId, "approvalDocId");
  if (changes.status && cur.status !== "valid") {
    throw new AppError("CONFLICT", `approval document ${cur.doc_number} is ${cur.status}`, {
      messageZh: `批准文件 ${cur.doc_number} 已不是有效状态（${cur.status}），不能再变更效力状态`,
      location: { field: "status" },
    });
  }
  const next = {
    docNumber: changes.docNumber ?? cur.doc_number,
    title: changes.title ?? cur.title,
    authority: changes.authority ?? cur.authority,
    approvedOn: changes.approvedOn ?? cur.approved_on,
    approvedAreaHa: changes.approvedAreaHa !== undefined ? changes.approvedAreaHa.toFixed(4) : cur.approved_area_ha,
    status: changes.status ?? cur.status,
  };
  const before: Record<string, unknown> = {
    docNumber: cur.doc_number,
    title: cur.title,
    authority: cur.authority,
    approvedOn: cur.approved_on,
    approvedAreaHa: cur.approved_area_ha,
    status: cur.status,
  };
  const changed: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(next)) if (before[k] !== v) changed[k] = [before[k], v];
  if (Object.keys(changed).length === 0) return { approvalDocId, version: cur.version, changed };
  await insertRecordVersion(tx, {
    entity: APPROVAL_DOC_ENTITY,
    entityId: approvalDocId,
    version: cur.version,
    data: cur.data,
    changedBy: by.actor,
    reason: by.reason,
    at: by.at ?? null,
  });
  await updateApprovalDoc(tx, approvalDocId, { ...next, version: cur.version + 1 });
  return { approvalDocId, version: cur.version + 1, changed };
}

const schema = z.object({
  approvalDocId: z.uuid(),
  docNumber: z.string().regex(DOC_NUMBER_PATTERN, "批准文号格式应为“机关代字〔年份〕序号号”").optional(),
  title: z.string().trim().min(4).max(300).optional(),
  authority: z.enum(APPROVAL_AUTHORITIES.map((a) => a.code) as [string, ...string[]]).optional(),
  approvedOn: isoDate.optional(),
  approvedAreaHa: z.number().positive().max(1e7).optional(),
  status: z.enum(["withdrawn", "expired"]).optional(),
  /** Why the approved record changes (kept with the old version). */
  reason: z.string().trim().min(2, "请填写变更原因").max(2000),
  actor: actorSchema,
  at: isoInstant.optional(),
});

export type ReviseApprovalDocOptions = z.input<typeof schema>;

export async function reviseApprovalDoc(db: Db, options: ReviseApprovalDocOptions): Promise<RevisionResult> {
  const o = parseInput("reviseApprovalDoc", schema, options);
  const { approvalDocId, reason, actor, at, ...changes } = o;
  return db.transaction(async (tx) => {
    const result = await applyApprovalDocRevision(tx, approvalDocId, changes, { actor, reason, at });
    if (Object.keys(result.changed).length === 0) return result;
    const doc = await lockApprovalDoc(tx, approvalDocId);
    await appendAudit(tx, {
      actor,
      divisionCode: doc?.division_code ?? null,
      action: "approval.revise",
      entity: APPROVAL_DOC_ENTITY,
      entityId: approvalDocId,
      detail: { docNumber: doc?.doc_number ?? null, version: result.version, changed: result.changed, reason, at: at ?? null },
    });
    return result;
  });
}
